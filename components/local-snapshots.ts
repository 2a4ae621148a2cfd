'use client';
/**
 * Snapshots opened in this browser ("Open snapshot"), keyed by cluster ID `snapshot:<name>`. The
 * name comes from the file name (extension dropped, reduced to a short safe string; a second file of
 * the same name gets `-2`, `-3` …). Entries are kept in memory and in IndexedDB (database `kubepath`:
 * light entries for the picker in `entries`, the `ClusterSnapshot` itself, by structured clone, in
 * `snapshots`), so a reload of `?cluster=snapshot:foo` finds it again. Without IndexedDB (private
 * windows, quota, tests) everything works from memory and is gone after a reload.
 */
import { useSyncExternalStore } from 'react';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import type { ClusterEntry, ClusterList } from '../lib/snapshot/stream';
import { ENTRIES, idbAll, idbGet, idbWrite, persistSnapshot, SNAPSHOTS, type LocalSnapshotEntry } from './snapshot-idb';

export const SNAPSHOT_PREFIX = 'snapshot:';
const MAX_NAME = 40;

/** One opened snapshot as the picker lists it. */
export type { LocalSnapshotEntry };

export function isLocalSnapshotId(id: string | undefined): id is string {
  return id !== undefined && id.startsWith(SNAPSHOT_PREFIX);
}

/** Letters, digits, `.`, `_` and `-` only (runs of anything else become one `-`), at most 40 characters; `""` when nothing is left. */
export function safeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/[-.]+$/, '');
}

/** `kubepath-shop-20260101T120000Z.json` → `kubepath-shop-20260101T120000Z`; `snapshot` when nothing safe is left. */
export function snapshotName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return safeLabel(base.replace(/\.[A-Za-z0-9]{1,8}$/, '')) || 'snapshot';
}

/** The first of `snapshot:name`, `snapshot:name-2`, … not in `taken`. */
export function uniqueSnapshotId(name: string, taken: ReadonlySet<string>): string {
  let id = `${SNAPSHOT_PREFIX}${name}`;
  for (let n = 2; taken.has(id); n++) id = `${SNAPSHOT_PREFIX}${name}-${n}`;
  return id;
}

/** The server's list with this browser's snapshots added under "Snapshots" (a server entry wins on a clash). */
export function withLocalSnapshots(list: ClusterList | undefined, local: readonly LocalSnapshotEntry[]): ClusterList | undefined {
  if (local.length === 0) return list;
  const server = list?.clusters ?? [];
  const ids = new Set(server.map((c) => c.id));
  const extra: ClusterEntry[] = local.filter((e) => !ids.has(e.id)).map((e) => ({ id: e.id, kind: 'snapshot', name: e.name, title: e.fileName }));
  return { clusters: [...server, ...extra], defaultId: list?.defaultId ?? '' };
}

// ── the store ──────────────────────────────────────────────────────────────────────────────────────

const entries = new Map<string, LocalSnapshotEntry>();
const snapshots = new Map<string, ClusterSnapshot>();
const listeners = new Set<() => void>();
let list: readonly LocalSnapshotEntry[] = [];
const EMPTY: readonly LocalSnapshotEntry[] = [];

function changed(): void {
  list = [...entries.values()].sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
  for (const l of listeners) l();
}

export function subscribeLocalSnapshots(listener: () => void): () => void {
  listeners.add(listener);
  void hydrate();
  return () => listeners.delete(listener);
}

export function localSnapshotList(): readonly LocalSnapshotEntry[] {
  return list;
}

/** The snapshots opened in this browser, for the picker. */
export function useLocalSnapshots(): readonly LocalSnapshotEntry[] {
  return useSyncExternalStore(subscribeLocalSnapshots, localSnapshotList, () => EMPTY);
}

/**
 * Adds an opened snapshot and returns its cluster ID. Saved to IndexedDB in the background: by
 * `persist` when given (the Worker that parsed it writes its own copy, so the main thread does not
 * clone a large snapshot a second time), else from here.
 */
export function addLocalSnapshot(fileName: string, snapshot: ClusterSnapshot, persist?: (entry: LocalSnapshotEntry) => void): string {
  const id = uniqueSnapshotId(snapshotName(fileName), new Set(entries.keys()));
  const entry: LocalSnapshotEntry = { id, name: id.slice(SNAPSHOT_PREFIX.length), fileName, openedAt: new Date().toISOString() };
  entries.set(id, entry);
  snapshots.set(id, snapshot);
  changed();
  if (persist) persist(entry);
  else void persistSnapshot(entry, snapshot);
  return id;
}

/** Closes a snapshot: gone from the picker, memory and IndexedDB. */
export function removeLocalSnapshot(id: string): void {
  const had = entries.delete(id);
  snapshots.delete(id);
  if (had) changed();
  void idbWrite((tx) => {
    tx.objectStore(ENTRIES).delete(id);
    tx.objectStore(SNAPSHOTS).delete(id);
  });
}

/** The snapshot in memory, if it is open. */
export function getLocalSnapshot(id: string): ClusterSnapshot | undefined {
  return snapshots.get(id);
}

/** The snapshot from memory, else from IndexedDB; undefined when this browser does not hold it. */
export async function loadLocalSnapshot(id: string): Promise<ClusterSnapshot | undefined> {
  const inMemory = snapshots.get(id);
  if (inMemory) return inMemory;
  await hydrate();
  const stored = await idbGet<{ id: string; snapshot: ClusterSnapshot }>(SNAPSHOTS, id);
  if (!stored || !entries.has(id)) return snapshots.get(id);
  // A snapshot removed or replaced meanwhile keeps the newer state.
  if (!snapshots.has(id)) snapshots.set(id, stored.snapshot);
  return snapshots.get(id);
}

/**
 * Follows one local snapshot for the feed: calls `onChange` with it now (or once loaded), and again
 * whenever it is opened or closed. Returns the unsubscribe function.
 */
export function followLocalSnapshot(id: string, onChange: (snapshot: ClusterSnapshot | undefined) => void): () => void {
  let stopped = false;
  let last: ClusterSnapshot | undefined | null = null;
  const report = (s: ClusterSnapshot | undefined): void => {
    if (stopped || s === last) return;
    last = s;
    onChange(s);
  };
  const unsubscribe = subscribeLocalSnapshots(() => {
    if (entries.has(id)) {
      const s = snapshots.get(id);
      if (s) report(s);
      else void loadLocalSnapshot(id).then(report);
    } else if (hydrated) report(undefined);
  });
  void loadLocalSnapshot(id).then(report);
  return () => {
    stopped = true;
    unsubscribe();
  };
}

// ── IndexedDB (best effort: every failure leaves the in-memory store as it is) ────────────────────

let hydrated = false;
let hydrating: Promise<void> | undefined;

/** Reads the stored entries once (the snapshots themselves only when one is shown). */
function hydrate(): Promise<void> {
  hydrating ??= idbAll<LocalSnapshotEntry>(ENTRIES).then((stored) => {
    let added = false;
    for (const e of stored) {
      if (typeof e?.id !== 'string' || !isLocalSnapshotId(e.id) || entries.has(e.id)) continue;
      entries.set(e.id, { id: e.id, name: String(e.name), fileName: String(e.fileName), openedAt: String(e.openedAt) });
      added = true;
    }
    hydrated = true;
    if (added) changed();
    else for (const l of listeners) l();
  });
  return hydrating;
}
