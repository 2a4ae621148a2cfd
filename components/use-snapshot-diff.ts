'use client';
/**
 * Diff mode's comparison (issue 6): `diffSnapshots(before, after)`, kept current as either side
 * changes. Small clusters are compared at once on the main thread (a few hundred ms at 10k pods
 * together); larger ones in a Worker (diff-worker.ts), one request in flight and only the newest
 * pair queued behind it, so a live cluster's deltas never pile up work. Should the Worker fail to load
 * (offline, say), the comparison runs on the main thread instead: slower, never missing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { diffSnapshots, type SnapshotDiff } from '../lib/model/diff';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import type { DiffReply, DiffRequest } from './diff-worker';

/** Pods on both sides together above which the comparison moves off the main thread. */
export const WORKER_PODS = 20_000;

export interface DiffState {
  diff?: SnapshotDiff;
  /** A comparison is running (the previous result, if any, is still shown). */
  pending: boolean;
  error?: string;
}

export function useSnapshotDiff(before: ClusterSnapshot | undefined, after: ClusterSnapshot | undefined): DiffState {
  const large = before !== undefined && after !== undefined && before.pods.length + after.pods.length > WORKER_PODS;
  const direct = useMemo(() => (before && after && !large ? diffSnapshots(before, after) : undefined), [before, after, large]);
  const [result, setResult] = useState<{ before: ClusterSnapshot; after: ClusterSnapshot; diff?: SnapshotDiff; error?: string }>();
  const worker = useRef<Worker | undefined>(undefined);
  const inFlight = useRef<DiffRequest | undefined>(undefined);
  const queued = useRef<DiffRequest | undefined>(undefined);
  const nextId = useRef(1);

  useEffect(() => {
    if (!large || !before || !after) return;
    const settle = (req: DiffRequest, reply: { diff?: SnapshotDiff; error?: string }): void => {
      setResult({ before: req.before, after: req.after, ...reply });
    };
    const onMain = (req: DiffRequest): void => {
      try {
        settle(req, { diff: diffSnapshots(req.before, req.after) });
      } catch (e) {
        settle(req, { error: e instanceof Error ? e.message : String(e) });
      }
    };
    const send = (req: DiffRequest): void => {
      inFlight.current = req;
      if (!worker.current) {
        try {
          const w = new Worker(new URL('./diff-worker.ts', import.meta.url), { type: 'module' });
          w.onmessage = (e: MessageEvent<DiffReply>) => {
            const done = inFlight.current;
            if (!done || e.data.id !== done.id) return;
            inFlight.current = undefined;
            settle(done, e.data.ok ? { diff: e.data.diff } : { error: e.data.message });
            const next = queued.current;
            queued.current = undefined;
            if (next) send(next);
          };
          w.onerror = (e) => {
            e.preventDefault();
            w.terminate();
            worker.current = undefined;
            const lost = queued.current ?? inFlight.current;
            inFlight.current = undefined;
            queued.current = undefined;
            if (lost) onMain(lost);
          };
          worker.current = w;
        } catch {
          inFlight.current = undefined;
          onMain(req);
          return;
        }
      }
      worker.current.postMessage(req);
    };
    const req: DiffRequest = { id: nextId.current++, before, after };
    if (inFlight.current) queued.current = req;
    else send(req);
  }, [large, before, after]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = undefined;
    },
    [],
  );

  if (!before || !after) return { pending: before !== undefined || after !== undefined };
  if (!large) return { ...(direct ? { diff: direct } : {}), pending: false };
  const current = result?.before === before && result?.after === after;
  return { ...(result?.diff ? { diff: result.diff } : {}), ...(result?.error ? { error: result.error } : {}), pending: !current };
}
