// Live clusters against the real control plane: the reflectors' list+watch, the shared feed's
// deltas, projection on arrival (canaries never leak), a real 410 from the API server, and a
// viewer with a namespaced Role only (partial picture, no request loop).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KubeHttp } from '../../lib/k8s/http';
import { kubeConfigFor, loadKubeconfig } from '../../lib/k8s/kubeconfig';
import { Reflector } from '../../lib/k8s/reflector';
import { RESOURCES } from '../../lib/k8s/resources';
import { LiveFeed } from '../../lib/server/live-feed';
import { PROJECTORS } from '../../lib/snapshot/project';
import { SNAPSHOT_KINDS, type SnapshotKind } from '../../lib/snapshot/records';
import { fieldOf, type DeltaMessage } from '../../lib/snapshot/stream';
import { createNode, waitForNodeReady, waitForPodIP, type KubeClient } from '../../scripts/cluster/harness';
import { testCluster, testNamespace } from './cluster';

const { info, admin, viewer } = testCluster();
const feeds: LiveFeed[] = [];

function httpFor(context: string, kubeconfigPath = info.kubeconfigPath): KubeHttp {
  return new KubeHttp(kubeConfigFor(loadKubeconfig({ paths: [kubeconfigPath] }), context));
}

function feedFor(context: string): LiveFeed {
  const feed = new LiveFeed({ id: `ctx:${context}`, context, http: httpFor(context) });
  feeds.push(feed);
  return feed;
}

/** Collects deltas and waits for one that satisfies a predicate. */
function recorder(feed: LiveFeed): { deltas: DeltaMessage[]; waitFor: (what: string, pred: (d: DeltaMessage) => boolean, ms?: number) => Promise<number> } {
  const deltas: DeltaMessage[] = [];
  const waiters: (() => void)[] = [];
  feed.subscribe((d) => {
    deltas.push(d);
    for (const w of waiters.splice(0)) w();
  });
  return {
    deltas,
    waitFor: async (what, pred, ms = 2_000) => {
      const start = Date.now();
      for (;;) {
        if (deltas.some(pred)) return Date.now() - start;
        if (Date.now() - start > ms) throw new Error(`no delta with ${what} within ${ms} ms (got ${deltas.length} deltas)`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
  };
}

/** The oracle: a fresh LIST of every kind through the same projector. */
async function oracle(client: KubeClient): Promise<Record<SnapshotKind, Map<string, unknown>>> {
  const out = {} as Record<SnapshotKind, Map<string, unknown>>;
  for (const k of SNAPSHOT_KINDS) {
    const r = RESOURCES[k];
    const list = (await client.get(`${r.prefix}/${r.resource}`)) as { items: unknown[] };
    out[k] = new Map(list.items.map((o) => {
      const rec = PROJECTORS[k](o as Record<string, unknown>) as { uid: string };
      return [rec.uid, rec];
    }));
  }
  return out;
}

const node = `live-${Math.random().toString(36).slice(2, 7)}`;

beforeAll(async () => {
  await createNode(admin, { name: node });
  await waitForNodeReady(admin, node);
});

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
});

afterAll(async () => {
  await admin.delete(`/api/v1/nodes/${node}`).catch(() => undefined);
});

describe('live feed on the admin context', () => {
  it('objects created, changed and deleted appear as deltas within 2 s, and the result equals a fresh LIST', async () => {
    const ns = await testNamespace(admin, 'live');
    const feed = feedFor('admin');
    const first = await feed.current();
    expect(first.snapshot.meta).toMatchObject({ source: 'live', context: 'admin', serverVersion: info.version });
    expect(Object.values(first.status).every((s) => s?.state === 'live')).toBe(true);
    const rec = recorder(feed);

    await admin.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns.name }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    const tCreate = await rec.waitFor('Service web upserted', (d) => d.changes.some((c) => c.op === 'upsert' && c.kind === 'Service' && c.record.name === 'web' && c.record.namespace === ns.name));
    await admin.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: ns.name, labels: { app: 'web' } },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'example.invalid/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
    });
    await waitForPodIP(admin, ns.name, 'web-1');
    // The real EndpointSlice controller writes the slice; it must reach the feed too.
    await rec.waitFor('EndpointSlice for web with an endpoint', (d) => d.changes.some((c) => c.op === 'upsert' && c.kind === 'EndpointSlice' && c.record.serviceName === 'web' && c.record.endpoints.length === 1), 10_000);

    await admin.mergePatch(`/api/v1/namespaces/${ns.name}/services/web`, { metadata: { labels: { tier: 'front' } } });
    const tChange = await rec.waitFor('Service web relabelled', (d) => d.changes.some((c) => c.op === 'upsert' && c.kind === 'Service' && c.record.name === 'web' && c.record.labels['tier'] === 'front'));

    await admin.delete(`/api/v1/namespaces/${ns.name}/services/web`);
    const tDelete = await rec.waitFor('Service web deleted', (d) => d.changes.some((c) => c.op === 'delete' && c.kind === 'Service'));
    expect(Math.max(tCreate, tChange, tDelete)).toBeLessThan(2_000);

    // Converged: the feed's model equals a fresh LIST through the same projector.
    await new Promise((r) => setTimeout(r, 500));
    const mine = await feed.current();
    const truth = await oracle(admin);
    for (const k of SNAPSHOT_KINDS) {
      const have = new Map((mine.snapshot[fieldOf(k)] as readonly { uid: string }[]).map((r) => [r.uid, r]));
      expect([...have.keys()].sort(), `${k} uids`).toEqual([...truth[k].keys()].sort());
      for (const [uid, rec2] of truth[k]) expect(have.get(uid), `${k} ${uid}`).toEqual(rec2);
    }
    // Versions only grow.
    const versions = rec.deltas.map((d) => d.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(first.version);
  });

  it('planted canaries in annotations, env and args never appear in any delta or snapshot', async () => {
    const cns = await testNamespace(admin, 'canary');
    const feed = feedFor('admin');
    await feed.current();
    const rec = recorder(feed);
    const canary = `CANARY-${Math.random().toString(36).slice(2)}`;
    await admin.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'c1', namespace: cns.name, labels: { app: 'c' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"secret":"${canary}-ann"}`, note: `${canary}-note` } },
      spec: { nodeName: node, containers: [{ name: 'c', image: `example.invalid/${canary.toLowerCase()}:1`, env: [{ name: 'TOKEN', value: `${canary}-env` }], args: [`--password=${canary}-arg`], command: [`${canary}-cmd`] }] },
    });
    await admin.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c', namespace: cns.name, annotations: { secret: `${canary}-svc` } }, spec: { selector: { app: 'c' }, ports: [{ port: 80 }] } });
    await rec.waitFor('the canary pod', (d) => d.changes.some((c) => c.op === 'upsert' && c.kind === 'Pod' && c.record.name === 'c1'));
    await rec.waitFor('the canary service', (d) => d.changes.some((c) => c.op === 'upsert' && c.kind === 'Service' && c.record.name === 'c'));
    const everything = JSON.stringify(rec.deltas) + JSON.stringify(await feed.current());
    expect(everything).toContain('c1');
    expect(everything.toLowerCase()).not.toContain(canary.toLowerCase());
  });

  it('a watch from an expired resourceVersion gets 410 from the API server and causes exactly one relist', async () => {
    const records = new Map<string, unknown>();
    let resets = 0;
    const reflector = new Reflector({
      http: httpFor('admin'),
      resource: RESOURCES.IngressClass,
      sink: {
        reset: (rs) => {
          resets++;
          records.clear();
          for (const r of rs) records.set(r.uid, r);
        },
        upsert: (r) => records.set(r.uid, r),
        remove: (uid) => records.delete(uid),
        status: () => undefined,
      },
    });
    reflector.start();
    await expect.poll(() => resets, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => reflector.stats.watches, { timeout: 5_000 }).toBe(1);
    // IngressClass watches bypass the watch cache (harness flag), as on servers with the cache off.
    // Make the reflector's position ancient (as after a long partition), compact etcd past it, and
    // end the watch: the server answers the re-watch with "too old resource version" (410).
    const head = ((await admin.get('/api/v1/namespaces')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const compacted = await fetch(`http://127.0.0.1:${info.ports.etcd}/v3/kv/compaction`, { method: 'POST', body: JSON.stringify({ revision: head, physical: true }) });
    expect(compacted.status).toBe(200);
    (reflector as unknown as { rv: string }).rv = '1';
    (reflector as unknown as { abort: AbortController }).abort.abort();
    await expect.poll(() => resets, { timeout: 10_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(resets).toBe(2);
    expect(reflector.stats.relists).toBe(1);
    expect(reflector.stats.lists).toBe(2);
    await reflector.stop();
  });
});

describe('the viewer context with a Role in one namespace only', () => {
  it('gets that namespace\'s pods and services, a no-permission marker for nodes, and no request loop', async () => {
    const vns = await testNamespace(admin, 'viewer');
    const other = await testNamespace(admin, 'other');
    for (const n of [vns.name, other.name]) {
      await admin.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: n }, spec: { ports: [{ port: 80 }] } });
    }
    await admin.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'kubepath-view', namespace: vns.name },
      rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['list', 'watch'] }],
    });
    await admin.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'kubepath-view', namespace: vns.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kubepath-view' },
      subjects: [{ kind: 'User', name: 'kubepath-viewer', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    // RBAC takes effect once the API server's authorizer has seen the binding.
    await expect.poll(async () => (await viewer.request('GET', `/api/v1/namespaces/${vns.name}/pods`)).status, { timeout: 10_000 }).toBe(200);
    // A kubeconfig whose viewer context defaults to the granted namespace, as an operator's would.
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-viewer-'));
    const kcPath = join(dir, 'config');
    writeFileSync(
      kcPath,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: info.server, 'certificate-authority-data': info.caData } }],
        users: [{ name: 'viewer', user: { token: info.viewerToken } }],
        contexts: [{ name: 'viewer', context: { cluster: 'c', user: 'viewer', namespace: vns.name } }],
        'current-context': 'viewer',
      }),
    );
    const feed = new LiveFeed({ id: 'ctx:viewer', context: 'viewer', http: httpFor('viewer', kcPath), fallbackNamespaces: [vns.name], reflector: { forbiddenRetryMs: 300_000 } });
    feeds.push(feed);
    const msg = await feed.current();
    expect(msg.status.Pod).toMatchObject({ state: 'live', namespaces: [vns.name] });
    expect(msg.status.Service).toMatchObject({ state: 'live', namespaces: [vns.name] });
    expect(msg.status.Node?.state).toBe('forbidden');
    expect(msg.status.Node?.message).toMatch(/cannot list nodes cluster-wide/);
    expect(msg.status.EndpointSlice?.state).toBe('forbidden');
    expect(msg.snapshot.services.map((s) => `${s.namespace}/${s.name}`)).toEqual([`${vns.name}/svc`]);
    expect(msg.snapshot.nodes).toEqual([]);
    // No retry storm on forbidden kinds: one list attempt each over the next seconds.
    await new Promise((r) => setTimeout(r, 3_000));
    const stats = feed.stats();
    expect(stats.Node?.lists).toBe(1);
    expect(stats.EndpointSlice?.lists).toBe(1);
  });
});
