/**
 * The module Worker that computes diff mode's `diffSnapshots` for large clusters (started by
 * use-snapshot-diff.ts). At 150k pods a diff builds two models and every access point of both — tens of
 * seconds of work that must not freeze the page. One request at a time; the reply carries its ID.
 */
import { diffSnapshots, type SnapshotDiff } from '../lib/model/diff';
import type { ClusterSnapshot } from '../lib/snapshot/records';

export interface DiffRequest {
  id: number;
  before: ClusterSnapshot;
  after: ClusterSnapshot;
}

export type DiffReply = { id: number; ok: true; diff: SnapshotDiff } | { id: number; ok: false; message: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<DiffRequest>) => void) | null;
  postMessage: (message: DiffReply) => void;
};

scope.onmessage = (e) => {
  const { id, before, after } = e.data;
  try {
    scope.postMessage({ id, ok: true, diff: diffSnapshots(before, after) });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
