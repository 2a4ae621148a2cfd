import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { addIngressRule, etpLocal, find, GONE_POD, scaleDownCatalog, shopWith } from '../demo/shop-incident';
import type { ClusterSnapshot } from '../snapshot/records';
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
