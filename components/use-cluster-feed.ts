'use client';
/**
 * The browser's copy of one cluster: the `snapshot` event of /api/clusters/{id}/events, then `delta`
 * events applied with applyChanges (lib/snapshot/stream.ts). Demo and live clusters arrive through the
 * same stream, so nothing here knows which one it is reading. `snapshot:` IDs are files opened in this
 * browser (local-snapshots.ts): served from memory or IndexedDB, never through an EventSource.
 *
 * Deltas are batched for a short window before React sees them, so a burst of watch events costs one
 * model update, not hundreds.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../lib/i18n/react';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { applyChanges, type Change, type ClusterStatus, type DeltaMessage, type SnapshotMessage } from '../lib/snapshot/stream';
import { followLocalSnapshot, isLocalSnapshotId } from './local-snapshots';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface FeedState {
  clusterId: string | undefined;
  connection: Connection;
  /** Why the stream is closed, in words (unknown cluster, server error …). */
  error?: string;
  version?: number;
  snapshot?: ClusterSnapshot;
  status: ClusterStatus;
  /** How many delta batches were applied (for "updated" indicators and tests). */
  updates: number;
}

/** Batch window for deltas (quality-and-scale.md G9: ≤ 100 ms). */
const BATCH_MS = 50;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

function initial(clusterId: string | undefined): FeedState {
  return { clusterId, connection: 'connecting', status: {}, updates: 0 };
}

async function closedReason(clusterId: string): Promise<{ message: string; retry: boolean }> {
  try {
    const res = await fetch(`/api/clusters/${encodeURIComponent(clusterId)}/topology`, { headers: { accept: 'application/json' } });
    if (res.ok) return { message: 'the event stream closed', retry: true };
    const body = (await res.json().catch(() => ({}))) as { message?: unknown };
    const message = typeof body.message === 'string' ? body.message : `the server answered ${res.status}`;
    return { message, retry: res.status !== 404 && res.status !== 403 };
  } catch {
    return { message: 'the server cannot be reached', retry: true };
  }
}

export function useClusterFeed(clusterId: string | undefined): FeedState {
  const [state, setState] = useState<FeedState>(() => initial(clusterId));
  // A new cluster starts from scratch (render-time reset, so no frame shows the old cluster's data).
  if (state.clusterId !== clusterId) setState(initial(clusterId));
  const { t } = useTranslation();
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);

  useEffect(() => {
    if (!clusterId) return;
    // A snapshot opened in this browser (components/local-snapshots.ts): no server, no stream, and no
    // freshness per kind (a file is as fresh as it was when it was taken).
    if (isLocalSnapshotId(clusterId)) {
      return followLocalSnapshot(clusterId, (snapshot) =>
        setState(
          snapshot
            ? { clusterId, connection: 'open', snapshot, version: 1, status: {}, updates: 0 }
            : { clusterId, connection: 'closed', status: {}, updates: 0, error: tRef.current('ui.snapshot.notOpen', { name: clusterId.slice('snapshot:'.length) }) },
        ),
      );
    }
    let es: EventSource | undefined;
    let stopped = false;
    let retryMs = RETRY_MIN_MS;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let pending: Change[] = [];
    let pendingStatus: ClusterStatus | undefined;
    let pendingVersion = 0;

    const flush = (): void => {
      batchTimer = undefined;
      const changes = pending;
      const status = pendingStatus;
      const version = pendingVersion;
      pending = [];
      pendingStatus = undefined;
      setState((s) => {
        if (!s.snapshot || s.clusterId !== clusterId) return s;
        return {
          ...s,
          snapshot: applyChanges(s.snapshot, changes),
          version,
          status: status ? { ...s.status, ...status } : s.status,
          updates: s.updates + 1,
        };
      });
    };

    const onSnapshot = (e: MessageEvent<string>): void => {
      performance.mark('kubepath:snapshot-received');
      let msg: SnapshotMessage;
      try {
        msg = JSON.parse(e.data) as SnapshotMessage;
      } catch {
        return;
      }
      performance.mark('kubepath:snapshot-parsed');
      // A fresh snapshot replaces everything, including deltas still waiting in the batch.
      pending = [];
      pendingStatus = undefined;
      pendingVersion = msg.version;
      retryMs = RETRY_MIN_MS;
      setState({ clusterId, connection: 'open', snapshot: msg.snapshot, version: msg.version, status: msg.status, updates: 0 });
    };

    const onDelta = (e: MessageEvent<string>): void => {
      let msg: DeltaMessage;
      try {
        msg = JSON.parse(e.data) as DeltaMessage;
      } catch {
        return;
      }
      if (msg.version <= pendingVersion) return;
      pending.push(...msg.changes);
      if (msg.status) pendingStatus = { ...pendingStatus, ...msg.status };
      pendingVersion = msg.version;
      batchTimer ??= setTimeout(flush, BATCH_MS);
    };

    const connect = (): void => {
      performance.mark('kubepath:feed-connect');
      es = new EventSource(`/api/clusters/${encodeURIComponent(clusterId)}/events`);
      es.addEventListener('snapshot', onSnapshot);
      es.addEventListener('delta', onDelta);
      es.addEventListener('open', () => setState((s) => (s.clusterId === clusterId ? { ...s, connection: 'open' } : s)));
      es.addEventListener('error', () => {
        if (stopped || !es) return;
        if (es.readyState === EventSource.CONNECTING) {
          // The browser reconnects by itself and resumes with Last-Event-ID.
          setState((s) => (s.clusterId === clusterId ? { ...s, connection: 'reconnecting' } : s));
          return;
        }
        es.close();
        void closedReason(clusterId).then(({ message, retry }) => {
          if (stopped) return;
          setState((s) => (s.clusterId === clusterId ? { ...s, connection: 'closed', error: message } : s));
          if (retry) {
            retryTimer = setTimeout(connect, retryMs);
            retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
          }
        });
      });
    };
    connect();
    return () => {
      stopped = true;
      es?.close();
      if (retryTimer) clearTimeout(retryTimer);
      if (batchTimer) clearTimeout(batchTimer);
    };
  }, [clusterId]);

  return state;
}
