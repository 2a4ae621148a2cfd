import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../lib/snapshot/records';
import { addLocalSnapshot, getLocalSnapshot, isLocalSnapshotId, loadLocalSnapshot, localSnapshotList, removeLocalSnapshot, snapshotName, uniqueSnapshotId, withLocalSnapshots } from './local-snapshots';
import { utcStamp } from './download';
import { snapshotFileName, snapshotForSave } from './snapshot-save';

describe('snapshot names and IDs', () => {
  it('come from the file name without extension, reduced to a short safe string', () => {
    expect(snapshotName('kubepath-shop-20260102T030405Z.json')).toBe('kubepath-shop-20260102T030405Z');
    expect(snapshotName('C:\\dumps\\prod cluster (1).json')).toBe('prod-cluster-1');
    expect(snapshotName('/tmp/all.ndjson')).toBe('all');
    expect(snapshotName('../../etc/passwd')).toBe('passwd');
    expect(snapshotName('集群.json')).toBe('snapshot');
    expect(snapshotName('a\u202eb<script>.json')).toBe('a-b-script');
    expect(snapshotName('.json')).toBe('snapshot');
    expect(snapshotName(`${'x'.repeat(100)}.json`)).toHaveLength(40);
  });

  it('a second file of the same name gets -2, then -3', () => {
    expect(uniqueSnapshotId('foo', new Set())).toBe('snapshot:foo');
    expect(uniqueSnapshotId('foo', new Set(['snapshot:foo']))).toBe('snapshot:foo-2');
    expect(uniqueSnapshotId('foo', new Set(['snapshot:foo', 'snapshot:foo-2']))).toBe('snapshot:foo-3');
    expect(isLocalSnapshotId('snapshot:foo')).toBe(true);
    expect(isLocalSnapshotId('demo:seed')).toBe(false);
    expect(isLocalSnapshotId(undefined)).toBe(false);
  });
});

describe('the store (memory only without IndexedDB)', () => {
  it('adds, dedupes, lists, loads and removes', async () => {
    const s = emptySnapshot({ source: 'snapshot' });
    const a = addLocalSnapshot('dump.json', s);
    const b = addLocalSnapshot('dump.json', s);
    expect([a, b]).toEqual(['snapshot:dump', 'snapshot:dump-2']);
    expect(localSnapshotList().map((e) => e.id)).toEqual([a, b]);
    expect(getLocalSnapshot(a)).toBe(s);
    expect(await loadLocalSnapshot(b)).toBe(s);
    const merged = withLocalSnapshots({ clusters: [{ id: 'demo:seed', kind: 'demo', name: 'seed' }], defaultId: 'demo:seed' }, localSnapshotList());
    expect(merged?.clusters.map((c) => `${c.kind} ${c.id} ${c.name}`)).toEqual(['demo demo:seed seed', 'snapshot snapshot:dump dump', 'snapshot snapshot:dump-2 dump-2']);
    expect(merged?.defaultId).toBe('demo:seed');
    removeLocalSnapshot(a);
    removeLocalSnapshot(b);
    expect(localSnapshotList()).toEqual([]);
    expect(await loadLocalSnapshot(a)).toBeUndefined();
    expect(withLocalSnapshots(undefined, [])).toBeUndefined();
  });
});

describe('saving', () => {
  const now = new Date('2026-01-02T03:04:05.678Z');
  it('names the file after the context (or cluster name) and the UTC time', () => {
    expect(utcStamp(now)).toBe('20260102T030405Z');
    expect(snapshotFileName(emptySnapshot({ source: 'live', context: 'kind-dev/admin@x' }), 'ctx:kind-dev', now)).toBe('kubepath-kind-dev-admin-x-20260102T030405Z.json');
    expect(snapshotFileName(emptySnapshot({ source: 'demo' }), 'demo:shop', now)).toBe('kubepath-shop-20260102T030405Z.json');
    expect(snapshotFileName(emptySnapshot({ source: 'snapshot' }), undefined, now)).toBe('kubepath-cluster-20260102T030405Z.json');
  });

  it('stamps live clusters (and timeless demos) with the time of saving; a file keeps its own', () => {
    const live = emptySnapshot({ source: 'live', context: 'c', serverVersion: 'v1.36.1', takenAt: '2020-01-01T00:00:00.000Z' });
    expect(snapshotForSave(live, now).meta).toEqual({ source: 'live', context: 'c', serverVersion: 'v1.36.1', takenAt: now.toISOString() });
    expect(snapshotForSave(emptySnapshot({ source: 'demo' }), now).meta.takenAt).toBe(now.toISOString());
    const file = emptySnapshot({ source: 'snapshot', takenAt: '2020-01-01T00:00:00.000Z' });
    expect(snapshotForSave(file, now)).toBe(file);
    const timeless = emptySnapshot({ source: 'snapshot' });
    expect(snapshotForSave(timeless, now).meta.takenAt).toBeUndefined();
  });
});
