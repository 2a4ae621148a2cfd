/**
 * "Save snapshot": the file name and the metadata written. Pure; the download itself is in
 * snapshot-controls.tsx.
 */
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { utcStamp } from './download';
import { safeLabel } from './local-snapshots';

/** `kubepath-<context or cluster name>-<UTC time>.json`, reduced to safe characters. */
export function snapshotFileName(snapshot: ClusterSnapshot, clusterId: string | undefined, now: Date): string {
  const fromId = clusterId ? clusterId.slice(clusterId.indexOf(':') + 1) : '';
  const label = safeLabel(snapshot.meta.context ?? fromId) || 'cluster';
  return `kubepath-${label}-${utcStamp(now)}.json`;
}

/**
 * The snapshot as saved: a live cluster is stamped with the time of saving (its data is current as of
 * now, deltas included); a demo without a time gets one too. A snapshot file keeps its own time.
 */
export function snapshotForSave(snapshot: ClusterSnapshot, now: Date): ClusterSnapshot {
  const m = snapshot.meta;
  if (m.source === 'live' || (m.source === 'demo' && m.takenAt === undefined)) return { ...snapshot, meta: { ...m, takenAt: now.toISOString() } };
  return snapshot;
}
