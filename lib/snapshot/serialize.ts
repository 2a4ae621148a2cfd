/**
 * Writes kubepath's own snapshot file: a `v1 List` of minimal, API-shaped objects plus the `kubepath`
 * metadata block, built from the slim records only (never from raw objects, quality-and-scale.md §1.6
 * "JSON export and snapshot import use the same projected records").
 *
 * Contract: `parseSnapshot(serializeSnapshot(s)).snapshot` deep-equals `s`, except `meta.source`, which
 * reads back as `'snapshot'`, and the order of records within a kind (written sorted, see below).
 *
 * What is written:
 * - exactly the fields the records hold, in the places the projection (project.ts) reads them from;
 *   the only annotations ever written are `kubernetes.io/ingress.class` (Ingress class from the
 *   annotation) and `ingressclass.kubernetes.io/is-default-class` (IngressClass isDefault);
 * - API defaults the projection fills in are left out when the record holds the default (Service
 *   `externalTrafficPolicy`/`internalTrafficPolicy` Cluster, `sessionAffinity` None, a `""` port name),
 *   so the objects stay valid for their type (the API rejects `externalTrafficPolicy` on a ClusterIP
 *   Service, for instance);
 * - a few constants the API requires but the records deliberately do not hold, none of them cluster
 *   data: `PLACEHOLDER_IMAGE` for every container, one container `PLACEHOLDER_CONTAINER` for a pod that
 *   declares no ports, an owner reference `apiVersion` derived from its kind (`ownerApiVersion`), and a
 *   pod's `deletionTimestamp` (the record only knows "terminating": the snapshot's `takenAt` is used,
 *   or `EPOCH` when it has none or it is not an RFC 3339 UTC time).
 *
 * Determinism: items are in kind order (Namespace, Node, Pod, Service, EndpointSlice, Ingress,
 * IngressClass, NetworkPolicy), within a kind by namespace, then name, then uid (UTF-16 code-unit
 * order, locale-independent); map keys (labels, selectors) are sorted; one item per line.
 *
 * Known limits of the round trip (none arises from projected input): a pod's ports come back grouped
 * by container in first-appearance order, so hand-built records whose containers interleave come back
 * regrouped; record values the projection would have normalised (an upper-case Ingress host, a numeric
 * string targetPort, an empty container port name, …) come back normalised.
 */
import { fieldOf } from './stream';
import {
  SNAPSHOT_KINDS,
  type ClusterSnapshot,
  type ContainerPortRecord,
  type EndpointSliceRecord,
  type IngressBackendRecord,
  type IngressClassRecord,
  type IngressRecord,
  type LabelSelector,
  type Labels,
  type LoadBalancerIngressRecord,
  type NamespaceRecord,
  type NetworkPolicyPeerRecord,
  type NetworkPolicyRecord,
  type NetworkPolicyRuleRecord,
  type NodeRecord,
  type OwnerRef,
  type PodRecord,
  type ServiceRecord,
  type SnapshotKind,
  type SnapshotMeta,
} from './records';

/** The snapshot file format version written into the `kubepath` block (parse.ts reads format 1). */
export const SNAPSHOT_FORMAT = 1;

/** Image of every written container: the API requires one, the records never hold images (§1.5). */
export const PLACEHOLDER_IMAGE = 'kubepath.invalid/placeholder';

/** Name of the one container written for a pod that declares no ports (the API requires a container). */
export const PLACEHOLDER_CONTAINER = 'main';

/** `deletionTimestamp` of a terminating pod when the snapshot has no usable `takenAt`. */
export const EPOCH = '1970-01-01T00:00:00Z';

/** Annotation keys the serializer may write; no other annotation ever appears in its output. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** `apiVersion` of each kind a snapshot holds. */
export const API_VERSIONS: { readonly [K in SnapshotKind]: string } = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

/** The record type of each kind. */
export interface RecordOfKind {
  Namespace: NamespaceRecord;
  Node: NodeRecord;
  Pod: PodRecord;
  Service: ServiceRecord;
  EndpointSlice: EndpointSliceRecord;
  Ingress: IngressRecord;
  IngressClass: IngressClassRecord;
  NetworkPolicy: NetworkPolicyRecord;
}

/** A JSON object as written (only JSON values inside). */
export type ApiObject = { [key: string]: unknown };


/** Owner kinds whose API group is known; an owner reference needs an `apiVersion` the record lacks. */
const OWNER_API_VERSIONS: Readonly<Record<string, string>> = {
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Deployment: 'apps/v1',
  ControllerRevision: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Node: 'v1',
  ReplicationController: 'v1',
  Pod: 'v1',
  Service: 'v1',
};

/** Group of owner kinds kubepath cannot name (custom controllers); `.invalid` so it never resolves. */
const UNKNOWN_OWNER_API_VERSION = 'unknown.kubepath.invalid/v1';

/** The `apiVersion` written for an owner reference of the given kind. */
export function ownerApiVersion(kind: string): string {
  return Object.prototype.hasOwnProperty.call(OWNER_API_VERSIONS, kind) ? (OWNER_API_VERSIONS[kind] as string) : UNKNOWN_OWNER_API_VERSION;
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The `deletionTimestamp` written for a terminating pod (the record holds only a boolean). */
export function deletionTimestampFor(meta: SnapshotMeta): string {
  return meta.takenAt !== undefined && RFC3339_UTC.test(meta.takenAt) ? meta.takenAt : EPOCH;
}

// ── small builders ─────────────────────────────────────────────────────────────────────────────────

/** A copy with sorted keys and a null prototype: deterministic, and a key `__proto__` stays a key. */
function sortedMap(m: Labels): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const k of Object.keys(m).sort()) out[k] = m[k] as string;
  return out;
}

const isEmptyMap = (m: Labels): boolean => Object.keys(m).length === 0;

function metadata(
  r: { name: string; namespace?: string; uid: string; labels?: Labels; createdAt?: string },
  extra: ApiObject = {},
): ApiObject {
  return {
    name: r.name,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    uid: r.uid,
    ...(r.createdAt !== undefined ? { creationTimestamp: r.createdAt } : {}),
    ...(r.labels !== undefined && !isEmptyMap(r.labels) ? { labels: sortedMap(r.labels) } : {}),
    ...extra,
  };
}

function head(kind: SnapshotKind, meta: ApiObject): ApiObject {
  return { apiVersion: API_VERSIONS[kind], kind, metadata: meta };
}

/** `metav1.LabelSelector`; `{}` when it selects everything (the projection reads both parts as empty). */
function labelSelector(s: LabelSelector): ApiObject {
  return {
    ...(!isEmptyMap(s.matchLabels) ? { matchLabels: sortedMap(s.matchLabels) } : {}),
    ...(s.matchExpressions.length > 0
      ? {
          matchExpressions: s.matchExpressions.map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values.length > 0 ? { values: [...e.values] } : {}),
          })),
        }
      : {}),
  };
}

function lbStatus(ingress: readonly LoadBalancerIngressRecord[]): ApiObject | undefined {
  if (ingress.length === 0) return undefined;
  return {
    loadBalancer: {
      ingress: ingress.map((e) => ({
        ...(e.ip !== undefined ? { ip: e.ip } : {}),
        ...(e.hostname !== undefined ? { hostname: e.hostname } : {}),
        ...(e.ipMode !== undefined ? { ipMode: e.ipMode } : {}),
        ...(e.ports.length > 0
          ? { ports: e.ports.map((p) => ({ port: p.port, protocol: p.protocol, ...(p.error !== undefined ? { error: p.error } : {}) })) }
          : {}),
      })),
    },
  };
}

// ── one function per kind ──────────────────────────────────────────────────────────────────────────

function namespaceObject(r: NamespaceRecord): ApiObject {
  return head('Namespace', metadata({ name: r.name, uid: r.uid, labels: r.labels }));
}

function nodeObject(r: NodeRecord): ApiObject {
  const spec: ApiObject = {
    ...(r.podCIDRs.length > 0 ? { podCIDR: r.podCIDRs[0], podCIDRs: [...r.podCIDRs] } : {}),
    ...(r.unschedulable ? { unschedulable: true } : {}),
  };
  const status: ApiObject = {
    ...(r.addresses.length > 0 ? { addresses: r.addresses.map((a) => ({ type: a.type, address: a.address })) } : {}),
    ...(r.ready !== null ? { conditions: [{ type: 'Ready', status: r.ready ? 'True' : 'False' }] } : {}),
  };
  return {
    ...head('Node', metadata({ name: r.name, uid: r.uid, labels: r.labels })),
    ...(Object.keys(spec).length > 0 ? { spec } : {}),
    ...(Object.keys(status).length > 0 ? { status } : {}),
  };
}

function ownerReference(o: OwnerRef): ApiObject {
  return {
    apiVersion: ownerApiVersion(o.kind),
    kind: o.kind,
    name: o.name,
    ...(o.uid !== '' ? { uid: o.uid } : {}),
    controller: true,
  };
}

/** Container ports grouped back per container, containers in first-appearance order. */
function containers(ports: readonly ContainerPortRecord[]): ApiObject[] {
  const byContainer = new Map<string, ApiObject[]>();
  for (const p of ports) {
    let list = byContainer.get(p.container);
    if (!list) byContainer.set(p.container, (list = []));
    list.push({
      ...(p.name !== undefined ? { name: p.name } : {}),
      containerPort: p.containerPort,
      protocol: p.protocol,
      ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
      ...(p.hostIP !== undefined ? { hostIP: p.hostIP } : {}),
    });
  }
  if (byContainer.size === 0) return [{ name: PLACEHOLDER_CONTAINER, image: PLACEHOLDER_IMAGE }];
  return [...byContainer].map(([name, list]) => ({ name, image: PLACEHOLDER_IMAGE, ports: list }));
}

function podObject(r: PodRecord, meta: SnapshotMeta): ApiObject {
  const extra: ApiObject = {
    ...(r.terminating ? { deletionTimestamp: deletionTimestampFor(meta) } : {}),
    ...(r.owner ? { ownerReferences: [ownerReference(r.owner)] } : {}),
  };
  const ips = (list: readonly string[], one: string, many: string): ApiObject =>
    list.length > 0 ? { [one]: list[0], [many]: list.map((ip) => ({ ip })) } : {};
  return {
    ...head('Pod', metadata({ name: r.name, namespace: r.namespace, uid: r.uid, labels: r.labels }, extra)),
    spec: {
      ...(r.nodeName !== undefined ? { nodeName: r.nodeName } : {}),
      ...(r.hostNetwork ? { hostNetwork: true } : {}),
      dnsPolicy: r.dnsPolicy,
      ...(r.hostname !== undefined ? { hostname: r.hostname } : {}),
      ...(r.subdomain !== undefined ? { subdomain: r.subdomain } : {}),
      containers: containers(r.ports),
    },
    status: {
      phase: r.phase,
      conditions: [{ type: 'Ready', status: r.ready ? 'True' : 'False' }],
      ...ips(r.hostIPs, 'hostIP', 'hostIPs'),
      ...ips(r.podIPs, 'podIP', 'podIPs'),
    },
  };
}

function serviceObject(r: ServiceRecord): ApiObject {
  const clusterIPs = r.headless ? ['None'] : r.clusterIPs;
  const spec: ApiObject = {
    type: r.type,
    ...(r.selector !== null ? { selector: sortedMap(r.selector) } : {}),
    ...(clusterIPs.length > 0 ? { clusterIP: clusterIPs[0], clusterIPs: [...clusterIPs] } : {}),
    ...(r.ipFamilies.length > 0 ? { ipFamilies: [...r.ipFamilies] } : {}),
    ...(r.ipFamilyPolicy !== undefined ? { ipFamilyPolicy: r.ipFamilyPolicy } : {}),
    ...(r.ports.length > 0
      ? {
          ports: r.ports.map((p) => ({
            ...(p.name !== '' ? { name: p.name } : {}),
            protocol: p.protocol,
            ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
            port: p.port,
            targetPort: p.targetPort,
            ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
          })),
        }
      : {}),
    ...(r.externalName !== undefined ? { externalName: r.externalName } : {}),
    ...(r.externalIPs.length > 0 ? { externalIPs: [...r.externalIPs] } : {}),
    ...(r.externalTrafficPolicy !== 'Cluster' ? { externalTrafficPolicy: r.externalTrafficPolicy } : {}),
    ...(r.internalTrafficPolicy !== 'Cluster' ? { internalTrafficPolicy: r.internalTrafficPolicy } : {}),
    ...(r.healthCheckNodePort !== undefined ? { healthCheckNodePort: r.healthCheckNodePort } : {}),
    ...(r.sessionAffinity !== 'None' ? { sessionAffinity: r.sessionAffinity } : {}),
    ...(r.sessionAffinityTimeoutSeconds !== undefined
      ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: r.sessionAffinityTimeoutSeconds } } }
      : {}),
    ...(r.loadBalancerClass !== undefined ? { loadBalancerClass: r.loadBalancerClass } : {}),
    ...(r.loadBalancerIP !== undefined ? { loadBalancerIP: r.loadBalancerIP } : {}),
    ...(r.loadBalancerSourceRanges.length > 0 ? { loadBalancerSourceRanges: [...r.loadBalancerSourceRanges] } : {}),
    ...(r.allocateLoadBalancerNodePorts !== undefined ? { allocateLoadBalancerNodePorts: r.allocateLoadBalancerNodePorts } : {}),
    ...(r.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
  };
  const status = lbStatus(r.lbIngress);
  return {
    ...head('Service', metadata({ name: r.name, namespace: r.namespace, uid: r.uid, labels: r.labels, createdAt: r.createdAt })),
    spec,
    ...(status ? { status } : {}),
  };
}

function endpointSliceObject(r: EndpointSliceRecord): ApiObject {
  const labels: Record<string, string> = {};
  if (r.managedBy !== undefined) labels['endpointslice.kubernetes.io/managed-by'] = r.managedBy;
  if (r.serviceName !== undefined) labels['kubernetes.io/service-name'] = r.serviceName;
  return {
    ...head('EndpointSlice', metadata({ name: r.name, namespace: r.namespace, uid: r.uid, labels })),
    addressType: r.addressType,
    endpoints: r.endpoints.map((e) => {
      // nil conditions stay absent: the projection reads a missing condition as null (§4.2).
      const conditions: ApiObject = {
        ...(e.ready !== null ? { ready: e.ready } : {}),
        ...(e.serving !== null ? { serving: e.serving } : {}),
        ...(e.terminating !== null ? { terminating: e.terminating } : {}),
      };
      const hints: ApiObject = {
        ...(e.hintsForNodes !== undefined ? { forNodes: e.hintsForNodes.map((name) => ({ name })) } : {}),
        ...(e.hintsForZones !== undefined ? { forZones: e.hintsForZones.map((name) => ({ name })) } : {}),
      };
      const t = e.targetRef;
      return {
        addresses: [...e.addresses],
        ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
        ...(e.hostname !== undefined ? { hostname: e.hostname } : {}),
        ...(t
          ? {
              targetRef: {
                kind: t.kind,
                ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
                name: t.name,
                ...(t.uid !== undefined ? { uid: t.uid } : {}),
              },
            }
          : {}),
        ...(e.nodeName !== undefined ? { nodeName: e.nodeName } : {}),
        ...(e.zone !== undefined ? { zone: e.zone } : {}),
        ...(Object.keys(hints).length > 0 ? { hints } : {}),
      };
    }),
    ports: r.ports.map((p) => ({
      // null (nil) name and port stay absent; "" is written as "" (§4.1).
      ...(p.name !== null ? { name: p.name } : {}),
      ...(p.port !== null ? { port: p.port } : {}),
      protocol: p.protocol,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    })),
  };
}

function ingressBackend(b: IngressBackendRecord): ApiObject {
  if (b.service) {
    const port = b.service.port;
    return {
      service: {
        name: b.service.name,
        port: { ...(port.name !== undefined ? { name: port.name } : {}), ...(port.number !== undefined ? { number: port.number } : {}) },
      },
    };
  }
  if (b.resource) {
    const r = b.resource;
    return { resource: { ...(r.apiGroup !== undefined ? { apiGroup: r.apiGroup } : {}), kind: r.kind, name: r.name } };
  }
  return {};
}

function ingressObject(r: IngressRecord): ApiObject {
  const annotations = r.classSource === 'annotation' && r.className !== undefined ? { annotations: { [INGRESS_CLASS_ANNOTATION]: r.className } } : {};
  const spec: ApiObject = {
    ...(r.classSource === 'spec' && r.className !== undefined ? { ingressClassName: r.className } : {}),
    ...(r.defaultBackend ? { defaultBackend: ingressBackend(r.defaultBackend) } : {}),
    ...(r.rules.length > 0
      ? {
          rules: r.rules.map((rule) => ({
            ...(rule.host !== undefined ? { host: rule.host } : {}),
            ...(rule.paths.length > 0
              ? { http: { paths: rule.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: ingressBackend(p.backend) })) } }
              : {}),
          })),
        }
      : {}),
    ...(r.tls.length > 0
      ? {
          tls: r.tls.map((t) => ({
            ...(t.hosts.length > 0 ? { hosts: [...t.hosts] } : {}),
            ...(t.secretName !== undefined ? { secretName: t.secretName } : {}),
          })),
        }
      : {}),
  };
  const status = lbStatus(r.lbIngress);
  return {
    ...head('Ingress', metadata({ name: r.name, namespace: r.namespace, uid: r.uid }, annotations)),
    spec,
    ...(status ? { status } : {}),
  };
}

function ingressClassObject(r: IngressClassRecord): ApiObject {
  const annotations = r.isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {};
  const p = r.parameters;
  return {
    ...head('IngressClass', metadata({ name: r.name, uid: r.uid }, annotations)),
    spec: {
      ...(r.controller !== '' ? { controller: r.controller } : {}),
      ...(p
        ? {
            parameters: {
              ...(p.apiGroup !== undefined ? { apiGroup: p.apiGroup } : {}),
              kind: p.kind,
              name: p.name,
              ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
              ...(p.scope !== undefined ? { scope: p.scope } : {}),
            },
          }
        : {}),
    },
  };
}

function policyPeer(p: NetworkPolicyPeerRecord): ApiObject {
  return {
    ...(p.podSelector ? { podSelector: labelSelector(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: labelSelector(p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length > 0 ? { except: [...p.ipBlock.except] } : {}) } } : {}),
  };
}

/** A rule; `null` peers or ports stay absent (match all), `[]` is written as `[]` (NP-3). */
function policyRule(r: NetworkPolicyRuleRecord, peerKey: 'from' | 'to'): ApiObject {
  return {
    ...(r.ports !== null
      ? {
          ports: r.ports.map((p) => ({
            protocol: p.protocol,
            ...(p.port !== undefined ? { port: p.port } : {}),
            ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
          })),
        }
      : {}),
    ...(r.peers !== null ? { [peerKey]: r.peers.map(policyPeer) } : {}),
  };
}

function networkPolicyObject(r: NetworkPolicyRecord): ApiObject {
  return {
    ...head('NetworkPolicy', metadata({ name: r.name, namespace: r.namespace, uid: r.uid, createdAt: r.createdAt })),
    spec: {
      podSelector: labelSelector(r.podSelector),
      ...(r.policyTypes.length > 0 ? { policyTypes: [...r.policyTypes] } : {}),
      ...(r.ingress.length > 0 ? { ingress: r.ingress.map((rule) => policyRule(rule, 'from')) } : {}),
      ...(r.egress.length > 0 ? { egress: r.egress.map((rule) => policyRule(rule, 'to')) } : {}),
    },
  };
}

// ── public API ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The API object for one record. `meta` is only read for a terminating pod's placeholder
 * `deletionTimestamp` (see `deletionTimestampFor`).
 */
export function toApiObject<K extends SnapshotKind>(kind: K, record: RecordOfKind[K], meta: SnapshotMeta = { source: 'snapshot' }): ApiObject {
  switch (kind) {
    case 'Namespace':
      return namespaceObject(record as NamespaceRecord);
    case 'Node':
      return nodeObject(record as NodeRecord);
    case 'Pod':
      return podObject(record as PodRecord, meta);
    case 'Service':
      return serviceObject(record as ServiceRecord);
    case 'EndpointSlice':
      return endpointSliceObject(record as EndpointSliceRecord);
    case 'Ingress':
      return ingressObject(record as IngressRecord);
    case 'IngressClass':
      return ingressClassObject(record as IngressClassRecord);
    case 'NetworkPolicy':
      return networkPolicyObject(record as NetworkPolicyRecord);
    default:
      throw new Error(`unknown kind ${String(kind)}`);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Order within a kind: namespace, then name, then uid (code-unit order, independent of locale). */
export function compareRecords(a: { namespace?: string; name: string; uid: string }, b: { namespace?: string; name: string; uid: string }): number {
  return cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name) || cmp(a.uid, b.uid);
}

/** The `kubepath` metadata block: format 1; `source` is not written (a file reads back as 'snapshot'). */
function metaBlock(meta: SnapshotMeta): ApiObject {
  const hasDemo = meta.title !== undefined || meta.description !== undefined;
  return {
    format: SNAPSHOT_FORMAT,
    ...(meta.takenAt !== undefined ? { takenAt: meta.takenAt } : {}),
    ...(meta.context !== undefined ? { context: meta.context } : {}),
    ...(meta.serverVersion !== undefined ? { serverVersion: meta.serverVersion } : {}),
    ...(hasDemo
      ? { demo: { ...(meta.title !== undefined ? { title: meta.title } : {}), ...(meta.description !== undefined ? { description: meta.description } : {}) } }
      : {}),
  };
}

/**
 * kubepath's snapshot file for a snapshot: a `v1 List` with the `kubepath` block, one item per line,
 * ending in a newline. Same snapshot (same records, in any order) → same bytes.
 */
export function serializeSnapshot(snapshot: ClusterSnapshot): string {
  const lines: string[] = [];
  for (const kind of SNAPSHOT_KINDS) {
    const records = [...(snapshot[fieldOf(kind)] as readonly RecordOfKind[typeof kind][])].sort(compareRecords);
    for (const r of records) lines.push(JSON.stringify(toApiObject(kind, r, snapshot.meta)));
  }
  const open = `{"apiVersion":"v1","kind":"List","kubepath":${JSON.stringify(metaBlock(snapshot.meta))},"items":[`;
  return lines.length === 0 ? `${open}]}\n` : `${open}\n${lines.join(',\n')}\n]}\n`;
}
