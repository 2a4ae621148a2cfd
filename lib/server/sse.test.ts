import { describe, expect, it } from 'vitest';
import type { DeltaMessage, SnapshotMessage } from '../snapshot/stream';
import { emptySnapshot } from '../snapshot/records';
import type { ClusterFeed } from './feed';
import { sseResponse, STREAM_HEADERS } from './sse';

/** A feed whose deltas the test publishes exactly when it wants (timing is the point here). */
class ScriptedFeed implements ClusterFeed {
  readonly id = 'test';
  version = 5;
  history: DeltaMessage[] = [];
  private listeners = new Set<(d: DeltaMessage) => void>();
  current(): Promise<SnapshotMessage> {
    return Promise.resolve({ version: this.version, snapshot: emptySnapshot({ source: 'live' }), status: {} });
  }
  since(v: number): DeltaMessage[] | undefined {
    if (v === this.version) return [];
    const first = this.history[0];
    return first && v >= first.version - 1 ? this.history.filter((d) => d.version > v) : undefined;
  }
  subscribe(l: (d: DeltaMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  publish(): DeltaMessage {
    const d = { version: ++this.version, changes: [] };
    this.history.push(d);
    for (const l of this.listeners) l(d);
    return d;
  }
  get subscribers(): number {
    return this.listeners.size;
  }
}

async function readFrames(res: Response, count: number): Promise<string[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let text = '';
  while (text.split('\n\n').filter(Boolean).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value);
  }
  reader.releaseLock();
  return text.split('\n\n').filter(Boolean);
}

describe('sseResponse', () => {
  it('sends the snapshot first, then deltas, with stream headers that forbid buffering', async () => {
    const feed = new ScriptedFeed();
    const ac = new AbortController();
    const res = sseResponse(new Request('http://127.0.0.1/x', { signal: ac.signal }), feed);
    for (const [k, v] of Object.entries(STREAM_HEADERS)) expect(res.headers.get(k)).toBe(v);
    const [snap] = await readFrames(res, 1);
    expect(snap).toMatch(/^id: 5\nevent: snapshot\ndata: \{"version":5/);
    feed.publish();
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('id: 6\nevent: delta\ndata: {"version":6,"changes":[]}\n\n');
    reader.releaseLock();
    ac.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(feed.subscribers).toBe(0);
  });

  it('resumes with Last-Event-ID: only the missed deltas, no snapshot', async () => {
    const feed = new ScriptedFeed();
    feed.publish();
    feed.publish(); // versions 6 and 7
    const res = sseResponse(new Request('http://127.0.0.1/x', { headers: { 'last-event-id': '6' } }), feed);
    const [first] = await readFrames(res, 1);
    expect(first).toBe('id: 7\nevent: delta\ndata: {"version":7,"changes":[]}');
  });

  it('falls back to a fresh snapshot when the missed deltas are gone', async () => {
    const feed = new ScriptedFeed();
    const res = sseResponse(new Request('http://127.0.0.1/x', { headers: { 'last-event-id': '2' } }), feed);
    const [first] = await readFrames(res, 1);
    expect(first).toMatch(/^id: 5\nevent: snapshot\n/);
  });

  it('sends heartbeats', async () => {
    const feed = new ScriptedFeed();
    const res = sseResponse(new Request('http://127.0.0.1/x'), feed, { heartbeatMs: 20 });
    const frames = await readFrames(res, 2);
    expect(frames[1]).toBe(': heartbeat');
  });
});
