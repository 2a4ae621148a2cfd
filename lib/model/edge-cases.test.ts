/**
 * The edge-case catalogue of networking-semantics.md §6, one test per row; each test name starts with
 * the row ID.
 *
 * Left out on purpose: E52, E53, E54 and E55 (Gateway API: Gateway/HTTPRoute attachment, hostname
 * intersection, allowedRoutes and ReferenceGrant). kubepath does not model Gateway API yet.
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { accessPointsForPod, accessPointsForService, healthCheckNodePorts } from './access-points';
import { eligibleEndpoints } from './eligibility';
import { findingsFor } from './findings';
import { podId, serviceId } from './ids';
import { ingressAccessPoints, matchIngress } from './ingress';
import { describePeer, describeRulePeers, evaluatePolicy } from './network-policy';
import { buildTopology, inferBackends, type Topology } from './topology';
import { tracePath } from './trace';
import type { AccessPoint, Finding, ModelSettings } from './types';
import {
  backend,
  C,
  ingress,
  ingressClass,
  namespace,
  netpol,
  pod,
  REF,
  referenceFixture,
  rule,
  sel,
  slice,
  svc,
  type ReferenceOptions,
} from './test-builders';

const WEB = serviceId('demo', 'web');
const API = serviceId('demo', 'api');
const WEB1 = podId('demo', 'web-1');
const WEB2 = podId('demo', 'web-2');
const HP = podId('demo', 'hp');

const ref = (o: ReferenceOptions = {}, settings: Partial<ModelSettings> = {}): Topology => buildTopology(referenceFixture(o), settings);
const aps = (t: Topology, id: string, kind?: AccessPoint['kind']): AccessPoint[] => accessPointsForService(t, id).filter((a) => kind === undefined || a.kind === kind);
const urls = (list: AccessPoint[]): string[] => list.map((a) => a.url);
const findings = (t: Topology, code: string): Finding[] => findingsFor(t).filter((f) => f.code === code);
const codes = (t: Topology): string[] => findingsFor(t).map((f) => f.code);

/** A selector-less Service `db` (ClusterIP 10.96.100.50, port 5432) with hand-written slices. */
function dbCluster(o: { type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer'; etp?: 'Cluster' | 'Local'; slices?: Parameters<typeof slice>[0][]; headless?: boolean; ports?: { port: number; targetPort?: number; nodePort?: number }[]; lb?: string; hc?: number } = {}): Topology {
  const db = svc({
    name: 'db',
    type: o.type ?? 'ClusterIP',
    clusterIP: o.headless ? 'None' : '10.96.100.50',
    ports: o.ports ?? [{ port: 5432, ...(o.type === 'NodePort' || o.type === 'LoadBalancer' ? { nodePort: 30432 } : {}) }],
    etp: o.etp ?? 'Cluster',
    ...(o.lb ? { lb: o.lb } : {}),
    ...(o.hc ? { healthCheckNodePort: o.hc } : {}),
  });
  return ref({ extraServices: [db], extraSlices: (o.slices ?? []).map(slice) });
}

describe('§6 Services and EndpointSlices (E01–E09)', () => {
  it('E01 headless Service with selector: no ClusterIP entry, DNS lists ready pod IPs, per-pod names only with hostname, no proxy hop, NXDOMAIN when none is ready', () => {
    const t = ref({ add: ['api-hl'], pods: { 'api-1': { hostname: 'api-1', subdomain: 'api-hl' } } });
    const HL = serviceId('demo', 'api-hl');
    const list = aps(t, HL);
    expect(list.filter((a) => a.kind === 'ClusterIP' || a.kind === 'ClusterDNS')).toEqual([]);
    const dns = list.filter((a) => a.kind === 'HeadlessDNS');
    expect(dns.map((a) => [a.url, a.outcome])).toEqual([
      ['tcp://api-hl.demo.svc.cluster.local:9376', 'OK'],
      ['tcp://api-1.api-hl.demo.svc.cluster.local:9376', 'OK'],
    ]);
    expect(dns[0]?.reaches).toEqual([`${REF.api1}:9376`, `${REF.api2}:9376`]);
    expect(dns[1]?.reaches).toEqual([`${REF.api1}:9376`]);
    const r = tracePath(t, { path: 3, from: WEB1, to: HL });
    expect(r.hops.some((h) => h.component === 'netfilter')).toBe(false);
    expect(r.outcome).toBe('OK');

    const none = ref({ add: ['api-hl'], pods: { 'api-1': { ready: false }, 'api-2': { ready: false } } });
    const empty = aps(none, HL, 'HeadlessDNS');
    expect(empty.map((a) => [a.url, a.outcome, a.reachable])).toEqual([['tcp://api-hl.demo.svc.cluster.local:9376', 'NXDOMAIN', false]]);
    const rn = tracePath(none, { path: 3, from: WEB1, to: HL });
    expect(rn.variant).toBe('F3-headless-empty');
    expect(rn.outcome).toBe('NXDOMAIN');
  });

  it('E02 headless, no selector, port 5432 → targetPort 5433: warning that targetPort is ignored; URLs use the manual slice port; without a slice NXDOMAIN', () => {
    const withSlice = dbCluster({ headless: true, ports: [{ port: 5432, targetPort: 5433 }], slices: [{ svc: 'db', ports: [{ port: 6432 }], endpoints: [{ ip: '10.0.5.5' }] }] });
    const DB = serviceId('demo', 'db');
    const w = findings(withSlice, 'D-HEADLESS-TARGETPORT-IGNORED');
    expect(w).toHaveLength(1);
    expect(w[0]?.severity).toBe('warning');
    expect(w[0]?.message).toMatch(/targetPort is ignored/);
    const dns = aps(withSlice, DB, 'HeadlessDNS');
    expect(dns.map((a) => [a.url, a.outcome])).toEqual([['tcp://db.demo.svc.cluster.local:6432', 'OK']]);
    expect(dns[0]?.reaches).toEqual(['10.0.5.5:6432']);
    expect(urls(aps(withSlice, DB, 'PodIP'))).toEqual(['tcp://10.0.5.5:6432']);
    expect(urls(aps(withSlice, DB)).some((u) => u.endsWith(':5433'))).toBe(false);

    const noSlice = dbCluster({ headless: true, ports: [{ port: 5432, targetPort: 5433 }] });
    expect(noSlice.services.get(DB)?.backends.source).toBe('none');
    expect(aps(noSlice, DB).map((a) => [a.kind, a.outcome])).toEqual([['HeadlessDNS', 'NXDOMAIN']]);
  });

  it('E03 selector {} is no selector: no inferred pods ever; without manual slices ClusterIP → REFUSED; info "selects nothing here"', () => {
    const empty = svc({ name: 'all', clusterIP: '10.96.100.51', ports: [{ port: 80 }], selector: {} });
    for (const slices of ['controller', 'none'] as const) {
      const t = ref({ extraServices: [empty], slices });
      const v = t.services.get(serviceId('demo', 'all'));
      expect(v?.selectedPods).toEqual([]);
      expect(v?.backends.source).toBe('none');
      expect(v?.backends.endpoints).toEqual([]);
      const cip = aps(t, serviceId('demo', 'all'), 'ClusterIP');
      expect(cip.map((a) => [a.url, a.outcome, a.reachable])).toEqual([['tcp://10.96.100.51:80', 'REFUSED', false]]);
      const info = findings(t, 'D-EMPTY-SELECTOR');
      expect(info.map((f) => f.severity)).toEqual(['info']);
      expect(info[0]?.message).toMatch(/selects nothing here \(unlike NetworkPolicy\)/);
    }
  });

  it('E04 selector-less ClusterIP with a manual slice 10.0.5.5:5432 (no nodeName): OK, "external endpoint"; NodePort/LB + ETP Local variant drops on every node, health checks 503, D-LOCAL-NO-NODENAME', () => {
    const manual = { svc: 'db', ports: [{ port: 5432 }], endpoints: [{ ip: '10.0.5.5' }] };
    const t = dbCluster({ slices: [manual] });
    const DB = serviceId('demo', 'db');
    const cip = aps(t, DB, 'ClusterIP');
    expect(cip.map((a) => [a.url, a.outcome, a.reaches])).toEqual([['tcp://10.96.100.50:5432', 'OK', ['10.0.5.5:5432']]]);
    expect(aps(t, DB, 'PodIP')[0]?.notes).toContain('external endpoint (outside the pod network)');
    const r = tracePath(t, { path: 3, from: WEB1, to: DB });
    expect(r.outcome).toBe('OK');
    expect(r.backendSees).toEqual({ src: REF.web1, dst: '10.0.5.5:5432' });

    const np = dbCluster({ type: 'NodePort', etp: 'Local', slices: [manual] });
    const rows = aps(np, DB, 'NodePort');
    expect(rows.map((a) => [a.node, a.outcome])).toEqual([
      ['n1', 'DROP'],
      ['n2', 'DROP'],
      ['n3', 'DROP'],
    ]);
    expect(rows[0]?.reason).toMatch(/no nodeName/);
    expect(findings(np, 'D-LOCAL-NO-NODENAME').map((f) => f.severity)).toEqual(['error']);
    // Cluster semantics for in-cluster clients: the ClusterIP still works.
    expect(aps(np, DB, 'ClusterIP')[0]?.outcome).toBe('OK');

    const lb = dbCluster({ type: 'LoadBalancer', etp: 'Local', lb: '203.0.113.50', hc: 32001, slices: [manual] });
    expect(healthCheckNodePorts(lb, DB).map((h) => [h.url, h.status])).toEqual([
      ['http://192.168.1.11:32001/healthz', 503],
      ['http://192.168.1.12:32001/healthz', 503],
      ['http://192.168.1.13:32001/healthz', 503],
    ]);
    expect(aps(lb, DB, 'LoadBalancer')[0]?.outcome).toBe('DROP');
    expect(tracePath(lb, { path: 1, to: DB }).outcome).toBe('DROP');
  });

  it('E05 slice endpoints 127.0.0.1 and 169.254.x.x (API rejects them) and another Service\'s ClusterIP: errors, excluded from routing', () => {
    const t = dbCluster({
      slices: [{ svc: 'db', ports: [{ port: 5432 }], endpoints: [{ ip: '127.0.0.1' }, { ip: '169.254.10.10' }, { ip: REF.apiVIP }, { ip: '10.0.5.5' }] }],
    });
    const DB = serviceId('demo', 'db');
    expect(t.services.get(DB)?.backends.endpoints.map((b) => b.address)).toEqual(['10.0.5.5']);
    expect(aps(t, DB, 'ClusterIP')[0]?.reaches).toEqual(['10.0.5.5:5432']);
    const errs = findings(t, 'D-ENDPOINT-INVALID');
    expect(errs.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    const msg = errs.map((f) => f.message).join('\n');
    expect(msg).toMatch(/127\.0\.0\.1 .*loopback/);
    expect(msg).toMatch(/169\.254\.10\.10 .*link-local/);
    expect(msg).toMatch(/10\.96\.100\.20 .*proxying to a virtual IP is not supported/);
  });

  it('E06 endpoint ready:false, serving:true, terminating:true: not eligible while a ready endpoint is in scope, eligible as the fallback otherwise', () => {
    const term = { ip: '10.244.1.70', node: 'n1', ready: false, serving: true, terminating: true };
    const ready = { ip: '10.244.2.70', node: 'n2' };
    const t = dbCluster({ slices: [{ svc: 'db', ports: [{ port: 5432 }], endpoints: [term, ready] }] });
    const DB = serviceId('demo', 'db');
    const port = t.services.get(DB)?.record.ports[0];
    if (!port) throw new Error('no port');
    const cluster = eligibleEndpoints(t, DB, { port });
    expect(cluster.eligible.map((b) => b.address)).toEqual(['10.244.2.70']);
    expect(cluster.fallback).toBe(false);
    // Local scope on n1: no ready endpoint in scope, so the terminating one is used.
    const local = eligibleEndpoints(t, DB, { port, localNode: 'n1' });
    expect(local.eligible.map((b) => b.address)).toEqual(['10.244.1.70']);
    expect(local.fallback).toBe(true);
    expect(local.outcome).toBe('OK');
    // Without the ready endpoint, Cluster scope falls back too.
    const alone = dbCluster({ slices: [{ svc: 'db', ports: [{ port: 5432 }], endpoints: [term] }] });
    const fb = eligibleEndpoints(alone, DB, { port });
    expect(fb.eligible.map((b) => b.address)).toEqual(['10.244.1.70']);
    expect(fb.fallback).toBe(true);
    // Terminating and no longer serving: nothing usable → REFUSED.
    const gone = dbCluster({ slices: [{ svc: 'db', ports: [{ port: 5432 }], endpoints: [{ ...term, serving: false }] }] });
    expect(eligibleEndpoints(gone, DB, { port }).outcome).toBe('REFUSED');
  });

  it('E07 slice port entry with nil port: "all ports (ignored by kube-proxy)", serves no Service port → REFUSED; warning D-NIL-PORT', () => {
    const nil = { svc: 'db', name: 'db-nil', ports: [{ name: '', port: null }], endpoints: [{ ip: '10.0.5.5' }] };
    const t = dbCluster({ slices: [nil] });
    const DB = serviceId('demo', 'db');
    expect(aps(t, DB, 'ClusterIP').map((a) => [a.outcome, a.reaches])).toEqual([['REFUSED', []]]);
    const w = findings(t, 'D-NIL-PORT');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0]?.message).toMatch(/db-nil/);
    expect(w[0]?.message).toMatch(/all ports \(ignored by kube-proxy\)/);
    // Another slice that does serve the port is used; the nil-port one still is not.
    const mixed = dbCluster({ slices: [nil, { svc: 'db', ports: [{ port: 5432 }], endpoints: [{ ip: '10.0.5.6' }] }] });
    expect(aps(mixed, DB, 'ClusterIP')[0]?.reaches).toEqual(['10.0.5.6:5432']);
  });

  it('E08 addressType FQDN slice: displayed, never used for routing; info badge', () => {
    const t = dbCluster({ slices: [{ svc: 'db', name: 'db-fqdn', addressType: 'FQDN', ports: [{ port: 5432 }], endpoints: [{ ip: 'db.example.com' }] }] });
    const DB = serviceId('demo', 'db');
    const b = t.services.get(DB)?.backends;
    expect(b?.fqdnSlices).toEqual(['db-fqdn']);
    expect(b?.slices).toEqual(['db-fqdn']);
    expect(b?.endpoints).toEqual([]);
    expect(aps(t, DB, 'ClusterIP')[0]?.outcome).toBe('REFUSED');
    expect(findings(t, 'D-FQDN-SLICE').map((f) => f.severity)).toEqual(['info']);
  });

  it('E09 2,500 ready endpoints over 25 slices: all aggregated and eligible, fast', () => {
    // 25 slices of 100 ready endpoints, spread over the three nodes (addresses unique per slice and index).
    const slices = Array.from({ length: 25 }, (_, s) => ({
      svc: 'db',
      name: `db-${s}`,
      ports: [{ port: 5432 }],
      endpoints: Array.from({ length: 100 }, (_, i) => ({ ip: `10.${100 + s}.0.${i + 1}`, node: `n${(s % 3) + 1}` })),
    }));
    const started = performance.now();
    const t = dbCluster({ slices });
    const DB = serviceId('demo', 'db');
    const v = t.services.get(DB);
    expect(v?.backends.slices).toHaveLength(25);
    expect(v?.backends.endpoints).toHaveLength(2500);
    const port = v?.record.ports[0];
    if (!port) throw new Error('no port');
    expect(eligibleEndpoints(t, DB, { port }).eligible).toHaveLength(2500);
    expect(aps(t, DB, 'ClusterIP')[0]?.reaches).toHaveLength(2500);
    expect(tracePath(t, { path: 3, from: WEB1, to: DB }).eligible).toHaveLength(2500);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('§6 Service types and fields (E10–E33)', () => {
  it('E10 ExternalName db.example.com with ports [5432]: a single CNAME access point, no IP:port URL, ports informational', () => {
    const t = ref({ extraServices: [svc({ name: 'ext', type: 'ExternalName', externalName: 'db.example.com', ports: [{ port: 5432 }] })] });
    const list = aps(t, serviceId('demo', 'ext'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'ExternalName', url: 'ext.demo.svc.cluster.local', scope: 'cluster-dns', outcome: 'OK' });
    expect(list[0]?.notes).toContain('CNAME db.example.com');
    expect(list[0]?.notes.join(' ')).toMatch(/5432 are informational/);
    const r = tracePath(t, { path: 3, from: WEB1, to: serviceId('demo', 'ext') });
    expect(r.hops.find((h) => h.component === 'dns')?.transforms).toContainEqual({ kind: 'DNS_ANSWER', records: ['CNAME db.example.com'] });
    expect(r.hops.some((h) => h.component === 'netfilter')).toBe(false);
  });

  it('E11 ExternalName 10.1.2.3: error, the IP is treated as a DNS name; suggests a selector-less Service with manual slices', () => {
    const t = ref({ extraServices: [svc({ name: 'ext', type: 'ExternalName', externalName: '10.1.2.3', ports: [{ port: 5432 }] })] });
    const e = findings(t, 'D-EXTERNALNAME-IP');
    expect(e.map((f) => f.severity)).toEqual(['error']);
    expect(e[0]?.message).toMatch(/treated as a DNS name/);
    expect(e[0]?.fix).toMatch(/without a selector.*EndpointSlice/);
    expect(aps(t, serviceId('demo', 'ext'))[0]).toMatchObject({ reachable: false, outcome: 'NXDOMAIN' });
  });

  it('E12 NodePort ETP Local, endpoints only on n1: n1 answers and keeps the client IP; n2, n3 DROP; no healthCheckNodePort', () => {
    const t = ref({ web: { type: 'NodePort', etp: 'Local', lb: [] }, pods: { 'web-2': null } });
    const rows = aps(t, WEB, 'NodePort');
    expect(rows.map((a) => [a.url, a.outcome])).toEqual([
      [`tcp://${REF.n1}:30081`, 'OK'],
      [`tcp://${REF.n2}:30081`, 'DROP'],
      [`tcp://${REF.n3}:30081`, 'DROP'],
    ]);
    expect(rows[0]?.notes).toContain('externalTrafficPolicy Local: the client IP is kept');
    expect(rows[1]?.reason).toMatch(/n2 has no ready local endpoint/);
    const r = tracePath(t, { path: 2, to: WEB, via: 'n1' });
    expect(r.backendSees).toEqual({ src: C, dst: `${REF.web1}:80` });
    expect(r.hops.flatMap((h) => h.transforms).some((x) => x.kind === 'SNAT')).toBe(false);
    expect(tracePath(t, { path: 2, to: WEB, via: 'n2' }).outcome).toBe('DROP');
    expect(healthCheckNodePorts(t, WEB)).toEqual([]);
    expect(findings(t, 'D-ETP-LOCAL-NODES-WITHOUT-ENDPOINTS')[0]?.related).toEqual(['node:n2', 'node:n3']);
  });

  it('E13 LoadBalancer ETP Local, healthCheckNodePort 32000: http://<node>:32000/healthz 200 where local endpoints exist, 503 elsewhere; LB pool = the 200 nodes', () => {
    const t = ref({ web: { etp: 'Local', healthCheckNodePort: 32000 } });
    expect(healthCheckNodePorts(t, WEB).map((h) => [h.node, h.url, h.status, h.localEndpoints])).toEqual([
      ['n1', 'http://192.168.1.11:32000/healthz', 200, 1],
      ['n2', 'http://192.168.1.12:32000/healthz', 200, 1],
      ['n3', 'http://192.168.1.13:32000/healthz', 503, 0],
    ]);
    const lb = aps(t, WEB, 'LoadBalancer')[0];
    expect(lb?.notes.join(' ')).toMatch(/pass the health check \(n1, n2\)/);
    const r = tracePath(t, { path: 1, to: WEB });
    expect(r.hops[1]?.basis).toMatch(/:32000\/healthz: n1 200, n2 200, n3 503/);
    expect(['n1', 'n2']).toContain(r.hops[2]?.location);
  });

  it('E14 LB ETP Local, n1\'s only local endpoint is terminating but serving: n1 still forwards to it (fallback) yet reports 503 to the LB', () => {
    const t = ref({ web: { etp: 'Local', healthCheckNodePort: 32000 }, pods: { 'web-1': { terminating: true } } });
    expect(healthCheckNodePorts(t, WEB).map((h) => [h.node, h.status, h.localEndpoints])).toEqual([
      ['n1', 503, 0],
      ['n2', 200, 1],
      ['n3', 503, 0],
    ]);
    const forced = tracePath(t, { path: 1, to: WEB, via: 'n1' });
    expect(forced.outcome).toBe('OK');
    expect(forced.eligible).toEqual([`web-1 ${REF.web1}:80`]);
    expect(forced.notes.join(' ')).toMatch(/fallback/);
    expect(forced.notes.join(' ')).toMatch(/503/);
    expect(forced.hops[1]?.basis).toMatch(/n1 503, n2 200, n3 503/);
    // Left to itself, the LB only uses n2.
    expect(tracePath(t, { path: 1, to: WEB }).hops[2]?.location).toBe('n2');
    expect(aps(t, WEB, 'LoadBalancer')[0]?.notes.join(' ')).toMatch(/pass the health check \(n2\)/);
  });

  it('E15 ITP Local: a client pod on a node without local endpoints → DROP; clients on other nodes OK', () => {
    const t = ref({ web: { itp: 'Local' } });
    const fromN3 = tracePath(t, { path: 3, from: HP, to: WEB });
    expect(fromN3.outcome).toBe('DROP');
    expect(fromN3.notes.join(' ')).toMatch(/n3 has no ready local endpoint/);
    const fromN1 = tracePath(t, { path: 3, from: WEB1, to: WEB });
    expect(fromN1.outcome).toBe('OK');
    expect(fromN1.eligible).toEqual([`web-1 ${REF.web1}:80`]);
    expect(aps(t, WEB, 'ClusterIP')[0]?.notes.join(' ')).toMatch(/ready local endpoint \(n1, n2\)/);
  });

  it('E16 LB with status.loadBalancer.ingress []: NO_ADDRESS "<pending>" with age; NodePort fallback listed', () => {
    const t = ref({ web: { lb: [], createdAt: '2025-06-01T10:00:00Z' } });
    const lb = aps(t, WEB, 'LoadBalancer');
    expect(lb.map((a) => [a.url, a.outcome, a.reachable])).toEqual([['tcp://<pending>:8080', 'NO_ADDRESS', false]]);
    expect(lb[0]?.notes).toContain('pending since 2025-06-01T10:00:00Z');
    expect(lb[0]?.reason).toMatch(/NodePort 30081 on every node works as a fallback/);
    expect(aps(t, WEB, 'NodePort').every((a) => a.outcome === 'OK')).toBe(true);
    expect(aps(t, WEB, 'NodePort')).toHaveLength(3);
    expect(codes(t)).toContain('D-LB-PENDING');
  });

  it('E17 LB ingress[0].hostname abc.elb.example.net: URL uses the hostname, no ipMode, in-cluster traffic via the LB (varies)', () => {
    const t = ref({ web: { lb: { hostname: 'abc.elb.example.net' } } });
    const lb = aps(t, WEB, 'LoadBalancer');
    expect(urls(lb)).toEqual(['tcp://abc.elb.example.net:8080']);
    expect(lb[0]?.badges).toContain('varies');
    expect(lb[0]?.notes.join(' ')).toMatch(/in-cluster traffic goes through the LB/);
    expect(lb[0]?.notes.join(' ')).not.toMatch(/ipMode/);
    expect(lb[0]?.command).toBe('nc -vz abc.elb.example.net 8080');
    expect(tracePath(t, { path: 1, to: WEB }).hops[0]?.dst).toBe('abc.elb.example.net:8080');
  });

  it('E18 LB ip + ipMode Proxy: in-cluster traffic to the LB IP leaves the node; the backend sees the LB or a node address', () => {
    const t = ref({ web: { lb: { ip: REF.webLB, ipMode: 'Proxy' } } });
    const lb = aps(t, WEB, 'LoadBalancer')[0];
    expect(lb?.notes.join(' ')).toMatch(/ipMode Proxy: in-cluster clients also go through the load balancer/);
    const r = tracePath(t, { path: 1, to: WEB, via: 'n3' });
    expect(r.variant).toBe('F1-proxy');
    expect(r.backendSees?.src).not.toBe(C);
    expect([REF.webLB, REF.n3]).toContain(r.backendSees?.src);
  });

  it('E19 LB allocateLoadBalancerNodePorts false, no nodePorts: no NodePort entries; the LB goes to pod IPs (varies)', () => {
    const t = ref({ web: { allocateLoadBalancerNodePorts: false, ports: [{ port: 8080, targetPort: 80 }] } });
    expect(aps(t, WEB, 'NodePort')).toEqual([]);
    const lb = aps(t, WEB, 'LoadBalancer')[0];
    expect(lb?.url).toBe(`tcp://${REF.webLB}:8080`);
    expect(lb?.notes.join(' ')).toMatch(/straight to pod IPs/);
    const r = tracePath(t, { path: 1, to: WEB });
    expect(r.hops.find((h) => h.component === 'cloud-lb')?.transforms[0]).toMatchObject({ kind: 'DNAT' });
    expect(codes(t)).not.toContain('D-NODEPORTS-KEPT');
  });

  it('E20 LB allocateLoadBalancerNodePorts false but ports still carry nodePorts: listed, "kept from before the flag was turned off"', () => {
    const t = ref({ web: { allocateLoadBalancerNodePorts: false } });
    const rows = aps(t, WEB, 'NodePort');
    expect(rows).toHaveLength(3);
    expect(rows.every((a) => a.notes.includes('kept from before allocateLoadBalancerNodePorts was turned off'))).toBe(true);
    expect(findings(t, 'D-NODEPORTS-KEPT').map((f) => f.severity)).toEqual(['info']);
  });

  it('E21 loadBalancerSourceRanges [198.51.100.0/24]: LB scope "from … only (if enforced)"; C OK; a client outside → DROP (varies); NodePort scope unchanged', () => {
    const t = ref({ web: { loadBalancerSourceRanges: ['198.51.100.0/24'] } });
    const lb = aps(t, WEB, 'LoadBalancer')[0];
    expect(lb?.scope).toBe('lb');
    expect(lb?.notes).toContain('from 198.51.100.0/24 only, if the platform enforces it');
    for (const np of aps(t, WEB, 'NodePort')) expect(np.notes.join(' ')).not.toMatch(/198\.51\.100\.0\/24/);
    expect(tracePath(t, { path: 1, to: WEB }).outcome).toBe('OK');
    const outsider = ref({ web: { loadBalancerSourceRanges: ['198.51.100.0/24'] } }, { externalClient: '203.0.113.99' });
    const r = tracePath(outsider, { path: 1, to: WEB });
    expect(r.outcome).toBe('DROP');
    expect(r.badges).toContain('varies');
    expect(r.notes.join(' ')).toMatch(/loadBalancerSourceRanges/);
    // The NodePort is not covered by the ranges.
    expect(tracePath(outsider, { path: 2, to: WEB, via: 'n1' }).outcome).toBe('OK');
  });

  it('E22 LB with spec.loadBalancerIP: "requested (deprecated since v1.24)"; the status address is authoritative', () => {
    const t = ref({ web: { loadBalancerIP: '203.0.113.77' } });
    const lb = aps(t, WEB, 'LoadBalancer');
    expect(urls(lb)).toEqual([`tcp://${REF.webLB}:8080`]);
    expect(lb[0]?.notes.join(' ')).toMatch(/loadBalancerIP 203\.0\.113\.77 requested \(deprecated since v1\.24\)/);
    expect(findings(t, 'D-LB-IP-DEPRECATED')[0]?.message).toMatch(/status address is authoritative/);
  });

  it('E23 externalIPs [198.51.100.32]: tcp://198.51.100.32:<port> badged deprecated/admin-routed/security; ETP applies to external clients; warning on v1.36+', () => {
    const t = ref({ web: { externalIPs: ['198.51.100.32'] }, meta: { serverVersion: 'v1.36.0' } });
    const ext = aps(t, WEB, 'ExternalIP');
    expect(ext.map((a) => [a.url, a.scope, a.outcome])).toEqual([['tcp://198.51.100.32:8080', 'admin-routed', 'OK']]);
    expect(ext[0]?.badges).toEqual(expect.arrayContaining(['deprecated', 'admin-routed', 'security']));
    const w = findings(t, 'D-EXTERNALIPS');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0]?.message).toMatch(/deprecated since v1\.36/);
    // Before v1.36 the field is not deprecated yet: an info about the security risk only.
    const older = ref({ web: { externalIPs: ['198.51.100.32'] }, meta: { serverVersion: 'v1.33.4' } });
    expect(findings(older, 'D-EXTERNALIPS').map((f) => f.severity)).toEqual(['info']);
    expect(aps(older, WEB, 'ExternalIP')[0]?.badges).toContain('security');
    // ETP Local: only nodes with a ready local endpoint answer external clients.
    const local = ref({ web: { externalIPs: ['198.51.100.32'], etp: 'Local' }, pods: { 'web-2': null } });
    const viaN2 = tracePath(local, { path: 2, to: WEB, access: 'ExternalIP', via: 'n2' });
    expect(viaN2.outcome).toBe('DROP');
    const viaN1 = tracePath(local, { path: 2, to: WEB, access: 'ExternalIP', via: 'n1' });
    expect(viaN1.outcome).toBe('OK');
    expect(viaN1.backendSees?.src).toBe(C);
    expect(viaN1.badges).toEqual(expect.arrayContaining(['deprecated', 'admin-routed']));
  });

  it('E24 two ports 53/TCP and 53/UDP (dns, dns-tcp): tcp:// and udp:// entries; SRV _dns._udp… and _dns-tcp._tcp…', () => {
    const t = ref();
    const DNS = serviceId('kube-system', 'kube-dns');
    expect(urls(aps(t, DNS, 'ClusterIP'))).toEqual(['udp://10.96.0.10:53', 'tcp://10.96.0.10:53']);
    const notes = aps(t, DNS, 'ClusterDNS').flatMap((a) => a.notes);
    expect(notes).toContain('SRV _dns._udp.kube-dns.kube-system.svc.cluster.local → port 53');
    expect(notes).toContain('SRV _dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local → port 53');
    expect(aps(t, DNS, 'ClusterIP').map((a) => a.command)).toEqual(['nc -vzu 10.96.0.10 53', 'nc -vz 10.96.0.10 53']);
  });

  it('E25 port named "http" without appProtocol: tcp:// URL plus a "looks like HTTP" hint; SRV _http._tcp.<svc>.<ns>.svc.<zone>', () => {
    const t = ref({ api: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    const cip = aps(t, API, 'ClusterIP')[0];
    expect(cip?.url).toBe(`tcp://${REF.apiVIP}:80`);
    expect(cip?.badges).toContain('looks-like-http');
    expect(cip?.notes.join(' ')).toMatch(/looks like HTTP/);
    expect(aps(t, API, 'ClusterDNS')[0]?.notes).toContain('SRV _http._tcp.api.demo.svc.cluster.local → port 80');
    // appProtocol decides the scheme (U-2), and then port 80 is elided (U-3).
    const withAp = ref({ api: { ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }] } });
    expect(aps(withAp, API, 'ClusterIP')[0]?.url).toBe(`http://${REF.apiVIP}`);
  });

  it('E26 sessionAffinity ClientIP, no timeout: 10800 s shown; sticky per client IP and per node; with ETP Cluster the same client may reach different backends via different nodes', () => {
    const t = ref({ api: { sessionAffinity: 'ClientIP' }, web: { sessionAffinity: 'ClientIP' } });
    const r = tracePath(t, { path: 3, from: WEB1, to: API });
    expect(r.hops.find((h) => h.component === 'netfilter')?.basis).toMatch(/sessionAffinity ClientIP \(10800 s, per node\)/);
    expect(aps(t, API, 'ClusterIP')[0]?.notes.join(' ')).toMatch(/10800 s/);
    expect(aps(t, WEB, 'NodePort')[0]?.notes.join(' ')).toMatch(/10800 s.*per node/);
    // Each node keeps its own affinity table over the full eligible set.
    const viaN1 = tracePath(t, { path: 2, to: WEB, via: 'n1' });
    const viaN3 = tracePath(t, { path: 2, to: WEB, via: 'n3' });
    expect(viaN1.eligible).toEqual([`web-1 ${REF.web1}:80`, `web-2 ${REF.web2}:80`]);
    expect(viaN3.eligible).toEqual(viaN1.eligible);
    expect(tracePath(t, { path: 2, to: WEB, via: 'n3', endpoint: WEB2 }).outcome).toBe('OK');
  });

  it('E27 RequireDualStack, ipFamilies [IPv6, IPv4]: two ClusterIPs, IPv6 first and bracketed; IPv4 and IPv6 slices; eligibility per family', () => {
    const dual = svc({ name: 'dual', clusterIP: ['fd00:10:96::a', '10.96.100.60'], ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }], selector: { app: 'dual' } });
    expect(dual.ipFamilies).toEqual(['IPv6', 'IPv4']);
    const t = ref({
      extraServices: [dual],
      extraPods: [
        pod({ name: 'd-1', node: 'n1', ip: ['10.244.1.50', 'fd00:10:244:1::50'], labels: { app: 'dual' }, ports: [80] }),
        pod({ name: 'd-2', node: 'n2', ip: ['10.244.2.50'], labels: { app: 'dual' }, ports: [80] }),
      ],
    });
    const D = serviceId('demo', 'dual');
    expect(t.snapshot.endpointSlices.filter((s) => s.serviceName === 'dual').map((s) => s.addressType).sort()).toEqual(['IPv4', 'IPv6']);
    const cip = aps(t, D, 'ClusterIP');
    expect(cip.map((a) => [a.url, a.family])).toEqual([
      ['tcp://[fd00:10:96::a]:80', 'IPv6'],
      ['tcp://10.96.100.60:80', 'IPv4'],
    ]);
    expect(cip[0]?.reaches).toEqual(['[fd00:10:244:1::50]:80']);
    expect(cip[1]?.reaches).toEqual(['10.244.1.50:80', '10.244.2.50:80']);
    expect(aps(t, D, 'ClusterDNS')[0]?.notes[0]).toBe('resolves to fd00:10:96::a, 10.96.100.60');
  });

  it('E28 targetPort "http"; pod api-3 lacks that name: excluded for that port; D-NAMEDPORT-MISSING lists it', () => {
    const t = ref({ extraPods: [pod({ name: 'api-3', node: 'n2', ip: '10.244.2.31', labels: { app: 'api' }, ports: [9376] })] });
    expect(aps(t, API, 'ClusterIP')[0]?.reaches).toEqual([`${REF.api1}:9376`, `${REF.api2}:9376`]);
    expect(aps(t, API, 'PodIP').some((a) => a.url.includes('10.244.2.31'))).toBe(false);
    const w = findings(t, 'D-NAMEDPORT-MISSING');
    expect(w).toHaveLength(1);
    expect(w[0]?.related).toEqual([podId('demo', 'api-3')]);
    expect(w[0]?.fix).toMatch(/named "http"/);
  });

  it('E29 targetPort "http" resolving to 8080 on some pods and 9090 on others: two slices, each endpoint with its own target port', () => {
    const t = ref({
      pods: { 'api-1': { ports: [{ container: 'api', name: 'http', containerPort: 8080, protocol: 'TCP' }] }, 'api-2': { ports: [{ container: 'api', name: 'http', containerPort: 9090, protocol: 'TCP' }] } },
    });
    const apiSlices = t.snapshot.endpointSlices.filter((s) => s.serviceName === 'api');
    expect(apiSlices.map((s) => s.ports[0]?.port).sort()).toEqual([8080, 9090]);
    expect(urls(aps(t, API, 'PodIP'))).toEqual([`tcp://${REF.api1}:8080`, `tcp://${REF.api2}:9090`]);
    expect(aps(t, API, 'ClusterIP')[0]?.reaches).toEqual([`${REF.api1}:8080`, `${REF.api2}:9090`]);
    const r = tracePath(t, { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-2') });
    expect(r.hops.find((h) => h.component === 'netfilter')?.transforms).toEqual([{ kind: 'DNAT', to: `${REF.api2}:9090` }]);
    expect(r.eligible).toEqual([`api-1 ${REF.api1}:8080`, `api-2 ${REF.api2}:9090`]);
  });

  it('E30 numeric targetPort 80 while the pods declare only 8080: D-TARGETPORT-UNDECLARED; outcome REFUSED (assumed)', () => {
    const t = ref({ pods: { 'web-1': { ports: [{ container: 'web', containerPort: 8080, protocol: 'TCP' }] }, 'web-2': { ports: [{ container: 'web', containerPort: 8080, protocol: 'TCP' }] } } });
    const cip = aps(t, WEB, 'ClusterIP')[0];
    expect(cip).toMatchObject({ outcome: 'REFUSED', reachable: false });
    expect(cip?.badges).toContain('assumed');
    expect(cip?.reason).toMatch(/forwards to port 80/);
    const w = findings(t, 'D-TARGETPORT-UNDECLARED');
    expect(w.map((f) => [f.severity, f.fix])).toEqual([['warning', 'targetPort: 8080']]);
    const r = tracePath(t, { path: 3, from: HP, to: WEB });
    expect(r.outcome).toBe('REFUSED');
    expect(r.badges).toContain('assumed');
    // A pod that declares no ports at all: OK, but unverified.
    const undeclared = ref({ pods: { 'web-1': { ports: [] }, 'web-2': { ports: [] } } });
    expect(aps(undeclared, WEB, 'ClusterIP')[0]).toMatchObject({ outcome: 'OK' });
    expect(aps(undeclared, WEB, 'ClusterIP')[0]?.badges).toContain('unverified-port');
  });

  it('E31 publishNotReadyAddresses with a not-Ready pod: endpoint ready=true; receives traffic; appears in headless DNS', () => {
    const hl = svc({ name: 'api-pub', clusterIP: 'None', ports: [{ port: 9376 }], selector: { app: 'api' }, publishNotReadyAddresses: true });
    const t = ref({ extraServices: [hl], pods: { 'api-2': { ready: false } } });
    const PUB = serviceId('demo', 'api-pub');
    expect(t.services.get(PUB)?.backends.endpoints.map((b) => [b.address, b.ready])).toEqual([
      [REF.api1, true],
      [REF.api2, true],
    ]);
    expect(aps(t, PUB, 'HeadlessDNS')[0]?.reaches).toEqual([`${REF.api1}:9376`, `${REF.api2}:9376`]);
    // EP-2 inference applies the same rule.
    const inferred = inferBackends(hl, t.snapshot.pods.filter((p) => p.labels.app === 'api'));
    expect(inferred.endpoints.map((b) => [b.address, b.ready, b.serving])).toEqual([
      [REF.api1, true, true],
      [REF.api2, true, false],
    ]);
  });

  it('E32 client dials the targetPort 10.96.100.20:9376: not a Service port → DROP in iptables mode (varies); hint "dial port 80"', () => {
    const r = tracePath(ref(), { path: 3, from: 'node:n2', to: API, port: 9376 });
    expect(r.outcome).toBe('DROP');
    expect(r.hops[0]?.dst).toBe(`${REF.apiVIP}:9376`);
    expect(r.hops.some((h) => h.transforms.some((x) => x.kind === 'DNAT'))).toBe(false);
    expect(r.badges).toContain('varies');
    expect(r.notes.join(' ')).toMatch(/dial port 80/);
  });

  it('E33 NodePort 30081 requested by a second Service: cannot exist (the API rejects it); a merged snapshot is flagged', () => {
    const seed = loadDemo('seed');
    const reference = loadDemo('reference');
    // The seed scenario (original example) has no `web` Service of its own: the demos are separate.
    expect(seed.services.some((s) => s.name === 'web')).toBe(false);
    const nodePorts = (cs: typeof seed): number[] => cs.services.flatMap((s) => s.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : [])));
    expect(nodePorts(seed)).toContain(30081);
    expect(nodePorts(reference)).toContain(30081);
    expect(findingsFor(buildTopology(seed)).map((f) => f.code)).not.toContain('D-NODEPORT-CONFLICT');
    // Two Services claiming 30081 in one snapshot: an error naming both.
    const t = ref({ extraServices: [svc({ name: 'web-copy', type: 'NodePort', clusterIP: '10.96.100.70', ports: [{ port: 8080, targetPort: 80, nodePort: 30081 }], selector: { app: 'web' } })] });
    const e = findings(t, 'D-NODEPORT-CONFLICT');
    expect(e.map((f) => f.severity)).toEqual(['error']);
    expect(e[0]?.message).toMatch(/30081/);
    expect(e[0]?.related.sort()).toEqual([serviceId('demo', 'web'), serviceId('demo', 'web-copy')]);
    // One Service may use the same nodePort for TCP and UDP (DNS-style ports): no conflict.
    const dnsLike = ref({ extraServices: [svc({ name: 'dns-np', type: 'NodePort', clusterIP: '10.96.100.71', ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'dns-tcp', port: 53, nodePort: 30053 }], selector: { 'k8s-app': 'kube-dns' } })] });
    expect(codes(dnsLike)).not.toContain('D-NODEPORT-CONFLICT');
  });
});

describe('§6 Pods (E34–E41)', () => {
  it('E34 Pod Ready false: ready=false, not eligible, not in headless DNS', () => {
    const t = ref({ add: ['api-hl'], pods: { 'api-2': { ready: false } } });
    const inferred = inferBackends(t.services.get(API)?.record ?? neverUndefined(), t.snapshot.pods.filter((p) => p.name === 'api-2'));
    expect(inferred.endpoints.map((b) => [b.ready, b.serving, b.terminating])).toEqual([[false, false, false]]);
    expect(t.services.get(API)?.backends.endpoints.find((b) => b.address === REF.api2)?.ready).toBe(false);
    expect(aps(t, API, 'ClusterIP')[0]?.reaches).toEqual([`${REF.api1}:9376`]);
    expect(aps(t, serviceId('demo', 'api-hl'), 'HeadlessDNS')[0]?.reaches).toEqual([`${REF.api1}:9376`]);
    expect(aps(t, API, 'PodIP').find((a) => a.url.includes(REF.api2))?.notes).toContain('not ready: the Service sends it no traffic');
  });

  it('E35 deletionTimestamp set, Ready true: ready=false, serving=true, terminating=true; fallback only', () => {
    const t = ref({ pods: { 'api-1': { terminating: true } } });
    const inferred = inferBackends(t.services.get(API)?.record ?? neverUndefined(), t.snapshot.pods.filter((p) => p.name === 'api-1'));
    expect(inferred.endpoints.map((b) => [b.ready, b.serving, b.terminating])).toEqual([[false, true, true]]);
    const ep = t.services.get(API)?.backends.endpoints.find((b) => b.address === REF.api1);
    expect([ep?.ready, ep?.serving, ep?.terminating]).toEqual([false, true, true]);
    expect(aps(t, API, 'ClusterIP')[0]?.reaches).toEqual([`${REF.api2}:9376`]);
    const alone = ref({ pods: { 'api-1': { terminating: true }, 'api-2': null } });
    expect(aps(alone, API, 'ClusterIP')[0]).toMatchObject({ outcome: 'OK', reaches: [`${REF.api1}:9376`] });
  });

  it('E36 Pending pod without a podIP: no Pod IP entry, no endpoint, no hostPort entry', () => {
    const pending = pod({ name: 'api-3', node: 'n2', labels: { app: 'api' }, ports: [{ name: 'http', port: 9376, hostPort: 9376 }] });
    expect(pending.phase).toBe('Pending');
    for (const slices of ['controller', 'none'] as const) {
      const t = ref({ extraPods: [pending], slices });
      expect(accessPointsForPod(t, pending)).toEqual([]);
      expect(t.services.get(API)?.backends.endpoints.map((b) => b.address)).toEqual([REF.api1, REF.api2]);
      expect(aps(t, API, 'HostPort')).toEqual([]);
      expect(findingsFor(t).filter((f) => f.related.includes(podId('demo', 'api-3')) || f.subject === podId('demo', 'api-3'))).toEqual([]);
    }
  });

  it('E37 hostNetwork pod, containerPort 9100: podIP = node IP; tcp://<node>:9100 scoped node:<n>; as a backend its endpoint is the node IP; policy undefined (varies)', () => {
    const ne = pod({ name: 'node-exp', node: 'n1', hostNetwork: true, labels: { app: 'node-exp' }, ports: [9100], dnsPolicy: 'ClusterFirstWithHostNet', phase: 'Running' });
    const t = ref({
      extraPods: [ne],
      extraServices: [svc({ name: 'node-exp', clusterIP: '10.96.100.80', ports: [{ port: 9100 }], selector: { app: 'node-exp' } })],
      networkPolicies: [netpol({ name: 'deny-all-ingress', podSelector: sel(), policyTypes: ['Ingress'] })],
    });
    const p = t.pods.get(podId('demo', 'node-exp'));
    expect(p?.podIPs).toEqual([REF.n1]);
    const list = accessPointsForPod(t, p ?? ne);
    expect(list.map((a) => [a.kind, a.url, a.scope])).toEqual([['HostNetwork', `tcp://${REF.n1}:9100`, 'node:n1']]);
    const NE = serviceId('demo', 'node-exp');
    expect(t.services.get(NE)?.backends.endpoints.map((b) => b.address)).toEqual([REF.n1]);
    const r = tracePath(t, { path: 3, from: WEB2, to: NE });
    expect(r.hops.at(-1)).toMatchObject({ component: 'host-process', location: 'n1' });
    expect(r.backendSees?.dst).toBe(`${REF.n1}:9100`);
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
    expect(r.notes.join(' ')).toMatch(/hostNetwork.*undefined/);
  });

  it('E38 hostNetwork + dnsPolicy ClusterFirst: cluster names do not resolve; warning suggesting ClusterFirstWithHostNet', () => {
    const agent = pod({ name: 'agent', node: 'n2', hostNetwork: true, labels: { app: 'agent' }, ports: [9200], phase: 'Running' });
    const t = ref({ extraPods: [agent] });
    const w = findings(t, 'D-HOSTNET-DNS');
    expect(w.map((f) => [f.severity, f.subject, f.fix])).toEqual([['warning', podId('demo', 'agent'), 'dnsPolicy: ClusterFirstWithHostNet']]);
    const r = tracePath(t, { path: 3, from: podId('demo', 'agent'), to: API });
    expect(r.outcome).toBe('NXDOMAIN');
    expect(r.hops[0]?.component).toBe('dns');
    expect(r.notes.join(' ')).toMatch(/ClusterFirstWithHostNet/);
    const fixed = ref({ extraPods: [{ ...agent, dnsPolicy: 'ClusterFirstWithHostNet' }] });
    expect(codes(fixed)).not.toContain('D-HOSTNET-DNS');
    expect(tracePath(fixed, { path: 3, from: podId('demo', 'agent'), to: API }).outcome).toBe('OK');
  });

  it('E39 hostPort 8081 with hostIP 192.168.1.13: only 192.168.1.13:8081 listed; other addresses of n3 → REFUSED', () => {
    const hpPorts = [{ container: 'hp', containerPort: 8080, protocol: 'TCP' as const, hostPort: 8081, hostIP: REF.n3 }];
    const t = ref({ extip: true, pods: { hp: { ports: hpPorts } } });
    expect(accessPointsForPod(t, t.pods.get(HP) ?? neverUndefined()).filter((a) => a.kind === 'HostPort').map((a) => a.url)).toEqual([`tcp://${REF.n3}:8081`]);
    expect(tracePath(t, { path: 2, to: HP, via: REF.n3 }).outcome).toBe('OK');
    const other = tracePath(t, { path: 2, to: HP, via: '198.51.100.13' });
    expect(other.hops[0]?.dst).toBe('198.51.100.13:8081');
    expect(other.outcome).toBe('REFUSED');
    // Without hostIP both of n3's addresses work.
    const open = ref({ extip: true });
    expect(accessPointsForPod(open, open.pods.get(HP) ?? neverUndefined()).filter((a) => a.kind === 'HostPort').map((a) => a.url)).toEqual([`tcp://${REF.n3}:8081`, 'tcp://198.51.100.13:8081']);
    expect(tracePath(open, { path: 2, to: HP, via: '198.51.100.13' }).outcome).toBe('OK');
  });

  it('E40 two pods with the same hostPort/protocol/hostIP forced onto one node: the second stays Pending; diagnostic "hostPort conflict"', () => {
    const second = pod({ name: 'hp-2', node: 'n3', labels: { app: 'hp' }, ports: [{ port: 8080, hostPort: 8081 }] });
    const t = ref({ extraPods: [second] });
    const e = findings(t, 'D-HOSTPORT-CONFLICT');
    expect(e.map((f) => [f.severity, f.subject])).toEqual([['error', podId('demo', 'hp-2')]]);
    expect(e[0]?.related).toEqual([HP, podId('demo', 'hp-2')]);
    expect(e[0]?.message).toMatch(/hostPort 8081\/TCP .* node n3/);
    expect(accessPointsForPod(t, second)).toEqual([]);
    // A different hostIP on the same node is no conflict; a wildcard (0.0.0.0) against a specific address is.
    const specific = pod({ name: 'hp-3', node: 'n3', labels: { app: 'hp' }, ports: [{ port: 8080, hostPort: 8081, hostIP: REF.n3 }] });
    const other = ref({ pods: { hp: { ports: [{ container: 'hp', containerPort: 8080, protocol: 'TCP', hostPort: 8081, hostIP: '10.0.0.13' }] } }, extraPods: [specific] });
    expect(codes(other)).not.toContain('D-HOSTPORT-CONFLICT');
    const wildcard = ref({ pods: { hp: { ports: [{ container: 'hp', containerPort: 8080, protocol: 'TCP', hostPort: 8081, hostIP: '0.0.0.0' }] } }, extraPods: [specific] });
    expect(codes(wildcard)).toContain('D-HOSTPORT-CONFLICT');
  });

  it('E41 hostPort pod rescheduled from n3 to n1: the URL follows to n1; the old URL → REFUSED; info "hostPort follows the pod"', () => {
    const before = ref();
    expect(accessPointsForPod(before, before.pods.get(HP) ?? neverUndefined()).filter((a) => a.kind === 'HostPort').map((a) => a.url)).toEqual([`tcp://${REF.n3}:8081`]);
    const t = ref({ pods: { hp: { nodeName: 'n1', podIPs: ['10.244.1.8'], hostIPs: [] } } });
    const list = accessPointsForPod(t, t.pods.get(HP) ?? neverUndefined()).filter((a) => a.kind === 'HostPort');
    expect(list.map((a) => [a.url, a.scope, a.reaches])).toEqual([[`tcp://${REF.n1}:8081`, 'node:n1', ['10.244.1.8:8080']]]);
    const old = tracePath(t, { path: 2, to: HP, via: 'n3' });
    expect(old.hops[0]?.dst).toBe(`${REF.n3}:8081`);
    expect(old.outcome).toBe('REFUSED');
    const info = findings(t, 'D-HOSTPORT-PINNED');
    expect(info.map((f) => [f.severity, f.subject])).toEqual([['info', HP]]);
    expect(info[0]?.message).toMatch(/only on n1.*moves when the pod is rescheduled/);
  });
});

describe('§6 Nodes (E42–E43)', () => {
  it('E42 node without ExternalIP: external NodePort and hostPort entries use the InternalIP, badged "reachable only if your network routes to it"', () => {
    const t = ref();
    const np = aps(t, WEB, 'NodePort');
    expect(np.map((a) => a.addressType)).toEqual(['InternalIP', 'InternalIP', 'InternalIP']);
    for (const a of np) {
      expect(a.badges).toContain('route-needed');
      expect(a.notes).toContain('reachable only if your network routes to it');
    }
    const hp = accessPointsForPod(t, t.pods.get(HP) ?? neverUndefined()).filter((a) => a.kind === 'HostPort');
    expect(hp.map((a) => a.url)).toEqual([`tcp://${REF.n3}:8081`]);
    expect(hp[0]?.badges).toContain('route-needed');
    // With ExternalIPs, the external column uses them, without the badge.
    const ext = ref({ extip: true });
    const rows = aps(ext, WEB, 'NodePort');
    expect(rows.filter((a) => a.addressType === 'ExternalIP').map((a) => a.url)).toEqual(['tcp://198.51.100.11:30081', 'tcp://198.51.100.12:30081', 'tcp://198.51.100.13:30081']);
    expect(rows.some((a) => a.badges.includes('route-needed'))).toBe(false);
    expect(tracePath(ext, { path: 2, to: WEB, via: 'n3' }).hops[0]?.dst).toBe('198.51.100.13:30081');
  });

  it('E43 node NotReady, or labelled exclude-from-external-load-balancers: NodePort rows kept with badges; the LB pool may exclude the node (varies)', () => {
    const t = ref({ nodes: { n3: { ready: false }, n1: { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } } } });
    const rows = aps(t, WEB, 'NodePort');
    expect(rows.map((a) => a.node)).toEqual(['n1', 'n2', 'n3']);
    const n3 = rows.find((a) => a.node === 'n3');
    expect(n3?.badges).toEqual(expect.arrayContaining(['node-not-ready', 'varies']));
    expect(n3?.notes).toContain('node is NotReady');
    const n1 = rows.find((a) => a.node === 'n1');
    expect(n1?.badges).toContain('varies');
    expect(n1?.notes).toContain('node is excluded from external load balancers');
    expect(rows.find((a) => a.node === 'n2')?.badges).not.toContain('varies');
    expect(findings(t, 'D-NODE-NOT-READY').map((f) => f.subject)).toEqual(['node:n3']);
    // The LB pool leaves both out when it may choose.
    expect(tracePath(t, { path: 1, to: WEB }).hops[2]?.location).toBe('n2');
  });
});

describe('§6 Ingress (E44–E51)', () => {
  const withIngress = (ing: Parameters<typeof ingress>[0], o: ReferenceOptions = {}): Topology => ref({ add: ['ingress'], ...o, extraIngresses: [ingress(ing)] });

  it('E44 Ingress without class and no default IngressClass: warning "may be ignored"; URLs badged to-confirm', () => {
    const snap = referenceFixture({ add: ['ingress'], extraIngresses: [ingress({ name: 'bare', rules: [{ host: 'bare.example.com', paths: [{ backend: backend('web', 8080) }] }], lb: REF.icLB })] });
    const t = buildTopology({ ...snap, ingressClasses: [ingressClass('public', { isDefault: false })] });
    const w = findings(t, 'D-INGRESS-CLASS-MISSING');
    expect(w.map((f) => [f.severity, f.subject])).toEqual([['warning', 'ing:demo/bare']]);
    expect(w[0]?.message).toMatch(/may be ignored/);
    const entries = ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined());
    expect(entries.map((a) => a.url)).toEqual(['http://bare.example.com/']);
    expect(entries[0]?.badges).toContain('to-confirm');
  });

  it('E45 Ingress without rules, defaultBackend web:8080: a single entry http://<addr>/ (catch-all)', () => {
    const t = withIngress({ name: 'catch', className: 'public', defaultBackend: backend('web', 8080), lb: REF.icLB });
    const entries = ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined());
    expect(entries.map((a) => [a.url, a.outcome])).toEqual([[`http://${REF.icLB}/`, 'OK']]);
    expect(entries[0]?.notes).toContain('catch-all: any unmatched host or path');
    expect(entries[0]?.reaches).toEqual([`${REF.web1}:80`, `${REF.web2}:80`]);
    const r = tracePath(t, { path: 1, to: 'ing:demo/catch', host: 'anything.example.org', requestPath: '/x' });
    expect(r.outcome).toBe('OK');
    expect(r.hops.find((h) => h.component === 'l7-proxy')?.basis).toMatch(/defaultBackend/);
  });

  it('E46 Ingress host *.demo.example.com: http://<name>.demo.example.com/; a.b.demo.example.com not matched → default backend or HTTP_404', () => {
    const t = ref({ add: ['wild'] });
    const wild = t.snapshot.ingresses.find((i) => i.name === 'wild') ?? neverUndefined();
    const entries = ingressAccessPoints(t, wild);
    expect(entries.map((a) => a.url)).toEqual(['http://<name>.demo.example.com/']);
    expect(entries[0]?.command).toBeUndefined();
    expect(entries[0]?.url).not.toContain('*');
    expect(matchIngress(wild, 'x.demo.example.com', '/').backend?.service?.name).toBe('api');
    expect(matchIngress(wild, 'a.b.demo.example.com', '/').backend).toBeUndefined();
    expect(matchIngress(wild, 'demo.example.com', '/').backend).toBeUndefined();
    const withDefault = { ...wild, defaultBackend: backend('web', 8080) };
    const m = matchIngress(withDefault, 'a.b.demo.example.com', '/');
    expect(m.viaDefaultBackend).toBe(true);
    expect(m.backend?.service?.name).toBe('web');
  });

  it('E47 tls.hosts [shop.example.com] with rule host www.example.com: warning "TLS entry matches no rule"; www gets http only', () => {
    const t = withIngress({ name: 'www', className: 'public', rules: [{ host: 'www.example.com', paths: [{ backend: backend('web', 8080) }] }], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], lb: REF.icLB });
    const w = findings(t, 'D-TLS-HOST-NO-RULE');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0]?.message).toMatch(/shop\.example\.com matches no rule/);
    expect(ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined()).map((a) => a.url)).toEqual(['http://www.example.com/']);
  });

  it('E48 Ingress with empty status.loadBalancer: host URLs shown; dial address NO_ADDRESS; no --resolve/--connect-to hint', () => {
    const t = withIngress({ name: 'shop2', className: 'public', rules: [{ host: 'shop2.example.com', paths: [{ backend: backend('web', 8080) }] }], tls: [{ hosts: ['shop2.example.com'] }] });
    const entries = ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined());
    expect(entries.map((a) => [a.url, a.outcome, a.reachable])).toEqual([
      ['https://shop2.example.com/', 'NO_ADDRESS', false],
      ['http://shop2.example.com/', 'NO_ADDRESS', false],
    ]);
    for (const a of entries) {
      expect(a.command).toBeUndefined();
      expect(a.notes.join(' ')).not.toMatch(/--resolve|--connect-to|dial /);
    }
    expect(tracePath(t, { path: 1, to: 'ing:demo/shop2' }).outcome).toBe('NO_ADDRESS');
    expect(codes(t)).toContain('D-INGRESS-NO-ADDRESS');
  });

  it('E49 Ingress backend service.port.name "web" that the Service does not have: error; requests → HTTP_5XX (varies)', () => {
    const t = withIngress({ name: 'badport', className: 'public', rules: [{ host: 'bad.example.com', paths: [{ backend: backend('web', 'web') }] }], lb: REF.icLB });
    const e = findings(t, 'D-INGRESS-BACKEND-MISSING');
    expect(e.map((f) => f.severity)).toEqual(['error']);
    expect(e[0]?.message).toMatch(/no port named "web"/);
    const entries = ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined());
    expect(entries.map((a) => a.outcome)).toEqual(['HTTP_5XX']);
    expect(entries[0]?.badges).toContain('varies');
    const r = tracePath(t, { path: 1, to: 'ing:demo/badport' });
    expect(r.outcome).toBe('HTTP_5XX');
    expect(r.httpStatus).toBeGreaterThanOrEqual(500);
  });

  it('E50 pathType ImplementationSpecific with a regex-like path: shown verbatim, not clickable; simulated as Prefix with the varies badge', () => {
    const t = withIngress({ name: 'regex', className: 'public', rules: [{ host: 'r.example.com', paths: [{ path: '/api/v[0-9]+', pathType: 'ImplementationSpecific', backend: backend('api', 80) }] }], lb: REF.icLB });
    const ing = t.snapshot.ingresses[0] ?? neverUndefined();
    const entries = ingressAccessPoints(t, ing);
    expect(entries.map((a) => a.url)).toEqual(['http://r.example.com/api/v[0-9]+']);
    expect(entries[0]?.badges).toContain('varies');
    expect(entries[0]?.notes).toContain('path type ImplementationSpecific: shown verbatim, simulated as Prefix');
    expect(entries[0]?.command).toBeUndefined();
    // As a Prefix, the literal text matches element-wise; a real version number does not.
    const literal = matchIngress(ing, 'r.example.com', '/api/v[0-9]+/users');
    expect(literal.backend?.service?.name).toBe('api');
    expect(literal.badges).toContain('varies');
    expect(matchIngress(ing, 'r.example.com', '/api/v1').backend).toBeUndefined();
  });

  it('E51 rule without host, with TLS configured: no https entry for that rule; info "TLS on the default rule is not defined"', () => {
    const t = withIngress({ name: 'nohost', className: 'public', rules: [{ paths: [{ backend: backend('web', 8080) }] }], tls: [{ hosts: [], secretName: 'default-tls' }], lb: REF.icLB });
    expect(ingressAccessPoints(t, t.snapshot.ingresses[0] ?? neverUndefined()).map((a) => a.url)).toEqual([`http://${REF.icLB}/`]);
    const info = findings(t, 'D-TLS-DEFAULT-RULE');
    expect(info.map((f) => f.severity)).toEqual(['info']);
    expect(info[0]?.message).toMatch(/TLS on a rule without a host is not defined/);
  });
});

describe('§6 NetworkPolicy (E56–E59)', () => {
  it('E56 podSelector {}, policyTypes [Ingress], no rules: every pod of the namespace isolated; ③/④ into it DROP, except from its own node and to itself', () => {
    const denyAll = netpol({ name: 'deny-all', podSelector: sel(), policyTypes: ['Ingress'] });
    const t = ref({ add: ['web-3'], networkPolicies: [denyAll] });
    expect(tracePath(t, { path: 4, from: WEB1, to: WEB2 }).outcome).toBe('DROP');
    // Pods on the same node are not "the node": still dropped.
    expect(tracePath(t, { path: 4, from: WEB1, to: podId('demo', 'web-3') }).outcome).toBe('DROP');
    expect(tracePath(t, { path: 3, from: WEB1, to: API }).outcome).toBe('DROP');
    expect(tracePath(t, { path: 4, from: WEB1, to: WEB1 }).outcome).toBe('OK');
    // From the pod's own node: allowed; from another node: dropped.
    expect(tracePath(t, { path: 3, from: 'node:n1', to: API, endpoint: podId('demo', 'api-1') }).outcome).toBe('OK');
    expect(tracePath(t, { path: 3, from: 'node:n1', to: API, endpoint: podId('demo', 'api-2') }).outcome).toBe('DROP');
    expect(tracePath(t, { path: 4, from: 'node:n2', to: WEB2 }).outcome).toBe('OK');
    // Pods in other namespaces are not isolated by it: DNS to kube-system still works.
    const dns = tracePath(t, { path: 3, from: WEB1, to: API });
    expect(dns.hops[0]?.component).toBe('dns');
  });

  it('E57 egress allows app=api port 80 while api\'s targetPort is 9376: ③ → DROP; D-POLICY-SERVICE-PORT', () => {
    const pol = netpol({
      name: 'web-egress',
      podSelector: sel({ app: 'web' }),
      policyTypes: ['Egress'],
      egress: [rule([{ podSelector: sel({ app: 'api' }) }], [80]), rule([{ namespaceSelector: sel(), podSelector: sel({ 'k8s-app': 'kube-dns' }) }], [{ port: 53, protocol: 'UDP' }])],
    });
    const t = ref({ networkPolicies: [pol] });
    const r = tracePath(t, { path: 3, from: WEB1, to: API });
    expect(r.outcome).toBe('DROP');
    expect(r.variant).toBe('F3-netpol-egress');
    expect(r.hops.at(-1)?.component).toBe('policy');
    expect(r.notes.join(' ')).toMatch(/allow 9376 \(D-POLICY-SERVICE-PORT\)/);
    const w = findings(t, 'D-POLICY-SERVICE-PORT');
    expect(w.map((f) => [f.severity, f.subject])).toEqual([['warning', 'netpol:demo/web-egress']]);
    expect(w[0]?.message).toMatch(/use 9376/);
  });

  it('E58 egress ipBlock 10.96.0.0/12 (the Service CIDR): outcome undetermined (NP-8)', () => {
    const pol = netpol({ name: 'web-to-svc-cidr', podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([{ ipBlock: { cidr: '10.96.0.0/12', except: [] } }])] });
    const t = ref({ networkPolicies: [pol] });
    const r = tracePath(t, { path: 3, from: WEB1, to: API });
    expect(r.badges).toContain('varies');
    expect(r.notes.join(' ')).toMatch(/undetermined/);
    expect(r.hops.some((h) => h.component === 'policy')).toBe(true);
    expect(r.backendSees).toBeUndefined();
    expect(findings(t, 'D-POLICY-IPBLOCK-SERVICE-CIDR').map((f) => f.severity)).toEqual(['info']);
    // The same block does not cover pod IPs: dialling api-2's pod IP directly is denied, determined.
    const direct = tracePath(t, { path: 4, from: WEB1, to: podId('demo', 'api-2') });
    expect(direct.outcome).toBe('DROP');
    expect(direct.badges).not.toContain('varies');
  });

  it('E59 namespaceSelector + podSelector in one element (AND) vs two elements (OR): evaluated correctly, and described as such', () => {
    const both = { namespaceSelector: sel({ team: 'x' }), podSelector: sel({ app: 'web' }) };
    const and = netpol({ name: 'and', podSelector: sel({ app: 'api' }), ingress: [rule([both])] });
    const or = netpol({ name: 'or', podSelector: sel({ app: 'api' }), ingress: [rule([{ namespaceSelector: sel({ team: 'x' }) }, { podSelector: sel({ app: 'web' }) }])] });
    const extra = [
      pod({ ns: 'other', name: 'x-web', node: 'n2', ip: '10.244.2.41', labels: { app: 'web' } }),
      pod({ ns: 'other', name: 'x-cli', node: 'n2', ip: '10.244.2.42', labels: { app: 'cli' } }),
    ];
    const build = (p: typeof and): Topology => {
      const s = referenceFixture({ extraPods: extra, networkPolicies: [p] });
      return buildTopology({ ...s, namespaces: [...s.namespaces, namespace('other', { team: 'x' })] });
    };
    const verdicts = (t: Topology): Record<string, boolean | 'undetermined'> => {
      const api2 = t.pods.get(podId('demo', 'api-2')) ?? neverUndefined();
      const out: Record<string, boolean | 'undetermined'> = {};
      for (const id of [WEB1, podId('other', 'x-web'), podId('other', 'x-cli')]) {
        const src = t.pods.get(id) ?? neverUndefined();
        out[src.name] = evaluatePolicy(t, { pod: src, ip: src.podIPs[0] ?? '' }, { pod: api2, ip: REF.api2 }, 9376, 'TCP').allowed;
      }
      return out;
    };
    expect(verdicts(build(and))).toEqual({ 'web-1': false, 'x-web': true, 'x-cli': false });
    expect(verdicts(build(or))).toEqual({ 'web-1': true, 'x-web': true, 'x-cli': true });
    expect(describePeer(both, 'demo')).toMatch(/AND/);
    expect(describeRulePeers(or.ingress[0]?.peers ?? null, 'demo')).toMatch(/ OR /);
    expect(describeRulePeers(and.ingress[0]?.peers ?? null, 'demo')).not.toMatch(/ OR /);
    // An empty `from: []` matches every source, like an absent one (NetworkPolicyIngressRule.from).
    const emptyFrom = netpol({ name: 'empty-from', podSelector: sel({ app: 'api' }), ingress: [rule([])] });
    expect(verdicts(build(emptyFrom))).toEqual({ 'web-1': true, 'x-web': true, 'x-cli': true });
  });
});

function neverUndefined(): never {
  throw new Error('fixture object missing');
}
