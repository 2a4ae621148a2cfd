/**
 * kubepath's own slim records for the Kubernetes objects the networking model needs.
 *
 * Every source (live cluster, snapshot file, embedded demo) produces these records and nothing else:
 * the projection allowlist is quality-and-scale.md §1.5. Annotations (except the few mapped to typed
 * fields), env, args, command, images, managedFields and everything else never reach a record.
 *
 * Maps keyed by cluster-provided strings (labels, selectors) never hold the keys `__proto__`,
 * `constructor` or `prototype` (projection rejects them) and are read with own-property checks only.
 */

/** L4 protocols a Service, container port or EndpointSlice port may carry. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** IP family names as the API spells them (`ServiceSpec.ipFamilies`, `EndpointSlice.addressType`). */
export type IPFamily = 'IPv4' | 'IPv6';

/** A label map or a Service selector: key → value; read it with own-property checks (lib/model/labels.ts). */
export type Labels = Readonly<Record<string, string>>;

/** `metav1.LabelSelector` as NetworkPolicy uses it. */
export interface LabelSelector {
  /** Exact key=value pairs; all must match. */
  matchLabels: Labels;
  /** Set-based requirements; all must match. */
  matchExpressions: readonly LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A controller reference (ReplicaSet, StatefulSet, DaemonSet, Job …) of a Pod. */
export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

/** `Node.status.addresses[]` entry. Only InternalIP/ExternalIP are ever used to build URLs (rule N-3). */
export interface NodeAddress {
  type: 'InternalIP' | 'ExternalIP' | 'Hostname' | 'InternalDNS' | 'ExternalDNS' | string;
  address: string;
}

export interface NodeRecord {
  uid: string;
  name: string;
  labels: Labels;
  /** `status.addresses` in API order; the first InternalIP of a family is the node's in-cluster address (N-1). */
  addresses: readonly NodeAddress[];
  /** `spec.podCIDRs` (falls back to `spec.podCIDR`): the ranges the CNI usually assigns this node's pod IPs from. */
  podCIDRs: readonly string[];
  /** The Ready condition: true, false, or null when the node reports none (Unknown counts as false). */
  ready: boolean | null;
  /** `spec.unschedulable` (cordoned). */
  unschedulable: boolean;
}

/** One `containers[].ports[]` entry of a Pod, with the container it belongs to. */
export interface ContainerPortRecord {
  /** Name of the container declaring the port. */
  container: string;
  /** Port name, used to resolve a Service's named `targetPort` (§4.4). */
  name?: string;
  containerPort: number;
  protocol: Protocol;
  /** `hostPort`: opens this port on the pod's node only (§3.8). */
  hostPort?: number;
  /** `hostIP`: the single node address the hostPort binds to; unset or 0.0.0.0 means all. */
  hostIP?: string;
}

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  labels: Labels;
  /** The controlling owner, if any (the ownerReference with `controller: true`, else the first). */
  owner?: OwnerRef;
  /** `spec.nodeName`: set once scheduled; a Pending pod may have it without a host IP (§1.2). */
  nodeName?: string;
  /** `spec.hostNetwork`: the pod shares its node's network namespace; its pod IPs are node addresses (§3.9). */
  hostNetwork: boolean;
  /** `status.phase`: Pending, Running, Succeeded, Failed or Unknown. */
  phase: string;
  /** The Ready condition is True. */
  ready: boolean;
  /** `metadata.deletionTimestamp` is set: the pod is terminating. */
  terminating: boolean;
  /** `status.podIPs` (falls back to `status.podIP`); empty means "not addressable yet" (P-2). */
  podIPs: readonly string[];
  /** `status.hostIPs` (falls back to `status.hostIP`): empty until the kubelet started the pod. */
  hostIPs: readonly string[];
  /** Declared container ports of all regular containers (informational, §2.2 "declared-ports assumption"). */
  ports: readonly ContainerPortRecord[];
  /** `spec.hostname`: with `spec.subdomain` equal to a headless Service name, gives a per-pod DNS name (§3.2). */
  hostname?: string;
  /** `spec.subdomain`. */
  subdomain?: string;
  /** `spec.dnsPolicy` (ClusterFirst when unset). */
  dnsPolicy: string;
}

/** `ServiceSpec.ports[]` entry. */
export interface ServicePortRecord {
  /** Port name; "" for the single unnamed port (multi-port Services must name every port). */
  name: string;
  protocol: Protocol;
  /** The port clients dial on the ClusterIP, external IPs and LB address. */
  port: number;
  /** The pod-side port: a number, or a container port name resolved per pod. Defaults to `port`. */
  targetPort: number | string;
  /** The port opened on every node (types NodePort and LoadBalancer). */
  nodePort?: number;
  /** `appProtocol`: decides http/https/ws URL schemes (U-2). */
  appProtocol?: string;
}

/** A `status.loadBalancer.ingress[]` entry of a Service or an Ingress. */
export interface LoadBalancerIngressRecord {
  ip?: string;
  hostname?: string;
  /** `ipMode`: VIP (unset) lets nodes short-circuit in-cluster traffic; Proxy sends it through the LB. */
  ipMode?: 'VIP' | 'Proxy';
  /** Per-port status, with the provider's error if any. */
  ports: readonly { port: number; protocol: Protocol; error?: string }[];
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServiceRecord {
  uid: string;
  namespace: string;
  name: string;
  labels: Labels;
  type: ServiceType;
  /**
   * `spec.selector`. `null` when absent; an empty map is kept as an empty map, and both mean
   * "no selector": endpoints are managed externally (§4.5). Never "all pods".
   */
  selector: Labels | null;
  /** `spec.clusterIPs` in `ipFamilies` order; empty for ExternalName and headless Services. */
  clusterIPs: readonly string[];
  /** `clusterIP: None`. */
  headless: boolean;
  /** `spec.ipFamilies`, primary first. */
  ipFamilies: readonly IPFamily[];
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  ports: readonly ServicePortRecord[];
  /** `spec.externalName` (type ExternalName): a DNS CNAME target. */
  externalName?: string;
  /** `spec.externalIPs`: admin-routed addresses (deprecated v1.36, §3.6). */
  externalIPs: readonly string[];
  /** Local: external traffic only to nodes with a ready local endpoint, client IP kept (§3.4). */
  externalTrafficPolicy: 'Cluster' | 'Local';
  /** Local: in-cluster clients only reach endpoints on their own node (F3-itp-local). */
  internalTrafficPolicy: 'Cluster' | 'Local';
  /** `spec.healthCheckNodePort` (LoadBalancer with ETP Local). */
  healthCheckNodePort?: number;
  sessionAffinity: 'None' | 'ClientIP';
  /** ClientIP affinity timeout; the API default is 10800 s. */
  sessionAffinityTimeoutSeconds?: number;
  loadBalancerClass?: string;
  /** `spec.loadBalancerIP`: deprecated since v1.24, provider-specific (M21). */
  loadBalancerIP?: string;
  loadBalancerSourceRanges: readonly string[];
  /** `spec.allocateLoadBalancerNodePorts` (default true for LoadBalancer). */
  allocateLoadBalancerNodePorts?: boolean;
  /** Endpoints are ready even when their pods are not (§4.2). */
  publishNotReadyAddresses: boolean;
  /** `status.loadBalancer.ingress`; empty while pending. */
  lbIngress: readonly LoadBalancerIngressRecord[];
  /** `metadata.creationTimestamp` (ISO), for the age of a pending LoadBalancer. */
  createdAt?: string;
}

/** `EndpointSlice.endpoints[]` entry. Conditions keep nil as `null` (§4.2 nil semantics). */
export interface EndpointRecord {
  /** The controller writes exactly one; only `addresses[0]` has defined meaning. */
  addresses: readonly string[];
  ready: boolean | null;
  serving: boolean | null;
  terminating: boolean | null;
  nodeName?: string;
  zone?: string;
  hostname?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
  hintsForNodes?: readonly string[];
  hintsForZones?: readonly string[];
}

/** `EndpointSlice.ports[]` entry. `name`/`port` keep nil as `null`: such entries never match (§4.1). */
export interface EndpointPortRecord {
  name: string | null;
  port: number | null;
  protocol: Protocol;
  appProtocol?: string;
}

export interface EndpointSliceRecord {
  uid: string;
  namespace: string;
  name: string;
  /** The `kubernetes.io/service-name` label linking the slice to its Service. */
  serviceName?: string;
  /** The `endpointslice.kubernetes.io/managed-by` label. */
  managedBy?: string;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: readonly EndpointRecord[];
  ports: readonly EndpointPortRecord[];
}

/** An Ingress backend: a Service (name + Service port) or a resource reference. */
export interface IngressBackendRecord {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface IngressPathRecord {
  /** Arbitrary text as far as the API is concerned: hostile everywhere (§1.5). */
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackendRecord;
}

export interface IngressRuleRecord {
  /** Lower-cased host; may be a one-label wildcard `*.example.com`; unset matches any host. */
  host?: string;
  paths: readonly IngressPathRecord[];
}

export interface IngressRecord {
  uid: string;
  namespace: string;
  name: string;
  /** The resolved class name: `spec.ingressClassName`, else the deprecated annotation. */
  className?: string;
  /** Where `className` came from (§3.10 class resolution). */
  classSource: 'spec' | 'annotation' | 'none';
  defaultBackend?: IngressBackendRecord;
  rules: readonly IngressRuleRecord[];
  /** TLS entries; `secretName` is a name only, never the secret. */
  tls: readonly { hosts: readonly string[]; secretName?: string }[];
  /** `status.loadBalancer.ingress`: the controller's address(es). */
  lbIngress: readonly LoadBalancerIngressRecord[];
}

export interface IngressClassRecord {
  uid: string;
  name: string;
  /** `spec.controller`: names the controller implementation. */
  controller: string;
  /** Annotated `ingressclass.kubernetes.io/is-default-class: "true"`. */
  isDefault: boolean;
  parameters?: { apiGroup?: string; kind: string; name: string; namespace?: string; scope?: string };
}

export interface NetworkPolicyPeerRecord {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except: readonly string[] };
}

export interface NetworkPolicyPortRecord {
  /** Defaults to TCP (NP-7). */
  protocol: Protocol;
  /** A pod port number or name on the destination pod; unset = all ports. */
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyRuleRecord {
  /** `from` (ingress) or `to` (egress); `null` when omitted, which matches every peer (NP-3). */
  peers: readonly NetworkPolicyPeerRecord[] | null;
  /** `null` when omitted, which matches every port. */
  ports: readonly NetworkPolicyPortRecord[] | null;
}

export interface NetworkPolicyRecord {
  uid: string;
  namespace: string;
  name: string;
  /** Selects the pods (in this namespace) the policy applies to; `{}` selects all of them. */
  podSelector: LabelSelector;
  /** `policyTypes` as written; empty when omitted (defaulted by the model, NP-2). */
  policyTypes: readonly ('Ingress' | 'Egress')[];
  ingress: readonly NetworkPolicyRuleRecord[];
  egress: readonly NetworkPolicyRuleRecord[];
  /** `metadata.creationTimestamp`, for policy age (NP-11). */
  createdAt?: string;
}

export interface NamespaceRecord {
  uid: string;
  name: string;
  labels: Labels;
}

/** Where a snapshot came from; only used for labelling ("live", "snapshot taken at …", "demo"). */
export interface SnapshotMeta {
  source: 'live' | 'snapshot' | 'demo';
  /** When the data was read (ISO 8601). */
  takenAt?: string;
  /** kubeconfig context or demo ID the data came from. */
  context?: string;
  /** The API server's `gitVersion`, e.g. `v1.36.1`. */
  serverVersion?: string;
  /** A human title (demo clusters). */
  title?: string;
  description?: string;
}

/** Everything the model reads. The only input type of `lib/model`. */
export interface ClusterSnapshot {
  meta: SnapshotMeta;
  namespaces: readonly NamespaceRecord[];
  nodes: readonly NodeRecord[];
  pods: readonly PodRecord[];
  services: readonly ServiceRecord[];
  endpointSlices: readonly EndpointSliceRecord[];
  ingresses: readonly IngressRecord[];
  ingressClasses: readonly IngressClassRecord[];
  networkPolicies: readonly NetworkPolicyRecord[];
}

/** The kinds a snapshot holds, as `kind` strings of the API. */
export const SNAPSHOT_KINDS = [
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'EndpointSlice',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** An empty snapshot with the given metadata. */
export function emptySnapshot(meta: SnapshotMeta): ClusterSnapshot {
  return {
    meta,
    namespaces: [],
    nodes: [],
    pods: [],
    services: [],
    endpointSlices: [],
    ingresses: [],
    ingressClasses: [],
    networkPolicies: [],
  };
}
