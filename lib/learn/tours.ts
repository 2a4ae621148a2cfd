/**
 * Learn mode (issue 7): guided tours built from the current cluster's data, as language-neutral steps
 * (message keys + parameters + model element IDs to highlight). The UI translates the keys with the
 * catalogues of lib/i18n and lights the element IDs on the graph and in the list view.
 *
 * Pure: no I/O, no React, no i18n; only lib/model (tracePath, IDs) and lib/snapshot types. Works on
 * any topology (demo, snapshot, live, empty): a tour whose path cannot be traced here becomes a
 * single step that says so, and nothing here throws for lack of data.
 *
 * Tours: `ips` (NodeIP, PodIP, ClusterIP on this graph), `methods` (hostPort vs NodePort vs
 * LoadBalancer vs Ingress, the seed demo's comparison), `path-1` … `path-4` (one step per hop of a
 * tracePath result, endpoints picked automatically or given), `misconceptions` (spec §7.2, each with a
 * "try it" pointer), and `default` (the recommended sequence: on the `seed` demo `methods` then
 * `path-2`).
 */
import { EXTERNAL_CLIENT_ID, ingressId, loadBalancerId, parseId } from '../model/ids';
import { ingressAddresses } from '../model/ingress';
import { hostPort } from '../model/ip';
import { safeText } from '../model/text';
import { portKey, type NodeView, type ServiceView, type Topology } from '../model/topology';
import { tracePath, type TraceRequest } from '../model/trace';
import type { Hop, Outcome, PathResult, Transform } from '../model/types';
import { ingressExampleHost } from '../model/urls';
import type { IngressRecord, PodRecord, ServicePortRecord } from '../snapshot/records';

// ---------------------------------------------------------------------------------------------------
// Shapes

export const TOUR_IDS = ['ips', 'methods', 'path-1', 'path-2', 'path-3', 'path-4', 'misconceptions'] as const;
/** A tour; `default` is the recommended sequence for this cluster (see `defaultTourIds`). */
export type TourId = (typeof TOUR_IDS)[number] | 'default';
export type PathTourId = 'path-1' | 'path-2' | 'path-3' | 'path-4';

export const MISCONCEPTION_IDS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'M12', 'M13', 'M14', 'M15', 'M16', 'M17', 'M18', 'M19', 'M20', 'M21', 'M22'] as const;
export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

export const METHOD_IDS = ['hostPort', 'nodePort', 'loadBalancer', 'ingress'] as const;
/** One way in; its comparison row is `methods.<id>.name|reach|balancing|cost` (headers `methods.column.*`). */
export type MethodId = (typeof METHOD_IDS)[number];

/** Interpolation values. Arrays are lists, formatted by the catalogue (`{{list, list(style: narrow)}}`). */
export type ParamValue = string | number | readonly string[];
export type StepParams = Readonly<Record<string, ParamValue>>;

/** A further translatable line of a step, shown below its text in order. */
export interface TextLine {
  key: string;
  params: StepParams;
}

/** A "try it" pointer on the current graph: select an element, or trace a path (or both). */
export interface TryIt {
  /** Explains what to try: `misconception.<id>.try`. */
  textKey: string;
  params: StepParams;
  /** A model element ID to select. */
  element?: string;
  /** A path to trace (already checked: tracePath accepts it on this topology). */
  path?: TraceRequest;
}

export interface TourStep {
  /** Stable within the tour and across languages and data refreshes, e.g. `path-2/hop-3`. */
  id: string;
  titleKey: string;
  /** Main text; a plural key (`…text` with `_one`/`_other` forms) is resolved through `params.count`. */
  textKey: string;
  /** Parameters for the title, the text and (unless a line has its own) nothing else. */
  params: StepParams;
  /** Model element IDs this step talks about (node:/pod:/svc:/ing:/lb:/ext:client), all present in the topology. */
  highlight: string[];
  /** The path this step belongs to: trace it (tracePath) to draw the overlay. */
  path?: TraceRequest;
  /** Hop number (`Hop.step`, 1-based) of `path` that this step explains. */
  hop?: number;
  /** Misconceptions (§7.2) that concern this step: show `misconception.<id>.claim` / `.correction`. */
  misconceptions?: MisconceptionId[];
  /** "Try it" pointers for those misconceptions, where this cluster has something to point at. */
  tryIt?: Partial<Record<MisconceptionId, TryIt>>;
  /** The §7.1 teaching key of the hop (hop steps with one), e.g. `T-SNAT`. */
  teach?: string;
  /** Further lines below the text: addresses after the hop, transforms, badges, what the backend sees. */
  lines?: TextLine[];
  /** Method steps: the method whose comparison row to show. */
  method?: MethodId;
  /** Summary step: the methods to compare side by side (a table of `methods.<id>.*` rows). */
  compare?: MethodId[];
}

export interface Tour {
  id: TourId;
  titleKey: string;
  steps: TourStep[];
}

export interface BuildTourOptions {
  /** Path tours: trace this request instead of picking endpoints automatically. */
  request?: TraceRequest;
}

// ---------------------------------------------------------------------------------------------------
// Misconceptions: where they attach

/** Misconceptions that concern a hop, by its §7.1 teaching key. */
export const MISCONCEPTIONS_BY_TEACH: Readonly<Record<string, readonly MisconceptionId[]>> = {
  'T-LB-ADDR': ['M8', 'M21'],
  'T-LB-NODE': ['M9'],
  'T-HEALTH': ['M3'],
  'T-NODEPORT': ['M3', 'M4'],
  'T-DNAT': ['M5', 'M6', 'M22'],
  'T-SNAT': ['M5'],
  'T-CLUSTERIP': ['M1', 'M2'],
  'T-DNS': [],
  'T-TARGETPORT': ['M6', 'M7'],
  'T-ENDPOINTS': ['M14', 'M17', 'M19'],
  'T-BRIDGE': ['M10'],
  'T-OVERLAY': ['M10'],
  'T-HOSTPORT': ['M4'],
  'T-HOSTNET': [],
  'T-EXTIP': [],
  'T-EXTNAME': ['M13'],
  'T-INGRESS': ['M11', 'M12', 'M20'],
  'T-GATEWAY': ['M12'],
  'T-NETPOL': ['M15', 'M16'],
  'T-PORTFWD': [],
};

/** Misconceptions that concern an element, by the kind of its ID. */
export const MISCONCEPTIONS_BY_KIND: Readonly<Record<'node' | 'pod' | 'svc' | 'lb' | 'ing' | 'ext', readonly MisconceptionId[]>> = {
  node: ['M5', 'M15', 'M22'],
  pod: ['M7', 'M10', 'M18'],
  svc: ['M1', 'M6', 'M14', 'M16', 'M17', 'M19'],
  lb: ['M8', 'M9', 'M21'],
  ing: ['M11', 'M12', 'M20'],
  ext: ['M2'],
};

/** Misconceptions an outcome variant demonstrates (added to the outcome step). */
const MISCONCEPTIONS_BY_VARIANT: Readonly<Record<string, readonly MisconceptionId[]>> = {
  'F1-pending': ['M8'],
  'F1-local': ['M3'],
  'F2-literal': ['M2'],
  'F2-nodeport-local': ['M3'],
  'F2-hostport-other-node': ['M4'],
  'F2-hostport-other-address': ['M4'],
  'F3-wrong-port': ['M6'],
  'F3-externalname': ['M13'],
  'F3-netpol-egress': ['M16'],
  'F4-node-to-pod': ['M15'],
  'F4-cross-node': ['M18'],
  'F4-same-node': ['M18'],
};

// ---------------------------------------------------------------------------------------------------
// Context: the topology plus indexes and choices, computed once per build

/** At most this many entries are listed in a text (the highlight still has them all). */
const LIST_MAX = 8;
/** At most this many candidate requests are traced when picking a path's endpoints. */
const MAX_CANDIDATES = 24;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isSystemNamespace = (ns: string): boolean => ns.startsWith('kube-');
const text = (s: string): string => safeText(s, 200);

class Ctx {
  readonly ingresses: IngressRecord[];
  readonly ingressIds: Set<string>;
  readonly nodes: NodeView[];
  readonly services: ServiceView[];
  readonly pods: [string, PodRecord][];
  /** Pods that are endpoints of some Service (an "application" pod). */
  readonly backingPods = new Set<string>();
  private readonly tryIts = new Map<MisconceptionId, TryIt | undefined>();

  constructor(readonly topo: Topology) {
    this.ingresses = [...topo.snapshot.ingresses].sort((a, b) => cmp(ingressId(a.namespace, a.name), ingressId(b.namespace, b.name)));
    this.ingressIds = new Set(this.ingresses.map((i) => ingressId(i.namespace, i.name)));
    this.nodes = [...topo.nodes.values()].sort((a, b) => cmp(a.id, b.id));
    this.services = [...topo.services.values()].sort((a, b) => rankNs(a.record.namespace) - rankNs(b.record.namespace) || cmp(a.id, b.id));
    this.pods = [...topo.pods.entries()].sort((a, b) => rankNs(a[1].namespace) - rankNs(b[1].namespace) || cmp(a[0], b[0]));
    for (const v of this.services) for (const b of v.backends.endpoints) if (b.podId) this.backingPods.add(b.podId);
  }

  /** Does this ID name an element of the current topology (one the graph can show)? */
  exists(id: string): boolean {
    if (id === EXTERNAL_CLIENT_ID) return true;
    const p = parseId(id);
    if (!p) return false;
    switch (p.kind) {
      case 'node':
        return this.topo.nodes.has(p.name);
      case 'pod':
        return this.topo.pods.has(id);
      case 'svc':
        return this.topo.services.has(id);
      case 'ing':
        return this.ingressIds.has(id);
      case 'lb':
        return this.topo.services.get(`svc:${p.namespace}/${p.name}`)?.record.type === 'LoadBalancer';
      default:
        return false;
    }
  }

  highlight(ids: Iterable<string | undefined>): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      if (id === undefined || seen.has(id) || !this.exists(id)) continue;
      seen.add(id);
      out.push(id);
    }
    return out;
  }

  trace(req: TraceRequest): PathResult | undefined {
    try {
      return tracePath(this.topo, req);
    } catch {
      // TraceError (nothing to trace here) or a data gap on a partial snapshot: no path.
      return undefined;
    }
  }

  /** The first request that traces, preferring one whose outcome is OK when `preferOk`. */
  pick(candidates: Iterable<TraceRequest>, preferOk: boolean): { req: TraceRequest; res: PathResult } | undefined {
    let first: { req: TraceRequest; res: PathResult } | undefined;
    let tried = 0;
    for (const req of candidates) {
      if (tried++ >= MAX_CANDIDATES) break;
      const res = this.trace(req);
      if (!res) continue;
      if (!preferOk || res.outcome === 'OK') return { req, res };
      first ??= { req, res };
    }
    return first;
  }

  tryIt(id: MisconceptionId): TryIt | undefined {
    if (!this.tryIts.has(id)) this.tryIts.set(id, computeTryIt(this, id));
    return this.tryIts.get(id);
  }

  /** Pod IDs behind a Service (its endpoints that resolve to pods), sorted. */
  backends(v: ServiceView): string[] {
    return [...new Set(v.backends.endpoints.flatMap((b) => (b.podId && this.topo.pods.has(b.podId) ? [b.podId] : [])))].sort(cmp);
  }

  /** A pod that could call Service `v` (③): has an IP, not hostNetwork, not one of its backends; same namespace first, application pods first. */
  callerOf(v: ServiceView, exclude: ReadonlySet<string> = new Set(this.backends(v))): string | undefined {
    let best: { id: string; rank: number } | undefined;
    for (const [id, p] of this.pods) {
      if (p.podIPs.length === 0 || p.hostNetwork || exclude.has(id) || !p.nodeName) continue;
      const rank = (p.namespace === v.record.namespace ? 0 : 2) + (this.backingPods.has(id) ? 0 : 1);
      if (!best || rank < best.rank) best = { id, rank };
      if (rank === 0) break;
    }
    return best?.id;
  }

  /** Services with a ClusterIP one can dial (③): internal (type ClusterIP) application Services first, the Ingress controller's last. */
  clusterIpServices(): ServiceView[] {
    const rank = (v: ServiceView): number => rankNs(v.record.namespace) * 4 + (this.isIngressController(v) ? 2 : 0) + (v.record.type === 'ClusterIP' ? 0 : 1);
    return this.services
      .filter((v) => v.record.type !== 'ExternalName' && !v.record.headless && v.record.clusterIPs.length > 0 && v.record.ports.length > 0)
      .sort((a, b) => rank(a) - rank(b) || cmp(a.id, b.id));
  }

  /** The Service exposing an Ingress controller: a LoadBalancer owning an Ingress's address. */
  isIngressController(v: ServiceView): boolean {
    const own = new Set(v.record.lbIngress.flatMap((e) => [e.ip, e.hostname].filter((a): a is string => !!a)));
    return own.size > 0 && this.ingresses.some((i) => ingressAddresses(i).some((a) => own.has(a)));
  }

  /** LoadBalancer Services: application ones before the Ingress controller's, with an address first. */
  lbServices(pendingFirst = false): ServiceView[] {
    const rank = (v: ServiceView): number => (this.isIngressController(v) ? 2 : 0) + ((v.record.lbIngress.length === 0) !== pendingFirst ? 1 : 0);
    return this.services.filter((v) => v.record.type === 'LoadBalancer').sort((a, b) => rank(a) - rank(b) || rankNs(a.record.namespace) - rankNs(b.record.namespace) || cmp(a.id, b.id));
  }

  /** Services with a nodePort: type NodePort first (the original lesson's method), the Ingress controller's last. */
  nodePortServices(): ServiceView[] {
    const rank = (v: ServiceView): number => rankNs(v.record.namespace) * 4 + (this.isIngressController(v) ? 2 : 0) + (v.record.type === 'NodePort' ? 0 : 1);
    return this.services.filter((v) => v.record.type !== 'ExternalName' && v.record.ports.some((p) => p.nodePort)).sort((a, b) => rank(a) - rank(b) || cmp(a.id, b.id));
  }

  /** Pods with a hostPort (not hostNetwork), with the container port that has it. */
  hostPortPods(): { id: string; pod: PodRecord; hostPort: number; containerPort: number; hostIP?: string }[] {
    const out: { id: string; pod: PodRecord; hostPort: number; containerPort: number; hostIP?: string }[] = [];
    for (const [id, pod] of this.pods) {
      if (pod.hostNetwork) continue;
      const cp = pod.ports.find((p) => p.hostPort);
      if (cp?.hostPort) out.push({ id, pod, hostPort: cp.hostPort, containerPort: cp.containerPort, ...(cp.hostIP ? { hostIP: cp.hostIP } : {}) });
    }
    return out;
  }

  /** Services with at least two pod backends that have IPs: ④ candidates as [from, to]. */
  *peerPairs(): Generator<{ service: ServiceView; from: string; to: string }> {
    for (const v of this.services) {
      const pods = this.backends(v).filter((id) => {
        const p = this.topo.pods.get(id);
        return p !== undefined && p.podIPs.length > 0 && !p.hostNetwork;
      });
      const from = pods[0];
      if (!from || pods.length < 2) continue;
      const fromNode = this.topo.pods.get(from)?.nodeName;
      const to = pods.find((id) => id !== from && this.topo.pods.get(id)?.nodeName !== fromNode) ?? (pods[1] as string);
      yield { service: v, from, to };
    }
  }
}

function rankNs(ns: string): number {
  return isSystemNamespace(ns) ? 1 : 0;
}

/** The name part of an element ID, made safe for display. */
function nameOf(id: string | undefined): string {
  if (!id) return '';
  return text(parseId(id)?.name ?? id);
}

/** The address a node shows to the outside (N-2: ExternalIP, else InternalIP). */
function externalAddress(n: NodeView | undefined): string | undefined {
  return n?.externalIPs[0] ?? n?.internalIPs[0];
}

/** A list parameter: at most LIST_MAX entries, then an ellipsis entry. */
function listParam(items: readonly string[]): string[] {
  return items.length > LIST_MAX ? [...items.slice(0, LIST_MAX), '…'] : [...items];
}

/** Hop addresses without the model's ephemeral-port marker (`10.244.1.5:e` → `10.244.1.5`). */
function cleanAddress(a: string): string {
  return text(a.replace(/:e'?$/, ''));
}

function mapIds(ids: readonly MisconceptionId[], ctx: Ctx): Partial<Record<MisconceptionId, TryIt>> | undefined {
  const out: Partial<Record<MisconceptionId, TryIt>> = {};
  let any = false;
  for (const id of ids) {
    const t = ctx.tryIt(id);
    if (t) {
      out[id] = t;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Adds `misconceptions` and their `tryIt` pointers to a step (nothing when the list is empty). */
function withMisconceptions(ctx: Ctx, step: TourStep, ids: readonly MisconceptionId[]): TourStep {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return step;
  const tryIt = mapIds(unique, ctx);
  return { ...step, misconceptions: unique, ...(tryIt ? { tryIt } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// "Try it" pointers (§7.2), one per misconception where this cluster has something to show

function tracedPointer(ctx: Ctx, id: MisconceptionId, path: TraceRequest | undefined, params: StepParams, element?: string): TryIt | undefined {
  if (!path || !ctx.trace(path)) return undefined;
  return { textKey: `misconception.${id}.try`, params, path, ...(element && ctx.exists(element) ? { element } : {}) };
}

function elementPointer(ctx: Ctx, id: MisconceptionId, element: string | undefined, params: StepParams): TryIt | undefined {
  if (!element || !ctx.exists(element)) return undefined;
  return { textKey: `misconception.${id}.try`, params, element };
}

/** A numeric target port that is not one of the Service's own port numbers (dialling it is F3-wrong-port). */
function wrongPortOf(v: ServiceView): { sp: ServicePortRecord; targetPort: number } | undefined {
  for (const sp of v.record.ports) {
    const tp = sp.targetPort;
    if (typeof tp === 'number' && !v.record.ports.some((p) => p.port === tp)) return { sp, targetPort: tp };
  }
  return undefined;
}

/** The pod-side port a Service port resolves to on its first backend (or the targetPort as written). */
function resolvedTargetPort(v: ServiceView, sp: ServicePortRecord): string | number {
  const key = portKey(sp);
  for (const b of v.backends.endpoints) {
    const p = b.ports.get(key);
    if (p !== undefined) return p;
  }
  return typeof sp.targetPort === 'number' ? sp.targetPort : text(sp.targetPort);
}

function computeTryIt(ctx: Ctx, id: MisconceptionId): TryIt | undefined {
  const { topo } = ctx;
  const firstNode = ctx.nodes[0];
  switch (id) {
    case 'M1': {
      for (const v of ctx.clusterIpServices()) {
        const from = ctx.callerOf(v);
        if (from) return tracedPointer(ctx, id, { path: 3, from, to: v.id }, { service: nameOf(v.id) }, v.id);
      }
      return undefined;
    }
    case 'M2': {
      const v = ctx.clusterIpServices()[0];
      return v ? tracedPointer(ctx, id, { path: 2, to: v.id, access: 'ClusterIP' }, { service: nameOf(v.id) }, v.id) : undefined;
    }
    case 'M3': {
      const v = ctx.nodePortServices()[0];
      const sp = v?.record.ports.find((p) => p.nodePort);
      if (!v || !sp?.nodePort) return undefined;
      const podNodes = new Set(ctx.backends(v).map((p) => topo.pods.get(p)?.nodeName));
      const node = ctx.nodes.find((n) => !podNodes.has(n.record.name)) ?? firstNode;
      if (!node) return undefined;
      return tracedPointer(ctx, id, { path: 2, to: v.id, access: 'NodePort', via: node.id, port: sp.name || sp.port }, { service: nameOf(v.id), nodePort: sp.nodePort, node: text(node.record.name) }, v.id);
    }
    case 'M4': {
      const hp = ctx.hostPortPods()[0];
      if (!hp) return undefined;
      const node = ctx.nodes.find((n) => n.record.name !== hp.pod.nodeName) ?? ctx.nodes.find((n) => n.record.name === hp.pod.nodeName);
      if (!node) return undefined;
      return tracedPointer(ctx, id, { path: 2, to: hp.id, via: node.id }, { pod: nameOf(hp.id), hostPort: hp.hostPort, node: text(node.record.name) }, hp.id);
    }
    case 'M5':
    case 'M22':
      return firstNode ? elementPointer(ctx, id, firstNode.id, { node: text(firstNode.record.name) }) : undefined;
    case 'M6': {
      for (const v of ctx.clusterIpServices()) {
        const w = wrongPortOf(v);
        const from = w ? ctx.callerOf(v) : undefined;
        if (w && from) return tracedPointer(ctx, id, { path: 3, from, to: v.id, port: w.targetPort }, { service: nameOf(v.id), port: w.sp.port, targetPort: w.targetPort }, v.id);
      }
      return undefined;
    }
    case 'M7': {
      const pod = ctx.pods.find(([pid, p]) => ctx.backingPods.has(pid) && p.ports.length > 0)?.[0];
      return elementPointer(ctx, id, pod, { pod: nameOf(pod) });
    }
    case 'M8': {
      const v = ctx.lbServices(true)[0];
      return v ? tracedPointer(ctx, id, { path: 1, to: v.id }, { service: nameOf(v.id) }, loadBalancerId(v.record.namespace, v.record.name)) : undefined;
    }
    case 'M9': {
      const v = ctx.lbServices()[0];
      return v ? elementPointer(ctx, id, loadBalancerId(v.record.namespace, v.record.name), { service: nameOf(v.id) }) : undefined;
    }
    case 'M21': {
      const all = ctx.lbServices();
      const v = all.find((s) => s.record.loadBalancerIP) ?? all[0];
      return v ? elementPointer(ctx, id, loadBalancerId(v.record.namespace, v.record.name), { service: nameOf(v.id) }) : undefined;
    }
    case 'M10': {
      const entry = ctx.pods.find(([, p]) => p.podIPs.length > 0 && !p.hostNetwork && p.nodeName !== undefined && topo.nodes.has(p.nodeName));
      if (!entry) return undefined;
      const [pid, p] = entry;
      return elementPointer(ctx, id, pid, { pod: nameOf(pid), podIP: text(p.podIPs[0] as string), node: text(p.nodeName as string) });
    }
    case 'M11': {
      const ing = ctx.ingresses[0];
      return ing ? elementPointer(ctx, id, ingressId(ing.namespace, ing.name), { ingress: text(ing.name) }) : undefined;
    }
    case 'M12': {
      for (const ing of ctx.ingresses) {
        const wild = ing.rules.find((r) => r.host?.startsWith('*.'))?.host;
        if (!wild) continue;
        const host = `a.b.${wild.slice(2)}`;
        const iid = ingressId(ing.namespace, ing.name);
        return tracedPointer(ctx, id, { path: 1, to: iid, host }, { ingress: text(ing.name), host: text(host), pattern: text(wild) }, iid);
      }
      return undefined;
    }
    case 'M13': {
      const v = ctx.services.find((s) => s.record.type === 'ExternalName');
      const from = v ? ctx.callerOf(v) : undefined;
      return v && from ? tracedPointer(ctx, id, { path: 3, from, to: v.id }, { service: nameOf(v.id) }, v.id) : undefined;
    }
    case 'M14': {
      const withEndpoints = ctx.services.filter((v) => v.backends.endpoints.length > 0);
      const v = withEndpoints.find((s) => s.backends.endpoints.some((b) => !b.ready)) ?? withEndpoints[0];
      return v ? elementPointer(ctx, id, v.id, { service: nameOf(v.id) }) : undefined;
    }
    case 'M15': {
      const policed = new Set(topo.snapshot.networkPolicies.map((p) => p.namespace));
      const ok = ([, p]: [string, PodRecord]): boolean => p.podIPs.length > 0 && !p.hostNetwork && p.nodeName !== undefined && topo.nodes.has(p.nodeName);
      const entry = ctx.pods.find((e) => ok(e) && policed.has(e[1].namespace)) ?? ctx.pods.find(ok);
      if (!entry) return undefined;
      const [pid, p] = entry;
      return tracedPointer(ctx, id, { path: 4, from: `node:${p.nodeName}`, to: pid }, { node: text(p.nodeName as string), pod: nameOf(pid) }, pid);
    }
    case 'M16': {
      for (const v of ctx.clusterIpServices()) {
        const sp = v.record.ports.find((p) => String(p.targetPort) !== String(p.port));
        const from = sp ? ctx.callerOf(v) : undefined;
        if (sp && from) return tracedPointer(ctx, id, { path: 3, from, to: v.id, port: sp.name || sp.port }, { service: nameOf(v.id), port: sp.port, targetPort: resolvedTargetPort(v, sp) }, v.id);
      }
      return undefined;
    }
    case 'M17': {
      const candidates = ctx.clusterIpServices();
      const v = candidates.find((s) => s.record.sessionAffinity === 'ClientIP') ?? candidates[0];
      return v ? elementPointer(ctx, id, v.id, { service: nameOf(v.id), affinity: v.record.sessionAffinity }) : undefined;
    }
    case 'M18': {
      for (const pair of ctx.peerPairs()) {
        const t = tracedPointer(ctx, id, { path: 4, from: pair.from, to: pair.service.id, endpoint: pair.to }, { from: nameOf(pair.from), to: nameOf(pair.to) }, pair.service.id);
        if (t) return t;
      }
      return undefined;
    }
    case 'M19': {
      const v = ctx.services.find((s) => s.record.type !== 'ExternalName' && (s.record.selector === null || Object.keys(s.record.selector).length === 0));
      return v ? elementPointer(ctx, id, v.id, { service: nameOf(v.id) }) : undefined;
    }
    case 'M20': {
      for (const ing of ctx.ingresses) {
        const address = ingressAddresses(ing)[0];
        if (!address) continue;
        const iid = ingressId(ing.namespace, ing.name);
        return tracedPointer(ctx, id, { path: 1, to: iid, host: address }, { ingress: text(ing.name), address: text(address) }, iid);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The "try it" pointer of a misconception on this topology, if it has something to point at. */
export function tryItFor(topo: Topology, id: MisconceptionId): TryIt | undefined {
  return new Ctx(topo).tryIt(id);
}

/** Misconceptions that concern one element of the graph (for a details panel), by kind and data. */
export function misconceptionsForElement(topo: Topology, id: string): MisconceptionId[] {
  const p = parseId(id);
  const kind = id === EXTERNAL_CLIENT_ID ? 'ext' : p?.kind;
  if (!kind || !(kind in MISCONCEPTIONS_BY_KIND)) return [];
  const out: MisconceptionId[] = [...MISCONCEPTIONS_BY_KIND[kind as keyof typeof MISCONCEPTIONS_BY_KIND]];
  if (kind === 'svc') {
    const s = topo.services.get(id)?.record;
    if (s?.ports.some((sp) => sp.nodePort)) out.push('M3', 'M4');
    if (s?.type === 'ExternalName') out.push('M13');
    if (s?.clusterIPs.length) out.push('M2');
  }
  if (kind === 'pod' && topo.pods.get(id)?.ports.some((cp) => cp.hostPort)) out.push('M4');
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------------------------------
// The three IPs

function ipsTour(ctx: Ctx): Tour {
  const steps: TourStep[] = [];

  const nodeEntries = ctx.nodes.map((n) => {
    const addrs = [...new Set([...n.internalIPs, ...n.externalIPs])];
    return { id: n.id, label: `${text(n.record.name)} (${addrs.length ? addrs.map(text).join(' / ') : '—'})` };
  });
  steps.push(
    withMisconceptions(ctx, {
      id: 'ips/node',
      titleKey: 'ips.nodeIP.title',
      textKey: nodeEntries.length ? 'ips.nodeIP.text' : 'ips.nodeIP.none',
      params: { count: nodeEntries.length, list: listParam(nodeEntries.map((e) => e.label)) },
      highlight: ctx.highlight(nodeEntries.map((e) => e.id)),
    }, ['M3']),
  );

  const withIP = ctx.pods.filter(([, p]) => p.podIPs.length > 0);
  const own = withIP.filter(([, p]) => !p.hostNetwork);
  steps.push(
    withMisconceptions(ctx, {
      id: 'ips/pod',
      titleKey: 'ips.podIP.title',
      textKey: own.length ? 'ips.podIP.text' : 'ips.podIP.none',
      params: { count: own.length, list: listParam(own.map(([id, p]) => `${nameOf(id)} (${p.podIPs.map(text).join(' / ')})`)) },
      highlight: ctx.highlight(own.map(([id]) => id)),
    }, ['M10', 'M18']),
  );

  const hostNet = withIP.filter(([, p]) => p.hostNetwork);
  if (hostNet.length > 0) {
    steps.push({
      id: 'ips/host-network',
      titleKey: 'ips.hostNetwork.title',
      textKey: 'ips.hostNetwork.text',
      params: { count: hostNet.length, list: listParam(hostNet.map(([id, p]) => `${nameOf(id)} (${p.podIPs.map(text).join(' / ')})`)) },
      highlight: ctx.highlight(hostNet.flatMap(([id, p]) => [id, p.nodeName ? `node:${p.nodeName}` : undefined])),
    });
  }

  const withClusterIP = ctx.services.filter((v) => !v.record.headless && v.record.clusterIPs.length > 0);
  steps.push(
    withMisconceptions(ctx, {
      id: 'ips/cluster',
      titleKey: 'ips.clusterIP.title',
      textKey: withClusterIP.length ? 'ips.clusterIP.text' : 'ips.clusterIP.none',
      params: { count: withClusterIP.length, list: listParam(withClusterIP.map((v) => `${nameOf(v.id)} (${v.record.clusterIPs.map(text).join(' / ')})`)) },
      highlight: ctx.highlight(withClusterIP.map((v) => v.id)),
    }, ['M1', 'M2']),
  );

  steps.push(
    withMisconceptions(ctx, {
      id: 'ips/compare',
      titleKey: 'ips.compare.title',
      textKey: 'ips.compare.text',
      params: {},
      highlight: ctx.highlight([EXTERNAL_CLIENT_ID, ctx.nodes[0]?.id, own[0]?.[0], withClusterIP[0]?.id]),
    }, ['M2']),
  );
  return { id: 'ips', titleKey: 'tour.title.ips', steps };
}

// ---------------------------------------------------------------------------------------------------
// Paths ①–④

const FLOW_OF: Record<PathTourId, 1 | 2 | 3 | 4> = { 'path-1': 1, 'path-2': 2, 'path-3': 3, 'path-4': 4 };

function* path1Candidates(ctx: Ctx): Generator<TraceRequest> {
  for (const v of ctx.lbServices()) yield { path: 1, to: v.id };
  for (const ing of ctx.ingresses) yield { path: 1, to: ingressId(ing.namespace, ing.name) };
}

function* path2Candidates(ctx: Ctx): Generator<TraceRequest> {
  for (const v of ctx.nodePortServices()) yield { path: 2, to: v.id, access: 'NodePort' };
  for (const hp of ctx.hostPortPods()) yield { path: 2, to: hp.id };
  for (const v of ctx.services) if (v.record.type !== 'ExternalName' && v.record.externalIPs.length > 0) yield { path: 2, to: v.id, access: 'ExternalIP' };
  for (const [id, p] of ctx.pods) if (p.hostNetwork && p.ports.length > 0) yield { path: 2, to: id };
}

function* path3Candidates(ctx: Ctx): Generator<TraceRequest> {
  for (const v of ctx.clusterIpServices()) {
    const from = ctx.callerOf(v);
    if (from) yield { path: 3, from, to: v.id };
  }
}

function* path4Candidates(ctx: Ctx): Generator<TraceRequest> {
  for (const pair of ctx.peerPairs()) yield { path: 4, from: pair.from, to: pair.service.id, endpoint: pair.to };
  // No Service with two pods: any pod reaching an application pod that declares a port, by pod IP.
  const addressable = ctx.pods.filter(([, p]) => p.podIPs.length > 0 && !p.hostNetwork && p.nodeName !== undefined);
  for (const [to, target] of addressable) {
    if (!ctx.backingPods.has(to) || target.ports.length === 0) continue;
    const from = addressable.find(([id, p]) => id !== to && p.nodeName !== target.nodeName)?.[0] ?? addressable.find(([id]) => id !== to)?.[0];
    if (from) yield { path: 4, from, to };
  }
}

/**
 * The request a path tour traces on this topology, picked automatically: ① an application
 * LoadBalancer Service (else an Ingress); ② the first NodePort Service (else a hostPort pod, an
 * external IP, a hostNetwork pod), as the original lesson does; ③ a pod of one application calling
 * another Service's ClusterIP; ④ two pods of one Service, on different nodes when possible (else any
 * pod reaching an application pod by its IP).
 * ①③④ prefer a request whose outcome is OK. Undefined when nothing here can be traced.
 */
export function pickPathRequest(topo: Topology, tour: PathTourId): TraceRequest | undefined {
  return pickPath(new Ctx(topo), tour)?.req;
}

function pickPath(ctx: Ctx, tour: PathTourId): { req: TraceRequest; res: PathResult } | undefined {
  switch (tour) {
    case 'path-1':
      return ctx.pick(path1Candidates(ctx), true);
    case 'path-2':
      return ctx.pick(path2Candidates(ctx), false);
    case 'path-3':
      return ctx.pick(path3Candidates(ctx), true);
    case 'path-4':
      return ctx.pick(path4Candidates(ctx), true);
  }
}

/** A hop's role, which picks its title (and its text when the hop has no teaching key). */
function hopRole(hop: Hop, index: number): string {
  if (hop.component === 'client') return hop.location === 'outside' ? 'client-outside' : 'client-pod';
  if (hop.component === 'host-process') return index === 0 ? 'host-sender' : 'host-receiver';
  return hop.component;
}

function transformLine(t: Transform): TextLine {
  switch (t.kind) {
    case 'DNAT':
    case 'SNAT':
      return { key: `tour.transform.${t.kind}`, params: { to: cleanAddress(t.to) } };
    case 'ENCAP':
      return { key: 'tour.transform.ENCAP', params: { outer: text(t.outer) } };
    case 'DNS_ANSWER':
      return t.records.length ? { key: 'tour.transform.DNS_ANSWER', params: { records: listParam(t.records.map(text)) } } : { key: 'tour.transform.DNS_EMPTY', params: {} };
    default:
      return { key: `tour.transform.${t.kind}`, params: {} };
  }
}

function hopStep(ctx: Ctx, tour: PathTourId, req: TraceRequest, res: PathResult, hop: Hop, index: number): TourStep {
  const role = hopRole(hop, index);
  const firstOf = (kind: string): string | undefined => hop.elements.find((e) => e.startsWith(`${kind}:`));
  const node = ctx.topo.nodes.has(hop.location) ? text(hop.location) : nameOf(firstOf('node'));
  const src = cleanAddress(hop.src);
  const dst = cleanAddress(hop.dst);
  const params: StepParams = {
    n: hop.step,
    total: res.hops.length,
    location: text(hop.location),
    node,
    pod: nameOf(firstOf('pod')),
    service: nameOf(firstOf('svc')),
    src,
    dst,
  };
  const lines: TextLine[] = [];
  // The §7.1 text of the hop's type, once per run of hops of that type (④'s route, encap and decap
  // hops are all T-OVERLAY): the following ones get their own role text instead.
  const repeated = hop.teach !== undefined && index > 0 && res.hops[index - 1]?.teach === hop.teach;
  let textKey = hop.teach && !repeated ? `teach.${hop.teach}` : `tour.hop.${role}.text`;
  // One netfilter hop does both rewrites: explain the DNAT first, then the SNAT ("also swapped …").
  if (hop.teach === 'T-SNAT' && hop.transforms.some((t) => t.kind === 'DNAT')) {
    textKey = 'teach.T-DNAT';
    lines.push({ key: 'teach.T-SNAT', params: {} });
  }
  lines.push({ key: 'tour.line.addresses', params: { src, dst } });
  for (const t of hop.transforms) lines.push(transformLine(t));
  const mis: MisconceptionId[] = [...(hop.teach ? (MISCONCEPTIONS_BY_TEACH[hop.teach] ?? []) : [])];
  if (textKey === 'teach.T-DNAT' && hop.teach === 'T-SNAT') mis.push(...(MISCONCEPTIONS_BY_TEACH['T-DNAT'] ?? []));
  if (req.path === 4 && index === 0) mis.push('M18');
  return withMisconceptions(
    ctx,
    {
      id: `${tour}/hop-${hop.step}`,
      titleKey: `tour.hop.${role}.title`,
      textKey,
      params,
      highlight: ctx.highlight(hop.elements),
      path: req,
      hop: hop.step,
      ...(hop.teach ? { teach: hop.teach } : {}),
      lines,
    },
    mis,
  );
}

function outcomeStep(ctx: Ctx, tour: PathTourId, req: TraceRequest, res: PathResult): TourStep {
  const last = res.hops.at(-1);
  const lines: TextLine[] = [];
  if (res.backendSees) lines.push({ key: 'tour.line.backendSees', params: { src: cleanAddress(res.backendSees.src), dst: cleanAddress(res.backendSees.dst) } });
  for (const b of res.badges) lines.push({ key: `tour.badge.${b}`, params: {} });
  const mis: MisconceptionId[] = [...(MISCONCEPTIONS_BY_VARIANT[res.variant] ?? [])];
  if (res.badges.includes('assumed')) mis.push('M7');
  const outcome: Outcome = res.outcome;
  return withMisconceptions(
    ctx,
    {
      id: `${tour}/outcome`,
      titleKey: 'tour.outcome.title',
      textKey: `tour.outcome.${outcome}`,
      params: { outcome, variant: res.variant, status: res.httpStatus ?? '5xx' },
      highlight: ctx.highlight([...(last?.elements ?? [])]),
      path: req,
      lines,
    },
    mis,
  );
}

function pathTour(ctx: Ctx, tour: PathTourId, request?: TraceRequest): Tour {
  const flow = FLOW_OF[tour];
  const titleKey = `tour.title.${tour}`;
  let picked: { req: TraceRequest; res: PathResult } | undefined;
  if (!request) picked = pickPath(ctx, tour);
  else if (request.path === flow) {
    const res = ctx.trace(request);
    if (res) picked = { req: request, res };
  }
  if (!picked) {
    return {
      id: tour,
      titleKey,
      steps: [{ id: `${tour}/unavailable`, titleKey: `tour.path.${flow}.unavailableTitle`, textKey: `tour.path.${flow}.unavailable`, params: {}, highlight: [] }],
    };
  }
  const { req, res } = picked;
  const client = req.from ?? EXTERNAL_CLIENT_ID;
  const target = req.endpoint && flow === 4 ? (req.endpoint.startsWith('pod:') ? req.endpoint : req.to) : req.to;
  const intro: TourStep = {
    id: `${tour}/intro`,
    titleKey: `tour.path.${flow}.title`,
    textKey: `tour.path.${flow}.intro`,
    params: { client: nameOf(client), target: nameOf(target), variant: res.variant },
    highlight: ctx.highlight([client, req.to, req.endpoint?.startsWith('pod:') ? req.endpoint : undefined]),
    path: req,
  };
  const steps = [intro, ...res.hops.map((h, i) => hopStep(ctx, tour, req, res, h, i)), outcomeStep(ctx, tour, req, res)];
  return { id: tour, titleKey, steps };
}

// ---------------------------------------------------------------------------------------------------
// Four ways in (the seed demo's comparison)

function methodsTour(ctx: Ctx): Tour {
  const { topo } = ctx;
  const steps: TourStep[] = [];
  const shown: string[] = [];
  steps.push({ id: 'methods/intro', titleKey: 'methods.intro.title', textKey: 'methods.intro.text', params: {}, highlight: ctx.highlight([EXTERNAL_CLIENT_ID]) });

  const absent = (m: MethodId): TourStep => ({ id: `methods/${m}`, titleKey: `methods.${m}.absentTitle`, textKey: `methods.${m}.absent`, params: {}, highlight: [], method: m });

  // hostPort
  const hp = ctx.hostPortPods().find((h) => h.pod.nodeName && topo.nodes.has(h.pod.nodeName)) ?? ctx.hostPortPods()[0];
  if (hp) {
    const node = hp.pod.nodeName ? topo.nodes.get(hp.pod.nodeName) : undefined;
    const specific = hp.hostIP && hp.hostIP !== '0.0.0.0' && hp.hostIP !== '::' ? hp.hostIP : undefined;
    const addr = specific ?? externalAddress(node);
    const highlight = ctx.highlight([hp.id, node?.id]);
    shown.push(...highlight);
    steps.push(
      withMisconceptions(ctx, {
        id: 'methods/hostPort',
        titleKey: 'methods.hostPort.title',
        textKey: 'methods.hostPort.text',
        params: { pod: nameOf(hp.id), node: text(hp.pod.nodeName ?? '—'), hostPort: hp.hostPort, containerPort: hp.containerPort, address: addr ? text(hostPort(addr, hp.hostPort)) : `:${hp.hostPort}` },
        highlight,
        ...(ctx.trace({ path: 2, to: hp.id }) ? { path: { path: 2, to: hp.id } as TraceRequest } : {}),
        method: 'hostPort',
      }, ['M4']),
    );
  } else steps.push(absent('hostPort'));

  // NodePort
  const np = ctx.nodePortServices()[0];
  const npPort = np?.record.ports.find((p) => p.nodePort);
  if (np && npPort?.nodePort) {
    const highlight = ctx.highlight([np.id, ...ctx.nodes.map((n) => n.id), ...ctx.backends(np)]);
    shown.push(...highlight);
    const req: TraceRequest = { path: 2, to: np.id, access: 'NodePort', port: npPort.name || npPort.port };
    steps.push(
      withMisconceptions(ctx, {
        id: 'methods/nodePort',
        titleKey: 'methods.nodePort.title',
        textKey: 'methods.nodePort.text',
        params: { service: nameOf(np.id), nodePort: npPort.nodePort, count: ctx.nodes.length },
        highlight,
        ...(ctx.trace(req) ? { path: req } : {}),
        method: 'nodePort',
      }, ['M3', 'M4']),
    );
  } else steps.push(absent('nodePort'));

  // LoadBalancer
  const lb = ctx.lbServices()[0];
  if (lb) {
    const ing = lb.record.lbIngress[0];
    const addr = ing?.ip ?? ing?.hostname;
    const sp = lb.record.ports[0];
    const highlight = ctx.highlight([loadBalancerId(lb.record.namespace, lb.record.name), lb.id, ...ctx.backends(lb)]);
    shown.push(...highlight);
    const req: TraceRequest = { path: 1, to: lb.id };
    steps.push(
      withMisconceptions(ctx, {
        id: 'methods/loadBalancer',
        titleKey: 'methods.loadBalancer.title',
        textKey: 'methods.loadBalancer.text',
        params: { service: nameOf(lb.id), address: addr ? text(sp ? hostPort(addr, sp.port) : addr) : '<pending>' },
        highlight,
        ...(ctx.trace(req) ? { path: req } : {}),
        method: 'loadBalancer',
      }, ['M8', 'M9', 'M21']),
    );
  } else steps.push(absent('loadBalancer'));

  // Ingress
  const ing = [...ctx.ingresses].sort((a, b) => (ingressAddresses(a).length ? 0 : 1) - (ingressAddresses(b).length ? 0 : 1) || rankNs(a.namespace) - rankNs(b.namespace))[0];
  if (ing) {
    const iid = ingressId(ing.namespace, ing.name);
    const rule = ing.rules.find((r) => r.paths.some((p) => p.backend.service));
    const backend = rule?.paths.find((p) => p.backend.service)?.backend.service ?? ing.defaultBackend?.service;
    const host = rule?.host ?? ing.rules.find((r) => r.host)?.host;
    const address = ingressAddresses(ing)[0];
    const backendId = backend ? `svc:${ing.namespace}/${backend.name}` : undefined;
    const backendView = backendId ? topo.services.get(backendId) : undefined;
    const controller = address ? ctx.services.find((v) => v.record.type === 'LoadBalancer' && v.record.lbIngress.some((e) => e.ip === address || e.hostname === address)) : undefined;
    const highlight = ctx.highlight([
      iid,
      ...(controller ? [loadBalancerId(controller.record.namespace, controller.record.name), controller.id, ...ctx.backends(controller)] : []),
      backendId,
      ...(backendView ? ctx.backends(backendView) : []),
    ]);
    shown.push(...highlight);
    const req: TraceRequest = { path: 1, to: iid };
    steps.push(
      withMisconceptions(ctx, {
        id: 'methods/ingress',
        titleKey: 'methods.ingress.title',
        textKey: 'methods.ingress.text',
        params: { ingress: text(ing.name), host: text(host ? ingressExampleHost(host) : (address ?? '*')), service: text(backend?.name ?? '—') },
        highlight,
        ...(ctx.trace(req) ? { path: req } : {}),
        method: 'ingress',
      }, ['M11', 'M12', 'M20']),
    );
  } else steps.push(absent('ingress'));

  // The original example's teaching point: the hostPort and the Service land on different container ports.
  for (const h of ctx.hostPortPods()) {
    const hit = ctx.services
      .filter((v) => v.record.type !== 'ExternalName' && ctx.backends(v).includes(h.id))
      .flatMap((v) => v.record.ports.map((sp) => ({ v, sp, port: v.backends.endpoints.find((b) => b.podId === h.id)?.ports.get(portKey(sp)) })))
      .find((x) => x.port !== undefined && x.port !== h.containerPort);
    if (!hit) continue;
    steps.push(
      withMisconceptions(ctx, {
        id: 'methods/ports',
        titleKey: 'methods.ports.title',
        textKey: 'methods.ports.text',
        params: { pod: nameOf(h.id), containerPort: h.containerPort, service: nameOf(hit.v.id), targetPort: hit.port as number },
        highlight: ctx.highlight([h.id, hit.v.id]),
        method: 'hostPort',
      }, ['M6', 'M7']),
    );
    break;
  }

  steps.push({
    id: 'methods/summary',
    titleKey: 'methods.summary.title',
    textKey: 'methods.summary.text',
    params: {},
    highlight: ctx.highlight(shown),
    compare: [...METHOD_IDS],
  });
  return { id: 'methods', titleKey: 'tour.title.methods', steps };
}

// ---------------------------------------------------------------------------------------------------
// Misconceptions

function misconceptionsTour(ctx: Ctx): Tour {
  const steps = MISCONCEPTION_IDS.map((id): TourStep => {
    const t = ctx.tryIt(id);
    const ids = t ? [t.element, t.path?.from, t.path?.to, t.path?.endpoint, t.path?.via] : [];
    return {
      id: `misconceptions/${id}`,
      titleKey: `misconception.${id}.claim`,
      textKey: `misconception.${id}.correction`,
      params: {},
      highlight: ctx.highlight(ids),
      ...(t?.path ? { path: t.path } : {}),
      misconceptions: [id],
      ...(t ? { tryIt: { [id]: t } } : {}),
    };
  });
  return { id: 'misconceptions', titleKey: 'tour.title.misconceptions', steps };
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** The recommended sequence: on the `seed` demo (the original teaching example) `methods` then `path-2`. */
export function defaultTourIds(topo: Topology): Exclude<TourId, 'default'>[] {
  if (topo.snapshot.meta.context === 'demo:seed') return ['methods', 'path-2'];
  return ['ips', 'path-1', 'path-2', 'path-3', 'path-4'];
}

function build(ctx: Ctx, id: TourId, options: BuildTourOptions): Tour {
  switch (id) {
    case 'ips':
      return ipsTour(ctx);
    case 'methods':
      return methodsTour(ctx);
    case 'path-1':
    case 'path-2':
    case 'path-3':
    case 'path-4':
      return pathTour(ctx, id, options.request);
    case 'misconceptions':
      return misconceptionsTour(ctx);
    case 'default':
      return { id: 'default', titleKey: 'tour.title.default', steps: defaultTourIds(ctx.topo).flatMap((t) => build(ctx, t, {}).steps) };
  }
}

/**
 * Builds a tour on the current topology. Never throws for lack of data: a path that cannot be traced
 * here yields a single step saying so. Step IDs are prefixed by the tour (`path-2/hop-3`), so the steps
 * of the `default` tour stay unique.
 */
export function buildTour(topo: Topology, id: TourId, options: BuildTourOptions = {}): Tour {
  return build(new Ctx(topo), id, options);
}
