import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { addIngressRule, etpLocal, find, GONE_POD, scaleDownCatalog, shopWith } from '../demo/shop-incident';
import type { ClusterSnapshot, EndpointRecord, NodeRecord, PodRecord, ServiceRecord } from '../snapshot/records';
import { diffSnapshots, diffSize, diffText, type SnapshotDiff } from './diff';
import { createRedactor } from './redact';
import { node, pod, snapshot, svc } from './test-builders';

const GONE = GONE_POD;

const empty = (d: SnapshotDiff): void => {
  expect(d.identical).toBe(true);
  expect(diffSize(d)).toBe(0);
};

describe('diffSnapshots', () => {
  it('the same snapshot (and a re-parsed copy) is identical', () => {
    const shop = loadDemo('shop');
    empty(diffSnapshots(shop, shop));
    empty(diffSnapshots(shop, shopWith((i) => i)));
    expect(diffText(diffSnapshots(shop, shop))).toBe('no differences\n');
  });

  it('a scaled-down deployment, a new Ingress rule and a Service switched to ETP Local: exactly those changes', () => {
    const before = loadDemo('shop');
    const after = shopWith((items) => etpLocal(addIngressRule(scaleDownCatalog(items))));
    const d = diffSnapshots(before, after);

    expect(d.identical).toBe(false);
    expect(d.services).toEqual({
      added: [],
      removed: [],
      changed: [{ id: 'svc:ingress/ic', namespace: 'ingress', name: 'ic', type: 'LoadBalancer', changes: [{ field: 'externalTrafficPolicy', before: 'Cluster', after: 'Local' }] }],
    });
    expect(d.endpoints).toEqual([{ service: 'svc:shop/catalog', change: 'lost', address: '10.244.3.12', pod: `pod:shop/${GONE}`, node: 'worker-3' }]);

    expect(d.accessPoints.appeared).toEqual([{ service: 'svc:shop/catalog', kind: 'Ingress', url: 'http://api.shop.example.com/', scope: 'edge', reachable: true, outcome: 'OK' }]);
    expect(d.accessPoints.disappeared).toEqual([{ service: 'svc:shop/catalog', kind: 'PodIP', url: 'tcp://10.244.3.12:8080', scope: 'cluster', reachable: true, outcome: 'OK' }]);
    // ETP Local: the NodePorts (80 → 30080, 443 → 30443) of every node without the controller pod now drop.
    expect(d.accessPoints.changed.map((c) => [c.service, c.kind, c.url, c.before.outcome, c.after.outcome])).toEqual(
      ['tcp://10.0.1.11', 'tcp://10.0.1.14', 'tcp://10.0.2.12', 'tcp://198.51.100.11', 'tcp://198.51.100.12'].flatMap((u) =>
        [30080, 30443].map((p) => ['svc:ingress/ic', 'NodePort', `${u}:${p}`, 'OK', 'DROP']),
      ),
    );
    for (const c of d.accessPoints.changed) expect(c.after).toMatchObject({ reachable: false, reason: expect.stringMatching(/no ready local endpoint/) });

    expect(d.findings.cleared).toEqual([]);
    expect(d.findings.appeared.map((f) => [f.code, f.subject, f.severity])).toEqual([
      ['D-ETP-LOCAL-NODES-WITHOUT-ENDPOINTS', 'svc:ingress/ic', 'info'],
      ['D-ETP-LOCAL-NODES-WITHOUT-ENDPOINTS', 'svc:ingress/ic', 'info'],
    ]);
    expect(d.findings.appeared.map((f) => f.message)).toEqual([
      'externalTrafficPolicy Local: nodes worker-1, worker-2, worker-4 have no ready local endpoint and drop external traffic on port 30080',
      'externalTrafficPolicy Local: nodes worker-1, worker-2, worker-4 have no ready local endpoint and drop external traffic on port 30443',
    ]);

    expect(d.elements).toEqual({ added: [], removed: [`pod:shop/${GONE}`], changed: ['ing:shop/shop', 'svc:ingress/ic', 'svc:shop/catalog'] });
    expect(d.objects).toEqual([{ kind: 'EndpointSlice', namespace: 'shop', name: 'catalog-xzfmc', change: 'changed' }]);
  });

  it('each change alone reports only its own part', () => {
    const before = loadDemo('shop');
    const scaled = diffSnapshots(before, shopWith(scaleDownCatalog));
    expect([scaled.services.changed, scaled.accessPoints.appeared, scaled.accessPoints.changed, scaled.findings.appeared]).toEqual([[], [], [], []]);
    expect(scaled.elements.changed).toEqual(['svc:shop/catalog']);
    const rule = diffSnapshots(before, shopWith(addIngressRule));
    expect([rule.endpoints, rule.services.changed, rule.objects, rule.elements.removed]).toEqual([[], [], [], []]);
    expect(rule.elements.changed).toEqual(['ing:shop/shop']);
    const etp = diffSnapshots(before, shopWith(etpLocal));
    expect([etp.endpoints, etp.accessPoints.appeared, etp.accessPoints.disappeared, etp.objects]).toEqual([[], [], [], []]);
    expect(etp.elements.changed).toEqual(['svc:ingress/ic']);
    // Reversed, every change points the other way.
    const back = diffSnapshots(shopWith(scaleDownCatalog), before);
    expect(back.endpoints.map((e) => e.change)).toEqual(['gained']);
    expect(back.elements.added).toEqual([`pod:shop/${GONE}`]);
  });

  it('matches by name, not uid: a recreated Service is changed, not removed and added', () => {
    const before = loadDemo('shop');
    const after = shopWith((items) => {
      find(items, 'Service', 'catalog').metadata.uid = '00000000-0000-4000-8000-000000000001';
      return items;
    });
    const d = diffSnapshots(before, after);
    expect(d.services.added).toEqual([]);
    expect(d.services.removed).toEqual([]);
    expect(d.services.changed).toEqual([expect.objectContaining({ id: 'svc:shop/catalog', changes: [expect.objectContaining({ field: 'uid', after: '00000000-0000-4000-8000-000000000001' })] })]);
    expect(d.elements).toEqual({ added: [], removed: [], changed: ['svc:shop/catalog'] });
  });

  it('reports endpoints that became not ready and ready again, and services added and removed', () => {
    const n1 = node({ name: 'n1', ip: '192.168.1.11', podCIDR: '10.244.1.0/24' });
    const web = svc({ name: 'web', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80 }] });
    const a = snapshot({ nodes: [n1], pods: [pod({ name: 'w1', ip: '10.244.1.5', node: 'n1', labels: { app: 'web' }, ports: [80] }), pod({ name: 'w2', ip: '10.244.1.6', node: 'n1', labels: { app: 'web' }, ports: [80], ready: false })], services: [web] });
    const b = snapshot({
      nodes: [n1],
      pods: [pod({ name: 'w1', ip: '10.244.1.5', node: 'n1', labels: { app: 'web' }, ports: [80], ready: false }), pod({ name: 'w2', ip: '10.244.1.6', node: 'n1', labels: { app: 'web' }, ports: [80] })],
      services: [web, svc({ name: 'api', clusterIP: '10.96.0.11', ports: [{ port: 81 }] })],
    });
    const d = diffSnapshots(a, b);
    expect(d.endpoints.map((e) => [e.address, e.change])).toEqual([
      ['10.244.1.5', 'became-not-ready'],
      ['10.244.1.6', 'became-ready'],
    ]);
    expect(d.services.added).toEqual([{ id: 'svc:demo/api', namespace: 'demo', name: 'api', type: 'ClusterIP' }]);
    expect(d.elements.added).toEqual(['svc:demo/api']);
    expect(d.elements.changed).toEqual(['pod:demo/w1', 'pod:demo/w2', 'svc:demo/web']);
    expect(d.accessPoints.appeared.map((x) => x.url)).toEqual(['tcp://api.demo.svc.cluster.local:81', 'tcp://10.96.0.11:81']);
    const removed = diffSnapshots(b, a);
    expect(removed.services.removed.map((s) => s.id)).toEqual(['svc:demo/api']);
    expect(removed.accessPoints.disappeared).toHaveLength(2);
  });

  it('is deterministic: record order does not matter', () => {
    const before = loadDemo('shop');
    const after = shopWith((items) => etpLocal(addIngressRule(scaleDownCatalog(items))));
    const reordered: ClusterSnapshot = { ...after, pods: [...after.pods].reverse(), services: [...after.services].reverse(), endpointSlices: [...after.endpointSlices].reverse() };
    expect(JSON.stringify(diffSnapshots(before, reordered))).toBe(JSON.stringify(diffSnapshots(before, after)));
  });

  it('prints the diff as text with cluster strings made safe', () => {
    const d = diffSnapshots(loadDemo('shop'), shopWith((items) => etpLocal(addIngressRule(scaleDownCatalog(items)))));
    const text = diffText(d);
    expect(text).toContain('changed  svc:ingress/ic\n    externalTrafficPolicy: Cluster → Local');
    expect(text).toContain(`lost             svc:shop/catalog  10.244.3.12 pod:shop/${GONE} on worker-3`);
    expect(text).toContain('appeared     svc:shop/catalog  Ingress  http://api.shop.example.com/  reachable');
    expect(text).toContain(`removed  pod:shop/${GONE}\n`);
    expect(text).toContain('changed  ing:shop/shop, svc:ingress/ic, svc:shop/catalog\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe(`${diffSize(d)} differences`);
    const hostile = snapshot({ services: [svc({ name: 'x', clusterIP: '10.96.0.9', ports: [{ port: 80 }], externalName: 'a\u001b[31mred\u202e' })] });
    const changed = diffSnapshots(snapshot({ services: [svc({ name: 'x', clusterIP: '10.96.0.9', ports: [{ port: 80 }] })] }), hostile);
    expect(diffText(changed)).not.toMatch(/[\u001b\u202e]/);
  });

  it('both sides redacted with one redactor give the same diff, redacted', () => {
    const before = loadDemo('shop');
    const after = shopWith((items) => etpLocal(addIngressRule(scaleDownCatalog(items))));
    const r = createRedactor([before, after]);
    const plain = diffSnapshots(before, after);
    const red = diffSnapshots(r.snapshot(before), r.snapshot(after));
    expect(red.elements).toEqual({ added: [], removed: plain.elements.removed.map((x) => r.id(x)), changed: plain.elements.changed.map((x) => r.id(x)).sort() });
    expect(red.accessPoints.changed.length).toBe(plain.accessPoints.changed.length);
    expect(red.findings.appeared.map((f) => f.code)).toEqual(plain.findings.appeared.map((f) => f.code));
    expect(JSON.stringify(red)).not.toContain('catalog');
  });
});

describe('diffSnapshots: skipping Services whose access-point inputs are unchanged', () => {
  /** Small deterministic PRNG (mulberry32), so a failure can be replayed by its seed. */
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  type Edit = (s: ClusterSnapshot, r: () => number) => ClusterSnapshot;
  const pick = <T,>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)] as T;
  const replace = <T,>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));
  const at = (xs: readonly unknown[], r: () => number): number => Math.floor(r() * xs.length);
  // Edits of every kind of input an access point reads (own Service, endpoints, pods, nodes, Ingresses, classes).
  const EDITS: Record<string, Edit> = {
    'remove a pod': (s, r) => ({ ...s, pods: s.pods.filter((_, i) => i !== at(s.pods, r)) }),
    'pod not running': (s, r) => {
      const i = at(s.pods, r);
      return { ...s, pods: replace(s.pods, i, { ...(s.pods[i] as PodRecord), phase: 'Pending' }) };
    },
    'pod loses its hostPorts': (s, r) => {
      const i = at(s.pods, r);
      const p = s.pods[i] as PodRecord;
      return { ...s, pods: replace(s.pods, i, { ...p, ports: p.ports.map(({ hostPort: _h, ...x }) => x) }) };
    },
    'pod relabelled': (s, r) => {
      const i = at(s.pods, r);
      return { ...s, pods: replace(s.pods, i, { ...(s.pods[i] as PodRecord), labels: { moved: 'yes' } }) };
    },
    'endpoint not ready': (s, r) => {
      const i = at(s.endpointSlices, r);
      const e = s.endpointSlices[i];
      if (!e || e.endpoints.length === 0) return s;
      const j = at(e.endpoints, r);
      return { ...s, endpointSlices: replace(s.endpointSlices, i, { ...e, endpoints: replace(e.endpoints, j, { ...(e.endpoints[j] as EndpointRecord), ready: false }) }) };
    },
    'slice removed': (s, r) => ({ ...s, endpointSlices: s.endpointSlices.filter((_, i) => i !== at(s.endpointSlices, r)) }),
    'service ETP flipped': (s, r) => {
      const i = at(s.services, r);
      const v = s.services[i] as ServiceRecord;
      return { ...s, services: replace(s.services, i, { ...v, externalTrafficPolicy: v.externalTrafficPolicy === 'Local' ? 'Cluster' : 'Local' }) };
    },
    'service type NodePort': (s, r) => {
      const i = at(s.services, r);
      const v = s.services[i] as ServiceRecord;
      return v.type === 'ExternalName' ? s : { ...s, services: replace(s.services, i, { ...v, type: 'NodePort', ports: v.ports.map((p, k) => ({ ...p, nodePort: p.nodePort ?? 31000 + k })) }) };
    },
    'service removed': (s, r) => ({ ...s, services: s.services.filter((_, i) => i !== at(s.services, r)) }),
    'node address changed': (s, r) => {
      const i = at(s.nodes, r);
      const n = s.nodes[i] as NodeRecord;
      return { ...s, nodes: replace(s.nodes, i, { ...n, addresses: [...n.addresses.filter((a) => a.type !== 'ExternalIP'), { type: 'ExternalIP', address: '203.0.113.99' }] }) };
    },
    'node removed': (s, r) => ({ ...s, nodes: s.nodes.filter((_, i) => i !== at(s.nodes, r)) }),
    'ingress removed': (s, r) => ({ ...s, ingresses: s.ingresses.filter((_, i) => i !== at(s.ingresses, r)) }),
    'class default flipped': (s) => ({ ...s, ingressClasses: s.ingressClasses.map((c) => ({ ...c, isDefault: !c.isDefault })) }),
  };
  const names = Object.keys(EDITS);

  it('gives exactly the diff of computing every access point, over random edits of three demos', () => {
    for (const demo of ['seed', 'reference', 'shop'] as const) {
      const base = loadDemo(demo);
      for (let seed = 1; seed <= 12; seed++) {
        const r = rng(seed * 7919 + demo.length);
        let after = base;
        const applied: string[] = [];
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
          const name = pick(names, r);
          applied.push(name);
          after = (EDITS[name] as Edit)(after, r);
        }
        const fast = diffSnapshots(base, after);
        const full = diffSnapshots(base, after, {}, { compareAll: true });
        expect(fast, `${demo}, seed ${seed}: ${applied.join(' + ')}`).toEqual(full);
      }
    }
  });

  it('still reports a hostPort row that went from its pod (the Service and its endpoints unchanged)', () => {
    const before = loadDemo('seed');
    const i = before.pods.findIndex((p) => p.ports.some((x) => x.hostPort));
    expect(i).toBeGreaterThanOrEqual(0);
    const pod = before.pods[i] as PodRecord;
    const after: ClusterSnapshot = { ...before, pods: replace(before.pods, i, { ...pod, ports: pod.ports.map(({ hostPort: _h, ...x }) => x) }) };
    const d = diffSnapshots(before, after);
    expect(d.accessPoints.disappeared.map((a) => a.kind)).toContain('HostPort');
    expect(d).toEqual(diffSnapshots(before, after, {}, { compareAll: true }));
  });

  it('still reports verdicts that changed through a node alone', () => {
    const before = loadDemo('shop');
    const after = EDITS['node removed'] as Edit;
    const b = after(before, () => 0);
    const d = diffSnapshots(before, b);
    expect(d.accessPoints.disappeared.length).toBeGreaterThan(0);
    expect(d).toEqual(diffSnapshots(before, b, {}, { compareAll: true }));
  });
});
