'use client';
/** The legend, drawn from the graph's palette (SVG presentation attributes, not style attributes: the CSP allows them). */
import { useTranslation } from '../lib/i18n/react';
import { diffLegendEntries, legendEntries, type Theme } from '../lib/graph/style';

const DASH = { solid: undefined, dashed: '6 3', dotted: '2 3' } as const;

/** `diff`: diff mode is on, so its three marks are explained too. */
export function Legend({ theme, diff = false }: { theme: Theme; diff?: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="mb-4" data-testid="legend">
      <summary className="cursor-pointer text-base font-semibold">{t('ui.legend.title')}</summary>
      <ul className="mt-1 grid grid-cols-1 gap-1 text-xs">
        {[...legendEntries(theme), ...(diff ? diffLegendEntries(theme) : [])].map((e) => (
          <li key={e.id} className="flex items-center gap-2">
            <svg width="36" height="14" aria-hidden="true" focusable="false">
              {e.kind === 'box' ? (
                <rect x="1" y="1" width="34" height="12" rx="3" fill={e.fill} stroke={e.stroke} strokeWidth="1.5" strokeDasharray={DASH[e.dash ?? 'solid']} />
              ) : (
                <line x1="1" y1="7" x2="35" y2="7" stroke={e.stroke} strokeWidth="2" strokeDasharray={DASH[e.dash ?? 'solid']} />
              )}
            </svg>
            <span>{t(`ui.legend.${e.id}`)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{t('ui.legend.ephemeral')}</p>
    </details>
  );
}
