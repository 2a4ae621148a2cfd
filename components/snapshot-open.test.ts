import { describe, expect, it } from 'vitest';
import demo from '../lib/demo/clusters/shop.json';
import { serializeSnapshot } from '../lib/snapshot/serialize';
import { parseSnapshot } from '../lib/snapshot/parse';
import { openSnapshot, type OpenProgress } from './snapshot-open';

const bytes = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;
const shop = parseSnapshot(JSON.stringify(demo), { source: 'shop.json' }).snapshot;

describe('openSnapshot (the worker message handler)', () => {
  it('opens a kubepath snapshot file and reports reading, then parsing', async () => {
    const text = serializeSnapshot({ ...shop, meta: { source: 'demo', context: 'shop', takenAt: '2026-01-02T03:04:05.000Z' } });
    const phases: OpenProgress['phase'][] = [];
    const r = await openSnapshot({ type: 'open', file: new Blob([text]), name: 'shop.json' }, (p) => phases.push(p.phase));
    expect(phases).toEqual(['reading', 'parsing']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.meta).toMatchObject({ source: 'snapshot', context: 'shop', takenAt: '2026-01-02T03:04:05.000Z' });
    expect(r.snapshot.services.length).toBe(shop.services.length);
    expect(r.snapshot.pods.length).toBe(shop.pods.length);
  });

  it('opens a plain kubectl List: source snapshot, unknown kinds skipped and counted', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [...(demo as { items: unknown[] }).items, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' } }] };
    const r = await openSnapshot({ type: 'open', file: bytes(JSON.stringify(list)), name: 'dump.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.meta).toEqual({ source: 'snapshot' });
    expect(r.skippedKinds).toEqual({ ConfigMap: 1 });
  });

  it('refuses a file over the cap before reading it, naming the size and the cap', async () => {
    let read = false;
    const file = new Blob(['x'.repeat(3000)]);
    const spy = Object.assign(file, { arrayBuffer: () => ((read = true), Blob.prototype.arrayBuffer.call(file)) });
    const phases: string[] = [];
    const r = await openSnapshot({ type: 'open', file: spy, name: 'big.json', maxBytes: 2048 }, (p) => phases.push(p.phase));
    expect(r).toEqual({ type: 'done', ok: false, message: 'big.json: the file is 2.9 KiB, over the 2.0 KiB limit' });
    expect(read).toBe(false);
    expect(phases).toEqual([]);
  });

  it('names the 256 MiB default cap', async () => {
    const r = await openSnapshot({ type: 'open', file: new ArrayBuffer(256 * 1024 * 1024 + 1), name: 'huge.json' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('huge.json: the file is 256.0 MiB, over the 256 MiB limit');
  });

  it('refuses invalid UTF-8 with a clear message', async () => {
    const r = await openSnapshot({ type: 'open', file: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]).buffer, name: 'bin.json' });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^bin\.json: not UTF-8 text/) });
  });

  it('refuses empty, truncated and wrong-shape files, naming the file and the problem', async () => {
    const msg = async (text: string): Promise<string> => {
      const r = await openSnapshot({ type: 'open', file: bytes(text), name: 'f.json' });
      return r.ok ? 'ok' : r.message;
    };
    expect(await msg('')).toBe('f.json: the file is empty');
    expect(await msg('{"kind":"List","items":[{"kind":"Pod"')).toMatch(/^f\.json, line 1, .*truncated file/);
    expect(await msg('{"hello": 1}')).toBe('f.json, field kind: not a Kubernetes object or List (no kind)');
    expect(await msg('{"kind":"List","items":[{"kind":"ConfigMap","metadata":{"name":"a"}},{"kind":"ConfigMap","metadata":{"name":"b"}}]}')).toMatch(
      /^f\.json: none of its 2 objects is a kind kubepath reads \(found ConfigMap ×2; kubepath reads Namespace, Node, Pod/,
    );
    expect(await msg('{"kind":"List","items":[]}')).toBe('f.json: holds no Kubernetes objects');
    expect(await msg('[1]')).toMatch(/^f\.json, item 0: expected an object/);
  });

  it('accepts a kubepath snapshot of an empty cluster', async () => {
    const text = serializeSnapshot({ ...shop, meta: { source: 'live', context: 'c', takenAt: '2026-01-02T03:04:05.000Z' }, namespaces: [], nodes: [], pods: [], services: [], endpointSlices: [], ingresses: [], ingressClasses: [], networkPolicies: [] });
    const r = await openSnapshot({ type: 'open', file: bytes(text), name: 'empty.json' });
    expect(r.ok).toBe(true);
  });
});
