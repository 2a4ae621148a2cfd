'use client';
/**
 * The dashboard: one cluster's snapshot (from the SSE feed) through the pure model into the graph, the
 * accessible element list, and the panels. The view (cluster, namespaces, focus, search, path, hop,
 * expansions) lives in the URL, so any view is a link.
 */
import { useSearchParams } from 'next/navigation';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { diffGraphSnapshot, diffMarks } from '../lib/graph/diff-view';
import { toCytoscapeElements } from '../lib/graph/elements';
import { isAggregateId } from '../lib/graph/graph-ids';
import { focusSet, pathKeep, pathOverlay } from '../lib/graph/highlight';
import { useTranslation } from '../lib/i18n/react';
import { isTourId, learnHighlights, stepIndex } from '../lib/learn/learn-view';
import { buildTour, type TourId, type TryIt } from '../lib/learn/tours';
import { searchModel } from '../lib/graph/search';
import { shallowTopology } from '../lib/graph/shallow-topology';
import type { Theme } from '../lib/graph/style';
import { findingsFor } from '../lib/model/findings';
import { createRedactor, type Redactor } from '../lib/model/redact';
import { safeText } from '../lib/model/text';
import { buildTopology, type Topology } from '../lib/model/topology';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { TraceError, tracePath } from '../lib/model/trace';
import type { PathResult } from '../lib/model/types';
import type { ClusterList } from '../lib/snapshot/stream';
import { AppHeader, sourceLabel } from './app-header';
import { DetailsPanel } from './details-panel';
import { DiffPanel } from './diff-panel';
import { exportCaption } from './export-caption';
import { ExportMenu } from './export-menu';
import { ElementList } from './element-list';
import { FindingsList } from './findings-list';
import { GraphCanvas, type GraphCanvasHandle, type GraphHighlight } from './graph-canvas';
import { LearnPanel } from './learn-panel';
import { useLocalSnapshots, withLocalSnapshots } from './local-snapshots';
import { Legend } from './legend';
import { LongText } from './long-text';
import { PathPanel } from './path-panel';
import { pathRequest } from './path-request';
import { ReviewControls } from './review-controls';
import { SnapshotControls } from './snapshot-controls';
import { Toolbar } from './toolbar';
import { useClusterFeed } from './use-cluster-feed';
import { useSnapshotDiff } from './use-snapshot-diff';
import { useTheme } from './use-theme';
import { ACCESS_CHOICES, parseViewState, redactView, serializeViewState, type Access, type PathNumber, type ViewState } from './view-state';

const EMPTY = new Set<string>();
/** Above this many pods, the first frame is drawn before endpoints are resolved (see shallow-topology.ts). */
const PROGRESSIVE_PODS = 20_000;

/** One redaction over both sides of a diff (so an object keeps its placeholder across them). */
function redactorFor(current: ClusterSnapshot, base: ClusterSnapshot | undefined): Redactor {
  return createRedactor(base ? [base, current] : [current]);
}

export function KubepathApp({ initialTheme }: { initialTheme: Theme }) {
  const searchParams = useSearchParams();
  const view = useMemo(() => parseViewState(new URLSearchParams(searchParams.toString())), [searchParams]);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const [theme, toggleTheme] = useTheme(initialTheme);
  const { t } = useTranslation();
  const canvas = useRef<GraphCanvasHandle>(null);

  const [clusters, setClusters] = useState<ClusterList>();
  const [clustersError, setClustersError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    fetch('/api/clusters', { headers: { accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        return (await res.json()) as ClusterList;
      })
      .then(
        (list) => {
          if (!cancelled) setClusters(list);
        },
        (e: unknown) => {
          if (!cancelled) setClustersError(e instanceof Error ? e.message : String(e));
        },
      );
    return () => {
      cancelled = true;
    };
  }, []);

  // The seed demo when nothing is chosen and the server cannot be asked (the first start must show something).
  const clusterId = view.cluster ?? clusters?.defaultId ?? (clustersError ? 'demo:seed' : undefined);
  const feed = useClusterFeed(clusterId);
  // Diff mode: the base ("before") arrives through the same feed machinery as any cluster.
  const baseFeed = useClusterFeed(view.base);
  const baseRaw = view.base ? baseFeed.snapshot : undefined;
  // Redaction mode: everything below (graph, list, panels, exports, Save) sees only the redacted
  // snapshot. One redactor covers both sides of a diff, so the same object keeps the same placeholder.
  const redactor = useMemo(() => (view.redact && feed.snapshot ? redactorFor(feed.snapshot, baseRaw) : undefined), [view.redact, feed.snapshot, baseRaw]);
  const redacted = useMemo(() => (redactor && feed.snapshot ? redactor.snapshot(feed.snapshot) : undefined), [redactor, feed.snapshot]);
  // The redacted meta keeps its identity while its content is the same: large clusters recognise the
  // same cluster by it (a previous model stands in while the next one is built).
  const redactedMetaKey = redacted ? JSON.stringify(redacted.meta) : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- identity follows the content, by design
  const stableMeta = useMemo(() => redacted?.meta, [redactedMetaKey]);
  const snapshot = useMemo(() => (redacted && stableMeta ? { ...redacted, meta: stableMeta } : feed.snapshot), [redacted, stableMeta, feed.snapshot]);
  const baseSnapshot = useMemo(() => (baseRaw && redactor ? redactor.snapshot(baseRaw) : baseRaw), [baseRaw, redactor]);
  // Small clusters: the model right away. Large ones: a shallow topology draws the aggregated first
  // frame, and the full model (endpoint resolution costs seconds at 150k pods) is built right after it.
  const large = (snapshot?.pods.length ?? 0) > PROGRESSIVE_PODS;
  const syncTopo = useMemo(() => {
    if (!snapshot || large) return undefined;
    const t = buildTopology(snapshot);
    performance.mark('kubepath:topology-built');
    return t;
  }, [snapshot, large]);
  const shallow = useMemo(() => {
    if (!snapshot || !large) return undefined;
    const t = shallowTopology(snapshot);
    performance.mark('kubepath:shallow-built');
    return t;
  }, [snapshot, large]);
  const [built, setBuilt] = useState<{ snapshot: ClusterSnapshot; topo: Topology }>();
  const [drawnSnapshot, setDrawnSnapshot] = useState<ClusterSnapshot>();
  useEffect(() => {
    if (!large || !snapshot || built?.snapshot === snapshot) return;
    // The first model of a cluster waits for the shallow frame to be on screen; later ones (live
    // updates, while the previous model stands in) are built at once.
    const standIn = built !== undefined && built.snapshot.meta === snapshot.meta;
    if (!standIn && drawnSnapshot !== snapshot) return;
    const timer = setTimeout(() => {
      const t = buildTopology(snapshot);
      performance.mark('kubepath:topology-built');
      setBuilt({ snapshot, topo: t });
    }, 0);
    return () => clearTimeout(timer);
  }, [large, snapshot, built, drawnSnapshot]);
  /** The full model of the current snapshot, when it exists. */
  const current = large ? (built?.snapshot === snapshot ? built?.topo : undefined) : syncTopo;
  /** The newest full model (while a large cluster's next one is built, the previous one stands in). */
  const topo = current ?? (built && built.snapshot.meta === snapshot?.meta ? built.topo : undefined);
  const diffState = useSnapshotDiff(baseSnapshot, view.base ? snapshot : undefined);
  const diff = view.base ? diffState.diff : undefined;
  // The diff picture adds ghosts of what was removed; paths and panels keep using the real `topo`.
  const diffTopo = useMemo(() => (diff && baseSnapshot && snapshot ? buildTopology(diffGraphSnapshot(baseSnapshot, snapshot)) : undefined), [diff, baseSnapshot, snapshot]);
  const graphTopo = diffTopo ?? topo ?? shallow;

  // Findings wait for the first drawn frame: at 150k pods they cost more than the graph itself.
  const [drawnCluster, setDrawnCluster] = useState<string>();
  const findingsPending = drawnCluster !== clusterId || !current;
  const findings = useMemo(() => (current && !findingsPending ? findingsFor(current) : []), [current, findingsPending]);

  const nsKey = view.ns.join(',');
  const expandKey = view.expand.join(',');
  const model = useMemo(() => {
    if (!graphTopo) return undefined;
    const m = toCytoscapeElements(graphTopo, { namespaces: nsKey ? nsKey.split(',') : [], expanded: expandKey ? expandKey.split(',') : [], findings });
    performance.mark('kubepath:elements-built', { detail: { elements: m.elements.length } });
    return m;
  }, [graphTopo, nsKey, expandKey, findings]);
  // The list renders after the canvas got its frame (a deferred render yields to the browser).
  const listModel = useDeferredValue(model);
  const elementById = useMemo(() => new Map((model?.elements ?? []).map((e) => [e.data.id, e])), [model]);
  const marks = useMemo(() => (diff && model ? diffMarks(diff, model) : undefined), [diff, model]);
  const namespaces = useMemo(() => (graphTopo ? [...graphTopo.namespaces.keys()].sort() : []), [graphTopo]);

  const update = useCallback((patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push') => {
    const next = { ...viewRef.current, ...patch };
    viewRef.current = next;
    const qs = serializeViewState(next);
    const url = qs ? `?${qs}` : window.location.pathname;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  const focusOn = useCallback(
    (id: string) => {
      const reveal = model?.revealPath(id) ?? [];
      const expand = [...viewRef.current.expand, ...reveal.filter((r) => !viewRef.current.expand.includes(r))];
      update({ focus: id, expand });
    },
    [model, update],
  );
  const toggleExpand = useCallback(
    (id: string) => {
      const cur = viewRef.current.expand;
      update({ expand: cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id] });
    },
    [update],
  );
  const activate = useCallback(
    (id: string) => {
      const el = elementById.get(id);
      if (!el || el.group !== 'nodes') return;
      if (el.data.expandable && !el.data.expanded) toggleExpand(id);
      else if (isAggregateId(id) && el.data.expanded) toggleExpand(id);
      else update({ focus: id });
    },
    [elementById, toggleExpand, update],
  );

  // Path mode.
  const traced = useMemo(() => {
    if (!topo || !view.path) return undefined;
    const { req, from, to } = pathRequest(topo, view);
    if (!req) return { error: t(view.ns.length ? 'ui.app.nothingToTraceNs' : 'ui.app.nothingToTrace', { path: ['①', '②', '③', '④'][view.path - 1] }), from, to };
    try {
      return { result: tracePath(topo, req), from, to };
    } catch (e) {
      if (e instanceof TraceError) return { error: e.message, from, to };
      throw e;
    }
  }, [topo, view, t]);

  // Learn mode: the tour and step named in the URL, built on the current model.
  const learnTourId: TourId | undefined = isTourId(view.learn) ? view.learn : undefined;
  const tour = useMemo(() => (topo && learnTourId ? buildTour(topo, learnTourId) : undefined), [topo, learnTourId]);
  const learnIndex = tour ? stepIndex(tour, view.step) : 0;
  const learnStep = tour?.steps[learnIndex];
  /** A learn step's own path, drawn when the user has not traced one of their own. */
  const learnTrace = useMemo((): PathResult | undefined => {
    if (!topo || !learnStep?.path || view.path) return undefined;
    try {
      return tracePath(topo, learnStep.path);
    } catch (e) {
      if (e instanceof TraceError) return undefined;
      throw e;
    }
  }, [topo, learnStep, view.path]);
  const learnSet = useMemo(() => (model && learnStep ? learnHighlights(model, learnStep.highlight) : EMPTY), [model, learnStep]);
  const setLearnStep = useCallback((id: string) => update({ step: id }, 'replace'), [update]);
  const learnRef = useRef<{ active: boolean; prev?: string; next?: string }>({ active: false });
  useEffect(() => {
    learnRef.current = { active: Boolean(tour) && !view.path, ...(tour?.steps[learnIndex - 1] ? { prev: tour.steps[learnIndex - 1]?.id } : {}), ...(tour?.steps[learnIndex + 1] ? { next: tour.steps[learnIndex + 1]?.id } : {}) };
  });
  const tryIt = useCallback(
    (x: TryIt) => {
      if (x.path) {
        const access = x.path.access && (ACCESS_CHOICES as readonly string[]).includes(x.path.access) ? (x.path.access as Access) : undefined;
        update({ path: x.path.path, to: x.path.to, from: x.path.from, via: x.path.via, access, hop: 1, ...(x.element ? { focus: x.element } : {}) });
      } else if (x.element) {
        const reveal = model?.revealPath(x.element) ?? [];
        update({ focus: x.element, expand: [...viewRef.current.expand, ...reveal.filter((r) => !viewRef.current.expand.includes(r))] });
      }
    },
    [model, update],
  );

  const hopCount = traced?.result?.hops.length ?? 0;
  const hop = Math.max(1, Math.min(view.hop ?? 1, hopCount || 1));
  const overlay = useMemo(() => {
    if (!model) return undefined;
    if (traced?.result) return pathOverlay(model, traced.result, hop);
    if (learnTrace) return pathOverlay(model, learnTrace, learnStep?.hop ?? learnTrace.hops.length);
    return undefined;
  }, [model, traced, hop, learnTrace, learnStep]);
  const setHop = useCallback((h: number) => update({ hop: h }, 'replace'), [update]);

  const hopRef = useRef({ hop, hopCount, active: Boolean(traced?.result) });
  useEffect(() => {
    hopRef.current = { hop, hopCount, active: Boolean(traced?.result) };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Learn mode (with no path of the user's own on screen): the arrows step the tour, whose path
      // steps drive the hops; otherwise they step the hops of the traced path.
      const learn = learnRef.current;
      if (learn.active && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
        const target = e.key === 'ArrowRight' ? learn.next : learn.prev;
        e.preventDefault();
        if (target) {
          learnRef.current = { active: true };
          setLearnStep(target);
        }
        return;
      }
      const { hop: h, hopCount: n, active } = hopRef.current;
      // The ref moves at once: key repeats arrive faster than React re-renders, and each must step.
      if (active && e.key === 'ArrowRight' && h < n) {
        e.preventDefault();
        hopRef.current = { ...hopRef.current, hop: h + 1 };
        setHop(h + 1);
      } else if (active && e.key === 'ArrowLeft' && h > 1) {
        e.preventDefault();
        hopRef.current = { ...hopRef.current, hop: h - 1 };
        setHop(h - 1);
      } else if (e.key === 'Escape' && viewRef.current.focus) {
        update({ focus: undefined });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setHop, setLearnStep, update]);

  // Search.
  const hits = useMemo(() => (graphTopo && view.q ? searchModel(graphTopo, view.q, { namespaces: new Set(view.ns) }) : []), [graphTopo, view.q, view.ns]);
  const matches = useMemo(() => {
    if (!model) return [];
    return [...new Set(hits.map((h) => model.representative(h.id)).filter((x): x is string => x !== undefined))];
  }, [hits, model]);

  const matchSet = useMemo(() => new Set(matches), [matches]);
  const focusRep = view.focus && model ? model.representative(view.focus) : undefined;
  const highlight = useMemo((): GraphHighlight => {
    let keep = model && traced?.result ? pathKeep(model, traced.result) : model && view.focus ? focusSet(model, view.focus) : undefined;
    if (!keep && model && learnTrace) {
      // A learn step on a path dims what the path does not touch, unless the step talks about more.
      const pk = pathKeep(model, learnTrace);
      if ([...learnSet].every((id) => pk.has(id))) keep = pk;
    }
    const learnFirst = [...learnSet][0];
    return {
      ...(focusRep ? { focus: focusRep } : {}),
      ...(keep ? { keep } : {}),
      matches,
      ...(learnSet.size > 0 ? { learn: learnSet } : {}),
      ...(overlay ? { path: overlay } : {}),
      ...(marks ? { diff: marks } : {}),
      ...(matches[0]
        ? { centerOn: matches[0], centerKey: `q:${view.q ?? ''}` }
        : focusRep
          ? { centerOn: focusRep, centerKey: `f:${view.focus ?? ''}` }
          : learnFirst
            ? { centerOn: learnFirst, centerKey: `l:${view.learn ?? ''}:${learnStep?.id ?? ''}` }
            : {}),
    };
  }, [model, traced, view.focus, view.q, view.learn, focusRep, matches, overlay, learnTrace, learnSet, learnStep, marks]);

  const onDrawn = useCallback(() => {
    setDrawnCluster(clusterId);
    setDrawnSnapshot(snapshot);
  }, [clusterId, snapshot]);
  const startPath = useCallback((p: PathNumber | undefined, to?: string) => update({ path: p, to, from: undefined, via: undefined, access: undefined, hop: p ? 1 : undefined }), [update]);

  const loading = !model;
  // Snapshots opened in this browser join the picker under "Snapshots" (issue 6).
  const localSnapshots = useLocalSnapshots();
  const listed = useMemo(() => withLocalSnapshots(clusters, localSnapshots), [clusters, localSnapshots]);
  // Status messages and stream errors name namespaces, servers and contexts: hidden while redacting
  // (the states themselves stay: a redacted picture must still say what is stale or forbidden).
  const shownStatus = useMemo(
    () => (view.redact ? Object.fromEntries(Object.entries(feed.status).map(([k, v]) => [k, { state: v.state, ...(v.since ? { since: v.since } : {}) }])) : feed.status),
    [view.redact, feed.status],
  );
  // Redaction mode hides context and file names in the pickers too (a screenshot shows them); the
  // embedded demos name nothing of anyone's and keep their names.
  const pickerClusters = useMemo(
    () =>
      listed && view.redact
        ? {
            ...listed,
            clusters: listed.clusters.map((c, i) =>
              c.kind === 'demo' ? c : { id: c.id, kind: c.kind, name: t('ui.redact.clusterName', { n: i + 1 }), ...(c.current ? { current: true } : {}), ...(c.error ? { error: t('ui.redact.clusterError') } : {}) },
            ),
          }
        : listed,
    [listed, view.redact, t],
  );
  const showCluster = useCallback((id: string | undefined) => update({ cluster: id, ns: [], focus: undefined, q: undefined, path: undefined, expand: [], ...(id && id === viewRef.current.base ? { base: undefined } : {}) }), [update]);
  const toggleRedact = useCallback(() => {
    const v = viewRef.current;
    if (v.redact) {
      // Placeholders cannot be turned back into names: the view starts again from the whole cluster.
      update({ redact: undefined, focus: undefined, q: undefined, path: undefined, from: undefined, to: undefined, via: undefined, ns: [], expand: [] });
    } else if (feed.snapshot) {
      update(redactView(redactorFor(feed.snapshot, baseRaw), v));
    } else update({ redact: true });
  }, [update, feed.snapshot, baseRaw]);
  const baseLabel = view.base ? `${sourceLabel(t, baseSnapshot?.meta)}${view.redact ? '' : ` (${safeText(view.base, 120)})`}` : '';
  const captionFor = useCallback(
    (now: Date) =>
      exportCaption(
        t,
        {
          meta: snapshot?.meta,
          clusterId,
          namespaces: view.ns,
          allNamespaces: namespaces.length,
          ...(traced?.result ? { path: { result: traced.result, ...(traced.from ? { from: traced.from } : {}), ...(traced.to ? { to: traced.to } : {}) } } : {}),
          ...(view.focus ? { focus: view.focus } : {}),
          ...(view.base ? { base: baseLabel } : {}),
          redacted: Boolean(view.redact),
        },
        now,
      ),
    [t, snapshot, clusterId, view.ns, view.focus, view.base, view.redact, namespaces.length, traced, baseLabel],
  );
  return (
    <div className="flex h-screen flex-col">
      <AppHeader
        {...(pickerClusters ? { clusters: pickerClusters } : {})}
        {...(clustersError ? { clustersError } : {})}
        {...(clusterId ? { clusterId } : {})}
        {...(snapshot ? { meta: snapshot.meta } : {})}
        status={shownStatus}
        redact={Boolean(view.redact)}
        connection={feed.connection}
        {...(feed.error ? { error: view.redact ? t('ui.redact.hiddenError') : feed.error } : {})}
        theme={theme}
        onCluster={showCluster}
        onTheme={toggleTheme}
        learn={Boolean(view.learn)}
        onLearn={() => update(view.learn ? { learn: undefined, step: undefined } : { learn: 'default', step: undefined })}
        actions={
          <>
            <SnapshotControls {...(snapshot ? { snapshot } : {})} {...(clusterId && !view.redact ? { clusterId } : {})} onOpened={showCluster} onClosed={() => showCluster(undefined)} />
            <ReviewControls {...(pickerClusters ? { clusters: pickerClusters } : {})} {...(clusterId ? { clusterId } : {})} {...(view.base ? { base: view.base } : {})} onBase={(base) => update({ base })} redact={Boolean(view.redact)} onRedact={toggleRedact} />
          </>
        }
      />
      <Toolbar
        namespaces={namespaces}
        selected={view.ns}
        onNamespaces={(ns) => update({ ns })}
        {...(view.q ? { query: view.q } : {})}
        hits={hits}
        onSearch={(q) => update({ q }, 'replace')}
        onPick={focusOn}
        {...(view.path ? { path: view.path } : {})}
        onPath={(p) => startPath(p)}
        onFit={() => canvas.current?.fit()}
        onZoom={(f) => canvas.current?.zoomBy(f)}
        extra={<ExportMenu canvas={canvas} model={model} theme={theme} highlight={highlight} caption={captionFor} fileBase={view.redact ? 'redacted' : (clusterId ?? 'cluster').replace(/^[a-z]+:/, '')} diffMode={Boolean(diff)} />}
      />
      {view.redact && (
        <p className="border-b border-rose-200 bg-rose-50 px-3 py-0.5 text-xs text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="redacted-banner">
          {t('ui.redact.on')}
        </p>
      )}
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <aside aria-label={t('ui.app.elements')} className="order-2 max-h-64 overflow-auto border-slate-200 p-2 lg:order-1 lg:max-h-none lg:w-56 lg:shrink-0 2xl:w-64 lg:border-r dark:border-slate-800">
          <h2 className="mb-1 text-base font-semibold">{t('ui.app.elements')}</h2>
          {listModel ? (
            <ElementList
              model={listModel}
              {...(focusRep ? { focus: focusRep } : {})}
              matches={matchSet}
              pathCurrent={overlay?.current ?? EMPTY}
              pathDone={overlay?.done ?? EMPTY}
              learn={learnSet}
              {...(marks ? { diff: marks } : {})}
              onActivate={activate}
              onToggle={toggleExpand}
            />
          ) : (
            <p className="text-sm text-slate-500">…</p>
          )}
        </aside>
        <main className="relative order-1 min-h-[24rem] min-w-0 flex-1 lg:order-2">
          <GraphCanvas
            ref={canvas}
            model={model}
            layoutKey={`${clusterId ?? ''}|${nsKey}|${expandKey}|${model?.mode ?? ''}`}
            resetKey={clusterId ?? ''}
            theme={theme}
            highlight={highlight}
            onActivate={activate}
            onDrawn={onDrawn}
            label={t('ui.app.graphLabel')}
          />
          {loading && (
            <p data-testid="graph-loading" className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">
              {feed.connection === 'closed'
                ? t('ui.app.cannotLoad', {
                    cluster: view.redact ? t('ui.app.theCluster') : safeText(clusterId ?? t('ui.app.theCluster'), 200),
                    error: view.redact ? t('ui.redact.hiddenError') : safeText(feed.error ?? t('ui.header.disconnected'), 200),
                  })
                : clusterId
                  ? t('ui.app.loading', { cluster: view.redact ? t('ui.app.theCluster') : safeText(clusterId, 200) })
                  : t('ui.app.loadingList')}
            </p>
          )}
          {model && model.mode === 'aggregated' && (
            <p className="absolute bottom-2 left-2 rounded bg-white/80 px-2 py-0.5 text-xs text-slate-600 dark:bg-slate-900/80 dark:text-slate-300" data-testid="aggregated-note">
              {t('ui.app.aggregated')}
              {model.skippedExpansions.length > 0 ? ` ${t('ui.app.skippedExpansions', { count: model.skippedExpansions.length })}` : ''}
            </p>
          )}
        </main>
        <aside aria-label={t('ui.app.details')} className="order-3 overflow-auto border-slate-200 p-3 lg:w-96 lg:shrink-0 2xl:w-[28rem] lg:border-l dark:border-slate-800">
          {view.base && (
            <DiffPanel
              diff={diff}
              baseLabel={baseLabel}
              pending={diffState.pending}
              {...(baseFeed.connection === 'closed' && !baseFeed.snapshot ? { error: view.redact ? t('ui.redact.hiddenError') : (baseFeed.error ?? t('ui.header.disconnected')) } : diffState.error ? { error: diffState.error } : {})}
              onFocus={focusOn}
              onClose={() => update({ base: undefined })}
            />
          )}
          {tour && (
            <LearnPanel
              tour={tour}
              index={learnIndex}
              onTour={(id) => update({ learn: id, step: undefined })}
              onStep={setLearnStep}
              onTry={tryIt}
              onClose={() => update({ learn: undefined, step: undefined })}
            />
          )}
          {view.learn && !tour && <p className="mb-4 text-sm text-slate-500">{t('ui.app.learnWaiting')}</p>}
          {topo && model && view.path && (
            <PathPanel
              topo={topo}
              view={view}
              effective={{ ...(traced?.from ? { from: traced.from } : {}), ...(traced?.to ? { to: traced.to } : {}) }}
              {...(traced?.result ? { result: traced.result } : {})}
              {...(traced?.error ? { error: traced.error } : {})}
              hop={hop}
              onChange={(patch) => update(patch)}
              onHop={setHop}
            />
          )}
          {topo && model && view.focus && (
            <DetailsPanel
              topo={topo}
              model={model}
              id={view.focus}
              findings={findings}
              onFocus={focusOn}
              onTrace={(p, to) => startPath(p, to)}
              onToggle={toggleExpand}
              onClose={() => update({ focus: undefined })}
              ghost={marks?.get(view.focus) === 'removed'}
            />
          )}
          {graphTopo && !view.focus && !view.path && !view.learn && snapshot?.meta.description && (
            <p lang="en" className="mb-4 text-sm text-slate-600 dark:text-slate-400">
              <LongText text={snapshot.meta.description} max={800} />
            </p>
          )}
          {graphTopo && !view.focus && !view.path && !view.learn && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t('ui.app.hint')}</p>}
          {graphTopo && !topo && (view.focus || view.path || view.learn) && <p className="mb-4 text-sm text-slate-500">{t('ui.app.resolving', { count: snapshot?.pods.length ?? 0 })}</p>}
          {graphTopo && <FindingsList findings={findings} pending={findingsPending} onFocus={focusOn} />}
          <Legend theme={theme} diff={Boolean(diff)} />
        </aside>
      </div>
    </div>
  );
}
