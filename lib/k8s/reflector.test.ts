// Reflector faults that must be timed exactly (429 series, expired continue tokens, silent streams,
// 5xx backoff) against a scripted API. The same reflector runs against the real kube-apiserver in
// e2e/integration/live-feed.test.ts (deltas, a real 410 after etcd compaction, RBAC).
import { afterEach, describe, expect, it } from 'vitest';
import type { KindStatus } from '../snapshot/stream';
import { KubeApiError } from './errors';
import type { KubeHttp, RequestMeta } from './http';
import { Reflector } from './reflector';
import { RESOURCES } from './resources';

const svc = (name: string, rv: string) => ({ kind: 'Service', metadata: { name, namespace: 'd', uid: `uid-${name}`, resourceVersion: rv }, spec: { ports: [{ port: 80 }] } });

type WatchMeta = RequestMeta & { onLine: (l: string) => void; onActivity?: () => void; onOpen?: () => void };
interface Call {
  path: string;
  at: number;
}

/** A scripted API: `lists` and `watches` are consumed in order; each entry decides one request. */
class ScriptedApi implements Pick<KubeHttp, 'getJson' | 'watch'> {
  calls: Call[] = [];
  constructor(
    public lists: ((path: string) => unknown)[],
    public watches: ((m: WatchMeta) => Promise<void>)[],
  ) {}
  async getJson(path: string): Promise<unknown> {
    this.calls.push({ path, at: Date.now() });
    const next = this.lists.shift();
    if (!next) throw new KubeApiError('unreachable', 'script exhausted');
    return next(path);
  }
  async watch(path: string, meta: WatchMeta): Promise<void> {
    this.calls.push({ path, at: Date.now() });
    const next = this.watches.shift();
    if (!next) {
      // An established watch that stays silent until aborted.
      meta.onOpen?.();
      return new Promise<void>((_r, reject) => meta.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    }
    return next(meta);
  }
}

const page = (items: unknown[], rv: string, cont?: string) => () => ({ metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) }, items });
const throttled = (ms: number) => () => Promise.reject(new KubeApiError('throttled', 'too many requests', { status: 429, retryAfterMs: ms }));
const events = (...lines: unknown[]) => (m: WatchMeta) => {
  m.onOpen?.();
  for (const l of lines) {
    m.onActivity?.();
    m.onLine(JSON.stringify(l));
  }
  return Promise.resolve();
};

const running: Reflector[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function reflector(api: ScriptedApi, extra: Partial<ConstructorParameters<typeof Reflector>[0]> = {}) {
  const statuses: KindStatus[] = [];
  const resets: string[][] = [];
  const upserts: string[] = [];
  const r = new Reflector({
    http: api,
    resource: RESOURCES.Service,
    pageSize: 2,
    backoffInitialMs: 20,
    backoffMaxMs: 200,
    random: () => 0.5,
    sink: {
      reset: (rs) => resets.push(rs.map((x) => x.uid)),
      upsert: (x) => upserts.push(x.uid),
      remove: () => undefined,
      status: (s) => statuses.push(s),
    },
    ...extra,
  });
  running.push(r);
  return { r, statuses, resets, upserts };
}

const until = async (what: string, pred: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('Reflector', () => {
  it('pages the LIST, then watches from its resourceVersion with bookmarks', async () => {
    const api = new ScriptedApi([page([svc('a', '1'), svc('b', '2')], '10', 'tok'), page([svc('c', '3')], '11')], [events({ type: 'ADDED', object: svc('d', '12') }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } })]);
    const { r, resets, upserts } = reflector(api);
    r.start();
    await until('second watch', () => api.calls.length >= 4);
    expect(api.calls[0]?.path).toBe('/api/v1/services?limit=2');
    expect(api.calls[1]?.path).toBe('/api/v1/services?limit=2&continue=tok');
    expect(resets).toEqual([['uid-a', 'uid-b', 'uid-c']]);
    expect(api.calls[2]?.path).toMatch(/^\/api\/v1\/services\?watch=1&allowWatchBookmarks=true&resourceVersion=11&timeoutSeconds=\d+$/);
    expect(upserts).toEqual(['uid-d']);
    // After the bookmark, the next watch starts from its resourceVersion.
    expect(api.calls[3]?.path).toContain('resourceVersion=20');
  });

  it('a 410 on a continue token restarts the LIST from the first page, never unpaged', async () => {
    const api = new ScriptedApi(
      [page([svc('a', '1'), svc('b', '2')], '10', 'old'), () => Promise.reject(new KubeApiError('gone', 'expired', { status: 410 })), page([svc('a', '1'), svc('b', '2')], '30', 'new'), page([svc('c', '3')], '31')],
      [],
    );
    const { r, resets } = reflector(api);
    r.start();
    await until('reset', () => resets.length === 1);
    expect(api.calls.slice(0, 4).map((c) => c.path)).toEqual(['/api/v1/services?limit=2', '/api/v1/services?limit=2&continue=old', '/api/v1/services?limit=2', '/api/v1/services?limit=2&continue=new']);
    expect(resets[0]).toEqual(['uid-a', 'uid-b', 'uid-c']);
    expect(r.stats.relists).toBe(1);
  });

  it('429 with Retry-After five times: every retry waits, and there is exactly one LIST', async () => {
    const api = new ScriptedApi([page([svc('a', '1')], '10')], [throttled(150), throttled(150), throttled(150), throttled(150), throttled(150)]);
    const { r, statuses } = reflector(api);
    r.start();
    await until('sixth watch', () => api.calls.length >= 7, 5_000);
    const watches = api.calls.filter((c) => c.path.includes('watch=1'));
    for (let i = 1; i < 6; i++) expect((watches[i]?.at ?? 0) - (watches[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(145);
    expect(api.calls.filter((c) => !c.path.includes('watch=1'))).toHaveLength(1);
    expect(r.stats.lists).toBe(1);
    expect(statuses.some((s) => s.state === 'throttled')).toBe(true);
    expect(watches.every((w) => w.path.includes('resourceVersion=10'))).toBe(true);
  });

  it('5xx and dropped connections: stale since the first failure, exponential backoff, then live again', async () => {
    const fail = () => Promise.reject(new KubeApiError('server', 'boom', { status: 503 }));
    const api = new ScriptedApi([page([svc('a', '1')], '10')], [fail, fail, fail, fail, events({ type: 'ADDED', object: svc('b', '11') })]);
    const { r, statuses, upserts } = reflector(api);
    r.start();
    await until('recovery', () => upserts.includes('uid-b'));
    const watches = api.calls.filter((c) => c.path.includes('watch=1')).map((c) => c.at);
    const gaps = watches.slice(1).map((t, i) => t - (watches[i] as number));
    // 20, 40, 80, 160 ms (random fixed at 0.5 → ×1.0): each gap at least the schedule, growing.
    [20, 40, 80, 160].forEach((min, i) => expect(gaps[i]).toBeGreaterThanOrEqual(min - 2));
    const stale = statuses.filter((s) => s.state === 'stale');
    expect(stale.length).toBeGreaterThan(0);
    expect(new Set(stale.map((s) => s.since)).size).toBe(1);
    expect(stale[0]?.message).toMatch(/API server failed \(503\)/);
    expect(statuses.at(-1)?.state).toBe('live');
    expect(r.stats.lists).toBe(1);
  });

  it('the inactivity watchdog ends a silent watch and re-watches from the same resourceVersion', async () => {
    const api = new ScriptedApi([page([], '10')], []);
    const { r } = reflector(api, { inactivityMs: 100 });
    r.start();
    await until('second watch', () => api.calls.filter((c) => c.path.includes('watch=1')).length >= 2, 3_000);
    const watches = api.calls.filter((c) => c.path.includes('watch=1'));
    expect((watches[1]?.at ?? 0) - (watches[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    expect(watches[1]?.path).toContain('resourceVersion=10');
    expect(r.stats.lists).toBe(1);
  });

  it('forbidden: marked "forbidden" and not retried before the re-probe interval', async () => {
    const api = new ScriptedApi([() => Promise.reject(new KubeApiError('forbidden', 'no', { status: 403, resource: 'services', verb: 'list' }))], []);
    const { r, statuses } = reflector(api, { forbiddenRetryMs: 60_000 });
    r.start();
    await until('forbidden', () => statuses.some((s) => s.state === 'forbidden'));
    await new Promise((res) => setTimeout(res, 300));
    expect(api.calls).toHaveLength(1);
    expect(statuses.at(-1)?.message).toBe('cannot list services cluster-wide: the credentials lack permission (ask for a Role with list on services)');
  });

  it('a watch ERROR event with code 410 relists exactly once', async () => {
    const api = new ScriptedApi([page([svc('a', '1')], '10'), page([svc('a', '1'), svc('b', '2')], '50')], [events({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } })]);
    const { r, resets } = reflector(api);
    r.start();
    await until('two resets', () => resets.length === 2);
    expect(r.stats.relists).toBe(1);
    expect(r.stats.lists).toBe(2);
    expect(resets[1]).toEqual(['uid-a', 'uid-b']);
  });
});
