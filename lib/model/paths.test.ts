/**
 * The four traffic paths on the reference fixture: the §2.7 test matrix, then the §2.5 / §2.6
 * variant tables (networking-semantics.md). Hop lists are compared by component order, location
 * and address rewrites; "varies" facts are asserted as the fixture's stated default (routed, no overlay).
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { accessPointsForService } from './access-points';
import { findingsFor } from './findings';
import { podId, serviceId } from './ids';
import { buildTopology, type Topology } from './topology';
import { tracePath, type TraceRequest } from './trace';
import type { Hop, PathResult, Transform } from './types';
import { C, netpol, pod, REF, referenceFixture, rule, sel, type ReferenceOptions } from './test-builders';

const WEB = serviceId('demo', 'web');
const API = serviceId('demo', 'api');
const API_HL = serviceId('demo', 'api-hl');
const WEB1 = podId('demo', 'web-1');
const WEB2 = podId('demo', 'web-2');
const WEB3 = podId('demo', 'web-3');
const HP = podId('demo', 'hp');

function ref(o: ReferenceOptions = {}): Topology {
  return buildTopology(referenceFixture(o));
}

function trace(t: Topology, req: TraceRequest): PathResult {
  return tracePath(t, req);
}

const comps = (r: PathResult): string[] => r.hops.map((h) => (h.location ? `${h.component}@${h.location}` : h.component));
const kinds = (h: Hop): string[] => h.transforms.map((x) => x.kind);
const dnat = (h: Hop | undefined): string | undefined => h?.transforms.find((x): x is Extract<Transform, { kind: 'DNAT' }> => x.kind === 'DNAT')?.to;
const snat = (h: Hop | undefined): string | undefined => h?.transforms.find((x): x is Extract<Transform, { kind: 'SNAT' }> => x.kind === 'SNAT')?.to;
const hop = (r: PathResult, component: Hop['component']): Hop | undefined => r.hops.find((h) => h.component === component);

const WEB_EPS = [`web-1 ${REF.web1}:80`, `web-2 ${REF.web2}:80`];
const API_EPS = [`api-1 ${REF.api1}:9376`, `api-2 ${REF.api2}:9376`];

describe('§2.7 test matrix — path ① (external client → cloud LoadBalancer → Service)', () => {
  it('F1-base: ETP Cluster, any node; DNAT to a web pod, SNAT to an address of nK; backend sees nK, never C', () => {
    const t = ref();
    // E = web-2 on another node than nK = n1: SNAT picks n1's InternalIP, and the packet crosses to n2.
    const r = trace(t, { path: 1, to: WEB, via: 'n1', endpoint: WEB2 });
    expect(r.flow).toBe('①');
    expect(r.variant).toBe('F1-base');
    expect(comps(r)).toEqual(['client@outside', 'cloud-lb@cloud', 'netfilter@n1', 'pod-network@n1', 'pod@n2']);
    expect(r.hops[0]).toMatchObject({ src: `${C}:e`, dst: `${REF.webLB}:8080` });
    expect(r.hops[1]?.dst).toBe(`${REF.webLB}:8080`); // VIP mode: destination unchanged
    expect(r.hops[1]?.basis).toMatch(/10256\/healthz/);
    const nf = r.hops[2];
    expect(kinds(nf as Hop)).toEqual(['DNAT', 'SNAT']);
    expect(dnat(nf)).toBe(`${REF.web2}:80`);
    expect(snat(nf)).toBe(REF.n1);
    expect(r.hops[3]?.transforms).toEqual([{ kind: 'ENCAP', outer: `${REF.n1} → ${REF.n2}` }]);
    expect(r.eligible).toEqual(WEB_EPS);
    expect(r.backendSees).toEqual({ src: REF.n1, dst: `${REF.web2}:80` });
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');

    // E = web-1 on nK = n1 itself: masquerade picks n1's cni0 address 10.244.1.1, no cross-node hop.
    const local = trace(t, { path: 1, to: WEB, via: 'n1', endpoint: WEB1 });
    expect(comps(local)).toEqual(['client@outside', 'cloud-lb@cloud', 'netfilter@n1', 'pod@n1']);
    expect(snat(local.hops[2])).toBe('10.244.1.1');
    expect(local.backendSees).toEqual({ src: '10.244.1.1', dst: `${REF.web1}:80` });

    // Every node works: n3 has no web pod but forwards.
    const n3 = trace(t, { path: 1, to: WEB, via: 'n3' });
    expect(n3.outcome).toBe('OK');
    expect(n3.eligible).toEqual(WEB_EPS);
    expect(snat(hop(n3, 'netfilter'))).toBe(REF.n3);
    expect(n3.backendSees?.src).not.toBe(C);
  });

  it('F1-local: ETP Local; via n1 only web-1, via n2 only web-2, no SNAT, backend sees C; n3 out of the pool (503)', () => {
    const t = ref({ web: { etp: 'Local', healthCheckNodePort: 32000 } });
    const v1 = trace(t, { path: 1, to: WEB, via: 'n1' });
    expect(v1.variant).toBe('F1-local');
    expect(comps(v1)).toEqual(['client@outside', 'cloud-lb@cloud', 'netfilter@n1', 'pod@n1']);
    expect(v1.eligible).toEqual([WEB_EPS[0]]);
    expect(kinds(v1.hops[2] as Hop)).toEqual(['DNAT']);
    expect(v1.backendSees).toEqual({ src: C, dst: `${REF.web1}:80` });
    expect(v1.outcome).toBe('OK');
    expect(v1.hops[1]?.basis).toMatch(/:32000\/healthz: n1 200, n2 200, n3 503/);

    const v2 = trace(t, { path: 1, to: WEB, via: 'n2' });
    expect(v2.eligible).toEqual([WEB_EPS[1]]);
    expect(v2.backendSees).toEqual({ src: C, dst: `${REF.web2}:80` });

    // Without a forced node, the LB only picks a node that passes the health check.
    const any = trace(t, { path: 1, to: WEB });
    expect(['n1', 'n2']).toContain(any.hops[2]?.location);
    expect(any.outcome).toBe('OK');
  });

  it('F1-local-n3: ETP Local, traffic forced to n3 (LB via n3, or ② to 192.168.1.13:30081) → DROP, eligible ∅', () => {
    const t = ref({ web: { etp: 'Local' } });
    const viaLb = trace(t, { path: 1, to: WEB, via: 'n3' });
    expect(viaLb.outcome).toBe('DROP');
    expect(viaLb.eligible).toEqual([]);
    expect(viaLb.backendSees).toBeUndefined();
    expect(viaLb.hops.at(-1)).toMatchObject({ component: 'netfilter', location: 'n3' });

    const viaNodePort = trace(t, { path: 2, to: WEB, via: REF.n3 });
    expect(viaNodePort.hops[0]).toMatchObject({ component: 'client', dst: `${REF.n3}:30081` });
    expect(viaNodePort.outcome).toBe('DROP');
    expect(viaNodePort.eligible).toEqual([]);
    expect(viaNodePort.notes.join(' ')).toMatch(/n3 has no ready local endpoint/);
  });

  it('F1-proxy: ipMode Proxy; the LB delivers to nK:30081; backend sees the LB or node address, not C', () => {
    const t = ref({ web: { lb: { ip: REF.webLB, ipMode: 'Proxy' } } });
    const r = trace(t, { path: 1, to: WEB, via: 'n1', endpoint: WEB2 });
    expect(r.variant).toBe('F1-proxy');
    expect(comps(r)).toEqual(['client@outside', 'cloud-lb@cloud', 'netfilter@n1', 'pod-network@n1', 'pod@n2']);
    expect(r.hops[1]?.dst).toBe(`${REF.n1}:30081`);
    expect(dnat(r.hops[1])).toBe(`${REF.n1}:30081`);
    expect(dnat(r.hops[2])).toBe(`${REF.web2}:80`);
    expect(r.eligible).toEqual(WEB_EPS);
    expect([REF.webLB, REF.n1]).toContain(r.backendSees?.src);
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
  });

  it('F1-nonodeports: allocateLoadBalancerNodePorts false → no NodePort URLs; C → LB → E:80 straight to pod IPs (varies)', () => {
    const t = ref({ web: { allocateLoadBalancerNodePorts: false, ports: [{ port: 8080, targetPort: 80 }] } });
    const r = trace(t, { path: 1, to: WEB });
    expect(r.variant).toBe('F1-nonodeports');
    expect(r.hops.map((h) => h.component)).toEqual(['client', 'cloud-lb', 'pod']);
    expect(dnat(r.hops[1])).toMatch(/^10\.244\.(1\.5|2\.7):80$/);
    expect(hop(r, 'netfilter')).toBeUndefined();
    expect(r.eligible).toEqual(WEB_EPS);
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
    expect(accessPointsForService(t, WEB).filter((a) => a.kind === 'NodePort')).toEqual([]);
  });

  it('F1-pending: empty status.loadBalancer → NO_ADDRESS; NodePort 30081 offered as the working fallback', () => {
    const t = ref({ web: { lb: [] } });
    const r = trace(t, { path: 1, to: WEB });
    expect(r.variant).toBe('F1-pending');
    expect(r.outcome).toBe('NO_ADDRESS');
    expect(r.hops).toHaveLength(1);
    expect(r.hops[0]?.dst).toBe('<pending>:8080');
    expect(r.notes.join(' ')).toMatch(/NodePort 30081/);
    expect(r.notes.join(' ')).toMatch(/MetalLB|cloud integration/);
    const lb = accessPointsForService(t, WEB).find((a) => a.kind === 'LoadBalancer');
    expect(lb).toMatchObject({ url: 'tcp://<pending>:8080', outcome: 'NO_ADDRESS', reachable: false });
    const np = accessPointsForService(t, WEB).filter((a) => a.kind === 'NodePort');
    expect(np.map((a) => [a.url, a.outcome])).toEqual([
      [`tcp://${REF.n1}:30081`, 'OK'],
      [`tcp://${REF.n2}:30081`, 'OK'],
      [`tcp://${REF.n3}:30081`, 'OK'],
    ]);
  });

  it('F1-ingress: https://shop.example.com/ via ic-1; TLS terminated, new L7 connection, backend sees 10.244.2.9', () => {
    const t = ref({ add: ['shop'] });
    const r = trace(t, { path: 1, to: 'ing:demo/shop', via: 'n2', endpoint: WEB1 });
    expect(r.variant).toBe('F1-ingress');
    expect(comps(r)).toEqual(['client@outside', 'cloud-lb@cloud', 'netfilter@n2', 'l7-proxy@n2', 'pod-network@n2', 'pod@n1']);
    expect(r.hops[0]).toMatchObject({ src: `${C}:e`, dst: `${REF.icLB}:443` });
    expect(r.hops[0]?.basis).toMatch(/SNI shop\.example\.com/);
    expect(dnat(r.hops[2])).toBe(`${REF.ic1}:443`);
    const l7 = r.hops[3] as Hop;
    expect(kinds(l7)).toEqual(['L7_NEW_CONNECTION']);
    expect(l7.basis).toMatch(/TLS terminated for shop\.example\.com/);
    expect(l7.basis).toMatch(/web:8080/);
    expect(r.hops[4]).toMatchObject({ src: `${REF.ic1}:e`, dst: `${REF.web1}:80` });
    expect(r.eligible).toEqual(WEB_EPS);
    expect(r.backendSees).toEqual({ src: REF.ic1, dst: `${REF.web1}:80` });
    expect(r.outcome).toBe('OK');
  });

  it('ING-wild-1: Host x.demo.example.com via 203.0.113.20 → api-1/api-2 on 9376; backend sees the controller', () => {
    const t = ref({ add: ['wild'] });
    const r = trace(t, { path: 1, to: 'ing:demo/wild', host: 'x.demo.example.com' });
    expect(r.hops[0]?.dst).toBe(`${REF.icLB}:80`);
    expect(hop(r, 'l7-proxy')?.basis).toMatch(/\*\.demo\.example\.com/);
    expect(r.eligible).toEqual(API_EPS);
    expect(r.backendSees?.src).toBe(REF.ic1);
    expect(r.backendSees?.dst).toMatch(/:9376$/);
    expect(r.outcome).toBe('OK');
  });

  it('ING-wild-2: Host a.b.demo.example.com is two labels deep: no rule, no default backend → HTTP_404', () => {
    const t = ref({ add: ['wild'] });
    const r = trace(t, { path: 1, to: 'ing:demo/wild', host: 'a.b.demo.example.com' });
    expect(r.outcome).toBe('HTTP_404');
    expect(r.httpStatus).toBe(404);
    expect(r.eligible).toEqual([]);
    expect(r.backendSees).toBeUndefined();
  });
});

describe('§2.7 test matrix — path ② (external client → "the Service")', () => {
  it('F2-literal: C → 10.96.100.10:8080 from outside: no route → DROP, with the ways that work', () => {
    const t = ref();
    const r = trace(t, { path: 2, to: WEB, access: 'ClusterIP' });
    expect(r.variant).toBe('F2-literal');
    expect(r.hops).toHaveLength(1);
    expect(r.hops[0]).toMatchObject({ component: 'client', dst: `${REF.webVIP}:8080` });
    expect(r.outcome).toBe('DROP');
    expect(r.eligible).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/NodePort 30081/);
  });

  it('F2-nodeport: C → 192.168.1.13:30081, DNAT to web-1/web-2, SNAT to 192.168.1.13, backend sees 192.168.1.13', () => {
    const t = ref();
    const r = trace(t, { path: 2, to: WEB, via: 'n3' });
    expect(r.variant).toBe('F2-nodeport');
    expect(comps(r)).toEqual(['client@outside', 'netfilter@n3', 'pod-network@n3', 'pod@n1']);
    expect(r.hops[0]?.dst).toBe(`${REF.n3}:30081`);
    expect(kinds(r.hops[1] as Hop)).toEqual(['DNAT', 'SNAT']);
    expect(WEB_EPS.map((e) => e.split(' ')[1])).toContain(dnat(r.hops[1]));
    expect(snat(r.hops[1])).toBe(REF.n3);
    expect(r.hops[2]?.transforms[0]?.kind).toBe('ENCAP');
    expect(r.eligible).toEqual(WEB_EPS);
    expect(r.backendSees?.src).toBe(REF.n3);
    expect(r.outcome).toBe('OK');
    expect(r.notes.join(' ')).toMatch(/10\.96\.100\.10:8080/);
    // With ETP Local the same request to n3 drops.
    expect(trace(ref({ web: { etp: 'Local' } }), { path: 2, to: WEB, via: 'n3' }).outcome).toBe('DROP');
  });

  it('F2-hostport: C → 192.168.1.13:8081, portmap DNAT to 10.244.3.8:8080; the pod sees C', () => {
    const r = trace(ref(), { path: 2, to: HP });
    expect(r.variant).toBe('F2-hostport');
    expect(comps(r)).toEqual(['client@outside', 'portmap@n3', 'pod@n3']);
    expect(r.hops[0]?.dst).toBe(`${REF.n3}:8081`);
    expect(r.hops[1]?.transforms).toEqual([{ kind: 'DNAT', to: `${REF.hp}:8080` }]);
    expect(r.eligible).toEqual(['hp']);
    expect(r.backendSees).toEqual({ src: C, dst: `${REF.hp}:8080` });
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
  });

  it('F2-hostport-n1: C → 192.168.1.11:8081: nothing listens there → REFUSED', () => {
    const r = trace(ref(), { path: 2, to: HP, via: 'n1' });
    expect(r.hops[0]?.dst).toBe(`${REF.n1}:8081`);
    expect(r.outcome).toBe('REFUSED');
    expect(r.eligible).toEqual([]);
    expect(r.backendSees).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/only on n3/);
  });
});

describe('§2.7 test matrix — path ③ (pod → Service via its ClusterIP)', () => {
  it('F3-base: web-1 → http://api/: DNS via kube-dns, DNAT to api-x:9376 on n1, no SNAT; backend sees 10.244.1.5', () => {
    const t = ref();
    const r = trace(t, { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-2') });
    expect(r.variant).toBe('F3-base');
    expect(comps(r)).toEqual(['dns@n1', 'client@n1', 'netfilter@n1', 'pod-network@n1', 'pod@n3']);
    const dns = r.hops[0] as Hop;
    expect(dns.transforms).toEqual([
      { kind: 'DNAT', to: `${REF.coredns}:53` },
      { kind: 'DNS_ANSWER', records: [`A ${REF.apiVIP}`] },
    ]);
    expect(dns.basis).toMatch(/api\.demo\.svc\.cluster\.local/);
    expect(r.hops[1]).toMatchObject({ src: `${REF.web1}:e`, dst: `${REF.apiVIP}:80` });
    expect(r.hops[2]?.transforms).toEqual([{ kind: 'DNAT', to: `${REF.api2}:9376` }]);
    expect(r.hops[2]?.basis).toMatch(/named port "http"/);
    expect(r.hops[3]?.transforms).toEqual([{ kind: 'ENCAP', outer: `${REF.n1} → ${REF.n3}` }]);
    expect(r.eligible).toEqual(API_EPS);
    expect(r.backendSees).toEqual({ src: REF.web1, dst: `${REF.api2}:9376` });
    expect(r.outcome).toBe('OK');
    // E = api-1 is on the client's own node: no pod-network hop.
    const same = trace(t, { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-1') });
    expect(comps(same)).toEqual(['dns@n1', 'client@n1', 'netfilter@n1', 'pod@n1']);
  });

  it('F3-itp-local-n2: ITP Local; client on n2 → DROP (eligible ∅); n1 → {api-1}; n3 → {api-2}', () => {
    const t = ref({ api: { itp: 'Local' } });
    const n2 = trace(t, { path: 3, from: WEB2, to: API });
    expect(n2.outcome).toBe('DROP');
    expect(n2.eligible).toEqual([]);
    expect(n2.notes.join(' ')).toMatch(/n2 has no ready local endpoint/);
    const n1 = trace(t, { path: 3, from: WEB1, to: API });
    expect(n1.variant).toBe('F3-itp-local');
    expect(n1.eligible).toEqual([API_EPS[0]]);
    expect(n1.outcome).toBe('OK');
    const n3 = trace(t, { path: 3, from: HP, to: API });
    expect(n3.eligible).toEqual([API_EPS[1]]);
    expect(n3.outcome).toBe('OK');
  });

  it('F3-headless: web-1 → api-hl: DNS answers both pod IPs, no DNAT, then a ④-style hop to E:9376', () => {
    const t = ref({ add: ['api-hl'] });
    const r = trace(t, { path: 3, from: WEB1, to: API_HL, endpoint: podId('demo', 'api-2') });
    expect(r.variant).toBe('F3-headless');
    expect(hop(r, 'dns')?.transforms.find((x) => x.kind === 'DNS_ANSWER')).toEqual({ kind: 'DNS_ANSWER', records: [`A ${REF.api1}`, `A ${REF.api2}`] });
    expect(hop(r, 'netfilter')).toBeUndefined();
    expect(r.hops.filter((h) => h.component !== 'dns').flatMap((h) => h.transforms.filter((x) => x.kind === 'DNAT' || x.kind === 'SNAT'))).toEqual([]);
    expect(r.hops.at(-1)).toMatchObject({ component: 'pod', location: 'n3', dst: `${REF.api2}:9376` });
    expect(r.eligible).toEqual(API_EPS);
    expect(r.backendSees).toEqual({ src: REF.web1, dst: `${REF.api2}:9376` });
    expect(r.outcome).toBe('OK');
  });

  it('F3-netpol-egress: default-deny egress on app=web → the DNS lookup (hop 1) is dropped', () => {
    const t = ref({ networkPolicies: [netpol({ name: 'web-deny-egress', podSelector: sel({ app: 'web' }), policyTypes: ['Egress'] })] });
    const r = trace(t, { path: 3, from: WEB1, to: API });
    expect(r.variant).toBe('F3-netpol-egress');
    expect(r.outcome).toBe('DROP');
    expect(r.hops.map((h) => h.component)).toEqual(['policy']);
    expect(r.hops[0]?.dst).toBe(`${REF.coredns}:53`);
    expect(r.notes.join(' ')).toMatch(/DNS/);
    // Hop 2 is denied too: with DNS allowed, the connection to api's pods on 9376 is still dropped.
    const dnsOnly = ref({
      networkPolicies: [
        netpol({ name: 'web-dns-only', podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([{ namespaceSelector: sel(), podSelector: sel({ 'k8s-app': 'kube-dns' }) }], [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }])] }),
      ],
    });
    const r2 = trace(dnsOnly, { path: 3, from: WEB1, to: API });
    expect(r2.outcome).toBe('DROP');
    expect(r2.hops.map((h) => h.component)).toEqual(['dns', 'client', 'netfilter', 'policy']);
  });

  it('F3-no-endpoints: api selector matches nothing → DNS still answers the ClusterIP; the connection is REFUSED', () => {
    const t = ref({ api: { selector: { app: 'nothing' } } });
    const r = trace(t, { path: 3, from: WEB1, to: API });
    expect(r.variant).toBe('F3-no-endpoints');
    expect(hop(r, 'dns')?.transforms).toContainEqual({ kind: 'DNS_ANSWER', records: [`A ${REF.apiVIP}`] });
    expect(r.outcome).toBe('REFUSED');
    expect(r.eligible).toEqual([]);
    expect(findingsFor(t).map((f) => f.code)).toContain('D-SELECTOR-NO-PODS');
  });

  it('F3-netpol-egress-ok: egress allows app=api TCP 9376 plus DNS to kube-dns → OK', () => {
    const t = ref({
      networkPolicies: [
        netpol({
          name: 'web-egress',
          podSelector: sel({ app: 'web' }),
          policyTypes: ['Egress'],
          egress: [rule([{ podSelector: sel({ app: 'api' }) }], [9376]), rule([{ namespaceSelector: sel(), podSelector: sel({ 'k8s-app': 'kube-dns' }) }], [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }])],
        }),
      ],
    });
    expect(trace(t, { path: 3, from: WEB1, to: API }).outcome).toBe('OK');
  });

  it('F3-netpol-ingress: default-deny ingress on app=api → DROP, unless a rule allows app=web on 9376', () => {
    const deny = netpol({ name: 'api-deny', podSelector: sel({ app: 'api' }), policyTypes: ['Ingress'] });
    const r = trace(ref({ networkPolicies: [deny] }), { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-2') });
    expect(r.variant).toBe('F3-netpol-ingress');
    expect(r.outcome).toBe('DROP');
    expect(hop(r, 'policy')?.basis).toMatch(/ingress to the destination is isolated by netpol:demo\/api-deny/);
    const allow = netpol({ name: 'api-from-web', podSelector: sel({ app: 'api' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }], [9376])] });
    expect(trace(ref({ networkPolicies: [deny, allow] }), { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-2') }).outcome).toBe('OK');
    // The Service port 80 is not a pod port: allowing it does not help.
    const wrong = netpol({ name: 'api-from-web-80', podSelector: sel({ app: 'api' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }], [80])] });
    expect(trace(ref({ networkPolicies: [deny, wrong] }), { path: 3, from: WEB1, to: API, endpoint: podId('demo', 'api-2') }).outcome).toBe('DROP');
  });
});

describe('§2.7 test matrix — path ④ (pod → pod by PodIP)', () => {
  it('F4-cross: web-1 → 10.244.2.7:80: routed across nodes, no NAT anywhere; web-2 sees 10.244.1.5', () => {
    const r = trace(ref(), { path: 4, from: WEB1, to: WEB2 });
    expect(r.variant).toBe('F4-cross-node');
    expect(comps(r)).toEqual(['client@n1', 'pod-network@n1', 'overlay@n1', 'overlay@n2', 'pod@n2']);
    expect(r.hops[0]).toMatchObject({ src: `${REF.web1}:e`, dst: `${REF.web2}:80` });
    expect(r.hops[1]?.basis).toMatch(/10\.244\.2\.0\/24/);
    expect(r.hops[2]?.transforms).toEqual([{ kind: 'ENCAP', outer: `${REF.n1} → ${REF.n2}` }]);
    expect(r.hops[3]?.transforms).toEqual([{ kind: 'DECAP' }]);
    expect(r.hops.flatMap((h) => h.transforms).filter((x) => x.kind === 'DNAT' || x.kind === 'SNAT')).toEqual([]);
    expect(r.eligible).toEqual([`web-2 ${REF.web2}:80`]);
    expect(r.backendSees).toEqual({ src: REF.web1, dst: `${REF.web2}:80` });
    expect(r.outcome).toBe('OK');
  });

  it('F4-netpol: ingress policy on app=web allows only app=frontend → web-1 → web-2 DROP', () => {
    const t = ref({ networkPolicies: [netpol({ name: 'web-from-frontend', podSelector: sel({ app: 'web' }), ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }])] })] });
    const r = trace(t, { path: 4, from: WEB1, to: WEB2 });
    expect(r.variant).toBe('F4-netpol');
    expect(r.outcome).toBe('DROP');
    expect(hop(r, 'policy')).toMatchObject({ location: 'n2' });
    expect(hop(r, 'pod')).toBeUndefined();
    expect(r.backendSees).toBeUndefined();
    // A frontend pod is let in.
    const fe = trace(ref({ extraPods: [pod({ name: 'fe', node: 'n3', ip: '10.244.3.20', labels: { app: 'frontend' } })], networkPolicies: t.snapshot.networkPolicies }), { path: 4, from: podId('demo', 'fe'), to: WEB2 });
    expect(fe.outcome).toBe('OK');
  });
});

describe('§2.7 test matrix — original example (OX)', () => {
  const seed = (): Topology => buildTopology(loadDemo('seed'));
  it('OX-hostport: C → 192.168.1.12:8081 reaches webapp:8080; the pod sees C', () => {
    const r = trace(seed(), { path: 2, to: podId('default', 'webapp') });
    expect(r.hops[0]?.dst).toBe(`${REF.n2}:8081`);
    expect(dnat(hop(r, 'portmap'))).toBe('10.244.2.20:8080');
    expect(r.eligible).toEqual(['webapp']);
    expect(r.backendSees).toEqual({ src: C, dst: '10.244.2.20:8080' });
    expect(r.outcome).toBe('OK');
  });

  it('OX-nodeport: C → 192.168.1.11:30081 reaches webapp:80, backend sees 192.168.1.11 → REFUSED (assumed)', () => {
    const r = trace(seed(), { path: 2, to: serviceId('default', 'webapp'), via: REF.n1 });
    expect(r.hops[0]?.dst).toBe(`${REF.n1}:30081`);
    expect(dnat(hop(r, 'netfilter'))).toBe('10.244.2.20:80');
    expect(r.eligible).toEqual(['webapp 10.244.2.20:80']);
    expect(r.backendSees).toEqual({ src: REF.n1, dst: '10.244.2.20:80' });
    expect(r.outcome).toBe('REFUSED');
    expect(r.badges).toContain('assumed');
  });
});

describe('§2.5 variants of path ③', () => {
  it('F3-notready: api-2 readiness fails → its endpoint is ready=false; eligible {api-1}', () => {
    const t = ref({ pods: { 'api-2': { ready: false } } });
    const ep = t.services.get(API)?.backends.endpoints.find((b) => b.address === REF.api2);
    expect(ep?.ready).toBe(false);
    expect(trace(t, { path: 3, from: WEB1, to: API }).eligible).toEqual([API_EPS[0]]);
  });

  it('F3-notready-all: both fail readiness → no usable endpoints → REFUSED', () => {
    const t = ref({ pods: { 'api-1': { ready: false }, 'api-2': { ready: false } } });
    const r = trace(t, { path: 3, from: WEB1, to: API });
    expect(r.variant).toBe('F3-notready-all');
    expect(r.outcome).toBe('REFUSED');
  });

  it('F3-publish: publishNotReadyAddresses, api-2 not ready → api-2 ready=true and still eligible', () => {
    const t = ref({ api: { publishNotReadyAddresses: true }, pods: { 'api-2': { ready: false } } });
    expect(t.services.get(API)?.backends.endpoints.find((b) => b.address === REF.api2)?.ready).toBe(true);
    expect(trace(t, { path: 3, from: WEB1, to: API }).eligible).toEqual(API_EPS);
    // Same verdict when the endpoints are inferred from the selector (EP-2).
    const inferred = ref({ slices: 'none', api: { publishNotReadyAddresses: true }, pods: { 'api-2': { ready: false } } });
    expect(trace(inferred, { path: 3, from: WEB1, to: API }).eligible).toEqual(API_EPS);
  });

  it('F3-terminating: api-1 deleted but still serving, api-2 ready → eligible {api-2}', () => {
    const t = ref({ pods: { 'api-1': { terminating: true } } });
    const r = trace(t, { path: 3, from: WEB1, to: API });
    expect(r.eligible).toEqual([API_EPS[1]]);
    expect(r.outcome).toBe('OK');
  });

  it('F3-term-fallback: api-1 and api-2 both terminating but serving → eligible both, under Cluster and Local policy', () => {
    const both = { 'api-1': { terminating: true }, 'api-2': { terminating: true } };
    const r = trace(ref({ pods: both }), { path: 3, from: WEB1, to: API });
    expect(r.eligible).toEqual(API_EPS);
    expect(r.outcome).toBe('OK');
    expect(r.notes.join(' ')).toMatch(/fallback/);
    const local = trace(ref({ pods: both, api: { itp: 'Local' } }), { path: 3, from: WEB1, to: API });
    expect(local.eligible).toEqual([API_EPS[0]]);
    expect(local.outcome).toBe('OK');
  });

  it('F3-namedport-missing: api-3 without a port named "http" sits in its own slice with no port entry; never selected; D-NAMEDPORT-MISSING', () => {
    const t = ref({ extraPods: [pod({ name: 'api-3', node: 'n2', ip: '10.244.2.30', labels: { app: 'api' }, ports: [{ name: 'metrics', port: 9100 }] })] });
    const slices = t.snapshot.endpointSlices.filter((s) => s.serviceName === 'api');
    const own = slices.find((s) => s.endpoints.some((e) => e.addresses[0] === '10.244.2.30'));
    expect(own?.ports).toEqual([]);
    expect(own?.endpoints).toHaveLength(1);
    const r = trace(t, { path: 3, from: WEB1, to: API });
    expect(r.eligible).toEqual(API_EPS);
    const f = findingsFor(t).find((x) => x.code === 'D-NAMEDPORT-MISSING');
    expect(f?.related).toEqual([podId('demo', 'api-3')]);
  });

  it('F3-cross-ns: a client in namespace other uses "api.demo" (bare "api" only works in demo)', () => {
    const t = ref({ extraPods: [pod({ ns: 'other', name: 'cli', node: 'n1', ip: '10.244.1.40', labels: { app: 'cli' } })] });
    const r = trace(t, { path: 3, from: podId('other', 'cli'), to: API });
    expect(hop(r, 'dns')?.basis).toMatch(/expands "api\.demo" to api\.demo\.svc\.cluster\.local/);
    expect(r.outcome).toBe('OK');
    const sameNs = trace(t, { path: 3, from: WEB1, to: API });
    expect(hop(sameNs, 'dns')?.basis).toMatch(/expands "api" to api\.demo\.svc\.cluster\.local/);
    const bare = trace(t, { path: 3, from: podId('other', 'cli'), to: API, name: 'api' });
    expect(bare.outcome).toBe('NXDOMAIN');
    expect(bare.variant).toBe('F3-cross-ns');
    expect(trace(t, { path: 3, from: podId('other', 'cli'), to: API, name: 'api.demo' }).outcome).toBe('OK');
  });

  it('F3-nxdomain: the client asks for "apii" → NXDOMAIN', () => {
    const r = trace(ref(), { path: 3, from: WEB1, to: API, name: 'apii' });
    expect(r.variant).toBe('F3-nxdomain');
    expect(r.outcome).toBe('NXDOMAIN');
    expect(hop(r, 'dns')?.transforms).toContainEqual({ kind: 'DNS_ANSWER', records: [] });
    expect(hop(r, 'netfilter')).toBeUndefined();
  });

  it('F3-from-node: a process on n2 → 10.96.100.20:80 → OK; the backend sees an address of n2 (varies)', () => {
    const r = trace(ref(), { path: 3, from: 'node:n2', to: API, endpoint: podId('demo', 'api-2') });
    expect(r.variant).toBe('F3-from-node');
    expect(r.hops.map((h) => h.component)).toEqual(['host-process', 'netfilter', 'pod-network', 'pod']);
    expect(hop(r, 'dns')).toBeUndefined();
    expect(r.hops[0]).toMatchObject({ src: `${REF.n2}:e`, dst: `${REF.apiVIP}:80` });
    expect(r.backendSees).toEqual({ src: REF.n2, dst: `${REF.api2}:9376` });
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
  });

  it('F3-wrong-port: 10.96.100.20:9376 is the targetPort, not a Service port → DROP in iptables mode, hint "dial port 80"', () => {
    const r = trace(ref(), { path: 3, from: WEB1, to: API, port: 9376 });
    expect(r.variant).toBe('F3-wrong-port');
    expect(r.outcome).toBe('DROP');
    expect(r.eligible).toEqual([]);
    expect(r.badges).toContain('varies');
    expect(r.notes.join(' ')).toMatch(/dial port 80/);
  });
});

describe('§2.6 variants of path ④', () => {
  it('F4-same-node: web-1 → web-3 on n1: veth → bridge → veth, never leaves n1', () => {
    const r = trace(ref({ add: ['web-3'] }), { path: 4, from: WEB1, to: WEB3 });
    expect(r.variant).toBe('F4-same-node');
    expect(comps(r)).toEqual(['client@n1', 'bridge@n1', 'pod@n1']);
    expect(r.hops.flatMap((h) => h.transforms)).toEqual([]);
    expect(r.backendSees).toEqual({ src: REF.web1, dst: `${REF.web3}:80` });
    expect(r.outcome).toBe('OK');
  });

  it('F4-self: web-1 → 10.244.1.5 is always OK, even under a deny-all policy', () => {
    const t = ref({ networkPolicies: [netpol({ name: 'deny-all', podSelector: sel(), policyTypes: ['Ingress', 'Egress'] })] });
    const r = trace(t, { path: 4, from: WEB1, to: WEB1 });
    expect(r.variant).toBe('F4-self');
    expect(r.outcome).toBe('OK');
    expect(r.backendSees).toEqual({ src: REF.web1, dst: `${REF.web1}:80` });
  });

  it('F4-hairpin: web-1 → 10.96.100.10:8080 and the proxy picks web-1 → OK, source masqueraded', () => {
    const r = trace(ref(), { path: 3, from: WEB1, to: WEB, endpoint: WEB1 });
    const nf = hop(r, 'netfilter');
    expect(dnat(nf)).toBe(`${REF.web1}:80`);
    expect(snat(nf)).toBeDefined();
    expect(snat(nf)).not.toBe(REF.web1);
    expect(r.backendSees?.src).toBe(snat(nf));
    expect(r.outcome).toBe('OK');
    expect(r.badges).toContain('varies');
  });

  it('F4-stale-ip: web-2 recreated as 10.244.2.8, a stale slice still lists 10.244.2.7 → DROP; "address not owned by any current pod"', () => {
    const staleSlice = {
      uid: 'eps-demo-web-stale',
      namespace: 'demo',
      name: 'web-stale',
      serviceName: 'web',
      managedBy: 'endpointslice-controller.k8s.io',
      addressType: 'IPv4' as const,
      endpoints: [{ addresses: [REF.web2], ready: true, serving: true, terminating: false, nodeName: 'n2' }],
      ports: [{ name: '', port: 80, protocol: 'TCP' as const }],
    };
    const t = ref({ pods: { 'web-2': { podIPs: ['10.244.2.8'], uid: 'pod-demo-web-2-new' } }, extraSlices: [staleSlice] });
    const r = trace(t, { path: 4, from: WEB1, to: WEB, endpoint: REF.web2 });
    expect(r.outcome).toBe('DROP');
    expect(r.notes.join(' ')).toMatch(/not owned by any current pod/);
    expect(findingsFor(t).find((f) => f.code === 'D-STALE-ENDPOINT')?.message).toMatch(/10\.244\.2\.7 belongs to no current pod/);
    // Through the Service, the proxy may pick the stale address: that connection is lost too.
    expect(trace(t, { path: 3, from: WEB1, to: WEB, endpoint: REF.web2 }).outcome).toBe('DROP');
  });

  it('F4-node-to-pod: a process on n2 → 10.244.2.7:80 is OK even when policy isolates web-2', () => {
    const t = ref({ networkPolicies: [netpol({ name: 'web-deny', podSelector: sel({ app: 'web' }), policyTypes: ['Ingress'] })] });
    const r = trace(t, { path: 4, from: 'node:n2', to: WEB2 });
    expect(r.hops[0]).toMatchObject({ component: 'host-process', location: 'n2', src: `${REF.n2}:e`, dst: `${REF.web2}:80` });
    expect(r.outcome).toBe('OK');
    expect(r.backendSees).toEqual({ src: REF.n2, dst: `${REF.web2}:80` });
    // From another node the same policy applies.
    expect(trace(t, { path: 4, from: 'node:n1', to: WEB2 }).outcome).toBe('DROP');
  });
});

describe('the builders agree with the embedded reference demo', () => {
  it('same URLs and outcomes for web, api and api-hl', () => {
    const mine = ref({ add: ['api-hl', 'shop', 'wild'] });
    const demo = buildTopology(loadDemo('reference'));
    for (const id of [WEB, API, API_HL]) {
      const a = accessPointsForService(mine, id).map((x) => `${x.kind} ${x.url} ${x.outcome}`).sort();
      const b = accessPointsForService(demo, id).map((x) => `${x.kind} ${x.url} ${x.outcome}`).sort();
      expect(a).toEqual(b);
    }
  });
});
