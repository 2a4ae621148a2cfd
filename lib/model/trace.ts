/**
 * tracePath: the four traffic paths hop by hop, with every address rewrite
 * (networking-semantics.md §2.3–2.6, hop records of §0.5).
 *
 * Where the real data path picks at random (endpoint selection), the trace picks deterministically
 * (the first eligible endpoint in address order, or the one asked for) and lists every eligible one.
 */
import type { PodRecord, ServicePortRecord, ServiceRecord } from '../snapshot/records';
import { checkDeclaredPort, connectToService, eligibleEndpoints, endpointRef, type Eligibility } from './eligibility';
import { EXTERNAL_CLIENT_ID, ingressId, loadBalancerId, parseId, podId, serviceId } from './ids';
import { ingressAddresses, matchIngress, resolveIngressBackend, resolveIngressClass } from './ingress';
import { localReadyEndpoints } from './access-points';
import { canonicalIP, familyOf, hostPort, inCidr } from './ip';
import { labelValue } from './labels';
import { evaluatePolicy } from './network-policy';
import { PortTable, portKey, type Backend, type NodeView, type ServiceView, type Topology } from './topology';
import type { Badge, Flow, Hop, Outcome, PathResult, Transform } from './types';

export interface TraceRequest {
  /** ① external via LoadBalancer, ② external to a Service, ③ pod → Service via ClusterIP, ④ pod → pod. */
  path: 1 | 2 | 3 | 4;
  /** Target: a Service ID (①②③), an Ingress ID (①), or a pod or Service ID (④). */
  to: string;
  /** Client: a pod ID (③④), a node ID (③ from a node), or `ext:client` (①②, the default there). */
  from?: string;
  /** ①②: the node that receives the traffic (`node:NAME` or NAME), or one of its addresses (② then dials that address). */
  via?: string;
  /** The Service port, by name or number; default the first. */
  port?: string | number;
  /** ②: which way in (default: NodePort if any, else ExternalIP, else HostPort, else the literal ClusterIP). */
  access?: 'NodePort' | 'ExternalIP' | 'HostPort' | 'HostNetwork' | 'ClusterIP';
  /** Pin the endpoint the proxy picks (a pod ID or an address). */
  endpoint?: string;
  /** ① through an Ingress: the request's Host and path. */
  host?: string;
  requestPath?: string;
  /**
   * ③: the DNS name the client pod looks up (`api`, `api.demo`, `api.demo.svc.cluster.local`), resolved
   * through the pod's search list; by default the short name that works from the client's namespace.
   */
  name?: string;
}

export class TraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceError';
  }
}

const FLOWS: Record<1 | 2 | 3 | 4, Flow> = { 1: '①', 2: '②', 3: '③', 4: '④' };

class HopList {
  readonly hops: Hop[] = [];
  add(h: Omit<Hop, 'step' | 'transforms' | 'elements'> & { transforms?: Transform[]; elements?: string[] }): void {
    this.hops.push({ ...h, step: this.hops.length + 1, transforms: h.transforms ?? [], elements: h.elements ?? [] });
  }
}

function result(flow: Flow, variant: string, hl: HopList, outcome: Outcome, extra: Partial<PathResult> = {}): PathResult {
  return { flow, variant, hops: hl.hops, eligible: [], outcome, badges: [], notes: [], ...extra, ...(extra.badges ? { badges: [...new Set(extra.badges)] } : {}) };
}

function serviceOf(topo: Topology, id: string): ServiceView {
  const v = topo.services.get(id);
  if (!v) throw new TraceError(`no Service ${id} in this cluster`);
  return v;
}

function pickPort(s: ServiceRecord, port: string | number | undefined): ServicePortRecord {
  if (s.ports.length === 0) throw new TraceError(`Service ${s.namespace}/${s.name} has no ports`);
  if (port === undefined) return s.ports[0] as ServicePortRecord;
  const found = s.ports.find((p) => p.name === String(port) || String(p.port) === String(port));
  if (!found) throw new TraceError(`Service ${s.namespace}/${s.name} has no port ${port} (ports: ${s.ports.map((p) => p.name || p.port).join(', ')})`);
  return found;
}

function nodeOf(topo: Topology, ref: string | undefined): NodeView | undefined {
  if (!ref) return undefined;
  const name = ref.startsWith('node:') ? ref.slice(5) : ref;
  const n = topo.nodes.get(name) ?? topo.nodes.get(topo.nodeByAddress.get(canonicalIP(name)) ?? '');
  if (!n) throw new TraceError(`no node ${name} in this cluster`);
  return n;
}

/** `via` given as a node address (not a node name): the address the external client dials. */
function viaAddress(topo: Topology, ref: string | undefined): string | undefined {
  if (!ref || ref.startsWith('node:') || topo.nodes.has(ref)) return undefined;
  return familyOf(ref) && topo.nodeByAddress.has(canonicalIP(ref)) ? ref : undefined;
}

/** A node an LB or the proxy may choose by itself: Ready and not excluded from external load balancers (E43). */
function inLbPool(n: NodeView): boolean {
  return n.record.ready === true && labelValue(n.record.labels, 'node.kubernetes.io/exclude-from-external-load-balancers') === undefined;
}

/** An endpoint address inside the pod network that no current pod owns: a stale slice entry (F4-stale-ip). */
function isStale(topo: Topology, b: Backend): boolean {
  return !b.podId && !b.external && !topo.nodeByAddress.has(canonicalIP(b.address));
}

function podOf(topo: Topology, id: string): PodRecord {
  const p = topo.pods.get(id);
  if (!p) throw new TraceError(`no pod ${id} in this cluster`);
  return p;
}

function sortedNodes(topo: Topology): NodeView[] {
  return [...topo.nodes.values()].sort((a, b) => a.record.name.localeCompare(b.record.name));
}

function nodeAddress(n: NodeView, family: string | undefined, external: boolean): string {
  const fam = (a: string): boolean => family === undefined || familyOf(a) === family;
  if (external) return n.externalIPs.find(fam) ?? n.internalIPs.find(fam) ?? n.record.name;
  return n.internalIPs.find(fam) ?? n.externalIPs.find(fam) ?? n.record.name;
}

/** The node's bridge (cni0) address: conventionally the first address of its pod CIDR (varies by implementation). */
function bridgeAddress(n: NodeView | undefined, family: string | undefined): string | undefined {
  const cidr = n?.record.podCIDRs.find((c) => familyOf(c.split('/')[0] as string) === (family ?? 'IPv4'));
  if (!cidr) return undefined;
  const base = cidr.split('/')[0] as string;
  if (familyOf(base) === 'IPv4') {
    const parts = base.split('.').map(Number);
    parts[3] = (parts[3] ?? 0) + 1;
    return parts.join('.');
  }
  return canonicalIP(base.replace(/::$/, '::1'));
}

function chooseEndpoint(el: Eligibility, pin: string | undefined, topo: Topology): Backend | undefined {
  const sorted = [...el.eligible].sort((a, b) => (a.podId ?? a.address).localeCompare(b.podId ?? b.address));
  if (pin) {
    const found = sorted.find((b) => b.podId === pin || b.address === pin || (b.podId && topo.pods.get(b.podId)?.name === pin));
    if (!found) throw new TraceError(`${pin} is not an eligible endpoint here (eligible: ${sorted.map((b) => b.podId ?? b.address).join(', ') || 'none'})`);
    return found;
  }
  return sorted[0];
}

function epLabel(topo: Topology, b: Backend, port: number): string {
  const pod = b.podId ? topo.pods.get(b.podId) : undefined;
  return `${pod ? `${pod.name} ` : ''}${endpointRef(b.address, port)}`;
}

/** Hops from the node that DNATs to the endpoint: cross-node pod network, then the pod itself. */
function deliverToEndpoint(
  topo: Topology,
  hl: HopList,
  from: NodeView | undefined,
  b: Backend,
  src: string,
  dst: string,
  /** Forces a pod-network hop (even on one node) with this basis: the second leg of an L7 proxy. */
  leg?: { basis: string; elements: string[] },
  /** false: the endpoint is itself the next hop (an L7 proxy pod), so no final pod hop. */
  podHop = true,
): void {
  const endNode = b.nodeName ? topo.nodes.get(b.nodeName) : undefined;
  const crossNode = from && endNode && endNode.record.name !== from.record.name;
  if (crossNode || leg) {
    const network = crossNode ? `${from.record.name} → ${endNode.record.name}: no NAT between nodes; encapsulation only with an overlay CNI (varies by implementation)` : 'same node: veth → bridge → veth';
    hl.add({
      component: 'pod-network',
      location: from?.record.name ?? endNode?.record.name ?? '',
      src,
      dst,
      transforms: crossNode ? [{ kind: 'ENCAP', outer: `${nodeAddress(from, b.family, false)} → ${nodeAddress(endNode, b.family, false)}` }] : [],
      basis: leg ? `${leg.basis}; ${network}` : network,
      elements: [...(leg?.elements ?? []), ...(from ? [from.id] : []), ...(endNode ? [endNode.id] : [])],
      teach: crossNode ? 'T-OVERLAY' : 'T-BRIDGE',
    });
  }
  if (!podHop || isStale(topo, b)) return;
  hl.add({
    component: b.podId && topo.pods.get(b.podId)?.hostNetwork ? 'host-process' : 'pod',
    location: b.nodeName ?? 'unknown node',
    src,
    dst,
    basis: b.podId ? `pod ${b.podId.slice(4)} sees src ${src.replace(/:e'?$/, '')}, dst ${dst}` : 'endpoint outside the pod network',
    elements: [...(b.podId ? [b.podId] : []), ...(endNode ? [endNode.id] : [])],
  });
}

/** Declared-port check at the backend (§2.2): the last word on OK vs REFUSED (assumed). */
function backendOutcome(topo: Topology, b: Backend, port: number, protocol: string): { outcome: Outcome; badges: Badge[]; note?: string } {
  if (isStale(topo, b)) {
    return { outcome: 'DROP', badges: ['varies'], note: `${b.address} is not owned by any current pod (stale endpoint): the packet is dropped (or refused if the IP was reused by another pod; varies by implementation)` };
  }
  const pod = b.podId ? topo.pods.get(b.podId) : undefined;
  const check = checkDeclaredPort(pod, port, protocol);
  if (check === 'undeclared') {
    return {
      outcome: 'REFUSED',
      badges: ['assumed'],
      note: `pod ${pod?.name} declares ${pod?.ports.map((p) => p.containerPort).join(', ')} but not ${port}: assumed nothing listens on ${port}, so the connection is refused`,
    };
  }
  if (check === 'no-ports-declared') return { outcome: 'OK', badges: ['unverified-port'], note: `pod ${pod?.name} declares no ports: port ${port} is unverified` };
  return { outcome: 'OK', badges: [] };
}

function eligibleRefs(topo: Topology, el: Eligibility, sp: ServicePortRecord): string[] {
  const key = portKey(sp);
  return el.eligible.map((b) => epLabel(topo, b, b.ports.get(key) as number));
}

/** The Service-proxy step on a node: DNAT (+ SNAT when asked), then delivery; shared by ①②③. */
function proxyHop(
  topo: Topology,
  hl: HopList,
  opts: {
    view: ServiceView;
    sp: ServicePortRecord;
    node: NodeView | undefined;
    localNode?: string;
    src: string;
    snat: 'cluster' | 'none' | 'node';
    basis: string;
    endpoint?: string;
    family?: string;
    decidingNode?: string;
    /** The chosen endpoint is an L7 proxy that continues the path: no final pod hop. */
    noPodHop?: boolean;
  },
): { outcome: Outcome; eligible: string[]; chosen?: Backend; backendSrc?: string; badges: Badge[]; notes: string[] } {
  const { view, sp, node } = opts;
  const el = eligibleEndpoints(topo, view.id, {
    port: sp,
    ...(opts.family ? { family: opts.family as 'IPv4' | 'IPv6' } : {}),
    ...(opts.localNode !== undefined ? { localNode: opts.localNode } : {}),
    ...(opts.decidingNode ? { decidingNode: opts.decidingNode } : {}),
  });
  const loc = node?.record.name ?? 'client node';
  const badges: Badge[] = view.backends.source === 'inferred' ? ['inferred-endpoints'] : [];
  const notes: string[] = [];
  if (el.outcome !== 'OK') {
    hl.add({
      component: 'netfilter',
      location: loc,
      src: opts.src,
      dst: hl.hops.at(-1)?.dst ?? '',
      basis: `${opts.basis}; ${el.reason ?? ''}`,
      elements: [...(node ? [node.id] : []), view.id],
      teach: 'T-ENDPOINTS',
    });
    notes.push(el.reason ?? '');
    return { outcome: el.outcome, eligible: [], badges, notes };
  }
  const chosen = chooseEndpoint(el, opts.endpoint, topo) as Backend;
  const tport = chosen.ports.get(portKey(sp)) as number;
  const dst = hostPort(chosen.address, tport);
  const transforms: Transform[] = [{ kind: 'DNAT', to: dst }];
  let src = opts.src;
  const sameNode = chosen.nodeName !== undefined && chosen.nodeName === node?.record.name;
  if (opts.snat === 'cluster' && node) {
    const snatTo = sameNode ? (bridgeAddress(node, chosen.family) ?? nodeAddress(node, chosen.family, false)) : nodeAddress(node, chosen.family, false);
    transforms.push({ kind: 'SNAT', to: snatTo });
    src = `${snatTo}:e'`;
    badges.push('varies');
  }
  if (el.fallback) notes.push('no ready endpoint in scope: terminating-but-serving endpoints are used as a fallback');
  if (el.hinted) notes.push('topology hints narrowed the endpoints');
  if (typeof sp.targetPort === 'string') notes.push(`named targetPort "${sp.targetPort}" resolved per pod: ${tport} on ${chosen.podId ?? chosen.address}`);
  hl.add({
    component: 'netfilter',
    location: loc,
    src,
    dst,
    transforms,
    basis: `${opts.basis}; eligible {${eligibleRefs(topo, el, sp).join(', ')}}${opts.snat === 'cluster' ? `; SNAT because externalTrafficPolicy is Cluster${sameNode ? ' (endpoint on this node: the bridge address)' : ' (endpoint on another node: the node address)'}` : ''}`,
    elements: [...(node ? [node.id] : []), view.id, ...(chosen.podId ? [chosen.podId] : [])],
    teach: opts.snat === 'cluster' ? 'T-SNAT' : 'T-DNAT',
  });
  deliverToEndpoint(topo, hl, node, chosen, src, dst, undefined, !opts.noPodHop);
  return { outcome: 'OK', eligible: eligibleRefs(topo, el, sp), chosen, backendSrc: src.replace(/:e'?$/, ''), badges, notes };
}

function finish(
  topo: Topology,
  flow: Flow,
  variant: string,
  hl: HopList,
  proxied: ReturnType<typeof proxyHop>,
  sp: ServicePortRecord,
  extraBadges: Badge[] = [],
  extraNotes: string[] = [],
): PathResult {
  if (proxied.outcome !== 'OK' || !proxied.chosen) {
    return result(flow, variant, hl, proxied.outcome, { badges: [...proxied.badges, ...extraBadges], notes: [...extraNotes, ...proxied.notes] });
  }
  const tport = proxied.chosen.ports.get(portKey(sp)) as number;
  const back = backendOutcome(topo, proxied.chosen, tport, sp.protocol);
  return result(flow, variant, hl, back.outcome, {
    eligible: proxied.eligible,
    ...(back.outcome === 'DROP' ? {} : { backendSees: { src: proxied.backendSrc ?? '', dst: hostPort(proxied.chosen.address, tport) } }),
    badges: [...proxied.badges, ...extraBadges, ...back.badges],
    notes: [...extraNotes, ...proxied.notes, ...(back.note ? [back.note] : [])],
  });
}

// ① external client → cloud LoadBalancer → Service (§2.3)
function traceLoadBalancer(topo: Topology, req: TraceRequest): PathResult {
  const flow = FLOWS[1];
  if (req.to.startsWith('ing:')) return traceIngress(topo, req);
  const view = serviceOf(topo, req.to);
  const s = view.record;
  if (s.type !== 'LoadBalancer') throw new TraceError(`path ① needs a LoadBalancer Service; ${req.to} is ${s.type} (try path ②)`);
  const sp = pickPort(s, req.port);
  const C = topo.settings.externalClient;
  const hl = new HopList();
  const lbElem = loadBalancerId(s.namespace, s.name);
  const ing = s.lbIngress[0];
  if (!ing || (!ing.ip && !ing.hostname)) {
    hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: `<pending>:${sp.port}`, basis: 'status.loadBalancer.ingress is empty', elements: [EXTERNAL_CLIENT_ID, lbElem], teach: 'T-LB-ADDR' });
    return result(flow, 'F1-pending', hl, 'NO_ADDRESS', {
      notes: [
        `the load balancer is <pending>${s.loadBalancerClass ? ` (class ${s.loadBalancerClass} has not provisioned it)` : ': Kubernetes ships no load balancer; a cloud integration or MetalLB is needed'}`,
        ...(sp.nodePort ? [`working fallback: NodePort ${sp.nodePort} on every node (path ②)`] : []),
      ],
    });
  }
  const lbAddr = (ing.ip ?? ing.hostname) as string;
  const family = ing.ip ? familyOf(ing.ip) : s.ipFamilies[0];
  hl.add({
    component: 'client',
    location: 'outside',
    src: `${C}:e`,
    dst: hostPort(lbAddr, sp.port),
    basis: `status.loadBalancer.ingress[0].${ing.ip ? 'ip' : 'hostname'} + ports[${s.ports.indexOf(sp)}].port`,
    elements: [EXTERNAL_CLIENT_ID, lbElem],
    teach: 'T-LB-ADDR',
  });
  // E21: loadBalancerSourceRanges, enforced by the LB or (VIP mode) by kube-proxy; varies by implementation.
  const ranges = s.loadBalancerSourceRanges;
  if (ranges.length > 0 && !ranges.some((r) => inCidr(C, r))) {
    hl.add({ component: 'cloud-lb', location: 'cloud', src: `${C}:e`, dst: hostPort(lbAddr, sp.port), basis: `loadBalancerSourceRanges ${ranges.join(', ')} does not include ${C}`, elements: [lbElem], teach: 'T-LB-ADDR' });
    return result(flow, 'F1-source-ranges', hl, 'DROP', {
      badges: ['varies'],
      notes: [`${C} is outside loadBalancerSourceRanges (${ranges.join(', ')}): the LB, or kube-proxy for VIP-mode traffic, drops it (varies by implementation); the NodePorts are not covered by the ranges`],
    });
  }
  const local = s.externalTrafficPolicy === 'Local';
  const nodes = sortedNodes(topo);
  // ETP Local: the health check answers 200 only with a local READY endpoint (kube-proxy LocalReadyEndpoints),
  // while forwarding still falls back to local terminating-but-serving endpoints (KEP-1669, E14).
  const healthy = (n: NodeView): boolean => !local || localReadyEndpoints(view, n.record.name, family) > 0;
  const forwards = (n: NodeView): boolean => !local || connectToService(topo, view.id, { port: sp, localNode: n.record.name }).eligibility.outcome === 'OK';
  const forced = nodeOf(topo, req.via);
  const nK = forced ?? nodes.find((n) => healthy(n) && inLbPool(n)) ?? nodes.find(healthy) ?? nodes[0];
  const proxyMode = ing.ipMode === 'Proxy';
  const noNodePorts = !sp.nodePort;
  const badges: Badge[] = [];
  let variant = local ? 'F1-local' : 'F1-base';
  if (proxyMode) variant = 'F1-proxy';
  if (noNodePorts) variant = 'F1-nonodeports';

  if (noNodePorts) {
    // LB straight to pod IPs (allocateLoadBalancerNodePorts: false), varies by implementation.
    const el = eligibleEndpoints(topo, view.id, { port: sp });
    const chosen = el.outcome === 'OK' ? chooseEndpoint(el, req.endpoint, topo) : undefined;
    if (!chosen) {
      hl.add({ component: 'cloud-lb', location: 'cloud', src: `${C}:e`, dst: hostPort(lbAddr, sp.port), basis: el.reason ?? '', elements: [lbElem], teach: 'T-LB-NODE' });
      return result(flow, variant, hl, el.outcome, { notes: [el.reason ?? ''], badges: ['varies'] });
    }
    const tport = chosen.ports.get(portKey(sp)) as number;
    const dst = hostPort(chosen.address, tport);
    hl.add({ component: 'cloud-lb', location: 'cloud', src: `${C}:e`, dst, transforms: [{ kind: 'DNAT', to: dst }], basis: 'allocateLoadBalancerNodePorts: false: the LB targets pod IPs directly (varies by implementation)', elements: [lbElem, ...(chosen.podId ? [chosen.podId] : [])], teach: 'T-LB-NODE' });
    deliverToEndpoint(topo, hl, undefined, chosen, `${C}:e`, dst);
    const back = backendOutcome(topo, chosen, tport, sp.protocol);
    return result(flow, variant, hl, back.outcome, { eligible: eligibleRefs(topo, el, sp), backendSees: { src: C, dst }, badges: ['varies', ...back.badges], notes: back.note ? [back.note] : [] });
  }
  if (!nK) throw new TraceError('the cluster has no nodes');
  const nodeAddr = nodeAddress(nK, family, false);
  const nodeHealthy = healthy(nK);
  const hcBasis = local
    ? `health check ${s.healthCheckNodePort ? `:${s.healthCheckNodePort}` : 'port'}/healthz: ${nodes.map((n) => `${n.record.name} ${healthy(n) ? '200' : '503'}`).join(', ')}`
    : 'externalTrafficPolicy Cluster: every node with a healthy kube-proxy passes :10256/healthz';
  if (proxyMode) {
    hl.add({
      component: 'cloud-lb',
      location: 'cloud',
      src: `${lbAddr}:e'`,
      dst: hostPort(nodeAddr, sp.nodePort as number),
      transforms: [{ kind: 'DNAT', to: hostPort(nodeAddr, sp.nodePort as number) }, { kind: 'SNAT', to: lbAddr }],
      basis: `ipMode Proxy: the LB terminates and reconnects to ${nK.record.name}:${sp.nodePort}; the client IP survives only via PROXY protocol or X-Forwarded-For (varies by implementation)`,
      elements: [lbElem, nK.id],
      teach: 'T-LB-NODE',
    });
    badges.push('varies');
  } else {
    hl.add({
      component: 'cloud-lb',
      location: 'cloud',
      src: `${C}:e`,
      dst: hostPort(lbAddr, sp.port),
      basis: `VIP mode: delivered to ${nK.record.name}, destination unchanged; ${hcBasis}`,
      elements: [lbElem, nK.id],
      teach: local ? 'T-HEALTH' : 'T-LB-NODE',
    });
  }
  if (local && !forwards(nK) && !proxyMode) {
    hl.add({ component: 'netfilter', location: nK.record.name, src: `${C}:e`, dst: hostPort(lbAddr, sp.port), basis: `externalTrafficPolicy Local: ${nK.record.name} has no ready local endpoint and drops the packet; the LB normally keeps it out of the pool (health check 503)`, elements: [nK.id, view.id], teach: 'T-HEALTH' });
    return result(flow, 'F1-local', hl, 'DROP', { notes: [`${nK.record.name} answers 503 on the health check, so the LB removes it from the pool; traffic forced there is dropped`] });
  }
  const proxied = proxyHop(topo, hl, {
    view,
    sp,
    node: nK,
    ...(local && !proxyMode ? { localNode: nK.record.name } : {}),
    src: proxyMode ? `${lbAddr}:e'` : `${C}:e`,
    snat: local && !proxyMode ? 'none' : 'cluster',
    basis: `service rules for ${hostPort(lbAddr, sp.port)}${proxyMode ? ` (nodePort ${sp.nodePort})` : ''}`,
    ...(req.endpoint ? { endpoint: req.endpoint } : {}),
    ...(family ? { family } : {}),
    decidingNode: nK.record.name,
  });
  const notes = ['the reply is reverse-translated through conntrack on the receiving node and returns via the LB'];
  if (local && !proxyMode) notes.unshift('externalTrafficPolicy Local: no SNAT, the backend sees the client address');
  if (local && !nodeHealthy) notes.push(`${nK.record.name} answers 503 on the health check (no local ready endpoint), so the LB drains it; traffic that still arrives is forwarded to its terminating endpoints`);
  return finish(topo, flow, variant, hl, proxied, sp, badges, notes);
}

/** ① through an Ingress controller (F1-ingress): two L4 legs joined by an L7 proxy. */
function traceIngress(topo: Topology, req: TraceRequest): PathResult {
  const flow = FLOWS[1];
  const id = parseId(req.to);
  const ing = topo.snapshot.ingresses.find((i) => ingressId(i.namespace, i.name) === req.to);
  if (!id || !ing) throw new TraceError(`no Ingress ${req.to} in this cluster`);
  const C = topo.settings.externalClient;
  const hl = new HopList();
  const firstRuleHost = ing.rules.find((r) => r.host)?.host;
  const host = (req.host ?? (firstRuleHost?.startsWith('*.') ? `x.${firstRuleHost.slice(2)}` : firstRuleHost) ?? '').toLowerCase();
  const path = req.requestPath ?? '/';
  const tls = host !== '' && ing.tls.some((t) => t.hosts.some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1)))));
  const scheme = tls ? 'https' : 'http';
  const port = tls ? 443 : 80;
  const addrs = ingressAddresses(ing);
  const cls = resolveIngressClass(topo, ing);
  const badges: Badge[] = [...cls.badges];
  const notes: string[] = cls.warning ? [cls.warning] : [];
  if (addrs.length === 0) {
    hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: `<no address>:${port}`, basis: 'Ingress status.loadBalancer.ingress is empty', elements: [EXTERNAL_CLIENT_ID, req.to], teach: 'T-INGRESS' });
    return result(flow, 'F1-ingress', hl, 'NO_ADDRESS', { badges, notes: [...notes, 'no controller has given this Ingress an address'] });
  }
  const addr = addrs[0] as string;
  hl.add({
    component: 'client',
    location: 'outside',
    src: `${C}:e`,
    dst: hostPort(addr, port),
    basis: `${scheme.toUpperCase()}${tls ? `, SNI ${host}` : ''}, Host: ${host || addr}; the Ingress address from its status`,
    elements: [EXTERNAL_CLIENT_ID, req.to],
    teach: 'T-INGRESS',
  });
  // Leg 1: the controller's own exposure — a LoadBalancer Service owning the Ingress address.
  const ctrl = [...topo.services.values()].find((v) => v.record.type === 'LoadBalancer' && v.record.lbIngress.some((e) => e.ip === addr || e.hostname === addr));
  let controllerPod: PodRecord | undefined;
  let controllerNode: NodeView | undefined;
  let legSrc = 'ingress controller';
  if (ctrl) {
    const csp = ctrl.record.ports.find((p) => p.port === port) ?? ctrl.record.ports[0];
    if (csp) {
      const nodes = sortedNodes(topo);
      const nK = nodeOf(topo, req.via) ?? nodes.find((n) => ctrl.record.externalTrafficPolicy !== 'Local' || connectToService(topo, ctrl.id, { port: csp, localNode: n.record.name }).eligibility.outcome === 'OK') ?? nodes[0];
      hl.add({ component: 'cloud-lb', location: 'cloud', src: `${C}:e`, dst: hostPort(addr, port), basis: `the controller's Service ${ctrl.id.slice(4)} (VIP): delivered to ${nK?.record.name ?? 'a node'}`, elements: [loadBalancerId(ctrl.record.namespace, ctrl.record.name), ...(nK ? [nK.id] : [])], teach: 'T-LB-NODE' });
      const leg1 = proxyHop(topo, hl, {
        view: ctrl,
        sp: csp,
        node: nK,
        ...(ctrl.record.externalTrafficPolicy === 'Local' && nK ? { localNode: nK.record.name } : {}),
        src: `${C}:e`,
        snat: ctrl.record.externalTrafficPolicy === 'Local' ? 'none' : 'cluster',
        basis: `the controller's own Service ${ctrl.id.slice(4)}`,
        ...(nK ? { decidingNode: nK.record.name } : {}),
        noPodHop: true,
      });
      if (leg1.outcome !== 'OK' || !leg1.chosen) return result(flow, 'F1-ingress', hl, leg1.outcome, { badges: [...badges, ...leg1.badges], notes: [...notes, ...leg1.notes] });
      controllerPod = leg1.chosen.podId ? topo.pods.get(leg1.chosen.podId) : undefined;
      controllerNode = leg1.chosen.nodeName ? topo.nodes.get(leg1.chosen.nodeName) : undefined;
      legSrc = leg1.chosen.address;
    }
  } else {
    notes.push('the controller\'s exposure (LoadBalancer Service, NodePort or hostNetwork) was not found in this snapshot');
    badges.push('varies');
  }
  const m = matchIngress(ing, host || addr, path);
  const ruleText = m.viaDefaultBackend ? 'no rule matched: defaultBackend' : m.path ? `rule host=${m.host ?? '*'}, ${m.path.pathType} ${m.path.path}` : 'no rule matched';
  hl.add({
    component: 'l7-proxy',
    location: controllerNode?.record.name ?? 'ingress controller',
    src: legSrc,
    dst: `${host || addr}${path}`,
    transforms: [{ kind: 'L7_NEW_CONNECTION' }],
    basis: `${tls ? `TLS terminated for ${host}; ` : ''}${ruleText}${m.backend?.service ? ` → ${m.backend.service.name}:${m.backend.service.port.number ?? m.backend.service.port.name}` : ''}; Host + longest path`,
    elements: [req.to, ...(controllerPod ? [podId(controllerPod.namespace, controllerPod.name)] : [])],
    teach: 'T-INGRESS',
  });
  badges.push(...m.badges);
  if (!m.backend) return result(flow, 'F1-ingress', hl, 'HTTP_404', { httpStatus: 404, badges: [...badges, 'varies'], notes: [...notes, `no rule matches Host ${host || addr} and path ${path}, and there is no default backend`] });
  const res = resolveIngressBackend(topo, ing, m.backend);
  if (res.outcome !== 'OK' || !res.serviceId || !res.servicePort) {
    return result(flow, 'F1-ingress', hl, res.outcome, { ...(res.httpStatus ? { httpStatus: res.httpStatus } : {}), badges: [...badges, ...res.badges], notes: [...notes, res.reason ?? ''] });
  }
  // Leg 2: straight to endpoint IPs, pod to pod (varies by implementation).
  const view = serviceOf(topo, res.serviceId);
  const sp = res.servicePort;
  const el = eligibleEndpoints(topo, view.id, { port: sp });
  const chosen = chooseEndpoint(el, req.endpoint, topo);
  if (!chosen) return result(flow, 'F1-ingress', hl, 'HTTP_5XX', { httpStatus: 503, badges, notes: [...notes, el.reason ?? ''] });
  const tport = chosen.ports.get(portKey(sp)) as number;
  const dst = hostPort(chosen.address, tport);
  const src = controllerPod?.podIPs[0] ?? legSrc;
  if (controllerPod) {
    const chosenPod = chosen.podId ? topo.pods.get(chosen.podId) : undefined;
    const pol = evaluatePolicy(topo, { pod: controllerPod, ip: src }, { ...(chosenPod ? { pod: chosenPod } : {}), ip: chosen.address }, tport, sp.protocol);
    if (pol.allowed === false) {
      hl.add({ component: 'policy', location: chosen.nodeName ?? '', src: `${src}:e`, dst, basis: pol.reason, elements: chosen.podId ? [chosen.podId] : [], teach: 'T-NETPOL' });
      return result(flow, 'F1-ingress', hl, 'HTTP_5XX', { httpStatus: 504, badges: [...badges, 'varies'], notes: [...notes, 'the backend\'s ingress policy must allow the controller pod (NP-14)'] });
    }
  }
  deliverToEndpoint(topo, hl, controllerNode, chosen, `${src}:e`, dst, {
    basis: `plaintext to an endpoint of ${view.id.slice(4)}, eligible {${eligibleRefs(topo, el, sp).join(', ')}} (usually straight to endpoint IPs; varies by implementation)`,
    elements: [view.id],
  });
  const back = backendOutcome(topo, chosen, tport, sp.protocol);
  return result(flow, 'F1-ingress', hl, back.outcome === 'REFUSED' ? 'HTTP_5XX' : back.outcome, {
    ...(back.outcome === 'REFUSED' ? { httpStatus: 502 } : {}),
    eligible: eligibleRefs(topo, el, sp),
    backendSees: { src, dst },
    badges: [...badges, ...back.badges],
    notes: [...notes, 'two separate L4 legs: the client IP reaches the backend only in X-Forwarded-For (varies by implementation)', ...(back.note ? [back.note] : [])],
  });
}

// ② external client → "the Service" (§2.4)
function traceExternal(topo: Topology, req: TraceRequest): PathResult {
  const flow = FLOWS[2];
  const C = topo.settings.externalClient;
  const hl = new HopList();
  const target = parseId(req.to);
  if (target?.kind === 'pod') return traceHostPort(topo, req, podOf(topo, req.to));
  const view = serviceOf(topo, req.to);
  const s = view.record;
  if (s.type === 'ExternalName') throw new TraceError(`${req.to} is an ExternalName Service: a DNS alias with no address of its own to reach from outside`);
  const sp = pickPort(s, req.port);
  const hostPortPod = [...view.selectedPods, ...view.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : []))]
    .map((id) => topo.pods.get(id))
    .find((p) => p?.ports.some((cp) => cp.hostPort) || p?.hostNetwork);
  const access = req.access ?? (sp.nodePort ? 'NodePort' : s.externalIPs.length > 0 ? 'ExternalIP' : hostPortPod ? 'HostPort' : 'ClusterIP');
  if (access === 'HostPort' || access === 'HostNetwork') {
    if (!hostPortPod) throw new TraceError(`no pod of ${req.to} has a hostPort or hostNetwork`);
    return traceHostPort(topo, req, hostPortPod);
  }
  if (access === 'ClusterIP') {
    const ip = s.clusterIPs[0];
    if (!ip) throw new TraceError(`${req.to} has no ClusterIP (headless)`);
    hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: hostPort(ip, sp.port), basis: 'the original diagram\'s ② drawn literally: an external client dials the ClusterIP', elements: [EXTERNAL_CLIENT_ID, view.id], teach: 'T-CLUSTERIP' });
    if (!topo.settings.serviceCidrAdvertised) {
      return result(flow, 'F2-literal', hl, 'DROP', {
        notes: [
          'a ClusterIP exists only as rules on the nodes: nothing outside the cluster routes to it, so the packets are lost',
          `what works instead: ${[sp.nodePort ? `NodePort ${sp.nodePort} on any node` : '', s.externalIPs.length ? 'the externalIPs' : '', s.type === 'LoadBalancer' ? 'the LoadBalancer address' : '', hostPortPod ? 'the pod\'s hostPort' : ''].filter(Boolean).join(', ') || 'make it a NodePort or LoadBalancer Service, or use an Ingress'}`,
        ],
      });
    }
    const nK = nodeOf(topo, req.via) ?? sortedNodes(topo)[0];
    hl.add({ component: 'router', location: 'outside', src: `${C}:e`, dst: hostPort(ip, sp.port), basis: `Service CIDR advertised: the router sends it to ${nK?.record.name ?? 'a node'} (varies by implementation)`, elements: nK ? [nK.id] : [] });
    const proxied = proxyHop(topo, hl, { view, sp, node: nK, src: `${C}:e`, snat: 'cluster', basis: `service rules for ${hostPort(ip, sp.port)}`, ...(req.endpoint ? { endpoint: req.endpoint } : {}) });
    return finish(topo, flow, 'F2-advertised', hl, proxied, sp, ['varies']);
  }
  const nodes = sortedNodes(topo);
  const nK = nodeOf(topo, req.via) ?? nodes[0];
  if (!nK) throw new TraceError('the cluster has no nodes');
  const local = s.externalTrafficPolicy === 'Local';
  let variant: string;
  let dialed: string;
  if (access === 'NodePort') {
    if (!sp.nodePort) throw new TraceError(`port ${sp.name || sp.port} of ${req.to} has no nodePort`);
    const family = s.ipFamilies[0];
    dialed = hostPort(viaAddress(topo, req.via) ?? nodeAddress(nK, family, true), sp.nodePort);
    variant = 'F2-nodeport';
    hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: dialed, basis: `ports[${s.ports.indexOf(sp)}].nodePort on ${nK.record.name}'s address`, elements: [EXTERNAL_CLIENT_ID, nK.id], teach: 'T-NODEPORT' });
  } else {
    const ext = s.externalIPs[0];
    if (!ext) throw new TraceError(`${req.to} has no externalIPs`);
    dialed = hostPort(ext, sp.port);
    variant = 'F2-externalIP';
    hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: dialed, basis: 'spec.externalIPs (deprecated v1.36)', elements: [EXTERNAL_CLIENT_ID, view.id], teach: 'T-EXTIP' });
    hl.add({ component: 'router', location: 'outside', src: `${C}:e`, dst: dialed, basis: `the administrator routes ${ext} to ${nK.record.name}`, elements: [nK.id], teach: 'T-EXTIP' });
  }
  const proxied = proxyHop(topo, hl, {
    view,
    sp,
    node: nK,
    ...(local ? { localNode: nK.record.name } : {}),
    src: `${C}:e`,
    snat: local ? 'none' : 'cluster',
    basis: `service rules for ${dialed}${local ? ' (externalTrafficPolicy Local: local endpoints only)' : ''}`,
    ...(req.endpoint ? { endpoint: req.endpoint } : {}),
    decidingNode: nK.record.name,
  });
  const extra: Badge[] = access === 'ExternalIP' ? ['deprecated', 'admin-routed'] : [];
  return finish(topo, flow, local ? `${variant}-local` : variant, hl, proxied, sp, extra, [
    ...(s.clusterIPs[0] ? [`inside the cluster the Service also answers on ${hostPort(s.clusterIPs[0], sp.port)}`] : []),
  ]);
}

/** ② via a pod's hostPort or hostNetwork (F2-hostport, F2-hostnetwork). */
function traceHostPort(topo: Topology, req: TraceRequest, pod: PodRecord): PathResult {
  const flow = FLOWS[2];
  const C = topo.settings.externalClient;
  const hl = new HopList();
  const pid = podId(pod.namespace, pod.name);
  const podNode = pod.nodeName ? topo.nodes.get(pod.nodeName) : undefined;
  const nK = nodeOf(topo, req.via) ?? podNode;
  if (!nK || !podNode) return result(flow, 'F2-hostport', hl, 'NO_ADDRESS', { notes: [`pod ${pod.name} is not scheduled on a node`] });
  const cp = pod.hostNetwork ? pod.ports[0] : pod.ports.find((p) => p.hostPort);
  if (!cp) throw new TraceError(`pod ${pid} declares no ${pod.hostNetwork ? 'ports' : 'hostPort'}`);
  const port = pod.hostNetwork ? cp.containerPort : (cp.hostPort as number);
  const addr = viaAddress(topo, req.via) ?? (cp.hostIP && nK === podNode ? cp.hostIP : nodeAddress(nK, undefined, true));
  const variant = pod.hostNetwork ? 'F2-hostnetwork' : 'F2-hostport';
  hl.add({ component: 'client', location: 'outside', src: `${C}:e`, dst: hostPort(addr, port), basis: `${pod.hostNetwork ? 'hostNetwork containerPort' : 'hostPort'} of pod ${pod.name} on ${nK.record.name}`, elements: [EXTERNAL_CLIENT_ID, nK.id], teach: pod.hostNetwork ? 'T-HOSTNET' : 'T-HOSTPORT' });
  if (nK.record.name !== podNode.record.name) {
    return result(flow, `${variant}-other-node`, hl, 'REFUSED', { notes: [`nothing listens on ${nK.record.name}:${port}: the ${pod.hostNetwork ? 'hostNetwork pod' : 'hostPort'} exists only on ${podNode.record.name}, where pod ${pod.name} runs`] });
  }
  if (!pod.hostNetwork && cp.hostIP && cp.hostIP !== '0.0.0.0' && cp.hostIP !== '::' && canonicalIP(cp.hostIP) !== canonicalIP(addr)) {
    // E39: a hostPort bound to one hostIP exists on that address only.
    return result(flow, `${variant}-other-address`, hl, 'REFUSED', { notes: [`hostPort ${port} is bound to hostIP ${cp.hostIP} only: nothing listens on ${hostPort(addr, port)}`] });
  }
  if (pod.hostNetwork) {
    hl.add({ component: 'host-process', location: nK.record.name, src: `${C}:e`, dst: hostPort(addr, port), basis: 'the process listens in the node\'s own network namespace', elements: [pid], teach: 'T-HOSTNET' });
    return result(flow, variant, hl, 'OK', { backendSees: { src: C, dst: hostPort(addr, port) }, eligible: [pod.name], badges: ['varies'], notes: ['works only on the node that runs the pod'] });
  }
  const podIP = pod.podIPs[0];
  if (!podIP) return result(flow, variant, hl, 'REFUSED', { notes: [`pod ${pod.name} has no IP yet`] });
  const dst = hostPort(podIP, cp.containerPort);
  hl.add({ component: 'portmap', location: nK.record.name, src: `${C}:e`, dst, transforms: [{ kind: 'DNAT', to: dst }], basis: `containerPort ${cp.containerPort} hostPort ${port} (CNI portmap; varies by implementation)`, elements: [nK.id, pid], teach: 'T-HOSTPORT' });
  hl.add({ component: 'pod', location: nK.record.name, src: `${C}:e`, dst, basis: `pod ${pod.name} usually sees the client address (varies)`, elements: [pid] });
  return result(flow, variant, hl, 'OK', { eligible: [pod.name], backendSees: { src: C, dst }, badges: ['varies'], notes: ['one pod on one node: no load balancing; the address moves when the pod is rescheduled'] });
}

/**
 * Resolves a name the way a ClusterFirst pod does: the search list `<ns>.svc.<zone>`, `svc.<zone>`,
 * `<zone>` first, then the name as written (a trailing dot makes it absolute). Service names only.
 */
function resolveServiceName(topo: Topology, name: string, namespace: string): { service?: string; tried: string[] } {
  const zone = topo.settings.dnsZone;
  const n = name.toLowerCase();
  const base = n.replace(/\.$/, '');
  const tried = n.endsWith('.') ? [base] : [`${base}.${namespace}.svc.${zone}`, `${base}.svc.${zone}`, `${base}.${zone}`, base];
  const suffix = `.svc.${zone}`;
  for (const [i, fq] of tried.entries()) {
    if (!fq.endsWith(suffix)) continue;
    const parts = fq.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) continue;
    const id = serviceId(parts[1] as string, parts[0] as string);
    if (topo.services.has(id)) return { service: id, tried: tried.slice(0, i + 1) };
  }
  return { tried };
}

function clusterDnsService(topo: Topology): ServiceView | undefined {
  return topo.services.get(serviceId('kube-system', 'kube-dns')) ?? [...topo.services.values()].find((v) => labelValue(v.record.labels, 'k8s-app') === 'kube-dns');
}

// ③ pod → another Service via its ClusterIP (§2.5)
function traceServiceCall(topo: Topology, req: TraceRequest): PathResult {
  const flow = FLOWS[3];
  const view = serviceOf(topo, req.to);
  const s = view.record;
  const hl = new HopList();
  const fromId = req.from;
  if (!fromId) throw new TraceError('path ③ needs --from: a pod ID (or a node ID for a process on a node)');
  const fromNodeOnly = fromId.startsWith('node:') ? nodeOf(topo, fromId) : undefined;
  const client = fromNodeOnly ? undefined : podOf(topo, fromId);
  const clientNode = fromNodeOnly ?? (client?.nodeName ? topo.nodes.get(client.nodeName) : undefined);
  const clientIP = client ? (client.podIPs[0] ?? '') : nodeAddress(clientNode as NodeView, undefined, false);
  if (client && !clientIP) throw new TraceError(`pod ${fromId} has no IP yet`);
  // F3-wrong-port / E32: a number that is not one of the Service's ports (typically the targetPort).
  const wrongPort =
    s.type !== 'ExternalName' && !s.headless && s.clusterIPs.length > 0 && req.port !== undefined && /^\d+$/.test(String(req.port)) && !s.ports.some((p) => String(p.port) === String(req.port) || p.name === String(req.port));
  const sp = s.type === 'ExternalName' || wrongPort ? undefined : pickPort(s, req.port);
  const zone = topo.settings.dnsZone;
  const fqdn = `${s.name}.${s.namespace}.svc.${zone}`;
  const shortName = req.name ?? (client && client.namespace === s.namespace ? s.name : `${s.name}.${s.namespace}`);
  const badges: Badge[] = [];
  const notes: string[] = [];
  const clientElem = client ? podId(client.namespace, client.name) : (clientNode as NodeView).id;
  const where = clientNode?.record.name ?? '';

  if (wrongPort) {
    const dialed = hostPort(s.clusterIPs[0] as string, Number(req.port));
    const target = s.ports.find((p) => String(p.targetPort) === String(req.port) || view.backends.endpoints.some((b) => b.ports.get(portKey(p)) === Number(req.port)));
    const hint = target ? `${req.port} is the targetPort of Service port ${target.port}: dial port ${target.port}` : `dial port ${s.ports.map((p) => p.port).join(' or ')}`;
    hl.add({ component: client ? 'client' : 'host-process', location: where, src: `${clientIP}:e`, dst: dialed, basis: `${client ? `pod ${client.name}` : `a process on ${where}`} dials the ClusterIP on port ${req.port}`, elements: [clientElem, view.id], teach: 'T-CLUSTERIP' });
    hl.add({ component: 'netfilter', location: where, src: `${clientIP}:e`, dst: dialed, basis: `no service rule matches ${dialed}: ${s.name} maps only port${s.ports.length > 1 ? 's' : ''} ${s.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}; in iptables mode the packet follows the default route and is lost`, elements: [...(clientNode ? [clientNode.id] : []), view.id], teach: 'T-CLUSTERIP' });
    return result(flow, 'F3-wrong-port', hl, 'DROP', { badges: ['varies'], notes: [`${req.port} is not a port of Service ${s.name}: ${hint}`, 'iptables mode drops the packet; other proxy modes may reject it (varies by implementation)'] });
  }
  if (!client && req.name !== undefined) {
    hl.add({ component: 'dns', location: where, src: clientIP, dst: 'node resolver', transforms: [{ kind: 'DNS_ANSWER', records: [] }], basis: `a process on ${where} uses the node's resolver, which knows no cluster names`, elements: [clientElem], teach: 'T-DNS' });
    return result(flow, 'F3-nxdomain', hl, 'NXDOMAIN', { notes: [`nodes normally cannot resolve "${req.name}": dial the ClusterIP ${s.clusterIPs[0] ?? ''}`] });
  }

  // Hop 1: DNS (pods only; nodes normally cannot resolve cluster names, so a node dials the ClusterIP).
  if (client) {
    const dns = clusterDnsService(topo);
    const dnsIP = dns?.record.clusterIPs[0] ?? 'cluster DNS';
    const dnsPort = dns?.record.ports.find((p) => p.protocol === 'UDP') ?? dns?.record.ports[0];
    if (client.hostNetwork && client.dnsPolicy !== 'ClusterFirstWithHostNet') {
      hl.add({ component: 'dns', location: clientNode?.record.name ?? '', src: clientIP, dst: `node resolver`, basis: `hostNetwork pod with dnsPolicy ${client.dnsPolicy}: the node's resolver knows no cluster names`, elements: [clientElem], teach: 'T-DNS' });
      return result(flow, 'F3-hostnet-dns', hl, 'NXDOMAIN', { notes: ['set dnsPolicy: ClusterFirstWithHostNet, or dial the ClusterIP'] });
    }
    let dnsDst = hostPort(dnsIP, 53);
    const transforms: Transform[] = [];
    if (dns && dnsPort) {
      const el = eligibleEndpoints(topo, dns.id, { port: dnsPort });
      const ep = chooseEndpoint(el, undefined, topo);
      if (ep) {
        dnsDst = hostPort(ep.address, ep.ports.get(portKey(dnsPort)) as number);
        transforms.push({ kind: 'DNAT', to: dnsDst });
        const epPod = ep.podId ? topo.pods.get(ep.podId) : undefined;
        const pol = evaluatePolicy(topo, { pod: client, ip: clientIP }, { ...(epPod ? { pod: epPod } : {}), ip: ep.address, ...(dns.record.clusterIPs[0] ? { serviceIP: dns.record.clusterIPs[0] } : {}) }, ep.ports.get(portKey(dnsPort)) as number, 'UDP');
        if (pol.allowed === false) {
          hl.add({ component: 'policy', location: clientNode?.record.name ?? '', src: clientIP, dst: dnsDst, basis: `DNS lookup blocked: ${pol.reason}`, elements: [clientElem], teach: 'T-NETPOL' });
          return result(flow, 'F3-netpol-egress', hl, 'DROP', { notes: ['source egress must allow DNS (UDP and TCP 53 to the cluster DNS pods)', 'then the backend pods on the targetPort'] });
        }
      }
    }
    if (req.name !== undefined) {
      const found = resolveServiceName(topo, req.name, client.namespace);
      if (found.service && found.service !== view.id) throw new TraceError(`"${req.name}" resolves to ${found.service} from namespace ${client.namespace}, not to ${req.to}`);
      if (!found.service) {
        transforms.push({ kind: 'DNS_ANSWER', records: [] });
        hl.add({ component: 'dns', location: where, src: clientIP, dst: dnsDst, transforms, basis: `"${req.name}" from namespace ${client.namespace}: tried ${found.tried.join(', ')}; no such name`, elements: [clientElem, ...(dns ? [dns.id] : [])], teach: 'T-DNS' });
        const crossNs = req.name.toLowerCase() === s.name && client.namespace !== s.namespace;
        return result(flow, crossNs ? 'F3-cross-ns' : 'F3-nxdomain', hl, 'NXDOMAIN', {
          notes: [crossNs ? `the bare name "${s.name}" only resolves inside namespace ${s.namespace}; from ${client.namespace} use ${s.name}.${s.namespace}` : `no Service answers to "${req.name}" from namespace ${client.namespace}`],
        });
      }
    }
    if (s.type === 'ExternalName') {
      transforms.push({ kind: 'DNS_ANSWER', records: [`CNAME ${s.externalName ?? ''}`] });
      hl.add({ component: 'dns', location: clientNode?.record.name ?? '', src: clientIP, dst: dnsDst, transforms, basis: `${fqdn} is an ExternalName alias`, elements: [clientElem, view.id], teach: 'T-EXTNAME' });
      const isIPName = familyOf(s.externalName ?? '') !== undefined;
      return result(flow, 'F3-externalname', hl, isIPName ? 'NXDOMAIN' : 'OK', {
        notes: isIPName
          ? [`externalName ${s.externalName} is an IP address, treated as a DNS name: it does not resolve`]
          : [`the client then connects to ${s.externalName} directly, on the port it chose: no proxy, no port mapping`],
        badges: ['to-confirm'],
      });
    }
    if (s.headless) {
      const key = portKey(sp as ServicePortRecord);
      const ready = view.backends.endpoints.filter((b) => b.ready && b.ports.has(key));
      if (ready.length === 0) {
        transforms.push({ kind: 'DNS_ANSWER', records: [] });
        hl.add({ component: 'dns', location: clientNode?.record.name ?? '', src: clientIP, dst: dnsDst, transforms, basis: `headless ${fqdn} has no ready endpoints`, elements: [clientElem, view.id], teach: 'T-DNS' });
        return result(flow, 'F3-headless-empty', hl, 'NXDOMAIN', { notes: ['a headless Service answers only with ready endpoints; with none the name does not exist'] });
      }
      transforms.push({ kind: 'DNS_ANSWER', records: ready.map((b) => `${b.family === 'IPv6' ? 'AAAA' : 'A'} ${b.address}`) });
      hl.add({ component: 'dns', location: clientNode?.record.name ?? '', src: clientIP, dst: dnsDst, transforms, basis: `"${shortName}" → ${fqdn}: headless, one record per ready endpoint`, elements: [clientElem, view.id], teach: 'T-DNS' });
      const pick = chooseEndpoint({ eligible: ready, usable: ready, fallback: false, hinted: false, outcome: 'OK' }, req.endpoint, topo) as Backend;
      const res = podToAddress(topo, hl, client, clientNode, pick, pick.ports.get(key) as number, (sp as ServicePortRecord).protocol);
      return result(flow, 'F3-headless', hl, res.outcome, { eligible: ready.map((b) => epLabel(topo, b, b.ports.get(key) as number)), ...(res.backendSees ? { backendSees: res.backendSees } : {}), badges: res.badges, notes: ['no ClusterIP, no DNAT: the client picks a pod address itself and connects pod to pod', ...res.notes] });
    }
    transforms.push({ kind: 'DNS_ANSWER', records: s.clusterIPs.map((ip) => `${familyOf(ip) === 'IPv6' ? 'AAAA' : 'A'} ${ip}`) });
    hl.add({ component: 'dns', location: clientNode?.record.name ?? '', src: clientIP, dst: dnsDst, transforms, basis: `search list expands "${shortName}" to ${fqdn}`, elements: [clientElem, ...(dns ? [dns.id] : [])], teach: 'T-DNS' });
  } else if (s.type === 'ExternalName' || s.headless) {
    throw new TraceError(`${req.to} has no ClusterIP to dial from a node`);
  }

  const port = sp as ServicePortRecord;
  const vip = s.clusterIPs[0] as string;
  hl.add({ component: client ? 'client' : 'host-process', location: clientNode?.record.name ?? '', src: `${clientIP}:e`, dst: hostPort(vip, port.port), basis: client ? `pod ${client.name} connects to the ClusterIP` : `a process on ${clientNode?.record.name} connects to the ClusterIP`, elements: [clientElem, view.id], teach: 'T-CLUSTERIP' });
  const local = s.internalTrafficPolicy === 'Local';
  const el = eligibleEndpoints(topo, view.id, { port, ...(local ? { localNode: clientNode?.record.name ?? '' } : {}), ...(clientNode ? { decidingNode: clientNode.record.name } : {}) });
  const chosen = el.outcome === 'OK' ? chooseEndpoint(el, req.endpoint, topo) : undefined;
  const variant = local ? 'F3-itp-local' : fromNodeOnly ? 'F3-from-node' : 'F3-base';
  if (!chosen) {
    hl.add({ component: 'netfilter', location: clientNode?.record.name ?? '', src: `${clientIP}:e`, dst: hostPort(vip, port.port), basis: el.reason ?? '', elements: [view.id], teach: 'T-ENDPOINTS' });
    return result(flow, el.outcome === 'REFUSED' ? (view.backends.endpoints.length === 0 ? 'F3-no-endpoints' : 'F3-notready-all') : variant, hl, el.outcome, { notes: [el.reason ?? ''] });
  }
  const tport = chosen.ports.get(portKey(port)) as number;
  const dst = hostPort(chosen.address, tport);
  const transforms: Transform[] = [{ kind: 'DNAT', to: dst }];
  let src = `${clientIP}:e`;
  const hairpin = client && chosen.podId === podId(client.namespace, client.name);
  if (hairpin && clientNode) {
    const to = bridgeAddress(clientNode, chosen.family) ?? nodeAddress(clientNode, chosen.family, false);
    transforms.push({ kind: 'SNAT', to });
    src = `${to}:e'`;
    badges.push('varies');
    notes.push('hairpin: the proxy picked the client itself, so the source is masqueraded and the reply passes back through netfilter');
  }
  const affinity = s.sessionAffinity === 'ClientIP' ? `; sessionAffinity ClientIP (${s.sessionAffinityTimeoutSeconds ?? 10800} s, per node)` : '';
  hl.add({
    component: 'netfilter',
    location: clientNode?.record.name ?? '',
    src,
    dst,
    transforms,
    basis: `the client's node decides: eligible {${eligibleRefs(topo, el, port).join(', ')}}${local ? ' (internalTrafficPolicy Local)' : ''}${affinity}${typeof port.targetPort === 'string' ? `; named port "${port.targetPort}" resolved per pod` : ''}`,
    elements: [...(clientNode ? [clientNode.id] : []), view.id, ...(chosen.podId ? [chosen.podId] : [])],
    teach: 'T-DNAT',
  });
  if (el.fallback) notes.push('no ready endpoint: terminating-but-serving endpoints are used as a fallback');
  const chosenPod = chosen.podId ? topo.pods.get(chosen.podId) : undefined;
  const pol = evaluatePolicy(topo, { ...(client ? { pod: client } : {}), ip: clientIP, ...(fromNodeOnly ? { nodeName: fromNodeOnly.record.name } : {}) }, { ...(chosenPod ? { pod: chosenPod } : {}), ip: chosen.address, serviceIP: vip }, tport, port.protocol);
  if (pol.allowed !== true) {
    hl.add({ component: 'policy', location: chosen.nodeName ?? '', src, dst, basis: pol.reason, elements: [...(chosen.podId ? [chosen.podId] : []), ...pol.egress.policies, ...pol.ingress.policies], teach: 'T-NETPOL' });
    const svcPortOnly = pol.egress.allowed === false && client && evaluatePolicy(topo, { pod: client, ip: clientIP }, { ...(chosenPod ? { pod: chosenPod } : {}), ip: chosen.address }, port.port, port.protocol).egress.allowed === true;
    if (pol.allowed === 'undetermined') return result(flow, variant, hl, 'DROP', { eligible: eligibleRefs(topo, el, port), badges: ['varies'], notes: ['outcome undetermined: ' + pol.reason] });
    return result(flow, pol.egress.allowed === false ? 'F3-netpol-egress' : 'F3-netpol-ingress', hl, 'DROP', {
      eligible: eligibleRefs(topo, el, port),
      notes: [
        pol.reason,
        ...(svcPortOnly ? [`the egress policy names the Service port ${port.port}; policies match pod ports after DNAT: allow ${tport} (D-POLICY-SERVICE-PORT)`] : []),
        'checklist: source egress allows DNS; source egress allows the backend pods on the targetPort; backend ingress allows the source pods on the targetPort',
      ],
    });
  }
  if (chosenPod?.hostNetwork || client?.hostNetwork) {
    badges.push('varies');
    notes.push('NetworkPolicy for hostNetwork pods is undefined (NP-9): kubepath treats it as node traffic (varies by implementation)');
  }
  if (fromNodeOnly) {
    badges.push('varies');
    notes.push(`node-originated traffic: the backend sees an address of ${fromNodeOnly.record.name} (which one varies by implementation)`);
  }
  deliverToEndpoint(topo, hl, clientNode, chosen, src, dst);
  const back = backendOutcome(topo, chosen, tport, port.protocol);
  return result(flow, variant, hl, back.outcome, {
    eligible: eligibleRefs(topo, el, port),
    ...(back.outcome === 'DROP' ? {} : { backendSees: { src: src.replace(/:e'?$/, ''), dst } }),
    badges: [...badges, ...(view.backends.source === 'inferred' ? (['inferred-endpoints'] as Badge[]) : []), ...back.badges],
    notes: [...notes, ...(back.note ? [back.note] : [])],
  });
}

/**
 * A direct connection to a pod address (④, and the second half of headless ③). The client is a pod, or
 * (when `client` is undefined) a process in `clientNode`'s own network namespace (F4-node-to-pod).
 */
function podToAddress(
  topo: Topology,
  hl: HopList,
  client: PodRecord | undefined,
  clientNode: NodeView | undefined,
  target: { address: string; podId?: string; nodeName?: string },
  port: number,
  protocol: 'TCP' | 'UDP' | 'SCTP',
): { outcome: Outcome; backendSees?: { src: string; dst: string }; badges: Badge[]; notes: string[] } {
  const family = familyOf(target.address);
  const clientIP = client
    ? (client.podIPs.find((ip) => familyOf(ip) === family) ?? client.podIPs[0] ?? '')
    : clientNode
      ? nodeAddress(clientNode, family, false)
      : '';
  const dst = hostPort(target.address, port);
  const src = `${clientIP}:e`;
  const targetPod = target.podId ? topo.pods.get(target.podId) : undefined;
  const targetNode = target.nodeName ? topo.nodes.get(target.nodeName) : targetPod?.nodeName ? topo.nodes.get(targetPod.nodeName) : undefined;
  const clientElem = client ? podId(client.namespace, client.name) : (clientNode?.id ?? '');
  hl.add({
    component: client ? 'client' : 'host-process',
    location: clientNode?.record.name ?? '',
    src,
    dst,
    basis: client ? `pod ${client.name} connects to the pod IP directly` : `a process on ${clientNode?.record.name ?? 'the node'} connects to the pod IP directly`,
    elements: [clientElem],
  });
  if (!targetPod) {
    return { outcome: 'DROP', badges: ['varies'], notes: [`${target.address} is not owned by any current pod (stale IP?): the packet is dropped (or refused if the IP was reused by another pod; varies by implementation)`] };
  }
  if (client && targetPod.uid === client.uid) {
    return { outcome: 'OK', backendSees: { src: clientIP, dst }, badges: [], notes: ['a pod reaching its own IP never leaves its network namespace'] };
  }
  const pol = evaluatePolicy(topo, client ? { pod: client, ip: clientIP } : { ip: clientIP, ...(clientNode ? { nodeName: clientNode.record.name } : {}) }, { pod: targetPod, ip: target.address }, port, protocol);
  const same = targetNode && clientNode && targetNode.record.name === clientNode.record.name;
  if (same) {
    hl.add({ component: 'bridge', location: clientNode.record.name, src, dst, basis: client ? 'same node: veth → bridge (cni0 / CNI-specific) → veth; never leaves the node' : 'the node reaches its own pods through the bridge (cni0 / CNI-specific); never leaves the node', elements: [clientNode.id], teach: 'T-BRIDGE' });
  } else if (clientNode && targetNode) {
    const cidr = targetNode.record.podCIDRs[0] ?? 'the target pod range';
    hl.add({ component: 'pod-network', location: clientNode.record.name, src, dst, basis: `route ${cidr} via ${targetNode.record.name} (overlay or direct; varies by implementation)`, elements: [clientNode.id], teach: 'T-OVERLAY' });
    hl.add({ component: 'overlay', location: clientNode.record.name, src, dst, transforms: [{ kind: 'ENCAP', outer: `${nodeAddress(clientNode, family, false)} → ${nodeAddress(targetNode, family, false)}` }], basis: 'overlay CNIs only', elements: [clientNode.id, targetNode.id], teach: 'T-OVERLAY' });
    hl.add({ component: 'overlay', location: targetNode.record.name, src, dst, transforms: [{ kind: 'DECAP' }], basis: '→ bridge/veth → pod', elements: [targetNode.id], teach: 'T-OVERLAY' });
  }
  if (pol.allowed !== true) {
    hl.add({ component: 'policy', location: targetNode?.record.name ?? '', src, dst, basis: pol.reason, elements: [podId(targetPod.namespace, targetPod.name), ...pol.egress.policies, ...pol.ingress.policies], teach: 'T-NETPOL' });
    return { outcome: 'DROP', badges: pol.allowed === 'undetermined' ? ['varies'] : [], notes: [pol.reason] };
  }
  const policyNotes: string[] = [];
  const policyBadges: Badge[] = [];
  if (targetPod.hostNetwork || client?.hostNetwork) {
    policyBadges.push('varies');
    policyNotes.push('NetworkPolicy for hostNetwork pods is undefined (NP-9): kubepath treats it as node traffic (varies by implementation)');
  }
  if (!client && same) policyNotes.push(`${pol.reason === 'no NetworkPolicy isolates either end' ? 'no policy isolates the pod; and ' : ''}NetworkPolicy cannot block traffic from the pod's own node (NP-5)`);
  hl.add({ component: targetPod.hostNetwork ? 'host-process' : 'pod', location: targetNode?.record.name ?? '', src, dst, basis: `pod ${targetPod.name} sees src ${clientIP}, dst ${dst}: no NAT anywhere`, elements: [podId(targetPod.namespace, targetPod.name)] });
  const back = backendOutcome(topo, { address: target.address, family: family ?? 'IPv4', podId: podId(targetPod.namespace, targetPod.name), ready: true, serving: true, terminating: false, servingUnset: false, ports: new PortTable(), external: false }, port, protocol);
  return { outcome: back.outcome, backendSees: { src: clientIP, dst }, badges: [...policyBadges, ...back.badges], notes: [...policyNotes, ...(back.note ? [back.note] : [])] };
}

// ④ pod → pod by PodIP (§2.6)
function tracePodToPod(topo: Topology, req: TraceRequest): PathResult {
  const flow = FLOWS[4];
  if (!req.from) throw new TraceError('path ④ needs --from: a pod ID (or a node ID for a process on a node)');
  const fromNode = req.from.startsWith('node:') ? nodeOf(topo, req.from) : undefined;
  const client = fromNode ? undefined : podOf(topo, req.from);
  const clientNode = fromNode ?? (client?.nodeName ? topo.nodes.get(client.nodeName) : undefined);
  if (client && client.podIPs.length === 0) throw new TraceError(`pod ${req.from} has no IP yet`);
  const clientFamily = client ? familyOf(client.podIPs[0] as string) : fromNode ? familyOf(nodeAddress(fromNode, undefined, false)) : undefined;
  const clientIP = client ? (client.podIPs[0] as string) : fromNode ? nodeAddress(fromNode, undefined, false) : '';
  const hl = new HopList();
  let targetPod: PodRecord;
  let port: number;
  let protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP';
  const t = parseId(req.to);
  if (t?.kind === 'svc') {
    // A peer of the same Service, found through its endpoints (peer discovery): the first other pod, or the one asked for.
    const view = serviceOf(topo, req.to);
    const sp = pickPort(view.record, req.port);
    const key = portKey(sp);
    const peers = view.backends.endpoints.filter((b) => b.ports.has(key) && b.podId !== req.from);
    const pin = req.endpoint;
    const peer = pin ? peers.find((b) => b.podId === pin || b.address === pin) : [...peers.filter((b) => b.podId)].sort((a, b) => (a.podId ?? '').localeCompare(b.podId ?? ''))[0];
    if (!peer) throw new TraceError(`${req.to} has no other pod to reach from ${req.from}`);
    if (!peer.podId) {
      // F4-stale-ip: the address came from a stale slice (or a stale DNS answer) and no pod owns it any more.
      if (!isStale(topo, peer)) throw new TraceError(`${peer.address} is an endpoint outside the pod network, not a pod (use path ③)`);
      const tport = peer.ports.get(key) as number;
      const res = podToAddress(topo, hl, client, clientNode, { address: peer.address, ...(peer.nodeName ? { nodeName: peer.nodeName } : {}) }, tport, sp.protocol);
      return result(flow, 'F4-stale-ip', hl, res.outcome, { badges: res.badges, notes: res.notes });
    }
    targetPod = podOf(topo, peer.podId);
    port = peer.ports.get(key) as number;
    protocol = sp.protocol;
  } else {
    targetPod = podOf(topo, req.to);
    const cp = req.port !== undefined ? targetPod.ports.find((p) => p.name === String(req.port) || String(p.containerPort) === String(req.port)) : targetPod.ports[0];
    if (req.port !== undefined && !cp && !/^\d+$/.test(String(req.port))) throw new TraceError(`pod ${req.to} has no port ${req.port}`);
    port = cp?.containerPort ?? Number(req.port ?? 80);
    protocol = cp?.protocol ?? 'TCP';
  }
  const address = targetPod.podIPs.find((ip) => familyOf(ip) === clientFamily) ?? targetPod.podIPs[0];
  if (!address) {
    hl.add({ component: client ? 'client' : 'host-process', location: clientNode?.record.name ?? '', src: `${clientIP}:e`, dst: `${targetPod.name} (no IP)`, basis: 'the target pod has no IP yet', elements: [req.from] });
    return result(flow, 'F4-no-ip', hl, 'NO_ADDRESS', { notes: [`pod ${targetPod.name} is not addressable yet`] });
  }
  const res = podToAddress(topo, hl, client, clientNode, { address, podId: podId(targetPod.namespace, targetPod.name), ...(targetPod.nodeName ? { nodeName: targetPod.nodeName } : {}) }, port, protocol);
  const sameNode = targetPod.nodeName !== undefined && targetPod.nodeName === clientNode?.record.name;
  const variant = client && targetPod.uid === client.uid
    ? 'F4-self'
    : res.outcome === 'DROP' && hl.hops.some((h) => h.component === 'policy')
      ? 'F4-netpol'
      : !client
        ? 'F4-node-to-pod'
        : sameNode
          ? 'F4-same-node'
          : 'F4-cross-node';
  return result(flow, variant, hl, res.outcome, {
    eligible: [`${targetPod.name} ${hostPort(address, port)}`],
    ...(res.backendSees ? { backendSees: res.backendSees } : {}),
    badges: [...res.badges, ...(variant === 'F4-cross-node' ? (['varies'] as Badge[]) : [])],
    notes: res.notes,
  });
}

/** Traces one of the four paths (see TraceRequest). Throws TraceError for requests that name nothing real. */
export function tracePath(topo: Topology, req: TraceRequest): PathResult {
  if (req.from !== undefined && req.from !== EXTERNAL_CLIENT_ID && !parseId(req.from)) throw new TraceError(`bad ID "${req.from}"`);
  if (!parseId(req.to)) throw new TraceError(`bad ID "${req.to}" (expected svc:NS/NAME, pod:NS/NAME, ing:NS/NAME)`);
  switch (req.path) {
    case 1:
      return traceLoadBalancer(topo, req);
    case 2:
      return traceExternal(topo, req);
    case 3:
      return traceServiceCall(topo, req);
    case 4:
      return tracePodToPod(topo, req);
    default:
      throw new TraceError(`unknown path ${String(req.path)} (expected 1, 2, 3 or 4)`);
  }
}

