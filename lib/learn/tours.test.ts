import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_NAMES, loadDemo, type DemoName } from '../demo/demo-clusters';
import { SUPPORTED_LANGUAGES, createI18n } from '../i18n/config';
import { buildTopology, type Topology } from '../model/topology';
import { tracePath } from '../model/trace';
import { emptySnapshot, type ClusterSnapshot } from '../snapshot/records';
import {
  MISCONCEPTIONS_BY_KIND,
  MISCONCEPTIONS_BY_TEACH,
  MISCONCEPTION_IDS,
  TOUR_IDS,
  buildTour,
  defaultTourIds,
  misconceptionsForElement,
  pickPathRequest,
  tryItFor,
  type StepParams,
  type Tour,
  type TourId,
  type TourStep,
} from './tours';

const ALL_TOURS: TourId[] = [...TOUR_IDS, 'default'];
const topoOf = (name: DemoName): Topology => buildTopology(loadDemo(name));
const TOPOS = Object.fromEntries(DEMO_NAMES.map((d) => [d, topoOf(d)])) as Record<DemoName, Topology>;
const I18N = Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, createI18n(l)]));

/** Independent of tours.ts: is `id` an element of the topology the graph can show? */
function elementExists(topo: Topology, id: string): boolean {
  if (id === 'ext:client') return true;
  const m = /^(node|pod|svc|ing|lb):(.+)$/.exec(id);
  if (!m) return false;
  const [, kind, key] = m as unknown as [string, string, string];
  if (kind === 'node') return topo.nodes.has(key);
  if (kind === 'pod') return topo.pods.has(id);
  if (kind === 'svc') return topo.services.has(id);
  if (kind === 'lb') return topo.services.get(`svc:${key}`)?.record.type === 'LoadBalancer';
  return topo.snapshot.ingresses.some((i) => `${i.namespace}/${i.name}` === key);
}

/** Every translatable (key, params) pair of a step: title, text, lines, try-it texts, claims and corrections. */
function texts(step: TourStep): { key: string; params: StepParams }[] {
  const out = [
    { key: step.titleKey, params: step.params },
    { key: step.textKey, params: step.params },
    ...(step.lines ?? []),
    ...Object.values(step.tryIt ?? {}).map((t) => ({ key: t.textKey, params: t.params })),
    ...(step.misconceptions ?? []).flatMap((m) => [
      { key: `misconception.${m}.claim`, params: {} },
      { key: `misconception.${m}.correction`, params: {} },
    ]),
  ];
  if (step.method) for (const col of ['name', 'reach', 'balancing', 'cost']) out.push({ key: `methods.${step.method}.${col}`, params: {} });
  for (const m of step.compare ?? []) for (const col of ['name', 'reach', 'balancing', 'cost']) out.push({ key: `methods.${m}.${col}`, params: {} });
  return out;
}

function expectWellFormed(tour: Tour, topo: Topology, where: string): void {
  expect(tour.steps.length, where).toBeGreaterThan(0);
  expect(new Set(tour.steps.map((s) => s.id)).size, `${where}: unique step IDs`).toBe(tour.steps.length);
  for (const step of tour.steps) {
    const at = `${where} ${step.id}`;
    for (const id of step.highlight) expect(elementExists(topo, id), `${at} highlights ${id}`).toBe(true);
    expect(new Set(step.highlight).size, `${at}: no duplicate highlights`).toBe(step.highlight.length);
    for (const t of Object.values(step.tryIt ?? {})) {
      if (t.element) expect(elementExists(topo, t.element), `${at} try-it element ${t.element}`).toBe(true);
      if (t.path) expect(() => tracePath(topo, t.path as never), `${at} try-it path ${JSON.stringify(t.path)}`).not.toThrow();
      expect(t.element ?? t.path, `${at}: a pointer points somewhere`).toBeDefined();
    }
    for (const m of Object.keys(step.tryIt ?? {})) expect(step.misconceptions, at).toContain(m);
    if (step.path) expect(() => tracePath(topo, step.path as never), `${at} path`).not.toThrow();
    if (step.hop !== undefined) expect(step.path, `${at}: a hop belongs to a path`).toBeDefined();
    for (const lang of SUPPORTED_LANGUAGES) {
      const i18n = I18N[lang] as ReturnType<typeof createI18n>;
      for (const { key, params } of texts(step)) {
        const count = typeof params.count === 'number' ? { count: params.count } : {};
        expect(i18n.exists(key, { lng: lang, fallbackLng: false, ...count }), `${lang} ${at}: key ${key}`).toBe(true);
        const out = String(i18n.t(key, { ...params, lng: lang } as never));
        expect(out, `${lang} ${at}: ${key} rendered`).not.toBe(key);
        expect(out, `${lang} ${at}: ${key} has every parameter`).not.toMatch(/\{\{|\}\}/);
      }
    }
  }
}

describe('tours on the demos', () => {
  for (const demo of DEMO_NAMES) {
    for (const id of ALL_TOURS) {
      it(`${demo} / ${id}: known keys in both languages, every parameter given, only existing elements highlighted`, () => {
        const topo = TOPOS[demo];
        const tour = buildTour(topo, id);
        expect(tour.id).toBe(id);
        expect(tour.titleKey).toBe(`tour.title.${id}`);
        expectWellFormed(tour, topo, `${demo}/${id}`);
      });
    }
  }

  it('path tours on the demos all trace (none falls back to "unavailable")', () => {
    for (const demo of DEMO_NAMES) {
      for (const id of ['path-1', 'path-2', 'path-3', 'path-4'] as const) {
        const tour = buildTour(TOPOS[demo], id);
        expect(tour.steps.map((s) => s.id), `${demo}/${id}`).not.toContain(`${id}/unavailable`);
        expect(tour.steps[0]?.id).toBe(`${id}/intro`);
        expect(tour.steps.at(-1)?.id).toBe(`${id}/outcome`);
      }
    }
  });
});

describe('the seed demo (the original teaching example)', () => {
  const topo = TOPOS.seed;

  it('path-2 walks exactly the hops of tracePath, one step per hop, with its teaching key and elements', () => {
    const tour = buildTour(topo, 'path-2');
    const req = tour.steps[0]?.path;
    // ② as the original lesson does it: the NodePort of Service webapp.
    expect(req).toEqual({ path: 2, to: 'svc:default/webapp', access: 'NodePort' });
    const trace = tracePath(topo, req as never);
    const hopSteps = tour.steps.filter((s) => s.hop !== undefined);
    expect(hopSteps.map((s) => s.hop)).toEqual(trace.hops.map((h) => h.step));
    expect(hopSteps.map((s) => s.id)).toEqual(trace.hops.map((h) => `path-2/hop-${h.step}`));
    trace.hops.forEach((h, i) => {
      const step = hopSteps[i] as TourStep;
      expect(step.teach).toBe(h.teach);
      expect(step.highlight).toEqual(h.elements);
      expect(step.path).toEqual(req);
      expect(step.params).toMatchObject({ src: h.src.replace(/:e'?$/, ''), dst: h.dst });
    });
    expect(tour.steps.map((s) => s.id)).toEqual(['path-2/intro', ...trace.hops.map((h) => `path-2/hop-${h.step}`), 'path-2/outcome']);
    // The outcome of the original example: refused at port 80, which the pod does not declare (assumed).
    const outcome = tour.steps.at(-1) as TourStep;
    expect(trace.outcome).toBe('REFUSED');
    expect(outcome.textKey).toBe('tour.outcome.REFUSED');
    expect(outcome.lines?.map((l) => l.key)).toEqual(expect.arrayContaining(['tour.line.backendSees', 'tour.badge.assumed']));
    expect(outcome.misconceptions).toContain('M7');
  });

  it('path-2 shows the DNAT and SNAT of the NodePort hop with their addresses', () => {
    const hop2 = buildTour(topo, 'path-2').steps.find((s) => s.id === 'path-2/hop-2') as TourStep;
    expect(hop2.textKey).toBe('teach.T-DNAT');
    expect(hop2.lines).toEqual(
      expect.arrayContaining([
        { key: 'teach.T-SNAT', params: {} },
        { key: 'tour.transform.DNAT', params: { to: '10.244.2.20:80' } },
        { key: 'tour.transform.SNAT', params: { to: '192.168.1.11' } },
      ]),
    );
    expect(hop2.misconceptions).toEqual(expect.arrayContaining(['M5', 'M6']));
    const en = createI18n('en');
    expect(en.t('tour.transform.DNAT', hop2.lines?.find((l) => l.key === 'tour.transform.DNAT')?.params)).toBe('DNAT: destination rewritten to 10.244.2.20:80');
  });

  it('the default tour is methods, then path-2', () => {
    expect(defaultTourIds(topo)).toEqual(['methods', 'path-2']);
    const ids = buildTour(topo, 'default').steps.map((s) => s.id);
    expect(ids).toEqual([...buildTour(topo, 'methods').steps, ...buildTour(topo, 'path-2').steps].map((s) => s.id));
    expect(ids[0]).toBe('methods/intro');
    expect(ids.at(-1)).toBe('path-2/outcome');
    expect(defaultTourIds(TOPOS.reference)).toEqual(['ips', 'path-1', 'path-2', 'path-3', 'path-4']);
  });

  it('methods compares hostPort, NodePort, LoadBalancer and Ingress, each highlighting what it concerns', () => {
    const steps = buildTour(topo, 'methods').steps;
    const by = (id: string): TourStep => steps.find((s) => s.id === id) as TourStep;
    expect(steps.map((s) => s.id)).toEqual(['methods/intro', 'methods/hostPort', 'methods/nodePort', 'methods/loadBalancer', 'methods/ingress', 'methods/ports', 'methods/summary']);
    expect(by('methods/hostPort')).toMatchObject({ method: 'hostPort', highlight: ['pod:default/webapp', 'node:n2'], params: { address: '192.168.1.12:8081', hostPort: 8081, containerPort: 8080, node: 'n2' } });
    expect(by('methods/nodePort')).toMatchObject({ method: 'nodePort', params: { service: 'webapp', nodePort: 30081, count: 3 } });
    expect(by('methods/nodePort').highlight).toEqual(['svc:default/webapp', 'node:n1', 'node:n2', 'node:n3', 'pod:default/webapp']);
    expect(by('methods/loadBalancer')).toMatchObject({ method: 'loadBalancer', params: { service: 'webapp-lb', address: '203.0.113.40:80' } });
    expect(by('methods/loadBalancer').highlight).toEqual(['lb:default/webapp-lb', 'svc:default/webapp-lb', 'pod:default/webapp']);
    expect(by('methods/ingress')).toMatchObject({ method: 'ingress', params: { ingress: 'webapp', host: 'webapp.example.com', service: 'webapp-lb' } });
    expect(by('methods/ingress').highlight).toEqual(expect.arrayContaining(['ing:default/webapp', 'lb:ingress/ic', 'pod:ingress/ic-1', 'svc:default/webapp-lb']));
    // The teaching point of spec §2.2: the hostPort reaches 8080, the Service reaches 80.
    expect(by('methods/ports').params).toEqual({ pod: 'webapp', containerPort: 8080, service: 'webapp', targetPort: 80 });
    expect(by('methods/summary').compare).toEqual(['hostPort', 'nodePort', 'loadBalancer', 'ingress']);
    // Each method step can be traced, and its misconceptions come with a pointer on this graph.
    for (const id of ['methods/hostPort', 'methods/nodePort', 'methods/loadBalancer', 'methods/ingress']) expect(by(id).path, id).toBeDefined();
    expect(by('methods/hostPort').tryIt?.M4?.path).toEqual({ path: 2, to: 'pod:default/webapp', via: 'node:n1' });
    expect(tracePath(topo, by('methods/hostPort').tryIt?.M4?.path as never).outcome).toBe('REFUSED');
  });

  it('the cost column says what the lesson says each method costs', () => {
    const en = createI18n('en');
    expect(en.t('methods.hostPort.cost')).toMatch(/single pod, no load balancing/);
    expect(en.t('methods.nodePort.cost')).toMatch(/every node/);
    expect(en.t('methods.loadBalancer.cost')).toMatch(/cloud load balancer/);
    expect(en.t('methods.ingress.cost')).toMatch(/Ingress controller/);
  });
});

describe('tours on other data', () => {
  it('ips on the reference fixture names its three nodes, seven pods and four ClusterIPs', () => {
    const steps = buildTour(TOPOS.reference, 'ips').steps;
    const node = steps.find((s) => s.id === 'ips/node') as TourStep;
    expect(node.highlight).toEqual(['node:n1', 'node:n2', 'node:n3']);
    expect(node.params).toEqual({ count: 3, list: ['n1 (192.168.1.11)', 'n2 (192.168.1.12)', 'n3 (192.168.1.13)'] });
    expect(createI18n('en').t(node.textKey, node.params as never)).toMatch(/^These are the NodeIPs of your 3 nodes: n1 \(192\.168\.1\.11\), n2/);
    expect((steps.find((s) => s.id === 'ips/pod') as TourStep).params.count).toBe(7);
    const cluster = steps.find((s) => s.id === 'ips/cluster') as TourStep;
    expect(cluster.highlight.sort()).toEqual(['svc:demo/api', 'svc:demo/web', 'svc:ingress/ic', 'svc:kube-system/kube-dns']);
    expect(cluster.misconceptions).toEqual(['M1', 'M2']);
  });

  it('picks sensible endpoints: ③ web-1 → api and ④ two api pods on different nodes on the reference fixture', () => {
    expect(pickPathRequest(TOPOS.reference, 'path-3')).toEqual({ path: 3, from: 'pod:demo/web-1', to: 'svc:demo/api' });
    expect(pickPathRequest(TOPOS.reference, 'path-4')).toEqual({ path: 4, from: 'pod:demo/api-1', to: 'svc:demo/api', endpoint: 'pod:demo/api-2' });
    expect(pickPathRequest(TOPOS.reference, 'path-1')).toEqual({ path: 1, to: 'svc:demo/web' });
    // On shop, the Ingress controller's Service is not the example of ② (an application Service is).
    expect(pickPathRequest(TOPOS.shop, 'path-2')?.to).not.toBe('svc:ingress/ic');
  });

  it('a path tour follows a given request, and says so when it cannot be traced', () => {
    const topo = TOPOS.reference;
    const req = { path: 3, from: 'pod:demo/hp', to: 'svc:demo/web' } as const;
    const tour = buildTour(topo, 'path-3', { request: req });
    expect(tour.steps[0]?.path).toEqual(req);
    expect(tour.steps.filter((s) => s.hop !== undefined).length).toBe(tracePath(topo, req).hops.length);
    for (const bad of [{ path: 3, from: 'pod:demo/nope', to: 'svc:demo/web' }, { path: 2, to: 'svc:demo/web' }] as const) {
      const t = buildTour(topo, 'path-3', { request: bad });
      expect(t.steps.map((s) => s.id)).toEqual(['path-3/unavailable']);
      expect(t.steps[0]).toMatchObject({ titleKey: 'tour.path.3.unavailableTitle', textKey: 'tour.path.3.unavailable', highlight: [] });
    }
  });

  it('a NetworkPolicy hop highlights the pod, not the policies (which the graph does not draw)', () => {
    const topo = TOPOS.shop;
    const req = { path: 3, from: 'pod:shop/payment-79c7765dd4-n4c7f', to: 'svc:shop/cart' } as const;
    const trace = tracePath(topo, req);
    const policyHop = trace.hops.find((h) => h.component === 'policy');
    expect(policyHop?.elements).toContain('netpol:shop/payment-egress');
    const tour = buildTour(topo, 'path-3', { request: req });
    expectWellFormed(tour, topo, 'shop/path-3 policy');
    const step = tour.steps.find((s) => s.hop === policyHop?.step) as TourStep;
    expect(step).toMatchObject({ teach: 'T-NETPOL', textKey: 'teach.T-NETPOL', titleKey: 'tour.hop.policy.title' });
    expect(step.highlight).toEqual(policyHop?.elements.filter((e) => !e.startsWith('netpol:')));
    expect(step.misconceptions).toEqual(['M15', 'M16']);
    const outcome = tour.steps.at(-1) as TourStep;
    expect(outcome.textKey).toBe('tour.outcome.DROP');
    expect(outcome.misconceptions).toContain('M16');
  });

  it('a ④ across nodes shows the overlay text once, then the hop texts', () => {
    const steps = buildTour(TOPOS.reference, 'path-4').steps.filter((s) => s.hop !== undefined);
    expect(steps.map((s) => s.teach)).toEqual([undefined, 'T-OVERLAY', 'T-OVERLAY', 'T-OVERLAY', undefined]);
    expect(steps.map((s) => s.textKey)).toEqual(['tour.hop.client-pod.text', 'teach.T-OVERLAY', 'tour.hop.overlay.text', 'tour.hop.overlay.text', 'tour.hop.pod.text']);
    expect(steps[0]?.misconceptions).toContain('M18');
  });
});

describe('degrading gracefully', () => {
  const empty = buildTopology(emptySnapshot({ source: 'snapshot' }));

  it('never throws on an empty snapshot, and says what is missing', () => {
    for (const id of ALL_TOURS) {
      const tour = buildTour(empty, id);
      expectWellFormed(tour, empty, `empty/${id}`);
    }
    for (const n of [1, 2, 3, 4] as const) expect(buildTour(empty, `path-${n}`).steps.map((s) => s.textKey)).toEqual([`tour.path.${n}.unavailable`]);
    expect(buildTour(empty, 'ips').steps.map((s) => s.textKey)).toEqual(['ips.nodeIP.none', 'ips.podIP.none', 'ips.clusterIP.none', 'ips.compare.text']);
    expect(buildTour(empty, 'methods').steps.filter((s) => s.method && s.id !== 'methods/summary').map((s) => s.textKey)).toEqual([
      'methods.hostPort.absent',
      'methods.nodePort.absent',
      'methods.loadBalancer.absent',
      'methods.ingress.absent',
    ]);
    expect(buildTour(empty, 'misconceptions').steps.every((s) => s.highlight.length === 0 && s.tryIt === undefined)).toBe(true);
  });

  it('never throws on a partial snapshot (pods and Services whose nodes are missing)', () => {
    const full = loadDemo('reference');
    const partial: ClusterSnapshot = { ...full, nodes: [], endpointSlices: [] };
    const topo = buildTopology(partial);
    for (const id of ALL_TOURS) expectWellFormed(buildTour(topo, id), topo, `partial/${id}`);
  });
});

describe('misconceptions', () => {
  const TRACE_TEACH_KEYS = [...new Set([...readFileSync(fileURLToPath(new URL('../model/trace.ts', import.meta.url)), 'utf8').matchAll(/'(T-[A-Z]+(?:-[A-Z]+)*)'/g)].map((m) => m[1] as string))];

  it('each is attached to some hop type or element kind', () => {
    const attached = new Set([...Object.values(MISCONCEPTIONS_BY_TEACH).flat(), ...Object.values(MISCONCEPTIONS_BY_KIND).flat()]);
    expect(MISCONCEPTION_IDS.filter((m) => !attached.has(m))).toEqual([]);
    for (const key of TRACE_TEACH_KEYS) expect(MISCONCEPTIONS_BY_TEACH, key).toHaveProperty([key]);
  });

  it('the misconceptions tour has one step per misconception, claim then correction', () => {
    const steps = buildTour(TOPOS.reference, 'misconceptions').steps;
    expect(steps.map((s) => s.id)).toEqual(MISCONCEPTION_IDS.map((m) => `misconceptions/${m}`));
    expect(steps[0]).toMatchObject({ titleKey: 'misconception.M1.claim', textKey: 'misconception.M1.correction', misconceptions: ['M1'] });
  });

  it('try-it pointers lead to the behaviour the correction describes', () => {
    const ref = TOPOS.reference;
    const outcome = (topo: Topology, m: (typeof MISCONCEPTION_IDS)[number]): string => tracePath(topo, tryItFor(topo, m)?.path as never).outcome;
    expect(outcome(ref, 'M1')).toBe('OK');
    expect(tryItFor(ref, 'M2')?.path).toMatchObject({ path: 2, access: 'ClusterIP' });
    expect(outcome(ref, 'M2')).toBe('DROP');
    // M3: a NodePort through a node without a backend pod still works (ETP Cluster).
    expect(tryItFor(ref, 'M3')?.path).toMatchObject({ path: 2, to: 'svc:demo/web', via: 'node:n3' });
    expect(outcome(ref, 'M3')).toBe('OK');
    expect(outcome(ref, 'M4')).toBe('REFUSED');
    expect(tracePath(ref, tryItFor(ref, 'M12')?.path as never).outcome).toBe('HTTP_404');
    expect(tracePath(TOPOS.seed, tryItFor(TOPOS.seed, 'M6')?.path as never).variant).toBe('F3-wrong-port');
    expect(tracePath(TOPOS.shop, tryItFor(TOPOS.shop, 'M13')?.path as never).variant).toBe('F3-externalname');
    expect(tracePath(ref, tryItFor(ref, 'M15')?.path as never).variant).toBe('F4-node-to-pod');
    expect(tryItFor(TOPOS.shop, 'M14')?.element).toMatch(/^svc:shop\/(cart|catalog)$/);
    // Nothing to point at: no pointer rather than a wrong one.
    expect(tryItFor(TOPOS.seed, 'M12')).toBeUndefined();
    expect(tryItFor(TOPOS.seed, 'M13')).toBeUndefined();
  });

  it('per element, by kind and data', () => {
    expect(misconceptionsForElement(TOPOS.seed, 'svc:default/webapp')).toEqual(expect.arrayContaining(['M1', 'M2', 'M3', 'M4', 'M6']));
    expect(misconceptionsForElement(TOPOS.seed, 'pod:default/webapp')).toContain('M4');
    expect(misconceptionsForElement(TOPOS.seed, 'pod:ingress/ic-1')).not.toContain('M4');
    expect(misconceptionsForElement(TOPOS.seed, 'ext:client')).toEqual(['M2']);
    expect(misconceptionsForElement(TOPOS.seed, 'netpol:x/y')).toEqual([]);
  });
});
