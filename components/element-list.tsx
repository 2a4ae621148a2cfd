'use client';
/**
 * The accessible list of what the graph shows (architecture.md §4): every element the canvas draws,
 * with the same IDs (`data-testid="element-<id>"`), grouped by band, children inside their parents and
 * each element's connections under it. Keyboard and screen-reader users work here; e2e tests assert
 * here, never on cytoscape's state.
 */
import { memo, useMemo } from 'react';
import type { DiffMark } from '../lib/graph/diff-view';
import type { Band, GraphEdge, GraphModel, GraphNode } from '../lib/graph/elements';
import { useTranslation } from '../lib/i18n/react';
import { safeText } from '../lib/model/text';

/** Edge states with a translation (`ui.list.state.<state>`). */
const EDGE_STATES = new Set(['ready', 'not-ready', 'terminating', 'inferred', 'selector-only', 'healthy', 'drop', 'pending', 'mixed']);

interface Props {
  model: GraphModel;
  focus?: string;
  matches: ReadonlySet<string>;
  pathCurrent: ReadonlySet<string>;
  pathDone: ReadonlySet<string>;
  /** Learn mode: the elements the current step talks about (`data-learn="highlight"`). */
  learn?: ReadonlySet<string>;
  /** Diff mode: each marked element's change since the base (`data-diff`, and a badge in words). */
  diff?: ReadonlyMap<string, DiffMark>;
  onActivate: (id: string) => void;
  onToggle: (id: string) => void;
}

const DIFF_CLASS: Record<DiffMark, string> = {
  added: 'border-green-600 text-green-800 dark:border-green-500 dark:text-green-300',
  changed: 'border-amber-600 text-amber-800 dark:border-amber-500 dark:text-amber-300',
  removed: 'border-rose-600 text-rose-800 line-through dark:border-rose-500 dark:text-rose-300',
};

interface Tree {
  roots: Record<Band, GraphNode[]>;
  children: Map<string, GraphNode[]>;
  edgesFrom: Map<string, GraphEdge[]>;
  title: Map<string, string>;
}

function buildTree(model: GraphModel): Tree {
  const roots: Record<Band, GraphNode[]> = { outside: [], services: [], nodes: [] };
  const children = new Map<string, GraphNode[]>();
  const edgesFrom = new Map<string, GraphEdge[]>();
  const title = new Map<string, string>();
  for (const e of model.elements) {
    if (e.group === 'nodes') {
      title.set(e.data.id, e.data.lines[0] ?? e.data.id);
      if (e.data.parent) {
        const list = children.get(e.data.parent);
        if (list) list.push(e);
        else children.set(e.data.parent, [e]);
      } else roots[e.data.band].push(e);
    } else if (e.data.kind !== 'path') {
      const list = edgesFrom.get(e.data.source);
      if (list) list.push(e);
      else edgesFrom.set(e.data.source, [e]);
    }
  }
  return { roots, children, edgesFrom, title };
}

export const ElementList = memo(function ElementList(props: Props) {
  const tree = useMemo(() => buildTree(props.model), [props.model]);
  const { t } = useTranslation();
  return (
    <nav aria-label={t('ui.list.label')} data-testid="element-list" className="text-sm">
      {(['outside', 'services', 'nodes'] as const).map((band) =>
        tree.roots[band].length === 0 ? null : (
          <section key={band} aria-labelledby={`band-${band}`} className="mb-3">
            <h3 id={`band-${band}`} className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
              {t(`ui.list.band.${band}`)}
            </h3>
            <ul className="space-y-1">
              {tree.roots[band].map((n) => (
                <Item key={n.data.id} node={n} tree={tree} focus={props.focus} matches={props.matches} pathCurrent={props.pathCurrent} pathDone={props.pathDone} {...(props.learn ? { learn: props.learn } : {})} {...(props.diff ? { diff: props.diff } : {})} onActivate={props.onActivate} onToggle={props.onToggle} />
              ))}
            </ul>
          </section>
        ),
      )}
      {props.model.hiddenEdges > 0 && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {t('ui.list.hiddenEdges')}
        </p>
      )}
    </nav>
  );
});

type ItemProps = Omit<Props, 'model'> & { node: GraphNode; tree: Tree };

/** More connections than this are folded under a summary. */
const FOLD_EDGES = 6;

function EdgeList({ edges, tree, owner }: { edges: readonly GraphEdge[]; tree: Tree; owner: string }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={t('ui.list.connectionsFrom', { owner })} className="mt-0.5 ml-2 text-xs text-slate-600 dark:text-slate-400">
      {edges.map((e) => (
        <li key={e.data.id} data-testid={`element-${e.data.id}`} data-kind={e.data.kind} {...(e.data.state ? { 'data-state': e.data.state } : {})} className="cluster-text">
          → {tree.title.get(e.data.target) ?? e.data.target}
          {e.data.port ? ` ${t('ui.list.onPort', { port: safeText(e.data.port, 60) })}` : ''}
          {e.data.kind === 'aggregate' ? ` (${t('ui.list.connections', { count: e.data.count ?? 1 })})` : ''}
          {e.data.state && EDGE_STATES.has(e.data.state) ? ` · ${t(`ui.list.state.${e.data.state}`)}` : ''}
        </li>
      ))}
    </ul>
  );
}

function Item({ node, tree, focus, matches, pathCurrent, pathDone, learn, diff, onActivate, onToggle }: ItemProps) {
  const d = node.data;
  const kids = tree.children.get(d.id) ?? [];
  const edges = tree.edgesFrom.get(d.id) ?? [];
  const path = pathCurrent.has(d.id) ? 'current' : pathDone.has(d.id) ? 'done' : undefined;
  const collapsed = d.expandable && !d.expanded;
  const mark = diff?.get(d.id);
  const { t } = useTranslation();
  return (
    <li
      data-testid={`element-${d.id}`}
      data-kind={d.kind}
      {...(path ? { 'data-path': path } : {})}
      {...(learn?.has(d.id) ? { 'data-learn': 'highlight' } : {})}
      {...(matches.has(d.id) ? { 'data-match': 'true' } : {})}
      {...(d.severity ? { 'data-severity': d.severity } : {})}
      {...(mark ? { 'data-diff': mark } : {})}
      className={[
        // Off-screen items skip layout and paint: the list of a large view is long.
        'rounded border px-1.5 py-1 [contain-intrinsic-size:auto_4rem] [content-visibility:auto]',
        path === 'current' ? 'border-orange-500 bg-orange-50 dark:bg-orange-950' : path === 'done' ? 'border-orange-300 dark:border-orange-800' : 'border-slate-200 dark:border-slate-800',
        matches.has(d.id) ? 'ring-2 ring-rose-500' : '',
        learn?.has(d.id) ? 'outline-2 outline-violet-500' : '',
        mark === 'removed' ? 'opacity-70' : '',
      ].join(' ')}
    >
      <div className="flex items-start gap-1">
        <button
          type="button"
          onClick={() => onActivate(d.id)}
          aria-current={focus === d.id ? 'true' : undefined}
          {...(collapsed ? { 'aria-expanded': false } : {})}
          className={`cluster-text min-w-0 flex-1 rounded text-left focus-visible:outline-2 focus-visible:outline-sky-600 ${focus === d.id ? 'font-semibold' : ''}`}
        >
          {d.lines.map((line, i) => (
            <span key={i} className={i === 0 ? 'block font-medium' : 'block font-mono text-xs text-slate-600 dark:text-slate-400'}>
              {line}
            </span>
          ))}
        </button>
        {mark && <span className={`shrink-0 rounded border px-1 text-xs ${DIFF_CLASS[mark]}`}>{t(`ui.diff.mark.${mark}`)}</span>}
        {d.expandable && (
          <button
            type="button"
            onClick={() => onToggle(d.id)}
            aria-expanded={Boolean(d.expanded)}
            aria-label={t(d.expanded ? 'ui.list.collapseNamed' : 'ui.list.expandNamed', { name: d.lines[0] ?? d.id })}
            className="shrink-0 rounded border border-slate-300 px-1 text-xs dark:border-slate-600"
          >
            {d.expanded ? t('ui.list.collapse') : t('ui.list.expand')}
          </button>
        )}
      </div>
      {edges.length > 0 &&
        (edges.length <= FOLD_EDGES ? (
          <EdgeList edges={edges} tree={tree} owner={d.lines[0] ?? d.id} />
        ) : (
          // Many connections fold away (still in the document, for screen readers and tests).
          <details className="mt-0.5 ml-2 text-xs text-slate-600 dark:text-slate-400">
            <summary className="cursor-pointer">{t('ui.list.connections', { count: edges.length })}</summary>
            <EdgeList edges={edges} tree={tree} owner={d.lines[0] ?? d.id} />
          </details>
        ))}
      {kids.length > 0 && (
        <ul className="mt-1 ml-2 space-y-1">
          {kids.map((k) => (
            <Item key={k.data.id} node={k} tree={tree} focus={focus} matches={matches} pathCurrent={pathCurrent} pathDone={pathDone} {...(learn ? { learn } : {})} {...(diff ? { diff } : {})} onActivate={onActivate} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </li>
  );
}
