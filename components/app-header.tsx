'use client';
/** Cluster picker, where the data comes from, how fresh each kind is, and the theme switch. */
import type { Theme } from '../lib/graph/style';
import { SNAPSHOT_KINDS, type SnapshotMeta } from '../lib/snapshot/records';
import type { ClusterList, ClusterStatus, KindState } from '../lib/snapshot/stream';
import { safeText } from '../lib/model/text';
import type { Connection } from './use-cluster-feed';

const KIND_LABEL: Record<string, string> = {
  Namespace: 'Namespaces',
  Node: 'Nodes',
  Pod: 'Pods',
  Service: 'Services',
  EndpointSlice: 'EndpointSlices',
  Ingress: 'Ingresses',
  IngressClass: 'IngressClasses',
  NetworkPolicy: 'NetworkPolicies',
};

const STATE_CLASS: Record<KindState, string> = {
  live: 'border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300',
  syncing: 'border-sky-300 text-sky-800 dark:border-sky-800 dark:text-sky-300',
  stale: 'border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  forbidden: 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200',
  throttled: 'border-amber-400 text-amber-900 dark:border-amber-700 dark:text-amber-200',
  error: 'border-rose-400 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200',
};

/** "12:03:04" in the viewer's time zone, or the raw text when it is not a date. */
function clock(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}

function stateText(state: KindState, since: string | undefined): string {
  switch (state) {
    case 'live':
      return 'live';
    case 'syncing':
      return 'syncing';
    case 'stale':
      return `stale since ${clock(since)}`;
    case 'forbidden':
      return 'no permission';
    case 'throttled':
      return 'throttled';
    case 'error':
      return 'error';
  }
}

/** "demo · …", "live · context", "snapshot taken at …". */
export function sourceLabel(meta: SnapshotMeta | undefined): string {
  if (!meta) return '';
  if (meta.source === 'demo') return `demo · ${safeText(meta.title ?? meta.context ?? '', 120)}`;
  if (meta.source === 'live') return `live · ${safeText(meta.context ?? '', 120)}${meta.serverVersion ? ` (${safeText(meta.serverVersion, 40)})` : ''}`;
  const taken = meta.takenAt ? new Date(meta.takenAt) : undefined;
  return `snapshot taken at ${taken && !Number.isNaN(taken.getTime()) ? taken.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : safeText(meta.takenAt ?? 'an unknown time', 60)}`;
}

interface Props {
  clusters?: ClusterList;
  clustersError?: string;
  clusterId?: string;
  meta?: SnapshotMeta;
  status: ClusterStatus;
  connection: Connection;
  error?: string;
  theme: Theme;
  onCluster: (id: string) => void;
  onTheme: () => void;
}

export function AppHeader({ clusters, clustersError, clusterId, meta, status, connection, error, theme, onCluster, onTheme }: Props) {
  const entries = clusters?.clusters ?? [];
  const known = entries.some((c) => c.id === clusterId);
  const groups: { label: string; kind: string }[] = [
    { label: 'Live contexts', kind: 'context' },
    { label: 'Snapshots', kind: 'snapshot' },
    { label: 'Demo clusters', kind: 'demo' },
  ];
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
      <h1 className="text-lg font-semibold">kubepath</h1>
      <label className="flex items-center gap-1 text-sm">
        <span>Cluster</span>
        <select
          data-testid="cluster-picker"
          value={clusterId ?? ''}
          onChange={(e) => onCluster(e.target.value)}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {!clusterId && <option value="">loading…</option>}
          {clusterId && !known && <option value={clusterId}>{safeText(clusterId, 120)}</option>}
          {groups.map((g) => {
            const list = entries.filter((c) => c.kind === g.kind);
            return list.length === 0 ? null : (
              <optgroup key={g.kind} label={g.label}>
                {list.map((c) => (
                  <option key={c.id} value={c.id} disabled={Boolean(c.error)} title={c.error ? safeText(c.error) : undefined}>
                    {safeText(c.kind === 'demo' ? `${c.name}${c.title ? ` — ${c.title}` : ''}` : `${c.name}${c.current ? ' (current)' : ''}${c.error ? ' — unavailable' : ''}`, 120)}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </label>
      <span className="cluster-text text-sm text-slate-600 dark:text-slate-400" data-testid="source-label">
        {sourceLabel(meta)}
      </span>
      {connection !== 'open' && (
        <span data-testid="connection" data-connection={connection} className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600">
          {connection === 'connecting' ? 'connecting…' : connection === 'reconnecting' ? 'reconnecting…' : `disconnected${error ? `: ${safeText(error, 200)}` : ''}`}
        </span>
      )}
      {clustersError && <span className="text-xs text-rose-700 dark:text-rose-400">cluster list: {clustersError}</span>}
      <ul className="flex flex-wrap gap-1" aria-label="Data freshness per kind">
        {SNAPSHOT_KINDS.map((k) => {
          const s = status[k];
          if (!s) return null;
          return (
            <li key={k} data-testid={`status-${k}`} data-state={s.state} title={s.message ? safeText(s.message) : undefined} className={`rounded border px-1.5 text-xs ${STATE_CLASS[s.state]}`}>
              {KIND_LABEL[k]} {stateText(s.state, s.since)}
              {s.message && s.state !== 'live' ? <span className="sr-only">: {safeText(s.message)}</span> : null}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={onTheme}
        aria-pressed={theme === 'dark'}
        className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600"
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? 'Dark theme' : 'Light theme'}
      </button>
    </header>
  );
}
