'use client';
/**
 * Learn mode: the tours of lib/learn on the current cluster, one step at a time. The steps are
 * language-neutral (message keys, parameters, element IDs); this panel translates them. Cluster data
 * in the parameters (names, IPs) is shown as is.
 */
import type { TFunction } from 'i18next';
import { LEARN_TOURS } from '../lib/learn/learn-view';
import { type MethodId, type MisconceptionId, type StepParams, type Tour, type TourId, type TryIt } from '../lib/learn/tours';
import { useTranslation } from '../lib/i18n/react';

interface Props {
  tour: Tour;
  /** Index of the shown step in `tour.steps`. */
  index: number;
  onTour: (id: TourId) => void;
  onStep: (stepId: string) => void;
  onTry: (tryIt: TryIt) => void;
  onClose: () => void;
}

/** i18next's `t` with a step's parameters (arrays become lists through the catalogue's list formatter). */
function tr(t: TFunction, key: string, params: StepParams): string {
  return String(t(key, params as Record<string, unknown>));
}

function MethodTable({ t, methods }: { t: TFunction; methods: readonly MethodId[] }) {
  const columns = ['reach', 'balancing', 'cost'] as const;
  return (
    <table data-testid="learn-compare" className="mt-2 w-full border-collapse text-xs">
      <thead>
        <tr>
          <th scope="col" className="border-b border-slate-300 p-1 text-left dark:border-slate-700">
            {t('methods.column.method')}
          </th>
          {columns.map((c) => (
            <th key={c} scope="col" className="border-b border-slate-300 p-1 text-left dark:border-slate-700">
              {t(`methods.column.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {methods.map((m) => (
          <tr key={m} data-method={m}>
            <th scope="row" className="border-b border-slate-200 p-1 text-left align-top font-medium dark:border-slate-800">
              {t(`methods.${m}.name`)}
            </th>
            {columns.map((c) => (
              <td key={c} className="border-b border-slate-200 p-1 align-top dark:border-slate-800">
                {t(`methods.${m}.${c}`)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LearnPanel({ tour, index, onTour, onStep, onTry, onClose }: Props) {
  const { t } = useTranslation();
  const step = tour.steps[index];
  const total = tour.steps.length;
  const prev = tour.steps[index - 1];
  const next = tour.steps[index + 1];
  const button = 'rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600';
  return (
    <section aria-labelledby="learn-title" data-testid="learn-panel" data-tour={tour.id} className="mb-4 rounded border border-violet-300 p-2 dark:border-violet-800">
      <div className="mb-2 flex items-center gap-2">
        <h2 id="learn-title" className="text-base font-semibold">
          {t('ui.learn')}
        </h2>
        <label className="flex min-w-0 flex-1 items-center gap-1 text-sm">
          <span className="sr-only">{t('ui.learnPanel.tour')}</span>
          <select
            data-testid="learn-tour"
            value={tour.id}
            onChange={(e) => onTour(e.target.value as TourId)}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
          >
            {LEARN_TOURS.map((id) => (
              <option key={id} value={id}>
                {t(`tour.title.${id}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onClose} className={button} data-testid="learn-close">
          {t('ui.exitTour')}
        </button>
      </div>
      {step ? (
        <article data-testid="learn-step" data-step={step.id} aria-live="polite">
          <p data-testid="learn-position" className="text-xs text-slate-500 dark:text-slate-400">
            {t('ui.stepOf', { n: index + 1, total })}
          </p>
          <h3 data-testid="learn-step-title" className="mt-1 font-semibold">
            {tr(t, step.titleKey, step.params)}
          </h3>
          {/* The hop's §7.1 teaching text (step.teach) is already the text or one of the lines. */}
          <p data-testid="learn-step-text" className="mt-1 text-sm">
            {tr(t, step.textKey, step.params)}
          </p>
          {step.lines && step.lines.length > 0 && (
            <ul data-testid="learn-lines" className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700 dark:text-slate-300">
              {step.lines.map((line, i) => (
                <li key={i} className="cluster-text">
                  {tr(t, line.key, line.params)}
                </li>
              ))}
            </ul>
          )}
          {step.method && <MethodTable t={t} methods={[step.method]} />}
          {step.compare && step.compare.length > 0 && <MethodTable t={t} methods={step.compare} />}
          {(step.misconceptions ?? []).map((m: MisconceptionId) => {
            const tryIt = step.tryIt?.[m];
            return (
              <aside key={m} data-testid="learn-misconception" data-misconception={m} className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950">
                <p>
                  <span className="font-semibold">{t('ui.misconception')}: </span>
                  {t(`misconception.${m}.claim`)}
                </p>
                <p className="mt-1">
                  <span className="font-semibold">{t('ui.correction')}: </span>
                  {t(`misconception.${m}.correction`)}
                </p>
                {tryIt && (
                  <p className="mt-1 flex items-start gap-2">
                    <button type="button" onClick={() => onTry(tryIt)} className={`${button} shrink-0 whitespace-nowrap`} data-testid="learn-try">
                      {t('ui.tryIt')}
                    </button>
                    <span className="cluster-text">{tr(t, tryIt.textKey, tryIt.params)}</span>
                  </p>
                )}
              </aside>
            );
          })}
          <div className="mt-3 flex items-center gap-2">
            <button type="button" disabled={!prev} onClick={() => prev && onStep(prev.id)} className={button} data-testid="learn-prev">
              ← {t('ui.previous')}
            </button>
            <button type="button" disabled={!next} onClick={() => next && onStep(next.id)} className={button} data-testid="learn-next">
              {t('ui.next')} →
            </button>
            <span className="text-xs text-slate-500 dark:text-slate-400">{t('ui.learnPanel.keys')}</span>
          </div>
        </article>
      ) : (
        <p className="text-sm text-slate-500">{t('ui.learnPanel.empty')}</p>
      )}
    </section>
  );
}
