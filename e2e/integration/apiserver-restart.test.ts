// kube-apiserver killed (SIGKILL) and restarted under a live feed: kinds go stale within 5 s, the
// feed recovers by itself and converges to a fresh LIST, and the process holds exactly one API
// server connection per reflector. This file starts its own control plane so the restart cannot
// disturb other test files.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KubeHttp } from '../../lib/k8s/http';
import { kubeConfigFor, loadKubeconfig } from '../../lib/k8s/kubeconfig';
import { RESOURCES } from '../../lib/k8s/resources';
import { LiveFeed } from '../../lib/server/live-feed';
import { PROJECTORS } from '../../lib/snapshot/project';
import { SNAPSHOT_KINDS } from '../../lib/snapshot/records';
import { fieldOf, type DeltaMessage } from '../../lib/snapshot/stream';
import { startCluster, type Cluster } from '../../scripts/cluster/harness';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ log: () => undefined });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Established TCP connections from this process to a loopback port (from /proc: sockets we own). */
function connectionsTo(port: number): number {
  const mine = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) mine.add(m[1] as string);
    } catch {
      // fd closed meanwhile
    }
  }
  let n = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const remotePort = parseInt((f[2] as string).split(':')[1] as string, 16);
      if (remotePort === port && f[3] === '01' && mine.has(f[9] as string)) n++;
    }
  }
  return n;
}

it('stale within 5 s of the kill, recovers without help, converges to a fresh LIST, one connection per reflector', async () => {
  const http = new KubeHttp(kubeConfigFor(loadKubeconfig({ paths: [cluster.kubeconfigPath] }), 'admin'));
  const feed = new LiveFeed({ id: 'ctx:admin', context: 'admin', http, reflector: { backoffMaxMs: 2_000 } });
  try {
    await feed.current();
    const deltas: { at: number; d: DeltaMessage }[] = [];
    feed.subscribe((d) => deltas.push({ at: Date.now(), d }));
    // Only the feed's sockets count: the harness's own client keeps its connections in this process too.
    cluster.admin.close();
    await expect.poll(() => connectionsTo(cluster.ports.apiserver), { timeout: 10_000 }).toBe(feed.reflectorCount);

    const killedAt = Date.now();
    const restarted = cluster.restart('kube-apiserver', { downMs: 6_000 });
    await expect.poll(() => deltas.find((x) => x.d.status && Object.values(x.d.status).every((s) => s?.state === 'stale')), { timeout: 5_000, interval: 50 }).toBeTruthy();
    const staleAt = deltas.find((x) => x.d.status && Object.values(x.d.status).every((s) => s?.state === 'stale'))?.at as number;
    expect(staleAt - killedAt).toBeLessThan(5_000);
    const stale = await feed.current();
    expect(stale.status.Pod?.message).toMatch(/cannot reach the API server/);
    await restarted;

    // Back to live by itself (no new feed, no reload), and a change made after the restart arrives.
    await expect.poll(async () => Object.values((await feed.current()).status).every((s) => s?.state === 'live'), { timeout: 30_000, interval: 200 }).toBe(true);
    await cluster.admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-restart' } });
    await expect.poll(() => deltas.some((x) => x.d.changes.some((c) => c.op === 'upsert' && c.kind === 'Namespace' && c.record.name === 'after-restart')), { timeout: 5_000 }).toBe(true);

    // Converged: equal to a fresh LIST through the same projector.
    await new Promise((r) => setTimeout(r, 300));
    const mine = await feed.current();
    for (const k of SNAPSHOT_KINDS) {
      const r = RESOURCES[k];
      const list = (await cluster.admin.get(`${r.prefix}/${r.resource}`)) as { items: Record<string, unknown>[] };
      const truth = new Map(list.items.map((o) => [(PROJECTORS[k](o) as { uid: string }).uid, PROJECTORS[k](o)]));
      const have = new Map((mine.snapshot[fieldOf(k)] as readonly { uid: string }[]).map((x) => [x.uid, x]));
      expect([...have.keys()].sort(), k).toEqual([...truth.keys()].sort());
      for (const [uid, rec] of truth) expect(have.get(uid), `${k} ${uid}`).toEqual(rec);
    }
    cluster.admin.close();
    await expect.poll(() => connectionsTo(cluster.ports.apiserver), { timeout: 10_000 }).toBe(feed.reflectorCount);
  } finally {
    await feed.stop();
  }
}, 120_000);
