// LiveFeed bookkeeping with a scripted API (resume windows, dropped no-op updates, per-namespace
// fallback); the same feed runs against the real API server in e2e/integration/live-feed.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../k8s/errors';
import type { KubeHttp, RequestMeta } from '../k8s/http';
import type { DeltaMessage } from '../snapshot/stream';
import { LiveFeed } from './live-feed';

const svc = (name: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({ kind: 'Service', metadata: { name, namespace: 'd', uid: `uid-${name}`, labels, annotations }, spec: { ports: [{ port: 80 }] } });

type WatchMeta = RequestMeta & { onLine: (l: string) => void; onOpen?: () => void };

/** Every kind lists empty except Services; the Service watch is driven by `push`. */
class FakeApi implements Pick<KubeHttp, 'getJson' | 'watch'> {
  private serviceWatch: WatchMeta | undefined;
  constructor(
    private readonly services: unknown[],
    private readonly forbidden: (path: string) => boolean = () => false,
  ) {}
  async getJson(path: string): Promise<unknown> {
    if (path === '/version') return { gitVersion: 'v1.37.2' };
    if (this.forbidden(path)) throw new KubeApiError('forbidden', 'no', { status: 403, resource: path.split('?')[0]?.split('/').pop() ?? '', verb: 'list' });
    return { metadata: { resourceVersion: '1' }, items: path.includes('/services') ? this.services : [] };
  }
  watch(path: string, meta: WatchMeta): Promise<void> {
    meta.onOpen?.();
    if (path.includes('/services')) this.serviceWatch = meta;
    return new Promise((_r, reject) => meta.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
  }
  push(type: string, object: unknown): void {
    this.serviceWatch?.onLine(JSON.stringify({ type, object }));
  }
}

const feeds: LiveFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
});

async function nextDelta(deltas: DeltaMessage[], n: number): Promise<DeltaMessage> {
  for (let i = 0; i < 200 && deltas.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  return deltas[n - 1] as DeltaMessage;
}

describe('LiveFeed', () => {
  it('drops updates that change nothing kubepath reads, and resumes from any buffered version', async () => {
    const api = new FakeApi([svc('a')]);
    const feed = new LiveFeed({ id: 'ctx:t', context: 't', http: api, batchMs: 10 });
    feeds.push(feed);
    const first = await feed.current();
    expect(first.snapshot.services.map((s) => s.name)).toEqual(['a']);
    expect(first.snapshot.meta).toMatchObject({ source: 'live', context: 't', serverVersion: 'v1.37.2' });
    const deltas: DeltaMessage[] = [];
    feed.subscribe((d) => deltas.push(d));
    api.push('MODIFIED', svc('a', {}, { 'example.com/heartbeat': '2' })); // an annotation: not projected
    api.push('MODIFIED', svc('a', { tier: 'web' }));
    const d1 = await nextDelta(deltas, 1);
    expect(d1.changes).toHaveLength(1);
    expect(d1.changes[0]).toMatchObject({ op: 'upsert', kind: 'Service' });
    api.push('DELETED', svc('a'));
    const d2 = await nextDelta(deltas, 2);
    expect(d2.changes).toEqual([{ op: 'delete', kind: 'Service', uid: 'uid-a' }]);
    expect(feed.since(first.version)?.map((d) => d.version)).toEqual([d1.version, d2.version]);
    expect(feed.since(d1.version)?.map((d) => d.version)).toEqual([d2.version]);
    expect(feed.since(d2.version)).toEqual([]);
    expect(feed.since(d2.version + 5)).toBeUndefined();
  });

  it('falls back to the context namespace for kinds forbidden cluster-wide, and marks the rest forbidden', async () => {
    const api = new FakeApi([svc('a')], (p) => p.startsWith('/api/v1/nodes') || (p.startsWith('/api/v1/services') && !p.includes('/namespaces/d/')));
    const feed = new LiveFeed({ id: 'ctx:t', context: 't', http: api, fallbackNamespaces: ['d'] });
    feeds.push(feed);
    const msg = await feed.current();
    expect(msg.status.Service).toMatchObject({ state: 'live', namespaces: ['d'] });
    expect(msg.status.Node?.state).toBe('forbidden');
    expect(msg.status.Pod?.state).toBe('live');
    expect(msg.snapshot.services.map((s) => s.name)).toEqual(['a']);
  });
});
