// The CLI against the real control plane: `--context` reads, and a saved snapshot that reopens
// offline with the same access points.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../bin/cli';
import { createNode, waitForEndpointSlices, waitForNodeReady, waitForPodIP } from '../../scripts/cluster/harness';
import { testCluster, testNamespace } from './cluster';

const { info, admin } = testCluster();

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('kubepath against a live context', () => {
  it('urls --context lists the allocated ClusterIP and NodePorts; snapshot reopens offline with the same access points', async () => {
    const node = `cli-${Math.random().toString(36).slice(2, 7)}`;
    await createNode(admin, { name: node });
    await waitForNodeReady(admin, node);
    const ns = await testNamespace(admin, 'cli');
    await admin.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns.name }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    await admin.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: ns.name, labels: { app: 'web' } },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'example.invalid/web:1', ports: [{ containerPort: 8080 }] }] },
    });
    const pod = await waitForPodIP(admin, ns.name, 'web-1');
    await waitForEndpointSlices(admin, ns.name, 'web', (slices) => slices.some((s) => (s.endpoints ?? []).length > 0));
    const svc = (await admin.get(`/api/v1/namespaces/${ns.name}/services/web`)) as { spec: { clusterIP: string; ports: { nodePort: number }[] } };

    const live = await cli('urls', '--context', 'admin', '--kubeconfig', info.kubeconfigPath, '-n', ns.name, '--json');
    expect(live.code, live.err).toBe(0);
    const json = JSON.parse(live.out) as { cluster: { source: string; serverVersion: string }; services: { id: string; accessPoints: { kind: string; url: string; reachable: boolean; node?: string }[] }[] };
    expect(json.cluster).toMatchObject({ source: 'live', serverVersion: info.version });
    const aps = json.services.find((s) => s.id === `svc:${ns.name}/web`)?.accessPoints ?? [];
    expect(aps).toContainEqual(expect.objectContaining({ kind: 'ClusterIP', url: `tcp://${svc.spec.clusterIP}:80`, reachable: true }));
    expect(aps).toContainEqual(expect.objectContaining({ kind: 'PodIP', url: `tcp://${pod.status?.podIP}:8080` }));
    const nodePort = svc.spec.ports[0]?.nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(aps.filter((a) => a.kind === 'NodePort' && a.node === node).map((a) => a.url)).toEqual([expect.stringMatching(new RegExp(`:${nodePort}$`))]);

    const snap = await cli('snapshot', '--context', 'admin', '--kubeconfig', info.kubeconfigPath);
    expect(snap.code, snap.err).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'kubepath-snap-')), 'cluster.json');
    writeFileSync(file, snap.out);
    const offline = await cli('urls', '--snapshot', file, '-n', ns.name, '--json');
    expect(offline.code, offline.err).toBe(0);
    const off = JSON.parse(offline.out) as typeof json;
    expect(off.services).toEqual(json.services);
  });

  it('a context that cannot be reached gets one clear line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-bad-'));
    const kc = join(dir, 'config');
    // A closed loopback port: refused at once, never a real address.
    writeFileSync(kc, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], users: [{ name: 'u', user: { token: 'x' } }], contexts: [{ name: 'dead', context: { cluster: 'c', user: 'u' } }], 'current-context': 'dead' }));
    const r = await cli('urls', '--context', 'dead', '--kubeconfig', kc);
    expect(r.code).toBe(2);
    expect(r.err).toBe('kubepath: cannot reach the API server: connection refused\n');
  });
});
