/**
 * The module Worker that opens snapshot files off the main thread (started by snapshot-controls.tsx
 * with `new Worker(new URL('./snapshot-worker.ts', import.meta.url), { type: 'module' })`). One
 * request per worker: progress messages, then one `done` message. The file never leaves the browser.
 */
import { openSnapshot, type OpenRequest, type WorkerReply } from './snapshot-open';

// The project compiles with the DOM lib; this is the little of the worker scope used here.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<OpenRequest>) => void) | null;
  postMessage: (message: WorkerReply) => void;
};

scope.onmessage = (e) => {
  const req = e.data;
  if (!req || req.type !== 'open') return;
  void openSnapshot(req, (p) => scope.postMessage(p)).then((result) => scope.postMessage(result));
};
