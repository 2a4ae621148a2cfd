'use client';
import type { TFunction } from 'i18next';
import { useTranslation } from '../lib/i18n/react';
import { safeText } from '../lib/model/text';
import type { AccessPoint } from '../lib/model/types';
import { CopyButton } from './copy-button';
import { LongText } from './long-text';

/** Scope labels (§3.0) with a text in the catalogues (`ui.access.scope.<scope>`). */
const SCOPES = new Set(['cluster', 'cluster-dns', 'all-nodes', 'lb', 'admin-routed', 'edge', 'operator']);

/** Human text for a scope label (§3.0); unknown labels are shown as they are. */
export function scopeText(t: TFunction, scope: string): string {
  if (scope.startsWith('node:')) return t('ui.access.scope.node', { node: scope.slice(5) });
  return SCOPES.has(scope) ? t(`ui.access.scope.${scope}`) : scope;
}

/**
 * A link target for an access point, or undefined. Only http and https URLs built by the model from
 * typed fields become links (quality-and-scale.md §1.6): no `javascript:`, no placeholders.
 */
export function linkFor(url: string): string | undefined {
  if (url.includes('<')) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The access table of one Service (or pod, or Ingress): every URL, from where, whether it works and why not. */
export function AccessTable({ accessPoints, caption }: { accessPoints: readonly AccessPoint[]; caption?: string }) {
  const { t } = useTranslation();
  if (accessPoints.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{t('ui.access.none')}</p>;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="access-table">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th scope="col" className="w-28 py-1 pr-2 font-medium">
            {t('ui.access.kindColumn')}
          </th>
          <th scope="col" className="py-1 font-medium">
            {t('ui.access.urlColumn')}
          </th>
        </tr>
      </thead>
      <tbody>
        {accessPoints.map((ap, i) => {
          const href = linkFor(ap.url);
          return (
            <tr
              key={`${ap.kind}-${ap.url}-${i}`}
              data-testid="access-point"
              data-kind={ap.kind}
              data-reachable={String(ap.reachable)}
              className="border-b border-slate-100 align-top dark:border-slate-800"
            >
              <td className="py-1 pr-2">
                <span className="block font-medium">{ap.kind}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{scopeText(t, ap.scope)}</span>
              </td>
              <td className="py-1">
                <div className="flex items-start gap-1">
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer noopener" className="cluster-text min-w-0 flex-1 font-mono text-xs break-all text-sky-700 underline dark:text-sky-400">
                      {safeText(ap.url)}
                    </a>
                  ) : (
                    <span className="cluster-text min-w-0 flex-1 font-mono text-xs break-all">{safeText(ap.url)}</span>
                  )}
                  <CopyButton text={ap.url} label={t('ui.access.copyUrl', { url: ap.url })} />
                </div>
                {ap.command && (
                  <div className="mt-0.5 flex items-start gap-1">
                    <code className="cluster-text min-w-0 flex-1 text-[11px] break-all text-slate-500 dark:text-slate-400">{safeText(ap.command)}</code>
                    <CopyButton text={ap.command} label={t('ui.access.copyCommand', { command: ap.command })} />
                  </div>
                )}
                <div className="mt-0.5 text-xs">
                  {ap.reachable ? (
                    <span className="font-medium text-emerald-700 dark:text-emerald-400">{t('ui.access.reachable')}</span>
                  ) : (
                    <span className="text-rose-700 dark:text-rose-400">
                      <span className="font-medium">{t('ui.access.notReachable', { outcome: ap.outcome })}</span>: <LongText text={ap.reason ?? ''} lang="en" />
                    </span>
                  )}
                  {ap.badges.length > 0 && <span className="ml-1 text-slate-500 dark:text-slate-400">[{ap.badges.join(', ')}]</span>}
                </div>
                {ap.notes.length > 0 && (
                  <ul className="mt-0.5 list-disc pl-4 text-xs text-slate-500 dark:text-slate-400">
                    {ap.notes.map((n, j) => (
                      <li key={j}>
                        <LongText text={n} lang="en" />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
