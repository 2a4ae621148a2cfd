import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoObjects, loadDemo } from '../lib/demo/demo-clusters';
import { serializeSnapshot } from '../lib/snapshot/serialize';
import { runCli } from './cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

interface UrlsJson {
  services: { id: string; namespace: string; name: string; type: string; accessPoints: { kind: string; url: string; scope: string; reachable: boolean; reason?: string; node?: string }[] }[];
  pods: { id: string; accessPoints: { kind: string; url: string }[] }[];
}

describe('kubepath urls', () => {
  it('lists webapp NodePorts on every node at 30081 (refused, §2.2) and the hostPort only on n2', async () => {
    const { code, out } = await run('urls', '--demo', 'seed', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as UrlsJson;
    const webapp = json.services.find((s) => s.id === 'svc:default/webapp');
    expect(webapp).toMatchObject({ namespace: 'default', name: 'webapp', type: 'NodePort' });
    const nodePorts = webapp?.accessPoints.filter((a) => a.kind === 'NodePort') ?? [];
    expect(nodePorts.map((a) => [a.url, a.node, a.scope, a.reachable])).toEqual([
      ['tcp://192.168.1.11:30081', 'n1', 'node:n1', false],
      ['tcp://192.168.1.12:30081', 'n2', 'node:n2', false],
      ['tcp://192.168.1.13:30081', 'n3', 'node:n3', false],
    ]);
    for (const np of nodePorts) expect(np.reason).toMatch(/forwards to port 80.*declares only 8080/);
    const hostPorts = webapp?.accessPoints.filter((a) => a.kind === 'HostPort') ?? [];
    expect(hostPorts.map((a) => [a.url, a.node, a.reachable])).toEqual([['tcp://192.168.1.12:8081', 'n2', true]]);
  });

  it('prints a readable table and filters by service and namespace', async () => {
    const { code, out } = await run('urls', '--demo', 'reference', '--service', 'demo/web');
    expect(code).toBe(0);
    expect(out).toMatch(/^demo\/web {2}\(LoadBalancer 10\.96\.100\.10\)/);
    expect(out).toContain('LoadBalancer  tcp://203.0.113.10:8080');
    expect(out).not.toContain('demo/api ');
    const ns = await run('urls', '--demo', 'reference', '-n', 'kube-system', '--json');
    expect((JSON.parse(ns.out) as UrlsJson).services.map((s) => s.id)).toEqual(['svc:kube-system/kube-dns']);
  });

  it('lists hostPort pods that no Service covers', async () => {
    const json = JSON.parse((await run('urls', '--demo', 'reference', '--json')).out) as UrlsJson;
    expect(json.pods.map((p) => [p.id, p.accessPoints.map((a) => a.url)])).toEqual([['pod:demo/hp', ['tcp://192.168.1.13:8081']]]);
  });

  it('reads a snapshot file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-cli-'));
    const file = join(dir, 'snap.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'List',
        items: [{ kind: 'Service', metadata: { name: 'x', namespace: 'n' }, spec: { clusterIP: '10.96.0.9', ports: [{ port: 53, protocol: 'UDP' }] } }],
      }),
    );
    const json = JSON.parse((await run('urls', '--snapshot', file, '--json')).out) as UrlsJson;
    expect(json.services[0]?.accessPoints[0]).toMatchObject({ kind: 'ClusterIP', url: 'udp://10.96.0.9:53', reachable: false });
  });
});

describe('kubepath trace', () => {
  it('path ② on the seed demo steps through the hops in order', async () => {
    const { code, out } = await run('trace', '--demo', 'seed', '--path', '2', '--to', 'svc:default/webapp', '--via', 'node:n3', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as { flow: string; outcome: string; hops: { component: string; location: string; transforms: { kind: string; to?: string }[] }[] };
    expect(r.flow).toBe('②');
    expect(r.hops.map((h) => `${h.component}@${h.location}`)).toEqual(['client@outside', 'netfilter@n3', 'pod-network@n3', 'pod@n2']);
    expect(r.hops[1]?.transforms).toEqual([{ kind: 'DNAT', to: '10.244.2.20:80' }, { kind: 'SNAT', to: '192.168.1.13' }]);
    expect(r.outcome).toBe('REFUSED');
  });

  it('prints hops as a table with the outcome', async () => {
    const { out } = await run('trace', '--demo', 'reference', '--path', '3', '--from', 'pod:demo/web-1', '--to', 'svc:demo/api');
    expect(out.split('\n')[0]).toBe('path ③ F3-base: OK');
    expect(out).toContain('DNAT 10.96.100.20:80 → 10.244.1.9:9376');
    expect(out).toContain('backend sees: src 10.244.1.5, dst 10.244.1.9:9376');
  });
});

describe('kubepath check', () => {
  it('exits 1 when a finding is an error, 0 otherwise', async () => {
    const shop = await run('check', '--demo', 'shop', '--json');
    expect(shop.code).toBe(1);
    const json = JSON.parse(shop.out) as { errors: number; findings: { code: string; subject: string }[] };
    expect(json.errors).toBeGreaterThan(0);
    expect(json.findings).toContainEqual(expect.objectContaining({ code: 'D-SELECTOR-NO-PODS', subject: 'svc:shop/ads' }));
    const ref = await run('check', '--demo', 'reference');
    expect(ref.code).toBe(0);
    expect(ref.out).toContain('D-HOSTPORT-PINNED');
  });
});

function tmpFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubepath-cli-')), name);
  writeFileSync(file, text);
  return file;
}

/** The shop demo with Service ingress/ic switched to externalTrafficPolicy Local, as kubectl JSON. */
function shopEtpLocal(): string {
  const raw = structuredClone(demoObjects('shop')) as { items: { kind: string; metadata: { name: string }; spec: Record<string, unknown> }[] };
  const ic = raw.items.find((i) => i.kind === 'Service' && i.metadata.name === 'ic');
  if (ic) ic.spec.externalTrafficPolicy = 'Local';
  return JSON.stringify(raw);
}

describe('kubepath diff', () => {
  const a = tmpFile('a.json', serializeSnapshot(loadDemo('shop')));
  const b = tmpFile('b.json', shopEtpLocal());

  it('exits 0 and says so when the snapshots are the same', async () => {
    const same = await run('diff', a, tmpFile('a2.json', JSON.stringify(demoObjects('shop'))));
    expect(same).toEqual({ code: 0, out: 'no differences\n', err: '' });
    const json = await run('diff', a, a, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ identical: true, endpoints: [], elements: { added: [], removed: [], changed: [] } });
  });

  it('exits 1 and prints the changes when they differ', async () => {
    const { code, out, err } = await run('diff', a, b);
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).toContain('changed  svc:ingress/ic\n    externalTrafficPolicy: Cluster → Local');
    expect(out).toContain('appeared  info  D-ETP-LOCAL-NODES-WITHOUT-ENDPOINTS  svc:ingress/ic');
    const json = await run('diff', a, b, '--json');
    expect(json.code).toBe(1);
    const d = JSON.parse(json.out) as { identical: boolean; services: { changed: { id: string; changes: { field: string; before: string; after: string }[] }[] }; accessPoints: { changed: { url: string; before: { outcome: string }; after: { outcome: string } }[] }; elements: { changed: string[] } };
    expect(d.identical).toBe(false);
    expect(d.services.changed).toEqual([expect.objectContaining({ id: 'svc:ingress/ic', changes: [{ field: 'externalTrafficPolicy', before: 'Cluster', after: 'Local' }] })]);
    expect(d.accessPoints.changed).toHaveLength(10);
    expect(d.elements.changed).toEqual(['svc:ingress/ic']);
  });

  it('--redact redacts both files with one mapping', async () => {
    const { code, out } = await run('diff', a, b, '--json', '--redact');
    expect(code).toBe(1);
    expect(out).not.toMatch(/ingress\/ic|worker-|10\.0\.1\.11|198\.51\.100\.1[1-3]/);
    const d = JSON.parse(out) as { services: { changed: { id: string; changes: { field: string }[] }[] }; elements: { changed: string[] } };
    expect(d.services.changed.map((s) => s.changes.map((c) => c.field))).toEqual([['externalTrafficPolicy']]);
    expect(d.elements.changed).toEqual([d.services.changed[0]?.id]);
  });

  const bad: [string, string[], RegExp][] = [
    ['one file', ['diff', '/nonexistent/a.json'], /^kubepath: diff needs two snapshot files/],
    ['no such file', ['diff', '/nonexistent/a.json', '/nonexistent/b.json'], /^kubepath: \/nonexistent\/a\.json: no such file\n$/],
    ['three files', ['diff', 'a', 'b', 'c'], /^kubepath: unexpected argument "c"\n$/],
    ['a source flag', ['diff', 'a', 'b', '--demo', 'shop'], /^kubepath: diff compares two snapshot files/],
  ];
  for (const [name, argv, re] of bad) {
    it(`exits 2 on bad usage: ${name}`, async () => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    });
  }

  it('exits 2 on a file that is not a snapshot', async () => {
    const r = await run('diff', a, tmpFile('broken.json', '{"kind": "List", "items": [ {"kind": "Service"'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kubepath: broken\.json/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('--redact', () => {
  it('urls: same access points, none of the original names or addresses; filters are mapped too', async () => {
    const plain = JSON.parse((await run('urls', '--demo', 'reference', '--json')).out) as UrlsJson;
    const red = await run('urls', '--demo', 'reference', '--json', '--redact');
    expect(red.code).toBe(0);
    const json = JSON.parse(red.out) as UrlsJson & { cluster: { context: string } };
    expect(json.cluster.context).toBe('redacted');
    const shape = (j: UrlsJson): string[] => j.services.map((s) => `${s.type} ${s.accessPoints.map((ap) => `${ap.kind}:${ap.reachable}`).join(',')}`).sort();
    expect(shape(json)).toEqual(shape(plain));
    expect(red.out).not.toMatch(/svc:demo|"namespace": "demo"|web-1|api-hl|192\.168\.1\.|10\.244\.|203\.0\.113\.10|shop\.example\.com/);
    const one = JSON.parse((await run('urls', '--demo', 'reference', '--json', '--redact', '--service', 'demo/web')).out) as UrlsJson;
    expect(one.services).toHaveLength(1);
    expect(one.services[0]?.type).toBe('LoadBalancer');
    const ns = JSON.parse((await run('urls', '--demo', 'reference', '--json', '--redact', '-n', 'demo')).out) as UrlsJson;
    expect(ns.services).toHaveLength(3);
  });

  it('trace: the IDs given are mapped, the hops are the same, the output is redacted', async () => {
    const argv = ['trace', '--demo', 'seed', '--path', '2', '--to', 'svc:default/webapp', '--via', 'node:n3', '--json'];
    const plain = JSON.parse((await run(...argv)).out) as { outcome: string; hops: { component: string }[] };
    const red = await run(...argv, '--redact');
    expect(red.code).toBe(0);
    const r = JSON.parse(red.out) as { request: { to: string; via: string }; outcome: string; hops: { component: string; transforms: { to?: string }[] }[] };
    expect(r.outcome).toBe(plain.outcome);
    expect(r.hops.map((h) => h.component)).toEqual(plain.hops.map((h) => h.component));
    expect(r.request.to).toMatch(/^svc:ns-\d+\/svc-\d+$/);
    expect(r.request.via).toMatch(/^node:node-\d+$/);
    expect(red.out).not.toMatch(/webapp|"n3"|192\.168\.1\.13|10\.244\.2\.20/);
  });

  it('check: same findings and exit status; snapshot: a redacted, parseable file', async () => {
    const plain = JSON.parse((await run('check', '--demo', 'shop', '--json')).out) as { findings: { code: string }[] };
    const red = await run('check', '--demo', 'shop', '--json', '--redact');
    expect(red.code).toBe(1);
    const json = JSON.parse(red.out) as { findings: { code: string; subject: string }[] };
    expect(json.findings.map((f) => f.code)).toEqual(plain.findings.map((f) => f.code));
    expect(red.out).not.toMatch(/svc:shop\/ads|adservice|worker-1/);
    const snap = await run('snapshot', '--demo', 'shop', '--redact');
    expect(snap.code).toBe(0);
    expect(snap.out).not.toMatch(/frontend|catalog|worker-|eu-central|shop\.example\.com|203\.0\.113\.50/);
    const again = await run('urls', '--snapshot', tmpFile('red.json', snap.out), '--json');
    expect(again.code).toBe(0);
    expect((JSON.parse(again.out) as UrlsJson).services).toHaveLength(16);
  });
});

describe('usage errors: one line on stderr, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown flag', ['urls', '--bogus'], /^kubepath: Unknown option '--bogus'\n$/],
    ['unknown command', ['frobnicate'], /^kubepath: unknown command "frobnicate"/],
    ['missing file', ['urls', '--snapshot', '/nonexistent/x.json'], /^kubepath: \/nonexistent\/x\.json: no such file\n$/],
    ['unknown demo', ['urls', '--demo', 'nope'], /^kubepath: unknown demo "nope" \(demos: seed, reference, shop\)\n$/],
    ['bad ID', ['trace', '--path', '3', '--from', 'pod:demo/web-1', '--to', 'svc:nope'], /^kubepath: bad ID "svc:nope"/],
    ['unknown Service', ['trace', '--demo', 'reference', '--path', '1', '--to', 'svc:demo/nope'], /^kubepath: no Service svc:demo\/nope in this cluster\n$/],
    ['bad path', ['trace', '--path', '7', '--to', 'svc:a/b'], /^kubepath: --path must be 1, 2, 3 or 4/],
    ['two sources', ['urls', '--demo', 'seed', '--snapshot', 'x.json'], /^kubepath: choose one source/],
  ];
  for (const [name, argv, re] of cases) {
    it(name, async () => {
      const { code, err, out } = await run(...argv);
      expect(code).toBe(2);
      expect(err).toMatch(re);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(out).toBe('');
    });
  }
});

describe('the installed bin', () => {
  it('runs through bin/kubepath.mjs with the right exit status', () => {
    const r = spawnSync(process.execPath, [join(__dirname, 'kubepath.mjs'), 'check', '--demo', 'shop'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('D-SELECTOR-NO-PODS');
    const bad = spawnSync(process.execPath, [join(__dirname, 'kubepath.mjs'), 'urls', '--nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
