/**
 * Test builders: terse, typed constructors for the snapshot records the model reads, and the spec's
 * reference fixture (networking-semantics.md §2.1) as "base objects plus small variations".
 *
 * Builders produce records directly (no YAML, no projection). They deliberately do not reuse model
 * code (selector matching, named-port resolution): `controllerSlices` re-implements what the
 * EndpointSlice controller writes, so the model is checked against an independent derivation.
 */
import type {
  ClusterSnapshot,
  ContainerPortRecord,
  EndpointRecord,
  EndpointSliceRecord,
  IngressBackendRecord,
  IngressClassRecord,
  IngressRecord,
  IPFamily,
  LabelSelector,
  Labels,
  LoadBalancerIngressRecord,
  NamespaceRecord,
  NetworkPolicyPeerRecord,
  NetworkPolicyPortRecord,
  NetworkPolicyRecord,
  NetworkPolicyRuleRecord,
  NodeRecord,
  PodRecord,
  Protocol,
  ServicePortRecord,
  ServiceRecord,
  ServiceType,
  SnapshotMeta,
} from '../snapshot/records';

const familyOfLiteral = (ip: string): IPFamily => (ip.includes(':') ? 'IPv6' : 'IPv4');

// ---------------------------------------------------------------------------------------------
// Nodes

export interface NodeSpec {
  name: string;
  /** InternalIP (or several: one per family). */
  ip: string | readonly string[];
  /** ExternalIP, if any. */
  extIP?: string;
  podCIDR: string | readonly string[];
  ready?: boolean | null;
  labels?: Labels;
  unschedulable?: boolean;
}

export function node(o: NodeSpec): NodeRecord {
  const internal = typeof o.ip === 'string' ? [o.ip] : [...o.ip];
  return {
    uid: `node-${o.name}`,
    name: o.name,
    labels: { 'kubernetes.io/hostname': o.name, ...o.labels },
    addresses: [
      ...internal.map((address) => ({ type: 'InternalIP', address })),
      ...(o.extIP ? [{ type: 'ExternalIP', address: o.extIP }] : []),
      { type: 'Hostname', address: o.name },
    ],
    podCIDRs: typeof o.podCIDR === 'string' ? [o.podCIDR] : [...o.podCIDR],
    ready: o.ready === undefined ? true : o.ready,
    unschedulable: o.unschedulable ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Pods

/** A container port: a bare number, or the fields that matter. */
export type PortSpec = number | { port: number; name?: string; protocol?: Protocol; hostPort?: number; hostIP?: string; container?: string };

export interface PodSpec {
  ns?: string;
  name: string;
  /** Pod IP(s); omit for a pod that is not addressable yet. */
  ip?: string | readonly string[];
  node?: string;
  labels?: Labels;
  ports?: readonly PortSpec[];
  ready?: boolean;
  terminating?: boolean;
  hostNetwork?: boolean;
  /** Default: Running when the pod has an IP (or is a scheduled hostNetwork pod), else Pending. */
  phase?: string;
  /** Default: filled by `snapshot()` from the node's InternalIP for running pods (what the kubelet reports). */
  hostIPs?: readonly string[];
  hostname?: string;
  subdomain?: string;
  dnsPolicy?: string;
}

function containerPort(p: PortSpec, container: string): ContainerPortRecord {
  if (typeof p === 'number') return { container, containerPort: p, protocol: 'TCP' };
  return {
    container: p.container ?? container,
    ...(p.name ? { name: p.name } : {}),
    containerPort: p.port,
    protocol: p.protocol ?? 'TCP',
    ...(p.hostPort ? { hostPort: p.hostPort } : {}),
    ...(p.hostIP ? { hostIP: p.hostIP } : {}),
  };
}

export function pod(o: PodSpec): PodRecord {
  const ns = o.ns ?? 'demo';
  const podIPs = o.ip === undefined ? [] : typeof o.ip === 'string' ? [o.ip] : [...o.ip];
  // A scheduled hostNetwork pod runs with its node's addresses (filled in by `kubelet`).
  const phase = o.phase ?? (podIPs.length > 0 || (o.hostNetwork && o.node) ? 'Running' : 'Pending');
  return {
    uid: `pod-${ns}-${o.name}`,
    namespace: ns,
    name: o.name,
    labels: { ...o.labels },
    ...(o.node ? { nodeName: o.node } : {}),
    hostNetwork: o.hostNetwork ?? false,
    phase,
    ready: o.ready ?? phase === 'Running',
    terminating: o.terminating ?? false,
    podIPs,
    hostIPs: o.hostIPs ? [...o.hostIPs] : [],
    ports: (o.ports ?? []).map((p) => containerPort(p, o.name)),
    ...(o.hostname ? { hostname: o.hostname } : {}),
    ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    dnsPolicy: o.dnsPolicy ?? 'ClusterFirst',
  };
}

// ---------------------------------------------------------------------------------------------
// Services

export interface SvcPortSpec {
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
}

export type LbIngressSpec = string | { ip?: string; hostname?: string; ipMode?: 'VIP' | 'Proxy'; ports?: LoadBalancerIngressRecord['ports'] };

export interface SvcSpec extends Partial<Omit<ServiceRecord, 'ports' | 'selector' | 'lbIngress'>> {
  ns?: string;
  name: string;
  type?: ServiceType;
  /** A ClusterIP, the list of ClusterIPs (primary first), or "None" for a headless Service. */
  clusterIP?: string | readonly string[];
  ports?: readonly SvcPortSpec[];
  /** `null`/omitted: no selector; `{}`: the empty selector. */
  selector?: Labels | null;
  etp?: 'Cluster' | 'Local';
  itp?: 'Cluster' | 'Local';
  /** `status.loadBalancer.ingress`: an IP, or full entries. */
  lb?: LbIngressSpec | readonly LbIngressSpec[];
}

function lbEntry(e: LbIngressSpec): LoadBalancerIngressRecord {
  if (typeof e === 'string') return { ip: e, ports: [] };
  return { ...(e.ip ? { ip: e.ip } : {}), ...(e.hostname ? { hostname: e.hostname } : {}), ...(e.ipMode ? { ipMode: e.ipMode } : {}), ports: e.ports ?? [] };
}

export function svcPort(p: SvcPortSpec): ServicePortRecord {
  return {
    name: p.name ?? '',
    protocol: p.protocol ?? 'TCP',
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  };
}

export function svc(o: SvcSpec): ServiceRecord {
  const { ns: nsOpt, name, type: typeOpt, clusterIP, ports, selector, etp, itp, lb, ...rest } = o;
  const ns = nsOpt ?? 'demo';
  const type = typeOpt ?? 'ClusterIP';
  const ips = clusterIP === undefined ? [] : typeof clusterIP === 'string' ? [clusterIP] : [...clusterIP];
  const headless = ips[0] === 'None';
  const clusterIPs = headless || type === 'ExternalName' ? [] : ips;
  const lbList = lb === undefined ? [] : typeof lb === 'string' || !Array.isArray(lb) ? [lb as LbIngressSpec] : (lb as readonly LbIngressSpec[]);
  return {
    uid: `svc-${ns}-${name}`,
    namespace: ns,
    name,
    labels: {},
    type,
    selector: selector === undefined ? null : selector,
    clusterIPs,
    headless,
    ipFamilies: clusterIPs.length > 0 ? clusterIPs.map(familyOfLiteral) : type === 'ExternalName' ? [] : ['IPv4'],
    ports: (ports ?? []).map(svcPort),
    externalIPs: [],
    externalTrafficPolicy: etp ?? 'Cluster',
    internalTrafficPolicy: itp ?? 'Cluster',
    sessionAffinity: 'None',
    loadBalancerSourceRanges: [],
    publishNotReadyAddresses: false,
    lbIngress: lbList.map(lbEntry),
    ...rest,
  };
}

// ---------------------------------------------------------------------------------------------
// EndpointSlices

export interface EndpointSpec {
  ip: string;
  node?: string;
  /** `null` writes a nil condition (§4.2 nil semantics). Defaults: ready true, serving true, terminating false. */
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
  /** targetRef pod name (namespace of the slice). */
  pod?: string;
  hostname?: string;
  zone?: string;
  forNodes?: readonly string[];
  forZones?: readonly string[];
}

export interface SliceSpec {
  ns?: string;
  /** The Service the slice is labelled for (`kubernetes.io/service-name`); omit for an unlabelled slice. */
  svc?: string;
  name?: string;
  addressType?: 'IPv4' | 'IPv6' | 'FQDN';
  ports: readonly { name?: string | null; port: number | null; protocol?: Protocol; appProtocol?: string }[];
  endpoints: readonly EndpointSpec[];
  managedBy?: string;
}

let sliceSeq = 0;

export function endpoint(e: EndpointSpec, ns: string): EndpointRecord {
  return {
    addresses: [e.ip],
    ready: e.ready === undefined ? true : e.ready,
    serving: e.serving === undefined ? true : e.serving,
    terminating: e.terminating === undefined ? false : e.terminating,
    ...(e.node ? { nodeName: e.node } : {}),
    ...(e.zone ? { zone: e.zone } : {}),
    ...(e.hostname ? { hostname: e.hostname } : {}),
    ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod } } : {}),
    ...(e.forNodes ? { hintsForNodes: e.forNodes } : {}),
    ...(e.forZones ? { hintsForZones: e.forZones } : {}),
  };
}

export function slice(o: SliceSpec): EndpointSliceRecord {
  const ns = o.ns ?? 'demo';
  const name = o.name ?? `${o.svc ?? 'slice'}-m${++sliceSeq}`;
  return {
    uid: `eps-${ns}-${name}`,
    namespace: ns,
    name,
    ...(o.svc ? { serviceName: o.svc } : {}),
    managedBy: o.managedBy ?? 'test.kubepath.dev/manual',
    addressType: o.addressType ?? (o.endpoints[0] ? familyOfLiteral(o.endpoints[0].ip) : 'IPv4'),
    endpoints: o.endpoints.map((e) => endpoint(e, ns)),
    ports: o.ports.map((p) => ({
      name: p.name === undefined ? '' : p.name,
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
  };
}

function labelsContain(labels: Labels, selector: Labels): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/**
 * What the EndpointSlice controller writes for a Service with a selector
 * (`staging/src/k8s.io/endpointslice/reconciler.go`, `utils.go` podToEndpoint):
 * - one slice per (family, resolved port set); pods lacking a named targetPort land in a slice
 *   whose port list has no entry for that Service port;
 * - ready = publishNotReadyAddresses || (pod Ready && !terminating); serving = pod Ready;
 *   terminating = deletionTimestamp set;
 * - pods without IPs or in phase Succeeded/Failed are skipped;
 * - a Service whose selector matches nothing still gets one empty placeholder slice.
 */
export function controllerSlices(s: ServiceRecord, pods: readonly PodRecord[]): EndpointSliceRecord[] {
  if (s.selector === null || Object.keys(s.selector).length === 0 || s.type === 'ExternalName') return [];
  const selected = pods.filter((p) => p.namespace === s.namespace && labelsContain(p.labels, s.selector as Labels));
  const groups = new Map<string, { family: IPFamily; ports: { name: string; port: number; protocol: Protocol }[]; endpoints: EndpointRecord[] }>();
  for (const p of selected) {
    if (p.podIPs.length === 0 || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    for (const family of s.ipFamilies) {
      const ip = p.podIPs.find((a) => familyOfLiteral(a) === family);
      if (!ip) continue;
      const ports: { name: string; port: number; protocol: Protocol }[] = [];
      for (const sp of s.ports) {
        const port = typeof sp.targetPort === 'number' ? sp.targetPort : p.ports.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
        if (port !== undefined) ports.push({ name: sp.name, port, protocol: sp.protocol });
      }
      const key = `${family}|${ports.map((x) => `${x.name}/${x.protocol}=${x.port}`).join(',')}`;
      let g = groups.get(key);
      if (!g) {
        g = { family, ports, endpoints: [] };
        groups.set(key, g);
      }
      g.endpoints.push({
        addresses: [ip],
        ready: s.publishNotReadyAddresses || (p.ready && !p.terminating),
        serving: p.ready,
        terminating: p.terminating,
        ...(p.nodeName ? { nodeName: p.nodeName } : {}),
        ...(p.hostname && p.subdomain === s.name ? { hostname: p.hostname } : {}),
        targetRef: { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid },
      });
    }
  }
  const out: EndpointSliceRecord[] = [];
  let i = 0;
  for (const g of groups.values()) {
    const name = `${s.name}-c${i++}`;
    out.push({
      uid: `eps-${s.namespace}-${name}`,
      namespace: s.namespace,
      name,
      serviceName: s.name,
      managedBy: 'endpointslice-controller.k8s.io',
      addressType: g.family,
      endpoints: g.endpoints,
      ports: g.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    });
  }
  if (out.length === 0) {
    const name = `${s.name}-c0`;
    out.push({ uid: `eps-${s.namespace}-${name}`, namespace: s.namespace, name, serviceName: s.name, managedBy: 'endpointslice-controller.k8s.io', addressType: s.ipFamilies[0] ?? 'IPv4', endpoints: [], ports: [] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ingress

export function backend(service: string, port: number | string): IngressBackendRecord {
  return { service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

export interface IngressSpec {
  ns?: string;
  name: string;
  className?: string;
  classSource?: IngressRecord['classSource'];
  rules?: readonly { host?: string; paths: readonly { path?: string; pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific'; backend: IngressBackendRecord }[] }[];
  defaultBackend?: IngressBackendRecord;
  tls?: readonly { hosts: readonly string[]; secretName?: string }[];
  lb?: LbIngressSpec | readonly LbIngressSpec[];
}

export function ingress(o: IngressSpec): IngressRecord {
  const ns = o.ns ?? 'demo';
  const lbList = o.lb === undefined ? [] : typeof o.lb === 'string' || !Array.isArray(o.lb) ? [o.lb as LbIngressSpec] : (o.lb as readonly LbIngressSpec[]);
  return {
    uid: `ing-${ns}-${o.name}`,
    namespace: ns,
    name: o.name,
    ...(o.className ? { className: o.className } : {}),
    classSource: o.classSource ?? (o.className ? 'spec' : 'none'),
    ...(o.defaultBackend ? { defaultBackend: o.defaultBackend } : {}),
    rules: (o.rules ?? []).map((r) => ({
      ...(r.host ? { host: r.host } : {}),
      paths: r.paths.map((q) => ({ path: q.path ?? '/', pathType: q.pathType ?? 'Prefix', backend: q.backend })),
    })),
    tls: o.tls ?? [],
    lbIngress: lbList.map(lbEntry),
  };
}

export function ingressClass(name: string, o: { isDefault?: boolean; controller?: string } = {}): IngressClassRecord {
  return { uid: `ingclass-${name}`, name, controller: o.controller ?? 'k8s.io/ingress-nginx', isDefault: o.isDefault ?? false };
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

/** A LabelSelector from matchLabels; `{}` selects everything. */
export function sel(matchLabels: Labels = {}, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector {
  return { matchLabels: { ...matchLabels }, matchExpressions };
}

export function rule(peers: readonly NetworkPolicyPeerRecord[] | null, ports: readonly (number | string | Partial<NetworkPolicyPortRecord>)[] | null = null): NetworkPolicyRuleRecord {
  return {
    peers,
    ports:
      ports === null
        ? null
        : ports.map((p) => (typeof p === 'object' ? { protocol: 'TCP', ...p } : { protocol: 'TCP', port: p })),
  };
}

export interface NetpolSpec {
  ns?: string;
  name: string;
  podSelector?: LabelSelector;
  policyTypes?: readonly ('Ingress' | 'Egress')[];
  ingress?: readonly NetworkPolicyRuleRecord[];
  egress?: readonly NetworkPolicyRuleRecord[];
}

export function netpol(o: NetpolSpec): NetworkPolicyRecord {
  const ns = o.ns ?? 'demo';
  return {
    uid: `netpol-${ns}-${o.name}`,
    namespace: ns,
    name: o.name,
    podSelector: o.podSelector ?? sel(),
    policyTypes: o.policyTypes ?? [],
    ingress: o.ingress ?? [],
    egress: o.egress ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Snapshot

export interface SnapshotSpec {
  meta?: Partial<SnapshotMeta>;
  namespaces?: readonly (string | NamespaceRecord)[];
  nodes?: readonly NodeRecord[];
  pods?: readonly PodRecord[];
  services?: readonly ServiceRecord[];
  slices?: readonly EndpointSliceRecord[];
  ingresses?: readonly IngressRecord[];
  ingressClasses?: readonly IngressClassRecord[];
  networkPolicies?: readonly NetworkPolicyRecord[];
}

export function namespace(name: string, labels: Labels = {}): NamespaceRecord {
  return { uid: `ns-${name}`, name, labels: { 'kubernetes.io/metadata.name': name, ...labels } };
}

/**
 * What the kubelet reports once a pod runs: running pods given no hostIPs get their node's
 * InternalIPs, and running hostNetwork pods given no IP get the node's InternalIPs as pod IPs.
 */
export function kubelet(pods: readonly PodRecord[], nodes: readonly NodeRecord[]): PodRecord[] {
  const internal = (name: string | undefined): string[] =>
    nodes.find((n) => n.name === name)?.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address) ?? [];
  return pods.map((p) => {
    let q = p;
    if (q.hostNetwork && q.podIPs.length === 0 && q.nodeName && q.phase === 'Running') q = { ...q, podIPs: internal(q.nodeName) };
    if (q.hostIPs.length === 0 && q.nodeName && q.phase === 'Running') q = { ...q, hostIPs: internal(q.nodeName) };
    return q;
  });
}

/** A snapshot; pods go through `kubelet` first. */
export function snapshot(o: SnapshotSpec): ClusterSnapshot {
  const nodes = o.nodes ?? [];
  const pods = kubelet(o.pods ?? [], nodes);
  return {
    meta: { source: 'snapshot', context: 'test', ...o.meta },
    namespaces: (o.namespaces ?? []).map((n) => (typeof n === 'string' ? namespace(n) : n)),
    nodes,
    pods,
    services: o.services ?? [],
    endpointSlices: o.slices ?? [],
    ingresses: o.ingresses ?? [],
    ingressClasses: o.ingressClasses ?? [],
    networkPolicies: o.networkPolicies ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// The reference fixture (§2.1)

/** The external client C. */
export const C = '198.51.100.50';

export const REF = {
  n1: '192.168.1.11',
  n2: '192.168.1.12',
  n3: '192.168.1.13',
  web1: '10.244.1.5',
  web2: '10.244.2.7',
  web3: '10.244.1.6',
  api1: '10.244.1.9',
  api2: '10.244.3.4',
  hp: '10.244.3.8',
  coredns: '10.244.2.2',
  ic1: '10.244.2.9',
  webVIP: '10.96.100.10',
  apiVIP: '10.96.100.20',
  dnsVIP: '10.96.0.10',
  icVIP: '10.96.100.40',
  webLB: '203.0.113.10',
  icLB: '203.0.113.20',
} as const;

export function referenceNodes(extip = false): NodeRecord[] {
  return [1, 2, 3].map((i) =>
    node({ name: `n${i}`, ip: `192.168.1.1${i}`, podCIDR: `10.244.${i}.0/24`, ...(extip ? { extIP: `198.51.100.1${i}` } : {}) }),
  );
}

export function referencePods(): PodRecord[] {
  return [
    pod({ name: 'web-1', node: 'n1', ip: REF.web1, labels: { app: 'web' }, ports: [80] }),
    pod({ name: 'web-2', node: 'n2', ip: REF.web2, labels: { app: 'web' }, ports: [80] }),
    pod({ name: 'api-1', node: 'n1', ip: REF.api1, labels: { app: 'api' }, ports: [{ name: 'http', port: 9376 }] }),
    pod({ name: 'api-2', node: 'n3', ip: REF.api2, labels: { app: 'api' }, ports: [{ name: 'http', port: 9376 }] }),
    pod({ name: 'hp', node: 'n3', ip: REF.hp, labels: { app: 'hp' }, ports: [{ port: 8080, hostPort: 8081 }] }),
    pod({
      ns: 'kube-system',
      name: 'coredns-1',
      node: 'n2',
      ip: REF.coredns,
      labels: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    }),
  ];
}

export function webService(o: Partial<SvcSpec> = {}): ServiceRecord {
  return svc({
    name: 'web',
    type: 'LoadBalancer',
    clusterIP: REF.webVIP,
    ports: [{ port: 8080, targetPort: 80, nodePort: 30081 }],
    selector: { app: 'web' },
    lb: REF.webLB,
    allocateLoadBalancerNodePorts: true,
    ...o,
  });
}

export function apiService(o: Partial<SvcSpec> = {}): ServiceRecord {
  return svc({ name: 'api', clusterIP: REF.apiVIP, ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'api' }, ...o });
}

export function kubeDnsService(): ServiceRecord {
  return svc({
    ns: 'kube-system',
    name: 'kube-dns',
    clusterIP: REF.dnsVIP,
    labels: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
    selector: { 'k8s-app': 'kube-dns' },
  });
}

export type ReferenceAddition = 'api-hl' | 'web-hl' | 'web-3' | 'ingress' | 'shop' | 'wild';

export interface ReferenceOptions {
  /** Variant `+extip`: nodes get ExternalIPs 198.51.100.1x. */
  extip?: boolean;
  /** Optional fixture additions (†/§2.1 "optional fixture additions"); `shop` and `wild` imply `ingress`. */
  add?: readonly ReferenceAddition[];
  /** Overrides on the `web` / `api` Services. */
  web?: Partial<SvcSpec>;
  api?: Partial<SvcSpec>;
  /** Overrides per pod name; `null` removes the pod. */
  pods?: Readonly<Record<string, Partial<PodRecord> | null>>;
  /** Overrides per node name. */
  nodes?: Readonly<Record<string, Partial<NodeRecord>>>;
  extraPods?: readonly PodRecord[];
  extraServices?: readonly ServiceRecord[];
  extraSlices?: readonly EndpointSliceRecord[];
  extraIngresses?: readonly IngressRecord[];
  networkPolicies?: readonly NetworkPolicyRecord[];
  /** `controller` (default): EndpointSlices as the controller writes them (EP-1); `none`: no slices (EP-2 inference). */
  slices?: 'controller' | 'none';
  meta?: Partial<SnapshotMeta>;
}

/** The reference fixture of §2.1, with variants applied as small overrides. */
export function referenceFixture(o: ReferenceOptions = {}): ClusterSnapshot {
  const add = new Set<ReferenceAddition>(o.add ?? []);
  if (add.has('shop') || add.has('wild')) add.add('ingress');
  const nodes = referenceNodes(o.extip).map((n) => (o.nodes?.[n.name] ? { ...n, ...o.nodes[n.name] } : n));
  let pods = referencePods();
  if (add.has('web-3')) pods.push(pod({ name: 'web-3', node: 'n1', ip: REF.web3, labels: { app: 'web' }, ports: [80] }));
  if (add.has('ingress')) {
    pods.push(pod({ ns: 'ingress', name: 'ic-1', node: 'n2', ip: REF.ic1, labels: { app: 'ic' }, ports: [80, 443] }));
  }
  pods.push(...(o.extraPods ?? []));
  pods = kubelet(
    pods.flatMap((p) => {
      const ov = o.pods?.[p.name];
      if (ov === null) return [];
      return [ov ? { ...p, ...ov } : p];
    }),
    nodes,
  );
  const services = [webService(o.web), apiService(o.api), kubeDnsService()];
  if (add.has('api-hl')) services.push(svc({ name: 'api-hl', clusterIP: 'None', ports: [{ port: 9376 }], selector: { app: 'api' } }));
  if (add.has('web-hl')) services.push(svc({ name: 'web-hl', clusterIP: 'None', ports: [{ port: 80 }], selector: { app: 'web' } }));
  const ingressClasses: IngressClassRecord[] = [];
  if (add.has('ingress')) {
    services.push(
      svc({
        ns: 'ingress',
        name: 'ic',
        type: 'LoadBalancer',
        clusterIP: REF.icVIP,
        ports: [
          { name: 'http', port: 80, targetPort: 80, nodePort: 30080 },
          { name: 'https', port: 443, targetPort: 443, nodePort: 30443 },
        ],
        selector: { app: 'ic' },
        lb: REF.icLB,
      }),
    );
    ingressClasses.push(ingressClass('public', { isDefault: true }));
  }
  services.push(...(o.extraServices ?? []));
  const ingresses: IngressRecord[] = [];
  if (add.has('shop')) {
    ingresses.push(
      ingress({ name: 'shop', className: 'public', rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: backend('web', 8080) }] }], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], lb: REF.icLB }),
    );
  }
  if (add.has('wild')) {
    ingresses.push(ingress({ name: 'wild', className: 'public', rules: [{ host: '*.demo.example.com', paths: [{ path: '/', backend: backend('api', 80) }] }], lb: REF.icLB }));
  }
  ingresses.push(...(o.extraIngresses ?? []));
  const slices = o.slices === 'none' ? [] : services.flatMap((s) => controllerSlices(s, pods));
  return snapshot({
    meta: { title: 'reference fixture', ...o.meta },
    namespaces: ['demo', 'kube-system', ...(add.has('ingress') ? ['ingress'] : [])],
    nodes,
    pods,
    services,
    slices: [...slices, ...(o.extraSlices ?? [])],
    ingresses,
    ingressClasses,
    networkPolicies: o.networkPolicies ?? [],
  });
}
