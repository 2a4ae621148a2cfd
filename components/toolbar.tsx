'use client';
/** Namespace filter, search, path mode buttons and zoom controls. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SearchHit } from '../lib/graph/search';
import { safeText } from '../lib/model/text';
import { useTranslation } from '../lib/i18n/react';
import type { PathNumber } from './view-state';

const chip = 'rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

interface Props {
  namespaces: readonly string[];
  selected: readonly string[];
  onNamespaces: (ns: string[]) => void;
  query?: string;
  hits: readonly SearchHit[];
  onSearch: (q: string | undefined) => void;
  onPick: (id: string) => void;
  path?: PathNumber;
  onPath: (p: PathNumber | undefined) => void;
  onFit: () => void;
  onZoom: (factor: number) => void;
  /** Controls placed before the zoom group (export). */
  extra?: ReactNode;
}

export function Toolbar({ namespaces, selected, onNamespaces, query, hits, onSearch, onPick, path, onPath, onFit, onZoom, extra }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(query ?? '');
  const lastQuery = useRef(query);
  useEffect(() => {
    // The URL changed the query (back/forward, deep link): show it.
    if (lastQuery.current !== query) {
      lastQuery.current = query;
      setText(query ?? '');
    }
  }, [query]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onSearch(text.trim() || undefined);
  };
  const all = selected.length === 0;
  const toggle = (ns: string): void => {
    const current = all ? [...namespaces] : [...selected];
    const next = current.includes(ns) ? current.filter((n) => n !== ns) : [...current, ns];
    onNamespaces(next.length === namespaces.length ? [] : next.sort());
  };
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
      <details className="relative" data-testid="ns-filter">
        <summary className={`${chip} cursor-pointer list-none`}>{all ? t('ui.toolbar.namespacesAll') : t('ui.toolbar.namespacesSome', { n: selected.length, total: namespaces.length })}</summary>
        <fieldset className="absolute z-20 mt-1 max-h-80 w-64 overflow-auto rounded border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-600 dark:bg-slate-900">
          <legend className="sr-only">{t('ui.toolbar.namespacesLegend')}</legend>
          <button type="button" className="mb-1 text-xs text-sky-700 underline dark:text-sky-400" onClick={() => onNamespaces([])}>
            {t('ui.toolbar.showAll')}
          </button>
          {namespaces.map((ns) => (
            <label key={ns} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={all || selected.includes(ns)} onChange={() => toggle(ns)} data-testid={`ns-${ns}`} />
              <span className="cluster-text">{safeText(ns, 80)}</span>
            </label>
          ))}
        </fieldset>
      </details>
      <form role="search" onSubmit={submit} className="relative flex items-center gap-1">
        <label htmlFor="search" className="sr-only">
          {t('ui.toolbar.searchLabel')}
        </label>
        <input
          id="search"
          type="search"
          data-testid="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('ui.toolbar.searchPlaceholder')}
          className="w-48 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className={chip}>
          {t('ui.toolbar.find')}
        </button>
        {query && (
          <span className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="search-count">
            {hits.length === 0 ? t('ui.toolbar.noMatch') : hits.length >= 50 ? t('ui.toolbar.matchesMore', { count: hits.length }) : t('ui.toolbar.matches', { count: hits.length })}
          </span>
        )}
        {query && hits.length > 1 && (
          <details className="relative">
            <summary className="cursor-pointer text-xs text-sky-700 underline dark:text-sky-400">{t('ui.toolbar.list')}</summary>
            <ul className="absolute z-20 mt-1 max-h-72 w-80 overflow-auto rounded border border-slate-300 bg-white p-1 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900">
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="cluster-text w-full text-left hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => onPick(h.id)}>
                    {safeText(h.id, 120)} <span className="text-xs text-slate-500">{safeText(h.matched, 80)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </form>
      <div role="group" aria-label={t('ui.toolbar.tracePath')} className="flex items-center gap-1">
        <span className="text-sm">{t('ui.toolbar.path')}</span>
        {([1, 2, 3, 4] as const).map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`path-${p}`}
            aria-pressed={path === p}
            title={t(`ui.path.title.${p}`)}
            aria-label={t(`ui.path.title.${p}`)}
            onClick={() => onPath(path === p ? undefined : p)}
            className={`${chip} ${path === p ? 'border-orange-500 bg-orange-100 font-semibold dark:bg-orange-900' : ''}`}
          >
            {['①', '②', '③', '④'][p - 1]}
          </button>
        ))}
      </div>
      {extra}
      <div role="group" aria-label={t('ui.toolbar.view')} className="ml-auto flex items-center gap-1">
        <button type="button" className={chip} onClick={() => onZoom(1.25)} aria-label={t('ui.toolbar.zoomIn')}>
          +
        </button>
        <button type="button" className={chip} onClick={() => onZoom(0.8)} aria-label={t('ui.toolbar.zoomOut')}>
          −
        </button>
        <button type="button" className={chip} onClick={onFit}>
          {t('ui.toolbar.fit')}
        </button>
      </div>
    </div>
  );
}
