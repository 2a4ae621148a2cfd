/**
 * The module Worker that opens snapshot files off the main thread (started by snapshot-controls.tsx
 * with `new Worker(new URL('./snapshot-worker.ts', import.meta.url), { type: 'module' })`). One
 * request per worker: progress messages, then one `done` message. The file never leaves the browser.
 */
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { persistSnapshot } from './snapshot-idb';
import { openSnapshot, type OpenRequest, type PersistRequest, type WorkerReply } from './snapshot-open';

// The project compiles with the DOM lib; this is the little of the worker scope used here.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<OpenRequest | PersistRequest>) => void) | null;
  postMessage: (message: WorkerReply) => void;
};

/** The last snapshot parsed, until the UI has named it and asked for it to be stored. */
let parsed: ClusterSnapshot | undefined;

scope.onmessage = (e) => {
  const req = e.data;
  if (req?.type === 'persist') {
    // Stored from here: the UI already has its own copy, and cloning a large snapshot once more on the
    // main thread (IndexedDB's put) would freeze the page for seconds at 150k pods.
    const snapshot = parsed;
    parsed = undefined;
    if (snapshot) void persistSnapshot(req.entry, snapshot);
    return;
  }
  if (req?.type !== 'open') return;
  parsed = undefined;
  void openSnapshot(req, (p) => scope.postMessage(p)).then((result) => {
    if (result.ok) parsed = result.snapshot;
    scope.postMessage(result);
  });
};
