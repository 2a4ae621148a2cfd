'use client';
/**
 * Incident-review controls (issue 6): "Compare with" picks the base of diff mode (any other cluster in
 * the picker: an opened snapshot, a demo or a live context), and "Redact" switches redaction mode.
 */
import { useTranslation } from '../lib/i18n/react';
import { safeText } from '../lib/model/text';
import type { ClusterList } from '../lib/snapshot/stream';

interface Props {
  clusters?: ClusterList;
  clusterId?: string;
  base?: string;
  onBase: (id: string | undefined) => void;
  redact: boolean;
  onRedact: () => void;
}

const control = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900';

export function ReviewControls({ clusters, clusterId, base, onBase, redact, onRedact }: Props) {
  const { t } = useTranslation();
  const others = (clusters?.clusters ?? []).filter((c) => c.id !== clusterId && !c.error);
  const known = others.some((c) => c.id === base);
  return (
    <>
      <label className="flex items-center gap-1 text-sm" title={t('ui.diff.compareTitle')}>
        <span>{t('ui.diff.compare')}</span>
        <select data-testid="compare-picker" value={base ?? ''} onChange={(e) => onBase(e.target.value || undefined)} className={`${control} max-w-56`}>
          <option value="">{t('ui.diff.none')}</option>
          {base && !known && <option value={base}>{redact ? t('ui.export.redactedCluster') : safeText(base, 120)}</option>}
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {safeText(c.kind === 'demo' ? `${c.name}${c.title ? ` — ${c.title}` : ''}` : c.kind === 'snapshot' ? `${c.name} (${t('ui.header.group.snapshot')})` : c.name, 120)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onRedact} aria-pressed={redact} title={t('ui.redact.title')} data-testid="redact-toggle" className={`rounded border px-2 py-0.5 text-sm ${redact ? 'border-rose-500 bg-rose-50 font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-200' : 'border-slate-300 dark:border-slate-600'}`}>
        {t('ui.redact.toggle')}
      </button>
    </>
  );
}
