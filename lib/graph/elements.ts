/**
 * toCytoscapeElements: the model's topology as renderer elements, in the three bands of
 * networking-semantics.md §1.6 (outside; Services; Nodes with their pods), with preset positions
 * (layout.ts) and, above a budget, aggregate boxes instead of individual elements
 * (quality-and-scale.md §3.6: never more than about 10k elements for cytoscape).
 *
 * Pure: the same topology and options always give the same elements, IDs and positions. Every edge's
 * ends are elements of the same result (cytoscape throws on an edge to a missing node).
 */
import { EXTERNAL_CLIENT_ID, edgeId, ingressId, loadBalancerId, nodeId, serviceId } from '../model/ids';
import { safeText } from '../model/text';
import { portKey, type NodeView, type ServiceView, type Topology } from '../model/topology';
import type { Finding, Severity } from '../model/types';
import type { IngressBackendRecord, IngressRecord, PodRecord } from '../snapshot/records';
import { UNSCHEDULED_ID, isAggregateId, namespaceAggregateId, nodeGroupId } from './graph-ids';
import { GAP_X, GAP_Y, LINE_HEIGHT, NODE_LINE_HEIGHT, gridColumns, lane, measure, naturalCompare, naturalSortBy, place, shelfPack, type LayoutBox, type Position } from './layout';

export type NodeKind = 'ext' | 'lb' | 'ing' | 'svc' | 'node' | 'pod' | 'agg-ns' | 'agg-nodes' | 'agg-unscheduled';
export type EdgeKind = 'client-lb' | 'client-ing' | 'lb-node' | 'lb-direct' | 'ing-svc' | 'endpoint' | 'selector' | 'aggregate' | 'path';
export type Band = 'outside' | 'services' | 'nodes';
/** How an edge's traffic is doing: endpoints by condition, LB → node by health (ETP Local). */
export type EdgeState = 'ready' | 'not-ready' | 'terminating' | 'inferred' | 'selector-only' | 'healthy' | 'drop' | 'pending' | 'mixed';

export interface GraphNodeData {
  id: string;
  kind: NodeKind;
  band: Band;
  /** Canvas label: the lines joined by newlines. */
  label: string;
  /** Label lines, already through safeText (control and bidi characters neutralised, truncated). */
  lines: string[];
  parent?: string;
  /** Box size in model units (a container's box around its children, without its label above it). */
  w: number;
  h: number;
  /** Containers: the narrowest the box may get (its label's width). */
  minW?: number;
  /** Worst finding severity on this element (or, for an aggregate, inside it). */
  severity?: Severity;
  findings?: number;
  /** Collapsed aggregates and collapsed Nodes can be expanded; expanded ones collapsed. */
  expandable?: boolean;
  expanded?: boolean;
  /** Namespace of namespaced elements (filtering, list grouping). */
  namespace?: string;
}

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  state?: EdgeState;
  /** Port and protocol the edge carries (`80/TCP`), when it has one. */
  port?: string;
  /** Aggregate edges: how many model edges this one stands for. */
  count?: number;
  label: string;
}

export interface GraphNode {
  group: 'nodes';
  data: GraphNodeData;
  /** Space-separated style classes. */
  classes: string;
  position: Position;
}

export interface GraphEdge {
  group: 'edges';
  data: GraphEdgeData;
  classes: string;
}

export type GraphElement = GraphNode | GraphEdge;

export interface GraphOptions {
  /** Namespaces to show; undefined or empty shows all. Nodes (cluster-scoped) are always shown. */
  namespaces?: ReadonlySet<string> | readonly string[];
  /** IDs of aggregates and collapsed Nodes the user expanded, in the order they were expanded. */
  expanded?: readonly string[];
  /** Findings to badge (findingsFor(topo)); subjects not in the graph are ignored. */
  findings?: readonly Finding[];
  /** Show everything individually while the estimated element count stays within this (default 4000). */
  detailBudget?: number;
  /** Never return more elements than this (default 10000). */
  maxElements?: number;
  /** In aggregated mode, more Nodes than this are grouped (default 300). */
  nodeGroupThreshold?: number;
  /** Target number of Nodes per group (default 100). */
  nodeGroupSize?: number;
  /** Edges between two aggregates are drawn only while there are at most this many (default 600). */
  aggregateEdgeBudget?: number;
}

export interface GraphModel {
  /** Nodes first (every parent before its children), then edges. */
  elements: GraphElement[];
  mode: 'detail' | 'aggregated';
  /** Edges left out to stay within the budgets. */
  hiddenEdges: number;
  /** Expansions that were not applied because they would pass maxElements. */
  skippedExpansions: string[];
  /** The visible element standing for a model ID (itself, or the aggregate holding it); undefined when filtered out. */
  representative(id: string): string | undefined;
  /** The collapsed elements to expand, outermost first, to make a model ID visible. */
  revealPath(id: string): string[];
  counts: { nodes: number; edges: number };
}

const DEFAULTS = { detailBudget: 4000, maxElements: 10_000, nodeGroupThreshold: 300, nodeGroupSize: 100, aggregateEdgeBudget: 600 };
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const MAX_LINE = 56;
const CHAR_W = 6.2;

function lineText(s: string): string {
  return safeText(s, MAX_LINE);
}

function boxSize(lines: readonly string[], minW: number, maxW: number): { w: number; h: number } {
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  return { w: Math.round(Math.min(maxW, Math.max(minW, longest * CHAR_W + 18))), h: lines.length * LINE_HEIGHT + 14 };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingLine(f: { count: number; severity: Severity } | undefined): string[] {
  return f ? [`⚠ ${plural(f.count, f.severity === 'info' ? 'note' : f.severity)}`] : [];
}

/** FNV-1a, for stable node groups that do not reshuffle when a node is added. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function podNotReady(p: PodRecord): boolean {
  return !p.ready || p.terminating || p.phase !== 'Running';
}

function podLines(p: PodRecord): string[] {
  const marks: string[] = [];
  if (p.hostNetwork) marks.push('hostNetwork');
  for (const cp of p.ports) if (cp.hostPort) marks.push(`hostPort ${cp.hostPort}→${cp.containerPort}`);
  if (p.terminating) marks.push('terminating');
  else if (p.phase !== 'Running') marks.push(p.phase);
  else if (!p.ready) marks.push('not ready');
  return [
    lineText(`${p.namespace}/${p.name}`),
    lineText(p.podIPs.length > 0 ? p.podIPs.join(', ') : 'no IP yet'),
    ...(marks.length > 0 ? [lineText(marks.join(' · '))] : []),
  ];
}

function podClasses(p: PodRecord): string {
  const c = ['pod'];
  if (p.hostNetwork) c.push('host-network');
  if (p.ports.some((cp) => cp.hostPort)) c.push('host-port');
  if (p.terminating) c.push('terminating');
  else if (podNotReady(p)) c.push('not-ready');
  return c.join(' ');
}

function nodeLines(n: NodeView, extra: string[] = []): string[] {
  const ips = [...n.internalIPs, ...n.externalIPs.map((a) => `ext ${a}`)];
  return [
    lineText(`${n.record.name}${n.record.ready === true ? '' : ' (NotReady)'}`),
    lineText(ips.length > 0 ? `NodeIP ${ips.join(', ')}` : 'no NodeIP'),
    ...(n.record.podCIDRs.length > 0 ? [lineText(`pods ${n.record.podCIDRs.join(', ')}`)] : []),
    ...extra,
  ];
}

function serviceLines(v: ServiceView): string[] {
  const s = v.record;
  const policy = [s.externalTrafficPolicy === 'Local' ? 'ETP Local' : '', s.internalTrafficPolicy === 'Local' ? 'ITP Local' : ''].filter(Boolean).join(', ');
  const address =
    s.type === 'ExternalName' ? `CNAME ${s.externalName ?? ''}` : s.headless ? 'ClusterIP None (headless)' : s.clusterIPs.length > 0 ? `ClusterIP ${s.clusterIPs.join(', ')}` : 'no ClusterIP';
  const ports = s.ports.map((p) => `${p.port}${String(p.targetPort) !== String(p.port) ? `→${p.targetPort}` : ''}/${p.protocol}`).join(', ');
  const nodePorts = s.ports.filter((p) => p.nodePort).map((p) => String(p.nodePort));
  return [
    lineText(`${s.namespace}/${s.name}`),
    lineText(`${s.type}${policy ? ` · ${policy}` : ''}`),
    lineText(address),
    ...(ports ? [lineText(ports)] : []),
    ...(nodePorts.length > 0 ? [lineText(`NodePort ${nodePorts.join(', ')}`)] : []),
    ...(s.externalIPs.length > 0 ? [lineText(`externalIPs ${s.externalIPs.join(', ')}`)] : []),
  ];
}

function lbLines(v: ServiceView): string[] {
  const s = v.record;
  const addrs = s.lbIngress.map((e) => e.ip ?? e.hostname ?? '').filter(Boolean);
  return [
    lineText(`LB ${s.namespace}/${s.name}`),
    lineText(addrs.length > 0 ? addrs.join(', ') : '<pending>'),
    lineText(s.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')),
  ];
}

function ingressBackends(ing: IngressRecord): IngressBackendRecord[] {
  return [...ing.rules.flatMap((r) => r.paths.map((p) => p.backend)), ...(ing.defaultBackend ? [ing.defaultBackend] : [])];
}

function ingressLines(ing: IngressRecord): string[] {
  const hosts = [...new Set(ing.rules.map((r) => r.host ?? '*'))];
  const addrs = ing.lbIngress.map((e) => e.ip ?? e.hostname ?? '').filter(Boolean);
  return [
    lineText(`Ingress ${ing.namespace}/${ing.name}`),
    lineText(hosts.length > 0 ? hosts.slice(0, 3).join(', ') + (hosts.length > 3 ? ` +${hosts.length - 3}` : '') : 'default backend only'),
    lineText(addrs.length > 0 ? addrs.join(', ') : 'no address'),
  ];
}

interface Scope {
  nodes: NodeView[];
  podsByNode: Map<string, string[]>;
  notReadyByNode: Map<string, number>;
  podsPerNs: Map<string, { pods: number; notReady: number }>;
  unscheduled: string[];
  podCount: number;
  services: ServiceView[];
  ingresses: IngressRecord[];
  lbServices: ServiceView[];
}

const scopeCache = new WeakMap<Topology, Map<string, Scope>>();

/** The elements in scope of a namespace filter, computed once per topology (topologies are never mutated). */
function scopeOf(topo: Topology, nsFilter: ReadonlySet<string> | undefined): Scope {
  const key = nsFilter && nsFilter.size > 0 ? [...nsFilter].sort().join(',') : '';
  let perTopo = scopeCache.get(topo);
  const hit = perTopo?.get(key);
  if (hit) return hit;
  const inScope = (ns: string): boolean => key === '' || (nsFilter as ReadonlySet<string>).has(ns);
  const nodes = naturalSortBy([...topo.nodes.values()], (n) => n.record.name);
  const podsByNode = new Map<string, string[]>();
  const notReadyByNode = new Map<string, number>();
  const podsPerNs = new Map<string, { pods: number; notReady: number }>();
  const unscheduled: string[] = [];
  let podCount = 0;
  for (const [id, p] of topo.pods) {
    if (!inScope(p.namespace)) continue;
    podCount++;
    const notReady = podNotReady(p);
    const nsCount = podsPerNs.get(p.namespace);
    if (nsCount) {
      nsCount.pods++;
      if (notReady) nsCount.notReady++;
    } else podsPerNs.set(p.namespace, { pods: 1, notReady: notReady ? 1 : 0 });
    if (p.nodeName && topo.nodes.has(p.nodeName)) {
      const list = podsByNode.get(p.nodeName);
      if (list) list.push(id);
      else podsByNode.set(p.nodeName, [id]);
      if (notReady) notReadyByNode.set(p.nodeName, (notReadyByNode.get(p.nodeName) ?? 0) + 1);
    } else unscheduled.push(id);
  }
  for (const list of podsByNode.values()) list.sort();
  unscheduled.sort();
  const services = [...topo.services.values()].filter((v) => inScope(v.record.namespace)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const ingresses = naturalSortBy(topo.snapshot.ingresses.filter((i) => inScope(i.namespace)), (i) => ingressId(i.namespace, i.name));
  const lbServices = services.filter((v) => v.record.type === 'LoadBalancer');
  const scope: Scope = { nodes, podsByNode, notReadyByNode, podsPerNs, unscheduled, podCount, services, ingresses, lbServices };
  if (!perTopo) {
    perTopo = new Map();
    scopeCache.set(topo, perTopo);
  }
  perTopo.set(key, scope);
  return scope;
}

/**
 * How many distinct (namespace aggregate, node or node group) pairs the all-collapsed view connects,
 * counting no further than just past `limit`.
 */
function baseAggregatePairs(topo: Topology, services: readonly ServiceView[], nodeRep: (name: string) => string, limit: number): number {
  const pairs = new Set<string>();
  for (const v of services) {
    const ns = v.record.namespace;
    for (const b of v.backends.endpoints) {
      const node = b.podId ? topo.pods.get(b.podId)?.nodeName : undefined;
      if (!node || !topo.nodes.has(node)) continue;
      pairs.add(`${ns}\u0000${nodeRep(node)}`);
      if (pairs.size > limit) return pairs.size;
    }
  }
  return pairs.size;
}

const podServicesCache = new WeakMap<Topology, Map<string, ServiceView[]>>();

/** The Services each pod is an endpoint of, or selected by; once per topology. */
function servicesByPod(topo: Topology): Map<string, ServiceView[]> {
  const cached = podServicesCache.get(topo);
  if (cached) return cached;
  const index = new Map<string, ServiceView[]>();
  const add = (pid: string, v: ServiceView): void => {
    const list = index.get(pid);
    if (!list) index.set(pid, [v]);
    else if (list[list.length - 1] !== v) list.push(v);
  };
  for (const v of topo.services.values()) {
    for (const b of v.backends.endpoints) if (b.podId) add(b.podId, v);
    for (const pid of v.selectedPods) add(pid, v);
  }
  podServicesCache.set(topo, index);
  return index;
}

interface NodeSpec {
  data: GraphNodeData;
  classes: string;
}

/** Converts a topology to renderer elements; see the file comment. */
export function toCytoscapeElements(topo: Topology, options: GraphOptions = {}): GraphModel {
  const o = { ...DEFAULTS, ...options };
  const nsFilter = options.namespaces ? new Set(options.namespaces) : undefined;
  const inScope = (ns: string): boolean => !nsFilter || nsFilter.size === 0 || nsFilter.has(ns);
  const expanded = options.expanded ?? [];

  // Findings per subject, worst severity first.
  const findingBySubject = new Map<string, { count: number; severity: Severity }>();
  for (const f of options.findings ?? []) {
    const cur = findingBySubject.get(f.subject);
    if (!cur) findingBySubject.set(f.subject, { count: 1, severity: f.severity });
    else {
      cur.count++;
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur.severity]) cur.severity = f.severity;
    }
  }

  // What is in scope: one pass over the pods, kept per topology and namespace filter (expanding an
  // aggregate of a 150k-pod cluster then costs the visible part, not another pass over every pod).
  const { nodes, podsByNode, notReadyByNode, podsPerNs, unscheduled, podCount, services, ingresses, lbServices } = scopeOf(topo, nsFilter);

  // Estimate of the fully detailed graph, to choose the mode.
  let edgeEstimate = ingresses.length * 3 + lbServices.length * 2;
  for (const v of services) edgeEstimate += v.backends.endpoints.length * Math.max(1, v.record.ports.length) + v.selectedPods.length;
  for (const v of lbServices) edgeEstimate += nodes.length * v.record.ports.length;
  const nodeEstimate = 1 + nodes.length + podCount + services.length + lbServices.length + ingresses.length + (unscheduled.length > 0 ? 1 : 0);
  const detail = nodeEstimate + edgeEstimate <= o.detailBudget;

  const specs = new Map<string, NodeSpec>();
  const visible = (id: string): boolean => specs.has(id);
  const addNode = (data: Omit<GraphNodeData, 'label'>, classes: string): NodeSpec => {
    const f = findingBySubject.get(data.id);
    const lines = [...data.lines, ...findingLine(f)];
    const spec: NodeSpec = {
      data: { ...data, lines, label: lines.join('\n'), ...(f ? { severity: f.severity, findings: f.count } : {}), ...(data.h < lines.length * LINE_HEIGHT + 14 ? { h: lines.length * LINE_HEIGHT + 14 } : {}) },
      classes: f ? `${classes} finding-${f.severity}` : classes,
    };
    specs.set(data.id, spec);
    return spec;
  };

  // Grouping of nodes (aggregated mode with many nodes): zone, then a stable hash bucket.
  const groupOfNode = new Map<string, string>();
  const groups = new Map<string, { key: string; zone: string; nodes: NodeView[] }>();
  const grouped = !detail && nodes.length > o.nodeGroupThreshold;
  if (grouped) {
    const byZone = new Map<string, NodeView[]>();
    for (const n of nodes) {
      const zone = n.record.labels['topology.kubernetes.io/zone'] ?? '';
      const list = byZone.get(zone);
      if (list) list.push(n);
      else byZone.set(zone, [n]);
    }
    for (const [zone, list] of [...byZone].sort((a, b) => naturalCompare(a[0], b[0]))) {
      // Buckets per zone as a power of two, so the grouping only changes when the zone doubles in size.
      const buckets = 2 ** Math.ceil(Math.log2(Math.max(1, Math.ceil(list.length / o.nodeGroupSize))));
      for (const n of list) {
        const key = `${zone || 'no-zone'}:${buckets > 1 ? hash(n.record.name) % buckets : 0}`;
        let g = groups.get(key);
        if (!g) {
          g = { key, zone, nodes: [] };
          groups.set(key, g);
        }
        g.nodes.push(n);
        groupOfNode.set(n.record.name, nodeGroupId(key));
      }
    }
  }

  const expandedSet = new Set<string>();
  const skippedExpansions: string[] = [];
  const maxNodes = Math.floor(o.maxElements * 0.8);
  const servicesByNs = new Map<string, ServiceView[]>();
  for (const v of services) {
    const list = servicesByNs.get(v.record.namespace);
    if (list) list.push(v);
    else servicesByNs.set(v.record.namespace, [v]);
  }
  const ingressesByNs = new Map<string, IngressRecord[]>();
  for (const i of ingresses) {
    const list = ingressesByNs.get(i.namespace);
    if (list) list.push(i);
    else ingressesByNs.set(i.namespace, [i]);
  }
  if (!detail) {
    // Expansions in the order asked, while the node budget allows; an expansion whose container is collapsed has no effect.
    let base = 1 + (grouped ? groups.size : nodes.length) + new Set([...servicesByNs.keys()]).size + (unscheduled.length > 0 ? 1 : 0);
    for (const id of expanded) {
      let cost = 0;
      if (id.startsWith('agg:ns:')) {
        const ns = id.slice(7);
        const svcs = servicesByNs.get(ns) ?? [];
        cost = svcs.length + svcs.filter((v) => v.record.type === 'LoadBalancer').length + (ingressesByNs.get(ns)?.length ?? 0);
      } else if (id.startsWith('agg:nodes:')) cost = groups.get(id.slice(10))?.nodes.length ?? 0;
      else if (id === UNSCHEDULED_ID) cost = unscheduled.length;
      else if (id.startsWith('node:')) cost = podsByNode.get(id.slice(5))?.length ?? 0;
      else continue;
      if (base + cost > maxNodes) {
        skippedExpansions.push(id);
        continue;
      }
      base += cost;
      expandedSet.add(id);
    }
  }
  const isOpen = (id: string): boolean => detail || expandedSet.has(id);

  // ---- Node band ----
  const podW = 176;
  const podBox = (ids: readonly string[], parent: string): LayoutBox[] => {
    // One cell size per node, so its pods line up in a grid.
    const made = ids.map((id) => {
      const p = topo.pods.get(id) as PodRecord;
      const lines = podLines(p);
      const size = boxSize(lines, 140, 260);
      return addNode({ id, kind: 'pod', band: 'nodes', lines, parent, w: size.w, h: size.h, namespace: p.namespace }, podClasses(p));
    });
    const w = Math.max(podW, ...made.map((s) => s.data.w));
    const h = Math.max(...made.map((s) => s.data.h));
    return made.map((s) => {
      s.data.w = w;
      s.data.h = h;
      return { id: s.data.id, w, h, labelH: 0 };
    });
  };
  const nodeBox = (n: NodeView, parent?: string): LayoutBox => {
    const pods = podsByNode.get(n.record.name) ?? [];
    const notReady = notReadyByNode.get(n.record.name) ?? 0;
    const open = isOpen(n.id);
    const counts = detail ? [] : [lineText(`${plural(pods.length, 'pod')}${notReady ? ` · ${notReady} not ready` : ''}`)];
    const lines = nodeLines(n, counts);
    const size = boxSize(lines, 200, 300);
    const spec = addNode(
      { id: n.id, kind: 'node', band: 'nodes', lines, w: size.w, h: size.h, ...(parent ? { parent } : {}), ...(detail ? {} : { expandable: pods.length > 0, expanded: open }) },
      ['node', n.record.ready === true ? '' : 'not-ready', open ? 'container' : 'collapsed'].filter(Boolean).join(' '),
    );
    const labelH = open ? spec.data.lines.length * NODE_LINE_HEIGHT + 6 : 0;
    if (open && pods.length === 0) spec.data.h = 40; // an empty container: its label sits above a small box
    if (!open || pods.length === 0) return { id: n.id, w: spec.data.w, h: spec.data.h, labelH };
    const kids = podBox(pods, n.id);
    // Tall rather than wide: the bands are stacked, so a node's pods go in few columns.
    const cols = gridColumns(Math.ceil(pods.length / 2), 6);
    return { id: n.id, w: spec.data.w, h: 0, labelH, children: kids, maxInnerWidth: cols * ((kids[0]?.w ?? podW) + GAP_X / 2) };
  };
  const nodeBand: LayoutBox[] = [];
  if (grouped) {
    for (const g of [...groups.values()].sort((a, b) => naturalCompare(a.key, b.key))) {
      const id = nodeGroupId(g.key);
      const pods = g.nodes.reduce((m, n) => m + (podsByNode.get(n.record.name)?.length ?? 0), 0);
      const notReady = g.nodes.reduce((m, n) => m + (notReadyByNode.get(n.record.name) ?? 0), 0);
      const names = g.nodes.map((n) => n.record.name).sort(naturalCompare);
      const lines = [
        lineText(`${plural(g.nodes.length, 'node')}${g.zone ? ` in ${g.zone}` : ''}`),
        lineText(`${names[0] ?? ''} … ${names[names.length - 1] ?? ''}`),
        lineText(`${plural(pods, 'pod')}${notReady ? ` · ${notReady} not ready` : ''}`),
      ];
      const open = isOpen(id);
      const size = boxSize(lines, 200, 300);
      const spec = addNode({ id, kind: 'agg-nodes', band: 'nodes', lines, w: size.w, h: size.h, expandable: true, expanded: open }, `aggregate ${open ? 'container' : 'collapsed'}`);
      if (!open) nodeBand.push({ id, w: spec.data.w, h: spec.data.h, labelH: 0 });
      else {
        const kids = g.nodes.map((n) => nodeBox(n, id));
        nodeBand.push({ id, w: spec.data.w, h: 0, labelH: spec.data.lines.length * NODE_LINE_HEIGHT + 6, children: kids, maxInnerWidth: 5 * 320 });
      }
    }
  } else {
    for (const n of nodes) nodeBand.push(nodeBox(n));
  }
  if (unscheduled.length > 0) {
    const open = isOpen(UNSCHEDULED_ID);
    const lines = [lineText('not on a known node'), lineText(plural(unscheduled.length, 'pod'))];
    const size = boxSize(lines, 180, 260);
    const spec = addNode(
      { id: UNSCHEDULED_ID, kind: 'agg-unscheduled', band: 'nodes', lines, w: size.w, h: size.h, ...(detail ? {} : { expandable: true, expanded: open }) },
      `aggregate unscheduled ${open ? 'container' : 'collapsed'}`,
    );
    if (!open) nodeBand.push({ id: UNSCHEDULED_ID, w: spec.data.w, h: spec.data.h, labelH: 0 });
    else {
      const kids = podBox(unscheduled, UNSCHEDULED_ID);
      nodeBand.push({ id: UNSCHEDULED_ID, w: spec.data.w, h: 0, labelH: spec.data.lines.length * NODE_LINE_HEIGHT + 6, children: kids, maxInnerWidth: gridColumns(kids.length, 6) * ((kids[0]?.w ?? podW) + GAP_X / 2) });
    }
  }
  const nodeSizes = nodeBand.map((b) => ({ id: b.id, ...measure(b) }));
  // A landscape picture: a few nodes side by side in one row; many nodes in rows about twice as wide as tall.
  const area = nodeSizes.reduce((m, s) => m + (s.w + GAP_X) * (s.h + GAP_Y), 0);
  const rowWidth = nodeSizes.reduce((m, s) => m + s.w + GAP_X, 0);
  const bandWidth = Math.max(800, ...nodeSizes.map((s) => s.w), Math.min(rowWidth, Math.max(3200, Math.sqrt(area * 4))));
  const nodePack = shelfPack(nodeSizes, bandWidth);
  const pos = new Map<string, Position>();
  for (const b of nodeBand) {
    const p = nodePack.pos.get(b.id) as Position;
    place(b, p.x, p.y, pos);
  }
  const nodeBandWidth = Math.max(nodePack.width, 600);
  // Containers (open nodes and aggregates) are drawn as boxes around their children: give them the measured size.
  const writeSizes = (b: LayoutBox): void => {
    if (!b.children || b.children.length === 0) return;
    const spec = specs.get(b.id);
    if (spec) {
      spec.data.minW = spec.data.w; // wide enough for its own label, whatever its members do
      spec.data.w = Math.round(b.w);
      spec.data.h = Math.round(b.h);
    }
    for (const c of b.children) writeSizes(c);
  };
  for (const b of nodeBand) writeSizes(b);

  // ---- Service band ----
  const servicePos = new Map<string, Position>();
  let serviceBandHeight = 0;
  let width = nodeBandWidth;
  const svcVisible: ServiceView[] = [];
  if (detail) {
    const specsOf = services.map((v) => {
      const lines = serviceLines(v);
      const size = boxSize(lines, 170, 300);
      svcVisible.push(v);
      return { v, spec: addNode({ id: v.id, kind: 'svc', band: 'services', lines, w: size.w, h: size.h, namespace: v.record.namespace }, serviceClasses(v)) };
    });
    // A few Services fit in one row even when the nodes are narrower: widen the picture, centre the nodes.
    const row = specsOf.reduce((m, x) => m + x.spec.data.w + GAP_X, 0);
    const area = specsOf.reduce((m, x) => m + (x.spec.data.w + GAP_X) * (x.spec.data.h + GAP_Y * 2), 0);
    width = Math.max(nodeBandWidth, Math.min(row, Math.max(1200, Math.sqrt(area * 6))));
    const dx = (width - nodeBandWidth) / 2;
    if (dx > 0) for (const [id, p] of pos) pos.set(id, { x: p.x + dx, y: p.y });
    const items = specsOf.map(({ v, spec }) => {
      const xs = [...v.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : [])), ...v.selectedPods].map((id) => pos.get(id)?.x).filter((x): x is number => x !== undefined);
      return { id: v.id, w: spec.data.w, h: spec.data.h, ...(xs.length > 0 ? { desiredX: xs.reduce((a, b) => a + b, 0) / xs.length } : {}) };
    });
    const laid = lane(items, 0, width, 0);
    for (const [id, p] of laid.pos) servicePos.set(id, p);
    serviceBandHeight = laid.height;
  } else {
    const nsNames = [...new Set([...servicesByNs.keys(), ...ingressesByNs.keys()])].sort(naturalCompare);
    const boxes: LayoutBox[] = [];
    for (const ns of nsNames) {
      const id = namespaceAggregateId(ns);
      const svcs = servicesByNs.get(ns) ?? [];
      const c = podsPerNs.get(ns) ?? { pods: 0, notReady: 0 };
      const lines = [lineText(`namespace ${ns}`), lineText(`${plural(svcs.length, 'Service')} · ${plural(c.pods, 'pod')}`), ...(c.notReady ? [lineText(`${c.notReady} not ready`)] : [])];
      const open = isOpen(id);
      const size = boxSize(lines, 180, 280);
      const spec = addNode({ id, kind: 'agg-ns', band: 'services', lines, w: size.w, h: size.h, namespace: ns, expandable: true, expanded: open }, `aggregate ${open ? 'container' : 'collapsed'}`);
      if (!open || svcs.length === 0) {
        boxes.push({ id, w: spec.data.w, h: spec.data.h, labelH: 0 });
        continue;
      }
      const kids = svcs.map((v) => {
        const sl = serviceLines(v);
        const sz = boxSize(sl, 170, 300);
        const s = addNode({ id: v.id, kind: 'svc', band: 'services', lines: sl, w: sz.w, h: sz.h, parent: id, namespace: ns }, serviceClasses(v));
        svcVisible.push(v);
        return { id: v.id, w: s.data.w, h: s.data.h, labelH: 0 };
      });
      boxes.push({ id, w: spec.data.w, h: 0, labelH: spec.data.lines.length * NODE_LINE_HEIGHT + 6, children: kids, maxInnerWidth: 4 * 260 });
    }
    const sizes = boxes.map((b) => ({ id: b.id, ...measure(b) }));
    const pack = shelfPack(sizes, nodeBandWidth);
    for (const b of boxes) {
      const p = pack.pos.get(b.id) as Position;
      place(b, p.x, p.y, servicePos);
      writeSizes(b);
    }
    serviceBandHeight = pack.height;
  }

  // ---- Outside band ----
  const outsideItems: { id: string; w: number; h: number; desiredX?: number }[] = [];
  const lbVisible: ServiceView[] = [];
  for (const v of lbServices) {
    if (!visible(v.id)) continue;
    const id = loadBalancerId(v.record.namespace, v.record.name);
    const lines = lbLines(v);
    const size = boxSize(lines, 150, 260);
    const pending = v.record.lbIngress.length === 0;
    const spec = addNode({ id, kind: 'lb', band: 'outside', lines, w: size.w, h: size.h, namespace: v.record.namespace }, pending ? 'lb pending' : 'lb');
    lbVisible.push(v);
    const x = servicePos.get(v.id)?.x;
    outsideItems.push({ id, w: spec.data.w, h: spec.data.h, ...(x !== undefined ? { desiredX: x } : {}) });
  }
  const ingVisible: IngressRecord[] = [];
  for (const ing of ingresses) {
    if (!detail && !expandedSet.has(namespaceAggregateId(ing.namespace))) continue;
    const id = ingressId(ing.namespace, ing.name);
    const lines = ingressLines(ing);
    const size = boxSize(lines, 150, 280);
    const spec = addNode({ id, kind: 'ing', band: 'outside', lines, w: size.w, h: size.h, namespace: ing.namespace }, ing.lbIngress.length === 0 ? 'ing pending' : 'ing');
    ingVisible.push(ing);
    const xs = ingressBackends(ing)
      .map((b) => (b.service ? servicePos.get(serviceId(ing.namespace, b.service.name))?.x : undefined))
      .filter((x): x is number => x !== undefined);
    outsideItems.push({ id, w: spec.data.w, h: spec.data.h, ...(xs.length > 0 ? { desiredX: xs.reduce((a, b) => a + b, 0) / xs.length } : {}) });
  }
  const clientLines = [lineText('external client'), lineText(topo.settings.externalClient)];
  const clientSize = boxSize(clientLines, 140, 220);
  addNode({ id: EXTERNAL_CLIENT_ID, kind: 'ext', band: 'outside', lines: clientLines, w: clientSize.w, h: clientSize.h }, 'ext');
  const outsideTop = clientSize.h + GAP_Y * 2;
  const outside = lane(outsideItems, 0, width, outsideTop);
  pos.set(EXTERNAL_CLIENT_ID, { x: width / 2, y: clientSize.h / 2 });

  // Bands stacked top to bottom: outside, Services, Nodes.
  const servicesTop = outsideTop + outside.height + GAP_Y * 4;
  const nodesTop = servicesTop + serviceBandHeight + GAP_Y * 5;
  for (const [id, p] of outside.pos) pos.set(id, p);
  for (const [id, p] of servicePos) pos.set(id, { x: p.x, y: p.y + servicesTop });
  for (const b of nodeBand) shift(b, pos, nodesTop);

  // ---- Representatives ----
  const nodeRepCache = new Map<string, string | undefined>();
  const nodeRep = (name: string): string | undefined => {
    if (nodeRepCache.has(name)) return nodeRepCache.get(name);
    const id = nodeId(name);
    const rep = visible(id) ? id : groupOfNode.get(name);
    nodeRepCache.set(name, rep);
    return rep;
  };
  const podRep = (id: string): string | undefined => {
    if (visible(id)) return id;
    const p = topo.pods.get(id);
    if (!p || !inScope(p.namespace)) return undefined;
    if (p.nodeName && topo.nodes.has(p.nodeName)) return nodeRep(p.nodeName);
    return visible(UNSCHEDULED_ID) ? UNSCHEDULED_ID : undefined;
  };
  const nsRep = (ns: string, id: string): string | undefined => {
    if (visible(id)) return id;
    if (!inScope(ns)) return undefined;
    const agg = namespaceAggregateId(ns);
    return visible(agg) ? agg : undefined;
  };
  const representative = (id: string): string | undefined => {
    if (visible(id)) return id;
    const [kind, rest = ''] = splitId(id);
    const ns = rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '';
    switch (kind) {
      case 'pod':
        return podRep(id);
      case 'node':
        return nodeRep(rest);
      case 'svc':
      case 'ing':
        return nsRep(ns, id);
      case 'lb':
        return nsRep(ns, serviceId(ns, rest.slice(ns.length + 1)));
      default:
        return undefined;
    }
  };
  const revealPath = (id: string): string[] => {
    const [kind, rest = ''] = splitId(id);
    const out: string[] = [];
    if (kind === 'pod') {
      const p = topo.pods.get(id);
      if (p?.nodeName && topo.nodes.has(p.nodeName)) {
        const g = groupOfNode.get(p.nodeName);
        if (g) out.push(g);
        out.push(nodeId(p.nodeName));
      } else if (p) out.push(UNSCHEDULED_ID);
    } else if (kind === 'node') {
      const g = groupOfNode.get(rest);
      if (g) out.push(g);
    } else if (kind === 'svc' || kind === 'ing' || kind === 'lb') {
      out.push(namespaceAggregateId(rest.slice(0, rest.indexOf('/'))));
    }
    return detail ? [] : out.filter((x) => !expandedSet.has(x));
  };

  // Findings roll up into the aggregate that stands for their subject.
  if (!detail) {
    for (const [subject, f] of findingBySubject) {
      if (visible(subject)) continue;
      const rep = representative(subject);
      const spec = rep ? specs.get(rep) : undefined;
      if (!spec) continue;
      const cur = spec.data.severity;
      spec.data.findings = (spec.data.findings ?? 0) + f.count;
      if (!cur || SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur]) {
        spec.data.severity = f.severity;
        spec.classes = `${spec.classes.replace(/ finding-\w+/, '')} finding-${f.severity}`;
      }
    }
  }

  // ---- Edges ----
  // Model edges between two visible model elements keep their IDs (`<from>-><to>:<port>/<proto>`); edges
  // with an end folded into an aggregate are merged per (from, to) with a count.
  type Draft = GraphEdge & { priority: number };
  const edges = new Map<string, Draft>();
  const realCache = new Map<string, boolean>();
  const real = (id: string): boolean => {
    let r = realCache.get(id);
    if (r === undefined) {
      const d = specs.get(id)?.data;
      r = !isAggregateId(id) && !(d?.expandable && !d.expanded);
      realCache.set(id, r);
    }
    return r;
  };
  const aggregatePairs = new Map<string, { from: string; to: string; count: number; state: EdgeState | undefined; priority: number }>();
  const addEdge = (from: string | undefined, to: string | undefined, kind: EdgeKind, state: EdgeState | undefined, port?: number | string, proto?: string, count = 1): void => {
    if (!from || !to || from === to || !specs.has(from) || !specs.has(to)) return;
    if (kind === 'aggregate') {
      const key = `${from}\u0000${to}`;
      const pair = aggregatePairs.get(key);
      if (pair) {
        pair.count += count;
        if (pair.state !== state) pair.state = 'mixed';
      } else aggregatePairs.set(key, { from, to, count, state, priority: real(from) || real(to) ? 1 : 2 });
      return;
    }
    const id = edgeId(from, to, port, proto);
    const existing = edges.get(id);
    if (existing) {
      existing.data.count = (existing.data.count ?? 1) + 1;
      return;
    }
    const portText = port !== undefined ? `${port}/${proto ?? 'TCP'}` : undefined;
    edges.set(id, {
      group: 'edges',
      data: { id, source: from, target: to, kind, ...(state ? { state } : {}), ...(portText ? { port: portText } : {}), count: 1, label: portText ?? '' },
      classes: state ? `${kind} ${state}` : kind,
      priority: real(from) && real(to) ? 0 : 1,
    });
  };
  const podRepCache = new Map<string, string | undefined>();
  const cachedPodRep = (id: string): string | undefined => {
    if (podRepCache.has(id)) return podRepCache.get(id);
    const r = podRep(id);
    podRepCache.set(id, r);
    return r;
  };

  for (const v of lbVisible) {
    const s = v.record;
    const lb = loadBalancerId(s.namespace, s.name);
    for (const sp of s.ports) addEdge(EXTERNAL_CLIENT_ID, lb, 'client-lb', s.lbIngress.length === 0 ? 'pending' : undefined, sp.port, sp.protocol);
    if (s.lbIngress.length === 0) continue;
    const local = s.externalTrafficPolicy === 'Local';
    // ETP Local: only nodes with a ready local endpoint pass the LB health check (spec §3.4).
    const healthy = new Set<string>();
    if (local) {
      for (const b of v.backends.endpoints) if (b.ready && b.nodeName && s.ports.some((sp) => b.ports.has(portKey(sp)))) healthy.add(b.nodeName);
    }
    for (const sp of s.ports) {
      if (!sp.nodePort) {
        const rep = representative(v.id);
        addEdge(lb, rep, rep === v.id ? 'lb-direct' : 'aggregate', undefined, sp.port, sp.protocol);
        continue;
      }
      for (const n of nodes) {
        const rep = nodeRep(n.record.name);
        const state: EdgeState = !local || healthy.has(n.record.name) ? 'healthy' : 'drop';
        addEdge(lb, rep, rep === n.id ? 'lb-node' : 'aggregate', state, sp.nodePort, sp.protocol);
      }
    }
  }
  for (const ing of ingVisible) {
    const id = ingressId(ing.namespace, ing.name);
    const pending = ing.lbIngress.length === 0 ? 'pending' : undefined;
    addEdge(EXTERNAL_CLIENT_ID, id, 'client-ing', pending, 80, 'TCP');
    if (ing.tls.length > 0) addEdge(EXTERNAL_CLIENT_ID, id, 'client-ing', pending, 443, 'TCP');
    for (const b of ingressBackends(ing)) {
      if (!b.service) continue;
      const sid = serviceId(ing.namespace, b.service.name);
      if (!topo.services.has(sid)) continue; // a dangling backend has no box to point at (the finding says so)
      const rep = representative(sid);
      addEdge(id, rep, rep === sid ? 'ing-svc' : 'aggregate', undefined, b.service.port.number ?? b.service.port.name, 'TCP');
    }
  }
  // Edges between two aggregates are drawn only while there are few of them. Where the all-collapsed
  // view already has too many, none will be drawn, so only the Services with an end that is not folded
  // need a look: those of expanded namespaces, and those with pods on expanded nodes.
  let aggAggHidden = 0;
  let scan: readonly ServiceView[] = services;
  if (!detail) {
    aggAggHidden = baseAggregatePairs(topo, services, (name) => groupOfNode.get(name) ?? nodeId(name), o.aggregateEdgeBudget);
    if (aggAggHidden > o.aggregateEdgeBudget) {
      const picked = new Set<ServiceView>();
      for (const id of expandedSet) if (id.startsWith('agg:ns:')) for (const v of servicesByNs.get(id.slice(7)) ?? []) picked.add(v);
      const openNodes = [...expandedSet].filter((id) => id.startsWith('node:') && visible(id));
      if (openNodes.length > 0 || expandedSet.has(UNSCHEDULED_ID)) {
        const index = servicesByPod(topo);
        const podsOpen = [...openNodes.flatMap((id) => podsByNode.get(id.slice(5)) ?? []), ...(expandedSet.has(UNSCHEDULED_ID) ? unscheduled : [])];
        for (const pid of podsOpen) for (const v of index.get(pid) ?? []) if (inScope(v.record.namespace)) picked.add(v);
      }
      scan = services.filter((v) => picked.has(v));
    } else aggAggHidden = 0;
  }
  for (const v of scan) {
    const from = representative(v.id);
    if (!from) continue;
    const svcReal = from === v.id;
    const inferred = v.backends.source === 'inferred';
    const keys = v.record.ports.map((sp) => portKey(sp));
    const reached = new Set<string>();
    // Folded edges of this Service, counted per target before they join the global pairs.
    const folded = new Map<string, { count: number; state: EdgeState }>();
    const fold = (to: string | undefined, state: EdgeState): void => {
      if (!to) return;
      const f = folded.get(to);
      if (!f) folded.set(to, { count: 1, state });
      else {
        f.count++;
        if (f.state !== state) f.state = 'mixed';
      }
    };
    for (const b of v.backends.endpoints) {
      if (!b.podId) continue;
      reached.add(b.podId);
      const to = cachedPodRep(b.podId);
      const state: EdgeState = inferred ? 'inferred' : b.ready ? 'ready' : b.terminating ? 'terminating' : 'not-ready';
      if (!svcReal || to !== b.podId) {
        fold(to, state);
        continue;
      }
      for (let i = 0; i < keys.length; i++) {
        const port = b.ports.get(keys[i] as string);
        if (port !== undefined) addEdge(from, to, 'endpoint', state, port, v.record.ports[i]?.protocol);
      }
    }
    // Pods the selector picks that the endpoints do not list: drawn as selector-only matches.
    for (const pid of v.selectedPods) {
      if (reached.has(pid)) continue;
      const to = cachedPodRep(pid);
      if (svcReal && to === pid) addEdge(from, to, 'selector', 'selector-only');
      else fold(to, 'selector-only');
    }
    for (const [to, f] of folded) addEdge(from, to, 'aggregate', f.state, undefined, undefined, f.count);
  }
  for (const pair of aggregatePairs.values()) {
    const id = edgeId(pair.from, pair.to);
    edges.set(id, {
      group: 'edges',
      data: { id, source: pair.from, target: pair.to, kind: 'aggregate', ...(pair.state ? { state: pair.state } : {}), count: pair.count, label: `×${pair.count}` },
      classes: pair.state ? `aggregate ${pair.state}` : 'aggregate',
      priority: pair.priority,
    });
  }

  // ---- Budgets ----
  const nodeElements = orderNodes(specs, pos);
  const drafts = [...edges.values()].sort((a, b) => a.priority - b.priority || (a.data.id < b.data.id ? -1 : 1));
  const aggAgg = drafts.filter((d) => d.priority === 2).length;
  const edgeRoom = Math.max(0, o.maxElements - nodeElements.length);
  const kept: GraphEdge[] = [];
  let hiddenEdges = aggAggHidden;
  for (const d of drafts) {
    if ((d.priority === 2 && aggAgg > o.aggregateEdgeBudget) || kept.length >= edgeRoom) {
      hiddenEdges++;
      continue;
    }
    const { priority: _p, ...edge } = d;
    void _p;
    kept.push(edge);
  }
  return {
    elements: [...nodeElements, ...kept],
    mode: detail ? 'detail' : 'aggregated',
    hiddenEdges,
    skippedExpansions,
    representative,
    revealPath,
    counts: { nodes: nodeElements.length, edges: kept.length },
  };
}

function serviceClasses(v: ServiceView): string {
  const s = v.record;
  return ['svc', s.type === 'ExternalName' ? 'external-name' : '', s.headless ? 'headless' : '', v.backends.source === 'inferred' ? 'inferred' : ''].filter(Boolean).join(' ');
}

function splitId(id: string): [string, string | undefined] {
  const i = id.indexOf(':');
  return i < 0 ? [id, undefined] : [id.slice(0, i), id.slice(i + 1)];
}

function shift(b: LayoutBox, pos: Map<string, Position>, dy: number): void {
  const p = pos.get(b.id);
  if (p) pos.set(b.id, { x: p.x, y: p.y + dy });
  for (const c of b.children ?? []) shift(c, pos, dy);
}

/** Node elements with positions, parents before children (cytoscape needs the parent to exist first). */
function orderNodes(specs: Map<string, NodeSpec>, pos: Map<string, Position>): GraphNode[] {
  const out: GraphNode[] = [];
  const done = new Set<string>();
  const visit = (id: string): void => {
    if (done.has(id)) return;
    const spec = specs.get(id);
    if (!spec) return;
    if (spec.data.parent) visit(spec.data.parent);
    done.add(id);
    out.push({ group: 'nodes', data: spec.data, classes: spec.classes, position: pos.get(id) ?? { x: 0, y: 0 } });
  };
  for (const id of specs.keys()) visit(id);
  return out;
}
