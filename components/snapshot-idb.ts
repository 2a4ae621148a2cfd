/**
 * The IndexedDB side of the local snapshot store (database `kubepath`: `entries` for the picker,
 * `snapshots` holding each ClusterSnapshot by structured clone). Best effort: every failure resolves
 * quietly and leaves the in-memory store as it is. No React here, so the snapshot Worker writes through
 * the same code (it persists what it parsed, sparing the main thread a second structured clone).
 */
import type { ClusterSnapshot } from '../lib/snapshot/records';

/** What the picker lists for a snapshot opened in this browser. */
export interface LocalSnapshotEntry {
  /** `snapshot:<name>`. */
  id: string;
  name: string;
  /** The file it came from. */
  fileName: string;
  /** When it was opened (ISO 8601). */
  openedAt: string;
}

let dbPromise: Promise<IDBDatabase | undefined> | undefined;

const DB = 'kubepath';
export const ENTRIES = 'entries';
export const SNAPSHOTS = 'snapshots';

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

export async function idbWrite(write: (tx: IDBTransaction) => void): Promise<void> {
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

export async function idbGet<T>(store: string, key: string): Promise<T | undefined> {
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

export async function idbAll<T>(store: string): Promise<T[]> {
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

/** Stores one opened snapshot with its picker entry. */
export function persistSnapshot(entry: LocalSnapshotEntry, snapshot: ClusterSnapshot): Promise<void> {
  return idbWrite((tx) => {
    tx.objectStore(ENTRIES).put(entry);
    tx.objectStore(SNAPSHOTS).put({ id: entry.id, snapshot });
  });
}
