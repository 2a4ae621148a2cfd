/**
 * buildTopology: indexes a snapshot and resolves every Service's backends (networking-semantics.md §4).
 *
 * Backends come from EndpointSlices when at least one slice labelled for the Service exists (EP-1),
 * from selector inference only when none does (EP-2, badged "inferred"), and otherwise from nothing
 * (EP-3). The two sources are never merged; legacy Endpoints are never read.
 */
import type {
  ClusterSnapshot,
  EndpointSliceRecord,
  IPFamily,
  Labels,
  NodeRecord,
  PodRecord,
  ServicePortRecord,
  ServiceRecord,
} from '../snapshot/records';
import { nodeId, podId, serviceId } from './ids';
import { canonicalIP, familyOf, forbiddenEndpointAddress, inCidr } from './ip';
import { labelValue, serviceSelects } from './labels';
import { DEFAULT_SETTINGS, type ModelSettings } from './types';

/** Key of a Service port for matching slice ports: by name and protocol (§4.1). */
export function portKey(p: { name: string; protocol: string }): string {
  return `${p.name}/${p.protocol}`;
}

export interface NodeView {
  id: string;
  record: NodeRecord;
  /** InternalIP addresses in API order. */
  internalIPs: string[];
  /** ExternalIP addresses in API order. */
  externalIPs: string[];
  /** Pod IDs placed on this node. */
  pods: string[];
}

/**
 * Target port per Service port key, stored as a flat [key, port, …] array: the Map it replaces cost
 * about 150 bytes more per endpoint, which mattered at 150k pods (docs/BENCHMARKS.md).
 */
export class PortTable {
  private readonly kv: (string | number)[] = [];

  constructor(entries?: Iterable<readonly [string, number]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  get(key: string): number | undefined {
    for (let i = 0; i < this.kv.length; i += 2) if (this.kv[i] === key) return this.kv[i + 1] as number;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, port: number): this {
    for (let i = 0; i < this.kv.length; i += 2) {
      if (this.kv[i] === key) {
        this.kv[i + 1] = port;
        return this;
      }
    }
    this.kv.push(key, port);
    return this;
  }

  get size(): number {
    return this.kv.length / 2;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.kv.length; i += 2) yield [this.kv[i] as string, this.kv[i + 1] as number];
  }
}

/** One endpoint of a Service, for one address family. */
export interface Backend {
  /** The endpoint address (`addresses[0]`, §4.1). */
  address: string;
  family: IPFamily;
  /** The pod behind it, when it can be resolved (targetRef, else pod IP). */
  podId?: string;
  nodeName?: string;
  zone?: string;
  /** DNS hostname of the endpoint (headless per-pod names). */
  hostname?: string;
  /** Conditions with nil semantics applied (§4.2): ready/serving nil → true, terminating nil → false. */
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** `serving` was nil in the slice (kubepath follows kube-proxy and treats it as true). */
  servingUnset: boolean;
  /** Resolved target port per Service port key; an absent key means this endpoint does not serve that port. */
  ports: PortTable;
  /** Address outside every pod CIDR and not a known pod: a hand-written "external endpoint". */
  external: boolean;
  hintsForNodes?: readonly string[];
  hintsForZones?: readonly string[];
  /** Slice the endpoint came from (EP-1). */
  slice?: string;
}

export interface ExcludedEndpoint {
  address: string;
  slice: string;
  reason: string;
}

export interface ServiceBackends {
  /** EP-1 slices, EP-2 inferred from selector, EP-3 none. */
  source: 'slices' | 'inferred' | 'none';
  endpoints: Backend[];
  /** Addresses found in slices but never used (loopback, link-local, another Service's VIP …). */
  excluded: ExcludedEndpoint[];
  /** Slices with a port entry whose name or port is nil (D-NIL-PORT). */
  nilPortSlices: string[];
  /** FQDN slices: displayed, never routed (E08). */
  fqdnSlices: string[];
  /** Slice names used. */
  slices: string[];
}

export interface ServiceView {
  id: string;
  record: ServiceRecord;
  backends: ServiceBackends;
  /** Pods the selector selects (in the namespace); always empty for an empty or absent selector. */
  selectedPods: string[];
}

export interface Topology {
  snapshot: ClusterSnapshot;
  settings: ModelSettings;
  nodes: Map<string, NodeView>;
  pods: Map<string, PodRecord>;
  services: Map<string, ServiceView>;
  /** Namespace name → labels (for NetworkPolicy namespaceSelector). Namespaces seen only on objects get `kubernetes.io/metadata.name`. */
  namespaces: Map<string, Labels>;
  /** Non-hostNetwork pod IP → pod IDs (canonical address text). */
  podsByIP: Map<string, string[]>;
  /** ClusterIP (canonical) → Service ID. */
  serviceByClusterIP: Map<string, string>;
  /** Node address (canonical) → node name. */
  nodeByAddress: Map<string, string>;
}

function nodeView(n: NodeRecord): NodeView {
  return {
    id: nodeId(n.name),
    record: n,
    internalIPs: n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
    externalIPs: n.addresses.filter((a) => a.type === 'ExternalIP').map((a) => a.address),
    pods: [],
  };
}

export function buildTopology(snapshot: ClusterSnapshot, settings: Partial<ModelSettings> = {}): Topology {
  const nodes = new Map<string, NodeView>();
  const nodeByAddress = new Map<string, string>();
  for (const n of snapshot.nodes) {
    const v = nodeView(n);
    nodes.set(n.name, v);
    for (const a of n.addresses) if (familyOf(a.address)) nodeByAddress.set(canonicalIP(a.address), n.name);
  }
  const pods = new Map<string, PodRecord>();
  // One ID string per pod, shared by every structure that names the pod (a copy per use cost ~60 B each).
  const idOf = new Map<PodRecord, string>();
  const podsByIP = new Map<string, string[]>();
  for (const p of snapshot.pods) {
    const id = podId(p.namespace, p.name);
    pods.set(id, p);
    idOf.set(p, id);
    if (p.nodeName) nodes.get(p.nodeName)?.pods.push(id);
    if (!p.hostNetwork) {
      for (const ip of p.podIPs) {
        const key = canonicalIP(ip);
        const list = podsByIP.get(key);
        if (list) list.push(id);
        else podsByIP.set(key, [id]);
      }
    }
  }
  const namespaces = new Map<string, Labels>();
  for (const ns of snapshot.namespaces) namespaces.set(ns.name, ns.labels);
  const seenNs = [...snapshot.pods, ...snapshot.services, ...snapshot.networkPolicies, ...snapshot.ingresses].map((o) => o.namespace);
  for (const ns of seenNs) {
    if (!namespaces.has(ns)) {
      const labels = Object.create(null) as Record<string, string>;
      labels['kubernetes.io/metadata.name'] = ns;
      namespaces.set(ns, labels);
    }
  }
  const serviceByClusterIP = new Map<string, string>();
  for (const s of snapshot.services) {
    for (const ip of s.clusterIPs) serviceByClusterIP.set(canonicalIP(ip), serviceId(s.namespace, s.name));
  }
  const slicesBySvc = new Map<string, EndpointSliceRecord[]>();
  for (const sl of snapshot.endpointSlices) {
    if (!sl.serviceName) continue;
    const key = serviceId(sl.namespace, sl.serviceName);
    const list = slicesBySvc.get(key);
    if (list) list.push(sl);
    else slicesBySvc.set(key, [sl]);
  }
  const allPodCIDRs = snapshot.nodes.flatMap((n) => n.podCIDRs);

  const partial: Omit<Topology, 'services'> = {
    snapshot,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    nodes,
    pods,
    namespaces,
    podsByIP,
    serviceByClusterIP,
    nodeByAddress,
  };
  // Label index (namespace, key, value) → pods, so a selector looks at its rarest pair's pods only.
  const byLabel = new Map<string, PodRecord[]>();
  for (const p of snapshot.pods) {
    for (const k of Object.keys(p.labels)) {
      const key = `${p.namespace}\u0000${k}\u0000${p.labels[k]}`;
      const list = byLabel.get(key);
      if (list) list.push(p);
      else byLabel.set(key, [p]);
    }
  }
  const selectPods = (s: ServiceRecord): PodRecord[] => {
    if (s.type === 'ExternalName' || s.selector === null) return [];
    let best: PodRecord[] | undefined;
    for (const k of Object.keys(s.selector)) {
      const list = byLabel.get(`${s.namespace}\u0000${k}\u0000${s.selector[k]}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return (best ?? []).filter((p) => serviceSelects(s.selector, p.labels));
  };
  const services = new Map<string, ServiceView>();
  for (const s of snapshot.services) {
    const id = serviceId(s.namespace, s.name);
    const selected = selectPods(s);
    const slices = slicesBySvc.get(id);
    let backends: ServiceBackends;
    if (s.type === 'ExternalName') {
      backends = emptyBackends('none');
    } else if (slices && slices.length > 0) {
      backends = backendsFromSlices(s, slices, partial, allPodCIDRs, idOf);
    } else if (selected.length > 0 || (s.selector !== null && Object.keys(s.selector).length > 0)) {
      backends = inferBackends(s, selected, idOf);
    } else {
      backends = emptyBackends('none');
    }
    services.set(id, { id, record: s, backends, selectedPods: selected.map((p) => idOf.get(p) as string) });
  }
  return { ...partial, services };
}

function emptyBackends(source: ServiceBackends['source']): ServiceBackends {
  return { source, endpoints: [], excluded: [], nilPortSlices: [], fqdnSlices: [], slices: [] };
}

/** EP-1: endpoints as the service proxy sees them (§4.1–4.3 steps 1–3). */
function backendsFromSlices(
  s: ServiceRecord,
  slices: EndpointSliceRecord[],
  topo: Omit<Topology, 'services'>,
  podCIDRs: readonly string[],
  idOf: ReadonlyMap<PodRecord, string>,
): ServiceBackends {
  const out = emptyBackends('slices');
  const byAddress = new Map<string, Backend>();
  const ownVIPs = new Set(s.clusterIPs.map(canonicalIP));
  for (const sl of [...slices].sort((a, b) => a.name.localeCompare(b.name))) {
    out.slices.push(sl.name);
    if (sl.addressType === 'FQDN') {
      out.fqdnSlices.push(sl.name);
      continue;
    }
    if (sl.ports.some((p) => p.name === null || p.port === null || p.port === 0)) out.nilPortSlices.push(sl.name);
    // Step 2: slice port ↔ Service port by name and protocol; nil name or nil/0 port never matches.
    // One table per slice, shared by its endpoints (copied only when a duplicate endpoint merges ports).
    const matched = new PortTable();
    for (const sp of s.ports) {
      const entry = sl.ports.find((p) => p.name !== null && p.name === sp.name && p.protocol === sp.protocol && p.port !== null && p.port !== 0);
      if (entry && entry.port !== null) matched.set(portKey(sp), entry.port);
    }
    for (const e of sl.endpoints) {
      const address = e.addresses[0] as string;
      const family = familyOf(address);
      if (!family) {
        out.excluded.push({ address, slice: sl.name, reason: 'not an IP address' });
        continue;
      }
      const forbidden = forbiddenEndpointAddress(address);
      if (forbidden) {
        out.excluded.push({ address, slice: sl.name, reason: `${forbidden} cannot be an endpoint (the API rejects it)` });
        continue;
      }
      const vip = topo.serviceByClusterIP.get(canonicalIP(address));
      if (vip || ownVIPs.has(canonicalIP(address))) {
        out.excluded.push({ address, slice: sl.name, reason: `it is the ClusterIP of ${vip ?? 'this Service'}: proxying to a virtual IP is not supported` });
        continue;
      }
      const key = canonicalIP(address);
      const existing = byAddress.get(key);
      if (existing) {
        // Step 3: the same endpoint may appear in two slices during updates; ports merge, first conditions win.
        const extra = [...matched].filter(([k]) => !existing.ports.has(k));
        if (extra.length > 0) existing.ports = new PortTable([...existing.ports, ...extra]);
        continue;
      }
      let pid: string | undefined;
      if (e.targetRef && e.targetRef.kind === 'Pod') {
        const target = topo.pods.get(podId(e.targetRef.namespace ?? sl.namespace, e.targetRef.name));
        if (target) pid = idOf.get(target);
      }
      if (!pid) {
        const byIp = topo.podsByIP.get(key)?.filter((id) => id.startsWith(`pod:${sl.namespace}/`));
        if (byIp && byIp.length === 1) pid = byIp[0];
      }
      const pod = pid ? topo.pods.get(pid) : undefined;
      const b: Backend = {
        address,
        family,
        ...(pid ? { podId: pid } : {}),
        ...(e.nodeName ? { nodeName: e.nodeName } : {}),
        ...(e.zone ? { zone: e.zone } : {}),
        ...(e.hostname ? { hostname: e.hostname } : {}),
        ready: e.ready !== false,
        serving: e.serving !== false,
        terminating: e.terminating === true,
        servingUnset: e.serving === null,
        ports: matched,
        external: !pod && !podCIDRs.some((c) => inCidr(address, c)) && !topo.nodeByAddress.has(key),
        ...(e.hintsForNodes ? { hintsForNodes: e.hintsForNodes } : {}),
        ...(e.hintsForZones ? { hintsForZones: e.hintsForZones } : {}),
        slice: sl.name,
      };
      byAddress.set(key, b);
      out.endpoints.push(b);
    }
  }
  return out;
}

/** Resolves a Service port's targetPort on one pod: a number as written, a name via the pod's container ports. */
export function resolveTargetPort(sp: ServicePortRecord, pod: PodRecord): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  const cp = pod.ports.find((p) => p.name === sp.targetPort && p.protocol === sp.protocol);
  return cp?.containerPort;
}

/** EP-2: what the EndpointSlice controller would write, inferred from the selector (§4.6). */
export function inferBackends(s: ServiceRecord, selected: readonly PodRecord[], idOf?: ReadonlyMap<PodRecord, string>): ServiceBackends {
  const out = emptyBackends('inferred');
  for (const pod of selected) {
    if (pod.podIPs.length === 0 || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    for (const family of s.ipFamilies) {
      const address = pod.podIPs.find((ip) => familyOf(ip) === family);
      if (!address) continue;
      const ports = new PortTable();
      for (const sp of s.ports) {
        const port = resolveTargetPort(sp, pod);
        if (port !== undefined) ports.set(portKey(sp), port);
      }
      out.endpoints.push({
        address,
        family,
        podId: idOf?.get(pod) ?? podId(pod.namespace, pod.name),
        ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
        ...(pod.hostname && pod.subdomain === s.name ? { hostname: pod.hostname } : {}),
        ready: (pod.ready && !pod.terminating) || s.publishNotReadyAddresses,
        serving: pod.ready,
        terminating: pod.terminating,
        servingUnset: false,
        ports,
        external: false,
      });
    }
  }
  return out;
}

/** The node's zone label, used for topology hints. */
export function nodeZone(n: NodeView | undefined): string | undefined {
  return n ? labelValue(n.record.labels, 'topology.kubernetes.io/zone') : undefined;
}
