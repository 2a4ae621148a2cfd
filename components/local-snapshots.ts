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

export const SNAPSHOT_PREFIX = 'snapshot:';
const MAX_NAME = 40;

/** One opened snapshot as the picker lists it. */
export interface LocalSnapshotEntry {
  /** `snapshot:<name>`. */
  id: string;
  name: string;
  /** The file it came from. */
  fileName: string;
  /** When it was opened (ISO 8601). */
  openedAt: string;
}

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

/** Adds an opened snapshot and returns its cluster ID. Saved to IndexedDB in the background. */
export function addLocalSnapshot(fileName: string, snapshot: ClusterSnapshot): string {
  const id = uniqueSnapshotId(snapshotName(fileName), new Set(entries.keys()));
  const entry: LocalSnapshotEntry = { id, name: id.slice(SNAPSHOT_PREFIX.length), fileName, openedAt: new Date().toISOString() };
  entries.set(id, entry);
  snapshots.set(id, snapshot);
  changed();
  void idbWrite((tx) => {
    tx.objectStore(ENTRIES).put(entry);
    tx.objectStore(SNAPSHOTS).put({ id, snapshot });
  });
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

const DB = 'kubepath';
const ENTRIES = 'entries';
const SNAPSHOTS = 'snapshots';
let dbPromise: Promise<IDBDatabase | undefined> | undefined;
let hydrated = false;
let hydrating: Promise<void> | undefined;

function openDb(): Promise<IDBDatabase | undefined> {
  dbPromise ??= new Promise<IDBDatabase | undefined>((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(undefined);
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(SNAPSHOTS)) db.createObjectStore(SNAPSHOTS, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return dbPromise;
}

async function idbWrite(write: (tx: IDBTransaction) => void): Promise<void> {
  const db = await openDb();
  if (!db) return;
  await new Promise<void>((resolve) => {
    try {
      const tx = db.transaction([ENTRIES, SNAPSHOTS], 'readwrite');
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
      tx.onabort = () => resolve();
      write(tx);
    } catch {
      resolve();
    }
  });
}

async function idbGet<T>(store: string, key: string): Promise<T | undefined> {
  const db = await openDb();
  if (!db) return undefined;
  return new Promise<T | undefined>((resolve) => {
    try {
      const req = db.transaction(store, 'readonly').objectStore(store).get(key);
      req.onsuccess = () => resolve(req.result as T | undefined);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

async function idbAll<T>(store: string): Promise<T[]> {
  const db = await openDb();
  if (!db) return [];
  return new Promise<T[]>((resolve) => {
    try {
      const req = db.transaction(store, 'readonly').objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result as T[]);
      req.onerror = () => resolve([]);
    } catch {
      resolve([]);
    }
  });
}

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
