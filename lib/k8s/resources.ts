import type { SnapshotKind } from '../snapshot/records';

/** Where each kind lives in the API. */
export interface ResourceInfo {
  kind: SnapshotKind;
  /** Plural resource name, as RBAC and error messages name it. */
  resource: string;
  /** `/api/v1` or `/apis/<group>/<version>`. */
  prefix: string;
  namespaced: boolean;
}

export const RESOURCES: Record<SnapshotKind, ResourceInfo> = {
  Namespace: { kind: 'Namespace', resource: 'namespaces', prefix: '/api/v1', namespaced: false },
  Node: { kind: 'Node', resource: 'nodes', prefix: '/api/v1', namespaced: false },
  Pod: { kind: 'Pod', resource: 'pods', prefix: '/api/v1', namespaced: true },
  Service: { kind: 'Service', resource: 'services', prefix: '/api/v1', namespaced: true },
  EndpointSlice: { kind: 'EndpointSlice', resource: 'endpointslices', prefix: '/apis/discovery.k8s.io/v1', namespaced: true },
  Ingress: { kind: 'Ingress', resource: 'ingresses', prefix: '/apis/networking.k8s.io/v1', namespaced: true },
  IngressClass: { kind: 'IngressClass', resource: 'ingressclasses', prefix: '/apis/networking.k8s.io/v1', namespaced: false },
  NetworkPolicy: { kind: 'NetworkPolicy', resource: 'networkpolicies', prefix: '/apis/networking.k8s.io/v1', namespaced: true },
};

/** Collection path, cluster-wide or in one namespace. */
export function collectionPath(r: ResourceInfo, namespace?: string): string {
  return namespace && r.namespaced ? `${r.prefix}/namespaces/${encodeURIComponent(namespace)}/${r.resource}` : `${r.prefix}/${r.resource}`;
}
