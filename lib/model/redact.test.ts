import { describe, expect, it } from 'vitest';
import { DEMO_NAMES, loadDemo } from '../demo/demo-clusters';
import { parseSnapshot } from '../snapshot/parse';
import type { ClusterSnapshot, Labels } from '../snapshot/records';
import { serializeSnapshot } from '../snapshot/serialize';
import { allServiceAccessPoints } from './access-points';
import { findingsFor } from './findings';
import { hostMatchesIngressRule, tlsCovers } from './ingress';
import { canonicalIP, familyOf, inCidr } from './ip';
import { createRedactor, KEPT_NAMES, KEPT_RANGES, redactSnapshot, redactTraceRequest } from './redact';
import { backend, ingress, ingressClass, namespace, netpol, node, pod, rule, sel, slice, snapshot, svc } from './test-builders';
import { buildTopology } from './topology';
import { tracePath, type TraceRequest } from './trace';
import type { AccessKind } from './types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every string the test considers sensitive in a snapshot: names, references, hosts, label values, uids and IPs. */
function sensitiveStrings(s: ClusterSnapshot): Set<string> {
  const out = new Set<string>();
  const add = (x: string | undefined | null): void => {
    if (x !== undefined && x !== null) out.add(x);
  };
  const labels = (l: Labels | null): void => {
    for (const v of Object.values(l ?? {})) add(v);
  };
  const cidr = (c: string): void => add(c.split('/')[0]);
  for (const n of s.namespaces) {
    [n.name, n.uid].forEach(add);
    labels(n.labels);
  }
  for (const n of s.nodes) {
    [n.name, n.uid].forEach(add);
    labels(n.labels);
    for (const a of n.addresses) add(a.address);
    n.podCIDRs.forEach(cidr);
  }
  for (const p of s.pods) {
    [p.namespace, p.name, p.uid, p.nodeName, p.hostname, p.subdomain, p.owner?.name, p.owner?.uid, ...p.podIPs, ...p.hostIPs].forEach(add);
    labels(p.labels);
    for (const c of p.ports) [c.container, c.name, c.hostIP].forEach(add);
  }
  for (const x of s.services) {
    [x.namespace, x.name, x.uid, x.externalName, x.loadBalancerIP, ...x.clusterIPs, ...x.externalIPs].forEach(add);
    labels(x.labels);
    labels(x.selector);
    x.loadBalancerSourceRanges.forEach(cidr);
    for (const p of x.ports) [p.name, typeof p.targetPort === 'string' ? p.targetPort : undefined].forEach(add);
    for (const e of x.lbIngress) [e.ip, e.hostname].forEach(add);
  }
  for (const sl of s.endpointSlices) {
    [sl.namespace, sl.name, sl.uid, sl.serviceName, sl.managedBy].forEach(add);
    for (const e of sl.endpoints) [...e.addresses, e.nodeName, e.zone, e.hostname, e.targetRef?.name, e.targetRef?.namespace, e.targetRef?.uid, ...(e.hintsForNodes ?? []), ...(e.hintsForZones ?? [])].forEach(add);
    for (const p of sl.ports) add(p.name);
  }
  for (const i of s.ingresses) {
    [i.namespace, i.name, i.uid, i.className].forEach(add);
    const backends = [...i.rules.flatMap((r) => r.paths.map((p) => p.backend)), ...(i.defaultBackend ? [i.defaultBackend] : [])];
    for (const b of backends) [b.service?.name, b.service?.port.name, b.resource?.name].forEach(add);
    for (const r of i.rules) add(r.host);
    for (const t of i.tls) [...t.hosts, t.secretName].forEach(add);
    for (const e of i.lbIngress) [e.ip, e.hostname].forEach(add);
  }
  for (const c of s.ingressClasses) [c.name, c.uid, c.parameters?.name].forEach(add);
  for (const p of s.networkPolicies) {
    [p.namespace, p.name, p.uid].forEach(add);
    const selectors = [p.podSelector, ...[...p.ingress, ...p.egress].flatMap((r) => (r.peers ?? []).flatMap((q) => [q.podSelector, q.namespaceSelector]))];
    for (const x of selectors) {
      if (!x) continue;
      labels(x.matchLabels);
      x.matchExpressions.forEach((e) => e.values.forEach(add));
    }
    for (const r of [...p.ingress, ...p.egress]) for (const q of r.peers ?? []) if (q.ipBlock) [q.ipBlock.cidr, ...q.ipBlock.except].forEach(cidr);
  }
  const kept = new Set<string>([...Object.values(KEPT_NAMES).flat(), 'http', 'https']);
  return new Set(
    [...out].filter((x) => x.length >= 3 && !kept.has(x) && !(familyOf(x) && KEPT_RANGES.some((r) => inCidr(x, r)))),
  );
}

/** Every string value of the serialized snapshot, and its `/`-separated parts (CIDRs, paths, API groups). */
function tokens(json: string): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      // The serializer's own constant for a default IngressClass, not cluster data.
      if (key === 'ingressclass.kubernetes.io/is-default-class' && v === 'true') return;
      out.add(v);
      for (const part of v.split('/')) out.add(part);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(JSON.parse(json), '');
  return out;
}

function kindCounts(s: ClusterSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { accessPoints } of allServiceAccessPoints(buildTopology(s))) for (const a of accessPoints) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}

describe('redactSnapshot on the demos', () => {
  for (const name of DEMO_NAMES) {
    describe(name, () => {
      const original = loadDemo(name);
      const r = createRedactor([original]);
      const redacted = r.snapshot(original);

      it('gives the same access points (kinds, counts, verdicts, badges) and findings', () => {
        expect(kindCounts(redacted)).toEqual(kindCounts(original));
        const before = allServiceAccessPoints(buildTopology(original));
        const after = new Map(allServiceAccessPoints(buildTopology(redacted)).map((x) => [x.id, x.accessPoints]));
        expect(after.size).toBe(before.length);
        for (const { id, accessPoints } of before) {
          const sig = (aps: typeof accessPoints): string[] => aps.map((a) => `${a.kind} ${a.reachable} ${a.outcome} ${a.badges.join(',')} ${a.scope.startsWith('node:') ? 'node' : a.scope}`);
          expect(sig(after.get(r.id(id)) ?? []), id).toEqual(sig(accessPoints));
        }
        const findings = (s: ClusterSnapshot, map: (id: string) => string): string[] =>
          findingsFor(buildTopology(s)).map((f) => `${f.severity} ${f.code} ${map(f.subject)} ${f.related.map(map).join(',')}`).sort();
        expect(findings(redacted, (x) => x)).toEqual(findings(original, (x) => r.id(x)));
        expect(findingsFor(buildTopology(redacted)).length).toBeGreaterThan(0);
      });

      it('serializes to a snapshot that holds none of the original IPs, names, hosts, label values or uids', () => {
        const sensitive = sensitiveStrings(original);
        const originalTokens = tokens(serializeSnapshot(original));
        // The check can fail: every sensitive string is present in the original file.
        for (const s of sensitive) expect(originalTokens.has(s), s).toBe(true);
        expect(sensitive.size).toBeGreaterThan(name === 'shop' ? 250 : 50);
        const json = serializeSnapshot(redacted);
        const leaked = [...tokens(json)].filter((t) => sensitive.has(t));
        expect(leaked).toEqual([]);
        // Dotted names (hosts, qualified label values) not even inside a longer value.
        const values = [...tokens(json)];
        const dotted = [...sensitive].filter((s) => s.includes('.') && !familyOf(s));
        expect(dotted.length).toBeGreaterThan(0);
        expect(dotted.filter((s) => values.some((v) => v.includes(s)))).toEqual([]);
        expect(json).not.toContain(original.meta.title ?? '(no title)');
      });

      it('reads back as a valid snapshot that gives the same model', () => {
        const back = parseSnapshot(serializeSnapshot(redacted)).snapshot;
        expect(kindCounts(back)).toEqual(kindCounts(original));
        expect(findingsFor(buildTopology(back)).map((f) => f.code).sort()).toEqual(findingsFor(buildTopology(original)).map((f) => f.code).sort());
      });

      it('names become DNS-1123 labels; IPs stay IPs of the same family', () => {
        const names = [
          ...redacted.namespaces.map((n) => n.name),
          ...redacted.nodes.map((n) => n.name),
          ...redacted.pods.flatMap((p) => [p.name, p.namespace, ...p.ports.map((c) => c.container)]),
          ...redacted.services.map((s) => s.name),
          ...redacted.endpointSlices.map((s) => s.name),
          ...redacted.ingresses.map((i) => i.name),
          ...redacted.ingressClasses.map((c) => c.name),
        ];
        for (const n of names) expect(n).toMatch(DNS_LABEL);
        for (const [a, b] of original.pods.map((p, i) => [p, redacted.pods[i]] as const)) {
          expect(b?.podIPs.map(familyOf)).toEqual(a.podIPs.map(familyOf));
          expect(b?.podIPs).not.toEqual(a.podIPs);
        }
        expect(redacted.meta).toEqual({ source: 'demo', takenAt: original.meta.takenAt, context: 'redacted', serverVersion: original.meta.serverVersion });
      });

      it('traces every path the same way (requests mapped through the redactor)', () => {
        const ta = buildTopology(original);
        const tb = buildTopology(redacted);
        const pods = [...ta.pods.keys()];
        const reqs: TraceRequest[] = [];
        for (const [id, v] of ta.services) {
          reqs.push({ path: 1, to: id }, { path: 2, to: id }, ...[...ta.nodes.keys()].map((n) => ({ path: 2 as const, to: id, via: `node:${n}` })));
          for (const p of pods.slice(0, 6)) reqs.push({ path: 3, to: id, from: p });
          for (const sp of v.record.ports) if (sp.name) reqs.push({ path: 3, to: id, from: pods[0] as string, port: sp.name });
        }
        for (const p of pods.slice(0, 6)) for (const q of pods) reqs.push({ path: 4, to: q, from: p });
        for (const ing of original.ingresses) {
          for (const ru of ing.rules) reqs.push({ path: 1, to: `ing:${ing.namespace}/${ing.name}`, ...(ru.host ? { host: ru.host.replace('*', 'x') } : {}), requestPath: '/api' });
        }
        const shape = (topo: typeof ta, q: TraceRequest, map: (s: string) => string): string => {
          try {
            const t = tracePath(topo, q);
            return `${t.variant} ${t.outcome} ${t.badges.join(',')} | ${t.hops.map((h) => `${h.component}@${map(h.location)} ${h.elements.map(map).join(',')} ${h.transforms.map((x) => x.kind).join('+')}`).join(' > ')} | ${t.eligible.length}`;
          } catch (e) {
            return `error ${(e as Error).name}`;
          }
        };
        const nodeOf = (loc: string): string => (ta.nodes.has(loc) ? r.name('node', loc) : loc);
        let ok = 0;
        for (const q of reqs) {
          const want = shape(ta, q, (s) => (s.includes(':') ? r.id(s) : nodeOf(s)));
          expect(shape(tb, redactTraceRequest(r, q), (s) => s), JSON.stringify(q)).toBe(want);
          if (!want.startsWith('error')) ok++;
        }
        expect(ok).toBeGreaterThan(reqs.length / 2);
      });
    });
  }

  it('is deterministic and independent of record order', () => {
    const s = loadDemo('shop');
    const shuffled: ClusterSnapshot = { ...s, pods: [...s.pods].reverse(), services: [...s.services].reverse(), nodes: [...s.nodes].reverse() };
    expect(serializeSnapshot(redactSnapshot(shuffled))).toBe(serializeSnapshot(redactSnapshot(s)));
    expect(serializeSnapshot(redactSnapshot(s))).not.toBe(serializeSnapshot(s));
  });
});

/** A small cluster that exercises every address rule: pod CIDRs, ipBlocks with except, source ranges, kept ranges. */
function addressCluster(): ClusterSnapshot {
  return snapshot({
    namespaces: ['demo', namespace('other', { team: 'blue' })],
    nodes: [
      node({ name: 'n1', ip: ['192.168.1.11', 'fd00:1::11'], podCIDR: ['10.244.1.0/24', 'fd00:10:244:1::/64'] }),
      node({ name: 'n2', ip: '192.168.1.12', extIP: '203.0.113.12', podCIDR: '10.244.2.0/24' }),
    ],
    pods: [
      pod({ name: 'a', ip: ['10.244.1.5', 'fd00:10:244:1::5'], node: 'n1', labels: { app: 'a' }, ports: [{ port: 8080, name: 'http-alt' }] }),
      pod({ name: 'b', ip: '10.244.2.9', node: 'n1', labels: { app: 'b' }, ports: [80] }),
      pod({ name: 'c', ip: '10.244.2.7', node: 'n2', labels: { app: 'a' }, ports: [{ port: 8080, name: 'http-alt' }, { port: 9000, name: 'hostp', hostPort: 9000, hostIP: '0.0.0.0' }] }),
    ],
    services: [
      svc({ name: 'a', clusterIP: '10.96.0.20', selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http-alt', name: 'web' }] }),
      svc({ name: 'ext', clusterIP: '10.96.0.21', ports: [{ port: 443 }] }),
      svc({
        name: 'lb',
        type: 'LoadBalancer',
        clusterIP: '10.96.0.22',
        selector: { app: 'a' },
        ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
        lb: [{ ip: '203.0.113.10' }],
        loadBalancerSourceRanges: ['198.51.100.0/24', '192.0.2.0/25'],
      }),
      svc({ name: 'dns-name', type: 'ExternalName', externalName: 'db.corp.example.com', ports: [{ port: 5432 }] }),
    ],
    slices: [
      slice({ svc: 'ext', name: 'ext-1', ports: [{ port: 443 }], endpoints: [{ ip: '192.0.2.10' }, { ip: '127.0.0.1' }, { ip: '10.244.1.99' }] }),
      slice({ svc: 'a', name: 'a-1', ports: [{ name: 'web', port: 8080 }], endpoints: [{ ip: '10.244.1.5', pod: 'a', node: 'n1' }, { ip: '10.244.2.7', pod: 'c', node: 'n2' }] }),
      slice({ svc: 'a', name: 'a-6', addressType: 'IPv6', ports: [{ name: 'web', port: 8080 }], endpoints: [{ ip: 'fd00:10:244:1:0:0:0:5', pod: 'a', node: 'n1' }] }),
    ],
    networkPolicies: [
      netpol({
        name: 'p',
        podSelector: sel({ app: 'a' }),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [rule([{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }, { namespaceSelector: sel({ team: 'blue' }) }], [8080])],
        egress: [rule([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.96.0.0/12'] } }, { ipBlock: { cidr: '::ffff:10.244.0.0/112', except: [] } }])],
      }),
    ],
    ingresses: [
      ingress({
        name: 'web',
        className: 'nginx',
        rules: [{ host: '*.apps.example.com', paths: [{ backend: backend('a', 'web') }] }, { host: 'shop.apps.example.com', paths: [{ path: '/x', backend: backend('a', 80) }] }],
        tls: [{ hosts: ['*.apps.example.com'], secretName: 'apps-tls' }],
        lb: [{ hostname: 'lb-123.elb.example.net' }],
      }),
    ],
    ingressClasses: [ingressClass('nginx', { isDefault: true })],
  });
}

describe('address rules', () => {
  const s = addressCluster();
  const r = createRedactor([s]);
  const red = r.snapshot(s);

  const addresses = [
    ...s.nodes.flatMap((n) => n.addresses.map((a) => a.address)),
    ...s.pods.flatMap((p) => [...p.podIPs, ...p.hostIPs]),
    ...s.services.flatMap((x) => [...x.clusterIPs, ...x.lbIngress.flatMap((e) => (e.ip ? [e.ip] : []))]),
    ...s.endpointSlices.flatMap((sl) => sl.endpoints.flatMap((e) => e.addresses)),
    '198.51.100.50',
  ].filter((a) => familyOf(a));
  const cidrs = [
    ...s.nodes.flatMap((n) => n.podCIDRs),
    ...s.services.flatMap((x) => x.loadBalancerSourceRanges),
    ...s.networkPolicies.flatMap((p) => [...p.ingress, ...p.egress].flatMap((ru) => (ru.peers ?? []).flatMap((q) => (q.ipBlock ? [q.ipBlock.cidr, ...q.ipBlock.except] : [])))),
  ];

  it('keeps every address-in-CIDR relationship, in both directions', () => {
    let inside = 0;
    for (const a of addresses) {
      for (const c of cidrs) {
        const want = inCidr(a, c);
        if (want) inside++;
        expect(inCidr(r.ip(a), r.cidr(c)), `${a} in ${c}`).toBe(want);
      }
    }
    expect(inside).toBeGreaterThan(10);
  });

  it('keeps families, equality across spellings, and distinctness; never reuses an original address', () => {
    const mapped = new Map(addresses.map((a) => [a, r.ip(a)]));
    for (const [a, b] of mapped) expect(familyOf(b), a).toBe(familyOf(a));
    expect(r.ip('fd00:10:244:1:0:0:0:5')).toBe(r.ip('fd00:10:244:1::5'));
    const distinctIn = new Set(addresses.map(canonicalIP));
    const distinctOut = new Set(addresses.map((a) => r.ip(a)));
    expect(distinctOut.size).toBe(distinctIn.size);
    const kept = new Set(['127.0.0.1', '198.51.100.50', '0.0.0.0']);
    for (const a of addresses) if (!kept.has(a)) expect(addresses, a).not.toContain(r.ip(a));
    expect(r.ip('10.244.1.5')).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(r.ip('fd00:10:244:1::5')).toMatch(/^2001:db8:/);
  });

  it('keeps special and the external client addresses verbatim, and IPv4-mapped addresses follow IPv4', () => {
    expect(r.ip('127.0.0.1')).toBe('127.0.0.1');
    expect(r.ip('0.0.0.0')).toBe('0.0.0.0');
    expect(r.ip('198.51.100.50')).toBe('198.51.100.50');
    expect(r.cidr('169.254.169.254/32')).toBe('169.254.169.254/32');
    expect(r.cidr('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(r.ip('::ffff:10.244.1.5')).toBe(`::ffff:${r.ip('10.244.1.5')}`);
    expect(inCidr(r.ip('::ffff:10.244.1.5'), r.cidr('10.244.1.0/24'))).toBe(true);
    expect(red.pods.find((p) => p.ports.some((c) => c.hostIP))?.ports.find((c) => c.hostIP)?.hostIP).toBe('0.0.0.0');
    expect(r.cidr('10.0.0.1/33')).toMatch(/^cidr-\d+$/);
  });

  it('gives the same findings and verdicts on this cluster', () => {
    const codes = (x: ClusterSnapshot): string[] => findingsFor(buildTopology(x)).map((f) => `${f.code} ${f.severity}`).sort();
    expect(codes(red)).toEqual(codes(s));
    expect(codes(s)).toEqual(expect.arrayContaining(['D-ENDPOINT-INVALID error', 'D-POD-IP-OUTSIDE-CIDR info', 'D-POLICY-IPBLOCK-SERVICE-CIDR info']));
    expect(kindCounts(red)).toEqual(kindCounts(s));
    const verdicts = (x: ClusterSnapshot): string[] => allServiceAccessPoints(buildTopology(x)).flatMap((v) => v.accessPoints.map((a) => `${a.kind} ${a.reachable} ${a.outcome} ${a.notes.filter((n) => /external endpoint/.test(n)).length}`));
    expect(verdicts(red)).toEqual(verdicts(s));
    const lbTrace = (x: ClusterSnapshot, id: string): string => tracePath(buildTopology(x), { path: 1, to: id }).outcome;
    expect(lbTrace(red, r.id('svc:demo/lb'))).toBe(lbTrace(s, 'svc:demo/lb'));
  });

  it('maps hosts so wildcards and TLS cover the same hosts', () => {
    const hosts = ['*.apps.example.com', 'shop.apps.example.com', 'apps.example.com', 'a.b.apps.example.com', 'x.other.example.com'];
    for (const w of hosts) {
      for (const h of hosts.filter((x) => !x.startsWith('*'))) {
        expect(hostMatchesIngressRule(r.host(w), r.host(h)), `${w} ~ ${h}`).toBe(hostMatchesIngressRule(w, h));
        expect(tlsCovers(r.host(w), r.host(h))).toBe(tlsCovers(w, h));
      }
    }
    expect(r.host('shop.apps.example.com')).toMatch(/^host-\d+\.dom-\d+\.example$/);
    expect(r.host('SHOP.apps.example.com.')).toBe(`${r.host('shop.apps.example.com')}.`);
    expect(r.host('*.apps.example.com')).toMatch(/^\*\.dom-\d+\.example$/);
    expect(red.services.find((x) => x.type === 'ExternalName')?.externalName).toMatch(/\.example$/);
    expect(red.ingresses[0]?.lbIngress[0]?.hostname).toMatch(/^host-\d+\.dom-\d+\.example$/);
  });

  it('keeps references consistent: selectors, targetRefs, backends, class names, named ports', () => {
    const a = red.services.find((x) => x.name === r.name('service', 'a'));
    expect(a?.selector).toEqual({ app: r.label('app', 'a') });
    expect(a?.ports[0]).toMatchObject({ name: r.portName('web'), targetPort: r.portName('http-alt') });
    expect(r.portName('http-alt')).toMatch(/^http-\d+$/);
    expect(red.pods.find((p) => p.name === r.name('pod', 'a'))?.ports[0]?.name).toBe(r.portName('http-alt'));
    expect(red.endpointSlices.flatMap((sl) => sl.endpoints.flatMap((e) => (e.targetRef ? [e.targetRef.name] : [])))).toEqual([r.name('pod', 'a'), r.name('pod', 'c'), r.name('pod', 'a')]);
    expect(red.ingresses[0]?.className).toBe(red.ingressClasses[0]?.name);
    expect(red.ingresses[0]?.rules[0]?.paths[0]?.backend.service).toEqual({ name: r.name('service', 'a'), port: { name: r.portName('web') } });
    expect(red.namespaces.find((n) => n.name === r.name('namespace', 'other'))?.labels).toEqual({ 'kubernetes.io/metadata.name': r.name('namespace', 'other'), team: r.label('team', 'blue') });
    expect(red.networkPolicies[0]?.ingress[0]?.peers?.[1]?.namespaceSelector?.matchLabels).toEqual({ team: r.label('team', 'blue') });
  });

  it('keeps the protocol meaning of port names', () => {
    expect(r.portName('http')).toBe('http');
    expect(r.portName('https')).toBe('https');
    expect(r.portName('http-metrics')).toMatch(/^http-\d+$/);
    expect(r.portName('https-admin')).toMatch(/^httpx-\d+$/);
    expect(r.portName('grpc')).toMatch(/^port-\d+$/);
    expect(r.portName('')).toBe('');
  });

  it('numbers names in the order of the originals, zero-padded', () => {
    const many = snapshot({ pods: Array.from({ length: 12 }, (_, i) => pod({ name: `p${String.fromCharCode(97 + ((i * 7) % 12))}`, ip: `10.1.0.${i + 1}` })) });
    const rr = createRedactor([many]);
    const names = many.pods.map((p) => p.name).sort();
    expect(names.map((n) => rr.name('pod', n))).toEqual(Array.from({ length: 12 }, (_, i) => `pod-${String(i + 1).padStart(2, '0')}`));
    // A placeholder never equals an original of the same kind.
    const clash = snapshot({ pods: [pod({ name: 'pod-1', ip: '10.1.0.1' }), pod({ name: 'zeta', ip: '10.1.0.2' })] });
    const rc = createRedactor([clash]);
    expect([rc.name('pod', 'pod-1'), rc.name('pod', 'zeta')]).toEqual(['pod-2', 'pod-3']);
  });

  it('one redactor maps two snapshots consistently (both sides of a diff)', () => {
    const other = { ...s, pods: s.pods.slice(1) };
    const rr = createRedactor([s, other]);
    const x = rr.snapshot(s);
    const y = rr.snapshot(other);
    expect(y.pods).toEqual(x.pods.slice(1));
    expect(y.services).toEqual(x.services);
  });

  it('maps trace requests: IDs, node names and addresses, endpoints, hosts, port names and DNS names', () => {
    const q = redactTraceRequest(r, { path: 3, to: 'svc:demo/a', from: 'pod:demo/b', via: '192.168.1.11', endpoint: 'c', host: 'shop.apps.example.com', port: 'web', name: 'a.demo' });
    expect(q).toEqual({
      path: 3,
      to: r.id('svc:demo/a'),
      from: r.id('pod:demo/b'),
      via: r.ip('192.168.1.11'),
      endpoint: r.name('pod', 'c'),
      host: r.host('shop.apps.example.com'),
      port: r.portName('web'),
      name: `${r.name('service', 'a')}.${r.name('namespace', 'demo')}`,
    });
    expect(redactTraceRequest(r, { path: 2, to: 'svc:demo/lb', via: 'n2', port: 80 })).toEqual({ path: 2, to: r.id('svc:demo/lb'), via: r.name('node', 'n2'), port: 80 });
    expect(r.id('ext:client')).toBe('ext:client');
    expect(r.id('lb:demo/lb')).toBe(`lb:${r.name('namespace', 'demo')}/${r.name('service', 'lb')}`);
  });

  it('replaces load balancer error texts and keeps the rest of the status', () => {
    const withErr = snapshot({
      services: [svc({ name: 'x', type: 'LoadBalancer', clusterIP: '10.96.0.9', ports: [{ port: 80, nodePort: 30009 }], lb: [{ ip: '203.0.113.9', ipMode: 'Proxy', ports: [{ port: 80, protocol: 'TCP', error: 'quota exceeded for project acme-prod' }] }] })],
    });
    const out = redactSnapshot(withErr).services[0]?.lbIngress[0];
    expect(out).toMatchObject({ ipMode: 'Proxy', ports: [{ port: 80, protocol: 'TCP', error: 'redacted' }] });
    expect(JSON.stringify(out)).not.toContain('acme');
  });
});

describe('AccessKind coverage', () => {
  it('the demos together exercise most access kinds under redaction', () => {
    const kinds = new Set<AccessKind>();
    for (const n of DEMO_NAMES) for (const k of Object.keys(kindCounts(redactSnapshot(loadDemo(n))))) kinds.add(k as AccessKind);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['ClusterDNS', 'ClusterIP', 'ExternalName', 'HeadlessDNS', 'HostPort', 'Ingress', 'LoadBalancer', 'NodePort', 'PodIP']));
  });
});
