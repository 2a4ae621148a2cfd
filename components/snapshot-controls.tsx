'use client';
/**
 * "Open snapshot…", "Save snapshot" and "Close snapshot", the drop zone over the whole window, and
 * the progress and error messages (issue 6). Files are read by a module Worker (snapshot-worker.ts)
 * and never leave the browser; a file that cannot be opened leaves the current view as it is.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from '../lib/i18n/react';
import { safeText } from '../lib/model/text';
import { DEFAULT_MAX_BYTES, formatBytes } from '../lib/snapshot/parse';
import { serializeSnapshot } from '../lib/snapshot/serialize';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { downloadBlob } from './download';
import { addLocalSnapshot, isLocalSnapshotId, removeLocalSnapshot } from './local-snapshots';
import type { OpenRequest, PersistRequest, WorkerReply } from './snapshot-open';
import { snapshotFileName, snapshotForSave } from './snapshot-save';

const button = 'rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

interface Props {
  /** The snapshot "Save snapshot" writes (the shown cluster; a caller may pass a redacted copy). */
  snapshot?: ClusterSnapshot;
  /** The shown cluster (names the saved file; a `snapshot:` ID offers "Close snapshot"). */
  clusterId?: string;
  /** A file was opened and stored as `id`: show it. */
  onOpened: (id: string) => void;
  /** The shown local snapshot was closed: show something else. */
  onClosed: () => void;
}

type Busy = { file: string; phase: 'starting' | 'reading' | 'parsing'; bytes?: number };

function hasFiles(e: DragEvent): boolean {
  return Boolean(e.dataTransfer && [...e.dataTransfer.types].includes('Files'));
}

export function SnapshotControls({ snapshot, clusterId, onOpened, onClosed }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const worker = useRef<Worker | undefined>(undefined);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<{ file: string; message: string }>();
  const [dragging, setDragging] = useState(false);
  const onOpenedRef = useRef(onOpened);
  useEffect(() => {
    onOpenedRef.current = onOpened;
  }, [onOpened]);

  // One worker, started with the page (so opening works offline too) and reused while idle; a new file
  // while one is being read replaces the worker, so no late answer can arrive.
  const busyRef = useRef(false);
  /** The answer handlers of the file being read. */
  const handlers = useRef<{ message: (msg: WorkerReply) => void; error: (text: string) => void } | undefined>(undefined);
  const spawn = useCallback((): Worker | undefined => {
    worker.current?.terminate();
    worker.current = undefined;
    try {
      const w = new Worker(new URL('./snapshot-worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        if (worker.current === w) handlers.current?.message(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        if (worker.current !== w) return;
        // A broken worker (it failed to load, or crashed) is dropped; the next file starts a new one.
        w.terminate();
        worker.current = undefined;
        if (busyRef.current) handlers.current?.error(e.message);
      };
      worker.current = w;
    } catch {
      // No Worker in this browser: `open` says so.
    }
    return worker.current;
  }, []);
  useEffect(() => {
    spawn();
    return () => worker.current?.terminate();
  }, [spawn]);

  const open = useCallback(
    (file: File) => {
      setError(undefined);
      const w = (busyRef.current ? undefined : worker.current) ?? spawn();
      if (!w) {
        setError({ file: file.name, message: `${file.name}: the snapshot reader cannot start in this browser` });
        return;
      }
      busyRef.current = true;
      setBusy({ file: file.name, phase: 'starting', bytes: file.size });
      const finish = (): void => {
        busyRef.current = false;
        setBusy(undefined);
      };
      handlers.current = {
        message: (msg) => {
          if (msg.type === 'progress') {
            setBusy({ file: file.name, phase: msg.phase, bytes: msg.bytes });
            return;
          }
          finish();
          if (!msg.ok) {
            setError({ file: file.name, message: msg.message });
            return;
          }
          // The worker stores its own copy in IndexedDB (no second clone of a large snapshot here).
          onOpenedRef.current(addLocalSnapshot(file.name, msg.snapshot, (entry) => w.postMessage({ type: 'persist', entry } satisfies PersistRequest)));
        },
        error: (text) => {
          finish();
          setError({ file: file.name, message: `${file.name}: the snapshot reader failed (${text || 'it could not be loaded'})` });
        },
      };
      const req: OpenRequest = { type: 'open', file, name: file.name, maxBytes: DEFAULT_MAX_BYTES };
      w.postMessage(req);
    },
    [spawn],
  );

  // The drop zone: the whole window while files are dragged over it.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) open(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [open]);

  const onPick = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    // Cleared so that choosing the same file again opens it again.
    e.target.value = '';
    if (file) open(file);
  };

  const save = (): void => {
    if (!snapshot) return;
    const now = new Date();
    const text = serializeSnapshot(snapshotForSave(snapshot, now));
    downloadBlob(new Blob([text], { type: 'application/json' }), snapshotFileName(snapshot, clusterId, now));
  };

  const local = isLocalSnapshotId(clusterId);
  return (
    <>
      <button type="button" className={button} data-testid="open-snapshot" onClick={() => input.current?.click()} title={t('ui.snapshot.openTitle')}>
        {t('ui.snapshot.open')}
      </button>
      <input ref={input} type="file" accept=".json,application/json" className="hidden" data-testid="open-snapshot-input" onChange={onPick} tabIndex={-1} aria-hidden="true" />
      <button type="button" className={button} data-testid="save-snapshot" onClick={save} disabled={!snapshot} title={t('ui.snapshot.saveTitle')}>
        {t('ui.snapshot.save')}
      </button>
      {local && (
        <button
          type="button"
          className={button}
          data-testid="close-snapshot"
          onClick={() => {
            removeLocalSnapshot(clusterId);
            onClosed();
          }}
        >
          {t('ui.snapshot.close')}
        </button>
      )}
      {busy && (
        <span role="status" data-testid="snapshot-progress" data-phase={busy.phase} className="text-xs text-slate-600 dark:text-slate-400">
          {t(busy.phase === 'parsing' ? 'ui.snapshot.parsing' : 'ui.snapshot.reading', { file: safeText(busy.file, 120), size: formatBytes(busy.bytes ?? 0) })}
        </span>
      )}
      {error && (
        <div
          role="alert"
          data-testid="snapshot-error"
          className="fixed left-1/2 top-14 z-40 flex max-w-2xl -translate-x-1/2 items-start gap-2 rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 shadow dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200"
        >
          <p>
            {t('ui.snapshot.openFailed', { file: safeText(error.file, 120) })} <span lang="en" className="cluster-text">{safeText(error.message, 600)}</span>
          </p>
          <button type="button" className="shrink-0 underline" data-testid="snapshot-error-dismiss" onClick={() => setError(undefined)}>
            {t('ui.snapshot.dismiss')}
          </button>
        </div>
      )}
      {dragging && (
        <div
          data-testid="drop-overlay"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-slate-900/60 p-8 text-center text-lg font-semibold text-white"
        >
          <p className="rounded border-2 border-dashed border-white px-6 py-8">{t('ui.snapshot.drop')}</p>
        </div>
      )}
    </>
  );
}
