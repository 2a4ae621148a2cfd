'use client';
/** Namespace filter, search, path mode buttons and zoom controls. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SearchHit } from '../lib/graph/search';
import { safeText } from '../lib/model/text';
import { PATH_TITLES } from './path-request';
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
}

export function Toolbar({ namespaces, selected, onNamespaces, query, hits, onSearch, onPick, path, onPath, onFit, onZoom }: Props) {
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
        <summary className={`${chip} cursor-pointer list-none`}>Namespaces: {all ? 'all' : `${selected.length} of ${namespaces.length}`}</summary>
        <fieldset className="absolute z-20 mt-1 max-h-80 w-64 overflow-auto rounded border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-600 dark:bg-slate-900">
          <legend className="sr-only">Namespaces to show</legend>
          <button type="button" className="mb-1 text-xs text-sky-700 underline dark:text-sky-400" onClick={() => onNamespaces([])}>
            Show all
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
          Search by name or IP
        </label>
        <input
          id="search"
          type="search"
          data-testid="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="name or IP"
          className="w-48 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className={chip}>
          Find
        </button>
        {query && (
          <span className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="search-count">
            {hits.length === 0 ? 'no match' : `${hits.length}${hits.length >= 50 ? '+' : ''} match${hits.length === 1 ? '' : 'es'}`}
          </span>
        )}
        {query && hits.length > 1 && (
          <details className="relative">
            <summary className="cursor-pointer text-xs text-sky-700 underline dark:text-sky-400">list</summary>
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
      <div role="group" aria-label="Trace a path" className="flex items-center gap-1">
        <span className="text-sm">Path</span>
        {([1, 2, 3, 4] as const).map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`path-${p}`}
            aria-pressed={path === p}
            title={PATH_TITLES[p]}
            aria-label={PATH_TITLES[p]}
            onClick={() => onPath(path === p ? undefined : p)}
            className={`${chip} ${path === p ? 'border-orange-500 bg-orange-100 font-semibold dark:bg-orange-900' : ''}`}
          >
            {['①', '②', '③', '④'][p - 1]}
          </button>
        ))}
      </div>
      <div role="group" aria-label="View" className="ml-auto flex items-center gap-1">
        <button type="button" className={chip} onClick={() => onZoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className={chip} onClick={() => onZoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className={chip} onClick={onFit}>
          Fit
        </button>
      </div>
    </div>
  );
}
