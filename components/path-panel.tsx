'use client';
/**
 * Path mode: pick ①–④ and its endpoints; the hops are listed with their address rewrites and light up
 * on the graph up to the current one; ←/→ (or the buttons) step through them.
 */
import { useMemo } from 'react';
import { hopTitle, hopTransforms, outcomeKey, teachKey } from '../lib/graph/hops';
import { useTranslation } from '../lib/i18n/react';
import { safeText } from '../lib/model/text';
import type { Topology } from '../lib/model/topology';
import type { PathResult } from '../lib/model/types';
import { hopTableMarkdown } from '../lib/model/markdown';
import { CopyButton } from './copy-button';
import { LongText } from './long-text';
import { nodeChoices, podChoices, targetChoices, type ChoiceWords } from './path-request';
import { ACCESS_CHOICES, type Access, type PathNumber, type ViewState } from './view-state';

const selectClass = 'w-full rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900';

interface Props {
  topo: Topology;
  view: ViewState;
  /** The endpoints actually traced (defaults filled in). */
  effective: { from?: string; to?: string };
  result?: PathResult;
  error?: string;
  hop: number;
  onChange: (patch: Partial<ViewState>) => void;
  onHop: (hop: number) => void;
}

export function PathPanel({ topo, view, effective, result, error, hop, onChange, onHop }: Props) {
  const path = view.path as PathNumber;
  const { t } = useTranslation();
  const words = useMemo(
    (): ChoiceWords => ({ pending: t('ui.path.choice.pending'), defaultBackend: t('ui.path.choice.default'), noAddress: t('ui.path.choice.noAddress'), peerIn: (label) => t('ui.path.choice.peerIn', { label }) }),
    [t],
  );
  const targets = useMemo(() => targetChoices(topo, path, view.ns, words), [topo, path, view.ns, words]);
  const pods = useMemo(() => (path === 3 || path === 4 ? podChoices(topo, view.ns) : []), [topo, path, view.ns]);
  const nodes = useMemo(() => nodeChoices(topo, words), [topo, words]);
  const transforms = useMemo(() => (result ? hopTransforms(result) : []), [result]);
  const total = result?.hops.length ?? 0;
  const withCurrent = (choices: { id: string; label: string }[], id: string | undefined): { id: string; label: string }[] =>
    id && !choices.some((c) => c.id === id) ? [{ id, label: id }, ...choices] : choices;

  return (
    <section aria-labelledby="path-h" data-testid="path-panel" className="mb-4">
      <h2 id="path-h" className="mb-2 text-base font-semibold">
        {t('ui.path.heading', { title: t(`ui.path.title.${path}`) })}
      </h2>
      <div className="mb-3 grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1 text-sm">
        {(path === 3 || path === 4) && (
          <>
            <label htmlFor="path-from">{t('ui.path.from')}</label>
            <select id="path-from" data-testid="path-from" className={selectClass} value={effective.from ?? ''} onChange={(e) => onChange({ from: e.target.value, hop: 1 })}>
              {path === 3 && nodes.map((n) => <option key={n.id} value={n.id}>{t('ui.path.processOn', { node: safeText(n.label, 120) })}</option>)}
              {withCurrent(pods, effective.from).map((p) => (
                <option key={p.id} value={p.id}>
                  {safeText(p.label, 120)}
                </option>
              ))}
            </select>
          </>
        )}
        {(path === 1 || path === 2) && (
          <>
            <span>{t('ui.path.from')}</span>
            <span className="font-mono text-xs">{t('ui.path.externalClient', { address: topo.settings.externalClient })}</span>
          </>
        )}
        <label htmlFor="path-to">{t('ui.path.to')}</label>
        <select id="path-to" data-testid="path-to" className={selectClass} value={effective.to ?? ''} onChange={(e) => onChange({ to: e.target.value, hop: 1 })}>
          {withCurrent(targets, effective.to).map((c) => (
            <option key={c.id} value={c.id}>
              {safeText(c.label, 120)}
            </option>
          ))}
        </select>
        {path === 2 && (
          <>
            <label htmlFor="path-access">{t('ui.path.wayIn')}</label>
            <select id="path-access" data-testid="path-access" className={selectClass} value={view.access ?? ''} onChange={(e) => onChange({ access: (e.target.value || undefined) as Access | undefined, hop: 1 })}>
              <option value="">{t('ui.path.accessAuto')}</option>
              {ACCESS_CHOICES.map((a) => (
                <option key={a} value={a}>
                  {t(`ui.path.access.${a}`)}
                </option>
              ))}
            </select>
          </>
        )}
        {(path === 1 || path === 2) && (
          <>
            <label htmlFor="path-via">{path === 1 ? t('ui.path.lbSendsTo') : t('ui.path.nodeDialled')}</label>
            <select id="path-via" data-testid="path-via" className={selectClass} value={view.via ?? ''} onChange={(e) => onChange({ via: e.target.value || undefined, hop: 1 })}>
              <option value="">{t('ui.path.automatic')}</option>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {safeText(n.label, 120)}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {error && (
        <p role="alert" data-testid="path-error" className="rounded border border-rose-300 bg-rose-50 p-2 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">
          <LongText text={error} lang="en" />
        </p>
      )}
      {result && (
        <>
          <div className="mb-2 flex items-center gap-2">
            <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600" disabled={hop <= 1} onClick={() => onHop(hop - 1)} aria-label={t('ui.path.previousHop')}>
              ← {t('ui.path.prev')}
            </button>
            <span className="text-sm" aria-live="polite" data-testid="hop-position">
              {t('ui.path.position', { hop, total })}
            </span>
            <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600" disabled={hop >= total} onClick={() => onHop(hop + 1)} aria-label={t('ui.path.nextHop')}>
              {t('ui.next')} →
            </button>
            <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{t('ui.path.keys')}</span>
            <CopyButton text={hopTableMarkdown(result)} label={t('ui.markdown.copyHops')} caption={t('ui.markdown.copy')} testId="copy-hops-markdown" />
          </div>
          <ol data-testid="hop-list" className="space-y-1" aria-label={t('ui.path.hops')}>
            {result.hops.map((h, i) => {
              const state = h.step === hop ? 'current' : h.step < hop ? 'done' : 'ahead';
              return (
                <li
                  key={h.step}
                  data-testid="hop"
                  data-step={h.step}
                  data-component={h.component}
                  data-state={state}
                  aria-current={state === 'current' ? 'step' : undefined}
                  className={`rounded border p-1.5 text-sm ${state === 'current' ? 'border-orange-500 bg-orange-50 dark:bg-orange-950' : state === 'done' ? 'border-orange-200 dark:border-orange-900' : 'border-slate-200 opacity-70 dark:border-slate-800'}`}
                >
                  <button type="button" onClick={() => onHop(h.step)} className="w-full text-left">
                    <span className="font-semibold">{h.step}.</span> <span className="font-medium">{hopTitle(h)}</span>
                    <span className="cluster-text block font-mono text-xs">
                      {safeText(h.src, 200)} → {safeText(h.dst, 200)}
                    </span>
                  </button>
                  {(transforms[i] ?? []).map((x, j) => (
                    <span key={j} data-testid="transform" className="cluster-text mt-0.5 mr-1 inline-block rounded bg-orange-100 px-1 font-mono text-xs text-orange-900 dark:bg-orange-900 dark:text-orange-100">
                      {safeText(x, 200)}
                    </span>
                  ))}
                  {h.basis && <LongText text={h.basis} lang="en" className="block text-xs text-slate-600 dark:text-slate-400" />}
                  {state === 'current' && h.teach && <span className="mt-1 block border-l-2 border-sky-400 pl-2 text-xs text-slate-700 dark:text-slate-300">{t(teachKey(h.teach), { defaultValue: '' })}</span>}
                </li>
              );
            })}
          </ol>
          <div className="mt-2 text-sm" data-testid="path-outcome" data-outcome={result.outcome}>
            <p className={result.outcome === 'OK' ? 'font-semibold text-emerald-700 dark:text-emerald-400' : 'font-semibold text-rose-700 dark:text-rose-400'}>
              {t(outcomeKey(result.outcome))}
              {result.httpStatus ? ` (${result.httpStatus})` : ''} <span className="font-normal text-slate-500">· {result.variant}</span>
            </p>
            {result.backendSees && (
              <p className="cluster-text font-mono text-xs">
                {t('ui.path.backendSees', { src: safeText(result.backendSees.src, 200), dst: safeText(result.backendSees.dst, 200) })}
              </p>
            )}
            {result.eligible.length > 0 && (
              <p className="text-xs">
                {t('ui.path.eligible')} <LongText text={result.eligible.join(', ')} />
              </p>
            )}
            {result.badges.length > 0 && <p className="text-xs text-slate-500 dark:text-slate-400">[{result.badges.join(', ')}]</p>}
            <ul className="mt-1 list-disc pl-4 text-xs">
              {result.notes.map((n, i) => (
                <li key={i}>
                  <LongText text={n} lang="en" />
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </section>
  );
}
