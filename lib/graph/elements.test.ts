import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { findingsFor } from '../model/findings';
import { edgeId } from '../model/ids';
import { buildTopology } from '../model/topology';
import { controllerSlices, node, pod, referenceFixture, slice, snapshot, svc } from '../model/test-builders';
import type { ClusterSnapshot } from '../snapshot/records';
import { toCytoscapeElements, type GraphEdge, type GraphModel, type GraphNode, type GraphOptions } from './elements';
import { namespaceAggregateId } from './graph-ids';

function graph(snap: ClusterSnapshot, opts: GraphOptions = {}): GraphModel {
  const topo = buildTopology(snap);
  return toCytoscapeElements(topo, { findings: findingsFor(topo), ...opts });
}
const nodesOf = (m: GraphModel): GraphNode[] => m.elements.filter((e): e is GraphNode => e.group === 'nodes');
const edgesOf = (m: GraphModel): GraphEdge[] => m.elements.filter((e): e is GraphEdge => e.group === 'edges');
const byId = (m: GraphModel, id: string): GraphNode | undefined => nodesOf(m).find((n) => n.data.id === id);
const edge = (m: GraphModel, id: string): GraphEdge | undefined => edgesOf(m).find((e) => e.data.id === id);

/** Structural invariants every result must keep (cytoscape throws on a dangling edge or a missing parent). */
function expectWellFormed(m: GraphModel): void {
  const ids = new Set<string>();
  const seenNodes = new Set<string>();
  let edgesStarted = false;
  for (const e of m.elements) {
    expect(ids.has(e.data.id), `duplicate ${e.data.id}`).toBe(false);
    ids.add(e.data.id);
    if (e.group === 'nodes') {
      expect(edgesStarted, 'nodes come before edges').toBe(false);
      if (e.data.parent) expect(seenNodes.has(e.data.parent), `${e.data.id}: parent ${e.data.parent} first`).toBe(true);
      seenNodes.add(e.data.id);
      expect(Number.isFinite(e.position.x) && Number.isFinite(e.position.y)).toBe(true);
    } else {
      edgesStarted = true;
      expect(seenNodes.has(e.data.source), `${e.data.id}: source`).toBe(true);
      expect(seenNodes.has(e.data.target), `${e.data.id}: target`).toBe(true);
    }
  }
  expect(m.counts.nodes + m.counts.edges).toBe(m.elements.length);
}

/** Leaf boxes (no children) never overlap. */
function expectNoOverlap(m: GraphModel): void {
  const parents = new Set(nodesOf(m).flatMap((n) => (n.data.parent ? [n.data.parent] : [])));
  const leaves = nodesOf(m).filter((n) => !parents.has(n.data.id));
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i] as GraphNode;
      const b = leaves[j] as GraphNode;
      const apart = Math.abs(a.position.x - b.position.x) * 2 >= a.data.w + b.data.w || Math.abs(a.position.y - b.position.y) * 2 >= a.data.h + b.data.h;
      expect(apart, `${a.data.id} overlaps ${b.data.id}`).toBe(true);
    }
  }
}

describe('toCytoscapeElements: the reference demo in detail', () => {
  const m = graph(loadDemo('reference'));

  it('is well formed, deterministic and in detail mode', () => {
    expectWellFormed(m);
    expectNoOverlap(m);
    expect(m.mode).toBe('detail');
    expect(JSON.stringify(graph(loadDemo('reference')).elements)).toBe(JSON.stringify(m.elements));
  });

  it('labels nodes with their NodeIP and pod CIDR, and packs their pods inside them', () => {
    const n1 = byId(m, 'node:n1');
    expect(n1?.data.lines).toEqual(['n1', 'NodeIP 192.168.1.11', 'pods 10.244.1.0/24']);
    expect(byId(m, 'pod:demo/web-1')?.data.parent).toBe('node:n1');
    expect(byId(m, 'pod:demo/web-1')?.data.lines).toContain('10.244.1.5');
    expect(byId(m, 'pod:demo/hp')?.classes).toContain('host-port');
    expect(byId(m, 'pod:demo/hp')?.data.lines).toContain('hostPort 8081→8080');
  });

  it('labels Services with type, ClusterIP, ports and NodePorts; LBs and Ingresses with their addresses', () => {
    expect(byId(m, 'svc:demo/web')?.data.lines).toEqual(['demo/web', 'LoadBalancer', 'ClusterIP 10.96.100.10', '8080→80/TCP', 'NodePort 30081']);
    expect(byId(m, 'lb:demo/web')?.data.lines).toContain('203.0.113.10');
    expect(byId(m, 'ing:demo/shop')?.data.lines).toEqual(['Ingress demo/shop', 'shop.example.com', '203.0.113.20']);
    expect(byId(m, 'ext:client')?.data.band).toBe('outside');
  });

  it('stacks the bands: outside above Services above Nodes', () => {
    const ys = (band: string): number[] => nodesOf(m).filter((n) => n.data.band === band).map((n) => n.position.y);
    expect(Math.max(...ys('outside'))).toBeLessThan(Math.min(...ys('services')));
    expect(Math.max(...ys('services'))).toBeLessThan(Math.min(...ys('nodes')));
  });

  it('draws LB → node ports, Ingress → Service, Service → endpoints, client → entry points, with model edge IDs', () => {
    expect(edge(m, edgeId('lb:demo/web', 'node:n3', 30081, 'TCP'))?.data.state).toBe('healthy');
    expect(edge(m, edgeId('ing:demo/shop', 'svc:demo/web', 8080, 'TCP'))).toBeDefined();
    expect(edge(m, edgeId('svc:demo/web', 'pod:demo/web-1', 80, 'TCP'))?.classes).toBe('endpoint ready');
    expect(edge(m, edgeId('svc:demo/api', 'pod:demo/api-2', 9376, 'TCP'))).toBeDefined();
    expect(edge(m, edgeId('ext:client', 'lb:demo/web', 8080, 'TCP'))).toBeDefined();
    expect(edge(m, edgeId('ext:client', 'ing:demo/shop', 443, 'TCP'))).toBeDefined();
    for (const e of edgesOf(m)) expect(e.data.id).toMatch(/^[a-z]+:[^>]+->[a-z]+:[^:]+(:\d+\/(TCP|UDP|SCTP))?$/);
  });
});

describe('toCytoscapeElements: endpoint conditions, policies, findings', () => {
  const shop = graph(loadDemo('shop'));

  it('styles not-ready and terminating endpoints apart from ready ones', () => {
    expectWellFormed(shop);
    const states = (svcId: string): string[] => edgesOf(shop).filter((e) => e.data.source === svcId && e.data.kind === 'endpoint').map((e) => e.data.state ?? '');
    expect(states('svc:shop/catalog')).toContain('not-ready');
    expect(states('svc:shop/catalog')).toContain('ready');
    expect(states('svc:shop/cart')).toContain('terminating');
  });

  it('ETP Local: LB → node edges drop on nodes without a ready local endpoint', () => {
    const lbEdges = edgesOf(shop).filter((e) => e.data.source === 'lb:shop/frontend' && e.data.kind === 'lb-node');
    const state = (n: string): string | undefined => lbEdges.find((e) => e.data.target === `node:${n}`)?.data.state;
    expect(state('worker-1')).toBe('healthy');
    expect(state('worker-2')).toBe('healthy');
    expect(state('worker-3')).toBe('drop');
    expect(state('worker-4')).toBe('drop');
  });

  it('badges findings on the element they concern', () => {
    expect(byId(shop, 'svc:shop/ads')?.classes).toContain('finding-error');
    expect(byId(shop, 'svc:shop/ads')?.data.lines.at(-1)).toBe('⚠ 1 error');
    expect(byId(shop, 'svc:shop/admin')?.data.severity).toBe('warning');
    expect(byId(shop, 'lb:shop/admin')?.classes).toContain('pending');
  });

  it('draws inferred endpoints (no EndpointSlices) as inferred', () => {
    const m = graph(referenceFixture({ slices: 'none' }));
    expectWellFormed(m);
    expect(edge(m, edgeId('svc:demo/web', 'pod:demo/web-1', 80, 'TCP'))?.data.state).toBe('inferred');
    expect(byId(m, 'svc:demo/web')?.classes).toContain('inferred');
  });

  it('draws pods the selector picks but the slices leave out as selector-only matches', () => {
    const nodes = [node({ name: 'n1', ip: '192.168.1.11', podCIDR: '10.244.1.0/24' })];
    const pods = [
      pod({ name: 'a', node: 'n1', ip: '10.244.1.2', labels: { app: 'x' }, ports: [80] }),
      pod({ name: 'b', node: 'n1', ip: '10.244.1.3', labels: { app: 'x' }, ports: [80] }),
    ];
    const s = svc({ name: 'x', clusterIP: '10.96.0.20', ports: [{ port: 80 }], selector: { app: 'x' } });
    const m = graph(snapshot({ nodes, pods, services: [s], slices: [slice({ svc: 'x', ports: [{ port: 80 }], endpoints: [{ ip: '10.244.1.2', node: 'n1', pod: 'a' }] })] }));
    expectWellFormed(m);
    expect(edge(m, edgeId('svc:demo/x', 'pod:demo/a', 80, 'TCP'))?.data.state).toBe('ready');
    expect(edge(m, edgeId('svc:demo/x', 'pod:demo/b'))?.data.state).toBe('selector-only');
  });

  it('never draws an edge to something that is not there (dangling Ingress backend, endpoint without pod)', () => {
    const nodes = [node({ name: 'n1', ip: '192.168.1.11', podCIDR: '10.244.1.0/24' })];
    const s = svc({ name: 'ext', clusterIP: '10.96.0.30', ports: [{ port: 80 }], selector: null });
    const m = graph(
      snapshot({
        nodes,
        services: [s],
        slices: [slice({ svc: 'ext', ports: [{ port: 80 }], endpoints: [{ ip: '192.0.2.10' }] })],
        ingresses: [
          {
            uid: 'i',
            namespace: 'demo',
            name: 'gone',
            classSource: 'none',
            rules: [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'missing', port: { number: 80 } } } }] }],
            tls: [],
            lbIngress: [],
          },
        ],
      }),
    );
    expectWellFormed(m);
    expect(edgesOf(m).filter((e) => e.data.source === 'ing:demo/gone').map((e) => e.data.target)).toEqual([]);
    expect(edgesOf(m).filter((e) => e.data.source === 'svc:demo/ext')).toEqual([]);
  });

  it('passes cluster text through safeText (bidi overrides cannot reorder labels)', () => {
    const nodes = [node({ name: 'n1', ip: '192.168.1.11', podCIDR: '10.244.1.0/24' })];
    const m = graph(snapshot({ nodes, pods: [pod({ name: 'evil\u202egnp.exe', node: 'n1', ip: '10.244.1.9' })] }));
    const label = byId(m, 'pod:demo/evil\u202egnp.exe')?.data.label ?? '';
    expect(label).toContain('\\u{202e}');
    expect(label).not.toContain('\u202e');
  });

  it('filters by namespace, keeping every node', () => {
    const m = graph(loadDemo('shop'), { namespaces: ['shop-data'] });
    expectWellFormed(m);
    expect(nodesOf(m).filter((n) => n.data.kind === 'svc').map((n) => n.data.id).sort()).toEqual(['svc:shop-data/postgres', 'svc:shop-data/redis']);
    expect(nodesOf(m).filter((n) => n.data.kind === 'node')).toHaveLength(4);
    expect(nodesOf(m).filter((n) => n.data.kind === 'pod').every((n) => n.data.namespace === 'shop-data')).toBe(true);
    expect(m.representative('svc:shop/frontend')).toBeUndefined();
  });
});

/** A cluster of `nodeCount` nodes in 3 zones, `perNode` pods each, one Service per 10 pods, one LB per 20 Services. */
function bigCluster(nodeCount: number, perNode: number): ClusterSnapshot {
  const nodes = Array.from({ length: nodeCount }, (_, i) =>
    node({ name: `node-${i}`, ip: `10.0.${i >> 8}.${i & 255}`, podCIDR: `10.${128 + (i >> 8)}.${i & 255}.0/24`, labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } }),
  );
  const pods = [];
  for (let i = 0; i < nodeCount * perNode; i++) {
    const n = i % nodeCount;
    pods.push(pod({ ns: `ns-${Math.floor(i / 500)}`, name: `p-${i}`, node: `node-${n}`, ip: `10.${128 + (n >> 8)}.${n & 255}.${2 + Math.floor(i / nodeCount)}`, labels: { app: `a-${Math.floor(i / 10)}` }, ports: [8080], ready: i % 50 !== 0 }));
  }
  const services = [];
  for (let s = 0; s * 10 < pods.length; s++) {
    services.push(svc({ ns: `ns-${Math.floor((s * 10) / 500)}`, name: `a-${s}`, clusterIP: `10.96.${s >> 8}.${s & 255}`, ports: [{ port: 80, targetPort: 8080, ...(s % 20 === 0 ? { nodePort: 30000 + s } : {}) }], selector: { app: `a-${s}` }, ...(s % 20 === 0 ? { type: 'LoadBalancer' as const, lb: `203.0.113.${s % 250}` } : {}) }));
  }
  const built = snapshot({ nodes, pods, services });
  return { ...built, endpointSlices: services.flatMap((x) => controllerSlices(x, built.pods)) };
}

describe('toCytoscapeElements: aggregation for large clusters', () => {
  const big = buildTopology(bigCluster(400, 12)); // 4,800 pods, 480 Services, 400 nodes

  it('collapses namespaces and node groups into aggregates with counts, far below the element cap', () => {
    const m = toCytoscapeElements(big, {});
    expectWellFormed(m);
    expect(m.mode).toBe('aggregated');
    expect(m.elements.length).toBeLessThan(200);
    const ns0 = byId(m, namespaceAggregateId('ns-0'));
    expect(ns0?.data.lines).toEqual(['namespace ns-0', '50 Services · 500 pods', '10 not ready']);
    expect(ns0?.data.expandable).toBe(true);
    const groups = nodesOf(m).filter((n) => n.data.kind === 'agg-nodes');
    expect(groups.length).toBeGreaterThan(3);
    expect(groups.reduce((sum, g) => sum + Number(/(\d+) pods/.exec(g.data.lines[2] ?? '')?.[1] ?? 0), 0)).toBe(4800);
    expect(nodesOf(m).some((n) => n.data.kind === 'pod')).toBe(false);
  });

  it('maps every model element to the aggregate standing for it, and says what to expand to reveal it', () => {
    const m = toCytoscapeElements(big, {});
    const group = m.representative('pod:ns-0/p-7');
    expect(group).toMatch(/^agg:nodes:zone-1:/);
    expect(m.representative('node:node-7')).toBe(group);
    expect(m.representative('svc:ns-3/a-170')).toBe('agg:ns:ns-3');
    expect(m.representative('lb:ns-3/a-160')).toBe('agg:ns:ns-3');
    expect(m.revealPath('pod:ns-0/p-7')).toEqual([group, 'node:node-7']);
    expect(m.revealPath('svc:ns-3/a-170')).toEqual(['agg:ns:ns-3']);
  });

  it('expands a namespace and a node on request, with edges to whatever stands for the other end', () => {
    const first = toCytoscapeElements(big, {});
    const group = first.representative('node:node-7') as string;
    const m = toCytoscapeElements(big, { expanded: ['agg:ns:ns-0', group, 'node:node-7'] });
    expectWellFormed(m);
    expectNoOverlap(m);
    expect(byId(m, 'agg:ns:ns-0')?.data.expanded).toBe(true);
    expect(byId(m, 'svc:ns-0/a-0')?.data.parent).toBe('agg:ns:ns-0');
    expect(byId(m, 'lb:ns-0/a-0')).toBeDefined();
    expect(byId(m, 'node:node-7')?.data.parent).toBe(group);
    expect(byId(m, 'pod:ns-0/p-7')?.data.parent).toBe('node:node-7');
    // p-7 is an endpoint of a-0, now both visible: a model edge with its port.
    expect(edge(m, edgeId('svc:ns-0/a-0', 'pod:ns-0/p-7', 8080, 'TCP'))).toBeDefined();
    // p-1 (on collapsed node-1, in a collapsed group) folds into an aggregate edge with a count.
    const folded = edgesOf(m).filter((e) => e.data.source === 'svc:ns-0/a-0' && e.data.kind === 'aggregate');
    expect(folded.length).toBeGreaterThan(0);
    expect(folded.reduce((s, e) => s + (e.data.count ?? 0), 0)).toBe(9);
  });

  it('with too many aggregate-to-aggregate connections, draws none of them but still every edge to an expanded element', () => {
    const group = toCytoscapeElements(big, {}).representative('node:node-7') as string;
    const m = toCytoscapeElements(big, { aggregateEdgeBudget: 5, expanded: [group, 'node:node-7'] });
    expectWellFormed(m);
    expect(m.hiddenEdges).toBeGreaterThan(5);
    const real = (id: string): boolean => !id.startsWith('agg:') && !(nodesOf(m).find((n) => n.data.id === id)?.data.expandable && !nodesOf(m).find((n) => n.data.id === id)?.data.expanded);
    for (const e of edgesOf(m)) expect(real(e.data.source) || real(e.data.target), e.data.id).toBe(true);
    // p-7 (on node-7) is an endpoint of a-0 in the collapsed namespace ns-0: an edge from the aggregate to the pod.
    expect(edge(m, edgeId('agg:ns:ns-0', 'pod:ns-0/p-7'))?.data.count).toBe(1);
    // The same view with a budget large enough has that edge too, and more.
    const roomy = toCytoscapeElements(big, { aggregateEdgeBudget: 100_000, expanded: [group, 'node:node-7'] });
    expect(edge(roomy, edgeId('agg:ns:ns-0', 'pod:ns-0/p-7'))).toBeDefined();
    expect(roomy.counts.edges).toBeGreaterThan(m.counts.edges);
  });

  it('keeps under maxElements, skipping expansions that would pass it', () => {
    const m = toCytoscapeElements(big, { maxElements: 120, expanded: ['agg:ns:ns-0', 'agg:ns:ns-1'] });
    expectWellFormed(m);
    expect(m.elements.length).toBeLessThanOrEqual(120);
    expect(m.skippedExpansions).toEqual(['agg:ns:ns-1']);
  });

  it('shows small clusters in detail and switches to aggregates above the budget', () => {
    expect(toCytoscapeElements(big, { detailBudget: 100_000 }).mode).toBe('detail');
    expect(toCytoscapeElements(buildTopology(loadDemo('shop')), { detailBudget: 10 }).mode).toBe('aggregated');
  });
});
