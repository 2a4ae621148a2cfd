/**
 * The original example (networking-semantics.md §2.2) as embedded in the `seed` demo: pod `webapp`
 * (containerPort 8080, hostPort 8081) on n2 at 10.244.2.20, and NodePort Service `webapp`
 * (port 8080 → targetPort 80, nodePort 30081, ClusterIP 10.96.100.30) in namespace `default`.
 * Its two "ways in" land on different container ports: the hostPort on 8080, the Service on 80.
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import type { ClusterSnapshot } from '../snapshot/records';
import { accessPointsForPod, accessPointsForService } from './access-points';
import { findingsFor } from './findings';
import { podId, serviceId } from './ids';
import { buildTopology, type Topology } from './topology';
import { tracePath } from './trace';
import type { AccessPoint } from './types';
import { C } from './test-builders';

const WEBAPP = serviceId('default', 'webapp');
const WEBAPP_POD = podId('default', 'webapp');

const seed = (): Topology => buildTopology(loadDemo('seed'));
const of = (t: Topology, kind: AccessPoint['kind']): AccessPoint[] => accessPointsForService(t, WEBAPP).filter((a) => a.kind === kind);

/** The suggested fix applied: `targetPort: 8080` (the controller then writes port 8080 into the slice). */
function fixed(): Topology {
  const s: ClusterSnapshot = loadDemo('seed');
  return buildTopology({
    ...s,
    services: s.services.map((x) => (x.namespace === 'default' && x.name === 'webapp' ? { ...x, ports: x.ports.map((p) => ({ ...p, targetPort: 8080 })) } : x)),
    endpointSlices: s.endpointSlices.map((sl) => (sl.namespace === 'default' && sl.serviceName === 'webapp' ? { ...sl, ports: sl.ports.map((p) => ({ ...p, port: 8080 })) } : sl)),
  });
}

describe('original example (seed demo)', () => {
  it('is placed as the spec says: webapp on n2 at 10.244.2.20, ClusterIP 10.96.100.30, namespace default, without the fixture\'s web Service', () => {
    const t = seed();
    const pod = t.pods.get(WEBAPP_POD);
    expect(pod).toMatchObject({ nodeName: 'n2', podIPs: ['10.244.2.20'] });
    expect(pod?.ports).toEqual([{ container: 'webapp', containerPort: 8080, protocol: 'TCP', hostPort: 8081 }]);
    const svc = t.services.get(WEBAPP)?.record;
    expect(svc).toMatchObject({ type: 'NodePort', clusterIPs: ['10.96.100.30'] });
    expect(svc?.ports).toEqual([{ name: '', protocol: 'TCP', port: 8080, targetPort: 80, nodePort: 30081 }]);
    expect([...t.services.keys()].some((id) => id.endsWith('/web'))).toBe(false);
  });

  it('NodePort on every node: tcp://192.168.1.1{1,2,3}:30081 → 10.244.2.20:80, not reachable, REFUSED (assumed)', () => {
    const rows = of(seed(), 'NodePort');
    expect(rows.map((a) => [a.url, a.node, a.reachable, a.outcome])).toEqual([
      ['tcp://192.168.1.11:30081', 'n1', false, 'REFUSED'],
      ['tcp://192.168.1.12:30081', 'n2', false, 'REFUSED'],
      ['tcp://192.168.1.13:30081', 'n3', false, 'REFUSED'],
    ]);
    for (const a of rows) {
      expect(a.badges).toContain('assumed');
      expect(a.reaches).toEqual(['10.244.2.20:80']);
      expect(a.reason).toMatch(/port 80.*declares only 8080/);
    }
  });

  it('hostPort: only tcp://192.168.1.12:8081 (n2), reachable, reaching 10.244.2.20:8080', () => {
    const t = seed();
    const hp = of(t, 'HostPort');
    expect(hp.map((a) => [a.url, a.scope, a.node, a.reachable, a.outcome])).toEqual([['tcp://192.168.1.12:8081', 'node:n2', 'n2', true, 'OK']]);
    expect(hp[0]?.reaches).toEqual(['10.244.2.20:8080']);
    expect(hp[0]?.command).toBe('nc -vz 192.168.1.12 8081');
    // The pod's own list agrees.
    const pod = t.pods.get(WEBAPP_POD);
    if (!pod) throw new Error('no webapp pod');
    expect(accessPointsForPod(t, pod).filter((a) => a.kind === 'HostPort').map((a) => a.url)).toEqual(['tcp://192.168.1.12:8081']);
  });

  it('hostPort on another node (tcp://192.168.1.11:8081) → REFUSED: nothing listens there', () => {
    const r = tracePath(seed(), { path: 2, to: WEBAPP_POD, via: 'n1' });
    expect(r.hops[0]?.dst).toBe('192.168.1.11:8081');
    expect(r.outcome).toBe('REFUSED');
    const ok = tracePath(seed(), { path: 2, to: WEBAPP_POD });
    expect(ok.outcome).toBe('OK');
    expect(ok.backendSees).toEqual({ src: C, dst: '10.244.2.20:8080' });
  });

  it('ClusterIP tcp://10.96.100.30:8080 and DNS webapp.default.svc.cluster.local → 10.244.2.20:80: REFUSED (assumed)', () => {
    const t = seed();
    const cip = of(t, 'ClusterIP');
    expect(cip.map((a) => [a.url, a.scope, a.reachable, a.outcome])).toEqual([['tcp://10.96.100.30:8080', 'cluster', false, 'REFUSED']]);
    expect(cip[0]?.badges).toContain('assumed');
    expect(cip[0]?.reaches).toEqual(['10.244.2.20:80']);
    const dns = of(t, 'ClusterDNS');
    expect(dns.map((a) => [a.url, a.outcome])).toEqual([['tcp://webapp.default.svc.cluster.local:8080', 'REFUSED']]);
    const r = tracePath(t, { path: 3, from: 'node:n1', to: WEBAPP });
    expect(r.hops.find((h) => h.component === 'netfilter')?.transforms).toEqual([{ kind: 'DNAT', to: '10.244.2.20:80' }]);
    expect(r.outcome).toBe('REFUSED');
    expect(r.badges).toContain('assumed');
  });

  it('D-TARGETPORT-UNDECLARED (warning) with the fix `targetPort: 8080`, and D-HOSTPORT-PINNED (info)', () => {
    const all = findingsFor(seed());
    const tp = all.filter((f) => f.code === 'D-TARGETPORT-UNDECLARED');
    expect(tp.map((f) => [f.severity, f.subject, f.fix])).toEqual([['warning', WEBAPP, 'targetPort: 8080']]);
    expect(tp[0]?.related).toEqual([WEBAPP_POD]);
    expect(tp[0]?.message).toMatch(/targetPort 80.*only 8080/);
    const pinned = all.filter((f) => f.code === 'D-HOSTPORT-PINNED');
    expect(pinned.map((f) => [f.severity, f.subject])).toEqual([['info', WEBAPP_POD]]);
    expect(pinned[0]?.message).toMatch(/hostPort 8081 exists only on n2/);
  });

  it('with the suggested fix applied, the Service ways in work and the diagnostic disappears', () => {
    const t = fixed();
    expect(of(t, 'NodePort').map((a) => [a.url, a.outcome])).toEqual([
      ['tcp://192.168.1.11:30081', 'OK'],
      ['tcp://192.168.1.12:30081', 'OK'],
      ['tcp://192.168.1.13:30081', 'OK'],
    ]);
    expect(of(t, 'ClusterIP')[0]).toMatchObject({ outcome: 'OK', reaches: ['10.244.2.20:8080'] });
    expect(findingsFor(t).map((f) => f.code)).not.toContain('D-TARGETPORT-UNDECLARED');
  });
});
