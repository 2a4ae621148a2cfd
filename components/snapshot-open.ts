/**
 * Reading a snapshot file in the browser: the message handler of `snapshot-worker.ts` as a plain
 * function (so tests call it without a Worker). The size cap is checked before a single byte is read,
 * the bytes are decoded as strict UTF-8, and `parseSnapshot` does the rest. Every failure is one
 * sentence that starts with the file name; nothing here throws.
 */
import { DEFAULT_MAX_BYTES, SnapshotParseError, formatBytes, parseSnapshot } from '../lib/snapshot/parse';
import { SNAPSHOT_KINDS, type ClusterSnapshot } from '../lib/snapshot/records';
import type { LocalSnapshotEntry } from './snapshot-idb';

/** UI → worker: open this file. */
export interface OpenRequest {
  type: 'open';
  /** The file (a `File` from the picker or a drop) or its bytes. */
  file: Blob | ArrayBuffer;
  /** The file name, for messages and the snapshot's name. */
  name: string;
  /** Size cap in bytes (the UI passes `DEFAULT_MAX_BYTES`). */
  maxBytes?: number;
}

/** UI → worker: store the snapshot you just parsed under this picker entry (IndexedDB). */
export interface PersistRequest {
  type: 'persist';
  entry: LocalSnapshotEntry;
}

/** Worker → UI: what is happening now. */
export interface OpenProgress {
  type: 'progress';
  phase: 'reading' | 'parsing';
  /** Size of the file in bytes. */
  bytes: number;
}

export type OpenResult =
  | {
      type: 'done';
      ok: true;
      snapshot: ClusterSnapshot;
      /** Objects of kinds kubepath does not read, by kind. */
      skippedKinds: Record<string, number>;
      /** Objects read, skipped ones included. */
      objectCount: number;
      duplicates: number;
    }
  | { type: 'done'; ok: false; message: string };

export type WorkerReply = OpenProgress | OpenResult;

const fail = (message: string): OpenResult => ({ type: 'done', ok: false, message });

function isBlob(x: unknown): x is Blob {
  return typeof Blob !== 'undefined' && x instanceof Blob;
}

/** Reads, decodes and parses one file; `progress` hears each phase. Never throws. */
export async function openSnapshot(req: OpenRequest, progress: (p: OpenProgress) => void = () => {}): Promise<OpenResult> {
  const name = req.name || 'snapshot';
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const size = isBlob(req.file) ? req.file.size : req.file.byteLength;
    // Before reading: a file over the cap is never loaded into memory.
    if (size > maxBytes) return fail(`${name}: the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
    if (size === 0) return fail(`${name}: the file is empty`);
    progress({ type: 'progress', phase: 'reading', bytes: size });
    const bytes = isBlob(req.file) ? await req.file.arrayBuffer() : req.file;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(`${name}: not UTF-8 text (is it a JSON file? binary and compressed files cannot be opened)`);
    }
    progress({ type: 'progress', phase: 'parsing', bytes: size });
    const r = parseSnapshot(text, { source: name, maxBytes, byteLength: size });
    const records = r.objectCount - Object.values(r.skippedKinds).reduce((a, b) => a + b, 0);
    const m = r.snapshot.meta;
    const hasKubepathBlock = m.takenAt !== undefined || m.context !== undefined || m.serverVersion !== undefined || m.title !== undefined;
    if (records === 0 && r.objectCount > 0) {
      const found = Object.entries(r.skippedKinds)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ');
      return fail(`${name}: none of its ${r.objectCount} objects is a kind kubepath reads (found ${found}; kubepath reads ${SNAPSHOT_KINDS.join(', ')})`);
    }
    if (r.objectCount === 0 && !hasKubepathBlock) return fail(`${name}: holds no Kubernetes objects`);
    return { type: 'done', ok: true, snapshot: r.snapshot, skippedKinds: { ...r.skippedKinds }, objectCount: r.objectCount, duplicates: r.duplicates };
  } catch (e) {
    if (e instanceof SnapshotParseError) return fail(e.message);
    if (e instanceof RangeError) return fail(`${name}: too large to read in this browser (${e.message})`);
    return fail(`${name}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
}
