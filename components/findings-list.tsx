'use client';
import { useTranslation } from '../lib/i18n/react';
import type { Finding } from '../lib/model/types';
import { safeText } from '../lib/model/text';
import { LongText } from './long-text';

const SEVERITY_CLASS: Record<Finding['severity'], string> = {
  error: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
  warning: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  info: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
};

const SHOWN = 200;

/** Every finding of the model, worst first; the subject opens the element. */
export function FindingsList({ findings, pending, onFocus }: { findings: readonly Finding[]; pending: boolean; onFocus: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="findings-h" className="mb-4" data-testid="findings-section" data-pending={String(pending)}>
      <h2 id="findings-h" className="mb-1 text-base font-semibold">
        {pending ? t('ui.findings.title') : t('ui.findings.titleCount', { count: findings.length })}
      </h2>
      {pending ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('ui.findings.checking')}</p>
      ) : findings.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('ui.findings.none')}</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="findings">
          {findings.slice(0, SHOWN).map((f, i) => (
            <li key={`${f.code}-${f.subject}-${i}`} data-testid="finding" data-code={f.code} data-severity={f.severity}>
              <span className={`mr-1 rounded px-1 text-xs font-semibold ${SEVERITY_CLASS[f.severity]}`}>{t(`ui.findings.severity.${f.severity}`)}</span>
              <code className="text-xs">{f.code}</code>{' '}
              <button type="button" className="cluster-text text-sky-700 underline dark:text-sky-400" onClick={() => onFocus(f.subject)}>
                {safeText(f.subject, 120)}
              </button>
              <LongText text={f.message} lang="en" className="block text-xs text-slate-600 dark:text-slate-400" />
            </li>
          ))}
          {findings.length > SHOWN && <li className="text-xs text-slate-500">{t('ui.findings.more', { count: findings.length - SHOWN })}</li>}
        </ul>
      )}
    </section>
  );
}
