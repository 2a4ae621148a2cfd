'use client';
/** Cluster picker, where the data comes from, how fresh each kind is, the Learn toggle, the language and the theme switch. */
import type { ReactNode } from 'react';
import type { Theme } from '../lib/graph/style';
import { SNAPSHOT_KINDS, type SnapshotMeta } from '../lib/snapshot/records';
import type { ClusterList, ClusterStatus, KindState } from '../lib/snapshot/stream';
import { safeText } from '../lib/model/text';
import type { TFunction } from 'i18next';
import { useTranslation } from '../lib/i18n/react';
import { LanguageSwitcher } from './language-switcher';
import type { Connection } from './use-cluster-feed';


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

/** Kubernetes kinds keep their English names in every language. */
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

function stateText(t: TFunction, state: KindState, since: string | undefined): string {
  return state === 'stale' ? t('ui.header.state.stale', { time: clock(since) }) : t(`ui.header.state.${state}`);
}

/** "demo · …", "live · context", "snapshot taken at …". */
export function sourceLabel(t: TFunction, meta: SnapshotMeta | undefined): string {
  if (!meta) return '';
  if (meta.source === 'demo') return t('ui.header.source.demo', { name: safeText(meta.title ?? meta.context ?? '', 120) });
  if (meta.source === 'live') return t('ui.header.source.live', { name: `${safeText(meta.context ?? '', 120)}${meta.serverVersion ? ` (${safeText(meta.serverVersion, 40)})` : ''}` });
  const taken = meta.takenAt ? new Date(meta.takenAt) : undefined;
  return taken && !Number.isNaN(taken.getTime())
    ? t('ui.header.source.snapshot', { time: taken.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') })
    : meta.takenAt
      ? t('ui.header.source.snapshot', { time: safeText(meta.takenAt, 60) })
      : t('ui.header.source.snapshotUnknown');
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
  /** Learn mode open. */
  learn: boolean;
  onLearn: () => void;
  /** Extra controls before the Learn toggle (the snapshot buttons). */
  actions?: ReactNode;
  /** Redaction mode: a cluster ID the list does not know is not shown either. */
  redact?: boolean;
}

export function AppHeader({ clusters, clustersError, clusterId, meta, status, connection, error, theme, onCluster, onTheme, learn, onLearn, actions, redact = false }: Props) {
  const { t } = useTranslation();
  const entries = clusters?.clusters ?? [];
  const known = entries.some((c) => c.id === clusterId);
  const groups: { label: string; kind: string }[] = [
    { label: t('ui.header.group.context'), kind: 'context' },
    { label: t('ui.header.group.snapshot'), kind: 'snapshot' },
    { label: t('ui.header.group.demo'), kind: 'demo' },
  ];
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
      <h1 className="text-lg font-semibold">kubepath</h1>
      <label className="flex items-center gap-1 text-sm">
        <span>{t('ui.header.cluster')}</span>
        <select
          data-testid="cluster-picker"
          value={clusterId ?? ''}
          onChange={(e) => onCluster(e.target.value)}
          className="max-w-72 rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {!clusterId && <option value="">{t('ui.header.loading')}</option>}
          {clusterId && !known && <option value={clusterId}>{redact ? t('ui.export.redactedCluster') : safeText(clusterId, 120)}</option>}
          {groups.map((g) => {
            const list = entries.filter((c) => c.kind === g.kind);
            return list.length === 0 ? null : (
              <optgroup key={g.kind} label={g.label}>
                {list.map((c) => (
                  <option key={c.id} value={c.id} disabled={Boolean(c.error)} title={c.error ? safeText(c.error) : undefined}>
                    {safeText(c.kind === 'demo' ? `${c.name}${c.title ? ` — ${c.title}` : ''}` : `${c.name}${c.current ? ` ${t('ui.header.current')}` : ''}${c.error ? ` — ${t('ui.header.unavailable')}` : ''}`, 120)}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </label>
      <span className="cluster-text text-sm text-slate-600 dark:text-slate-400" data-testid="source-label">
        {sourceLabel(t, meta)}
      </span>
      {connection !== 'open' && (
        <span data-testid="connection" data-connection={connection} className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600">
          {connection === 'connecting' ? t('ui.header.connecting') : connection === 'reconnecting' ? t('ui.header.reconnecting') : error ? t('ui.header.disconnectedWith', { error: safeText(error, 200) }) : t('ui.header.disconnected')}
        </span>
      )}
      {clustersError && <span className="text-xs text-rose-700 dark:text-rose-400">{t('ui.header.clusterList')} <span lang="en">{clustersError}</span></span>}
      <ul className="flex flex-wrap gap-1" aria-label={t('ui.header.freshness')}>
        {SNAPSHOT_KINDS.map((k) => {
          const s = status[k];
          if (!s) return null;
          return (
            <li key={k} data-testid={`status-${k}`} data-state={s.state} title={s.message ? safeText(s.message) : undefined} className={`rounded border px-1.5 text-xs ${STATE_CLASS[s.state]}`}>
              {KIND_LABEL[k]} {stateText(t, s.state, s.since)}
              {s.message && s.state !== 'live' ? <span className="sr-only" lang="en">: {safeText(s.message)}</span> : null}
            </li>
          );
        })}
      </ul>
      <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>
      <button
        type="button"
        onClick={onLearn}
        aria-pressed={learn}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600"
        data-testid="learn-toggle"
      >
        {t('ui.learn')}
      </button>
      <LanguageSwitcher />
      <button
        type="button"
        onClick={onTheme}
        aria-pressed={theme === 'dark'}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600"
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? t('ui.header.themeDark') : t('ui.header.themeLight')}
      </button>
    </header>
  );
}
