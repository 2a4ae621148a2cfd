'use client';
/**
 * The cytoscape canvas (architecture.md §4): one instance per mount, kept in a ref and destroyed on
 * cleanup; model changes are diffed by ID and applied in one `cy.batch()`; layout runs only when the
 * view changes (not on live updates, which place only what is new); dragged nodes stay where the user
 * put them; fit happens only from empty to non-empty, and never after the user panned or zoomed.
 * Listeners are registered once and read the latest callbacks from a ref.
 *
 * The canvas is a picture for sighted mouse users; the same elements are listed, with the same IDs, by
 * components/element-list.tsx, which is what keyboard and screen-reader users (and tests) use.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { diffElements } from '../lib/graph/diff';
import type { GraphElement, GraphModel, GraphNode } from '../lib/graph/elements';
import type { DiffMark } from '../lib/graph/diff-view';
import type { PathOverlay } from '../lib/graph/highlight';
import { CONTAINER_PADDING, NODE_LINE_HEIGHT, type Position } from '../lib/graph/layout';
import { placeAdded, type PlacedBox } from '../lib/graph/placement';
import { graphStyle, type Theme } from '../lib/graph/style';

export interface GraphHighlight {
  /** The focused element (visible ID). */
  focus?: string;
  /** When set, everything not in it is dimmed. */
  keep?: ReadonlySet<string>;
  /** Search matches (visible IDs). */
  matches: readonly string[];
  /** Learn mode: the elements the current step talks about (visible IDs). */
  learn?: ReadonlySet<string>;
  path?: PathOverlay;
  /** Diff mode: visible IDs marked added, removed (ghosts) or changed since the base. */
  diff?: ReadonlyMap<string, DiffMark>;
  /** Centre the view on this element whenever `centerKey` changes. */
  centerOn?: string;
  centerKey?: string;
}

export interface GraphCanvasHandle {
  fit(): void;
  zoomBy(factor: number): void;
  /**
   * The whole graph (not just the viewport) as a PNG at `scale` (2 = twice the model's size), with the
   * highlights as shown; cytoscape draws it on a canvas, so no cluster text can become markup. Very
   * large graphs are capped at `maxSide` pixels per side (browsers refuse bigger canvases).
   */
  renderPng(options: { scale: number; background: string; maxSide: number }): Promise<ImageBitmap | undefined>;
  /** Where every node is drawn now (after drags and refitted boxes), for the SVG export. */
  boxes(): Map<string, { x: number; y: number; w: number; h: number }>;
}

interface Props {
  model: GraphModel | undefined;
  /** A change means the view changed (cluster, namespaces, expansions): lay out again from presets. */
  layoutKey: string;
  /** A change means a different cluster: forget dragged positions and the user's pan. */
  resetKey: string;
  theme: Theme;
  highlight: GraphHighlight;
  onActivate: (id: string) => void;
  onDrawn?: (info: { elements: number; version: number }) => void;
  label: string;
  ref?: Ref<GraphCanvasHandle>;
}

// cytoscape adds a <style> element (without a nonce) unless one with this ID exists; the CSP would block
// it and log a violation. Its single rule lives in app/globals.css instead.
const CYTOSCAPE_STYLE_ID = '__________cytoscape_stylesheet';

function claimCytoscapeStylesheet(doc: Document): void {
  if (doc.getElementById(CYTOSCAPE_STYLE_ID)) return;
  const marker = doc.createElement('meta');
  marker.id = CYTOSCAPE_STYLE_ID;
  marker.name = 'cytoscape-stylesheet';
  marker.content = 'app/globals.css';
  doc.head.appendChild(marker);
}

/** The model's `parent` (a container box) is not a cytoscape compound parent: it travels as `container`. */
function rendererData(el: GraphElement): Record<string, unknown> {
  if (el.group === 'edges') return { ...el.data };
  const { parent, ...data } = el.data;
  return parent ? { ...data, container: parent } : data;
}

function definition(el: GraphElement, position?: Position): ElementDefinition {
  if (el.group === 'edges') return { group: 'edges', data: rendererData(el) as ElementDefinition['data'], classes: el.classes };
  return { group: 'nodes', data: rendererData(el), classes: el.classes, position: { ...(position ?? el.position) } };
}

/**
 * Fits the view to the model's own boxes. cytoscape's fit measures every element (styles, labels) first,
 * which for a 1k-pod cluster cost a third of the first frame; the preset layout already knows the extent.
 */
function fitToModel(cy: Core, elements: readonly GraphElement[], padding = 30): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const e of elements) {
    if (e.group !== 'nodes') continue;
    const label = e.classes.includes('container') ? e.data.lines.length * NODE_LINE_HEIGHT + 6 : 0;
    x1 = Math.min(x1, e.position.x - e.data.w / 2);
    x2 = Math.max(x2, e.position.x + e.data.w / 2);
    y1 = Math.min(y1, e.position.y - e.data.h / 2 - label);
    y2 = Math.max(y2, e.position.y + e.data.h / 2);
  }
  if (!Number.isFinite(x1)) return;
  const w = Math.max(1, cy.width() - 2 * padding);
  const h = Math.max(1, cy.height() - 2 * padding);
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min(w / (x2 - x1), h / (y2 - y1), 1.5)));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2 } });
}

/** Members of each container, deepest containers first (so nested boxes are refitted inside out). */
function containerTree(elements: readonly GraphElement[]): { members: Map<string, string[]>; order: string[] } {
  const members = new Map<string, string[]>();
  for (const e of elements) {
    if (e.group !== 'nodes' || !e.data.parent) continue;
    const list = members.get(e.data.parent);
    if (list) list.push(e.data.id);
    else members.set(e.data.parent, [e.data.id]);
  }
  const depth = (id: string): number => (members.get(id) ?? []).reduce((d, m) => Math.max(d, members.has(m) ? 1 + depth(m) : 0), 0);
  const order = [...members.keys()].sort((a, b) => depth(a) - depth(b));
  return { members, order };
}

/** Every member below a container, at any depth. */
function descendantsOf(members: ReadonlyMap<string, readonly string[]>, id: string): string[] {
  const out: string[] = [];
  const stack = [...(members.get(id) ?? [])];
  while (stack.length > 0) {
    const m = stack.pop() as string;
    out.push(m);
    stack.push(...(members.get(m) ?? []));
  }
  return out;
}

/** Sizes and places each container box around its members as they are now (after drags and live updates). */
function refitContainers(cy: Core, tree: { members: ReadonlyMap<string, readonly string[]>; order: readonly string[] }, only?: ReadonlySet<string>): void {
  for (const id of tree.order) {
    if (only && !only.has(id)) continue;
    const box = cy.getElementById(id);
    const kids = (tree.members.get(id) ?? []).map((m) => cy.getElementById(m)).filter((m) => m.nonempty());
    if (box.empty() || kids.length === 0) continue;
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const k of kids) {
      const p = k.position();
      const w = Number(k.data('w'));
      const h = Number(k.data('h'));
      // A nested container's label sits above its box: keep room for it.
      const labelRoom = k.hasClass('container') ? Number(k.data('lines')?.length ?? 0) * NODE_LINE_HEIGHT + 6 : 0;
      x1 = Math.min(x1, p.x - w / 2);
      x2 = Math.max(x2, p.x + w / 2);
      y1 = Math.min(y1, p.y - h / 2 - labelRoom);
      y2 = Math.max(y2, p.y + h / 2);
    }
    const w = Math.round(Math.max(x2 - x1 + 2 * CONTAINER_PADDING, Number(box.data('minW') ?? 0)));
    const h = Math.round(y2 - y1 + 2 * CONTAINER_PADDING);
    if (Number(box.data('w')) !== w || Number(box.data('h')) !== h) box.data({ w, h });
    box.position({ x: x1 - CONTAINER_PADDING + w / 2, y: (y1 + y2) / 2 });
  }
}

export function GraphCanvas({ model, layoutKey, resetKey, theme, highlight, onActivate, onDrawn, label, ref }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const applied = useRef(new Map<string, GraphElement>());
  const dragged = useRef(new Map<string, Position>());
  const userMoved = useRef(false);
  const programmatic = useRef(0);
  const appliedLayoutKey = useRef<string | undefined>(undefined);
  const appliedResetKey = useRef<string | undefined>(undefined);
  const drawVersion = useRef(0);
  const tree = useRef<{ members: Map<string, string[]>; order: string[] }>({ members: new Map(), order: [] });
  const centeredKey = useRef<string | undefined>(undefined);
  const callbacks = useRef({ onActivate, onDrawn });
  useEffect(() => {
    callbacks.current = { onActivate, onDrawn };
  });

  const asProgram = (fn: () => void): void => {
    programmatic.current++;
    try {
      fn();
    } finally {
      programmatic.current--;
    }
  };

  useImperativeHandle(ref, () => ({
    fit: () => {
      const cy = cyRef.current;
      if (cy) asProgram(() => cy.fit(undefined, 30));
    },
    zoomBy: (factor: number) => {
      const cy = cyRef.current;
      if (!cy) return;
      userMoved.current = true;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    renderPng: async ({ scale, background, maxSide }) => {
      const cy = cyRef.current;
      if (!cy || cy.elements().empty()) return undefined;
      const blob = await cy.png({ output: 'blob-promise', full: true, scale, bg: background, maxWidth: maxSide, maxHeight: maxSide });
      // Decoded once here; the caller draws it and closes it.
      return createImageBitmap(blob);
    },
    boxes: () => {
      const out = new Map<string, { x: number; y: number; w: number; h: number }>();
      cyRef.current?.nodes().forEach((n) => {
        const p = n.position();
        out.set(n.id(), { x: p.x, y: p.y, w: Number(n.data('w')), h: Number(n.data('h')) });
      });
      return out;
    },
  }));

  // One instance per mount.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    claimCytoscapeStylesheet(container.ownerDocument);
    const cy = cytoscape({
      container,
      elements: [],
      style: graphStyle(theme),
      layout: { name: 'preset' },
      minZoom: 0.01,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
      pixelRatio: Math.min(2, window.devicePixelRatio || 1),
    });
    cyRef.current = cy;
    const onTap = (e: EventObject): void => callbacks.current.onActivate(e.target.id());
    // Containers are plain boxes: dragging one carries its members along; dragging a member reshapes it.
    let grabbedAt: Position | undefined;
    const containersOf = (id: string): string[] => {
      const out: string[] = [];
      for (let c = cy.getElementById(id).data('container') as string | undefined; c; c = cy.getElementById(c).data('container') as string | undefined) out.push(c);
      return out;
    };
    const onGrab = (e: EventObject): void => {
      grabbedAt = { ...e.target.position() };
    };
    const onDrag = (e: EventObject): void => {
      const id = e.target.id() as string;
      const p = e.target.position() as Position;
      if (tree.current.members.has(id) && grabbedAt) {
        const dx = p.x - grabbedAt.x;
        const dy = p.y - grabbedAt.y;
        cy.batch(() => {
          for (const m of descendantsOf(tree.current.members, id)) cy.getElementById(m).shift({ x: dx, y: dy });
        });
      }
      grabbedAt = { ...p };
      const up = containersOf(id);
      if (up.length > 0) refitContainers(cy, tree.current, new Set(up));
    };
    const onDragFree = (e: EventObject): void => {
      const id = e.target.id() as string;
      for (const x of [id, ...descendantsOf(tree.current.members, id), ...containersOf(id)]) {
        const n = cy.getElementById(x);
        if (n.nonempty()) dragged.current.set(x, { ...n.position() });
      }
      grabbedAt = undefined;
    };
    const onViewport = (): void => {
      if (programmatic.current === 0) userMoved.current = true;
    };
    cy.on('tap', 'node', onTap);
    cy.on('grab', 'node', onGrab);
    cy.on('drag', 'node', onDrag);
    cy.on('dragfree', 'node', onDragFree);
    cy.on('viewport', onViewport);
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      cy.removeListener('tap', 'node', onTap);
      cy.removeListener('grab', 'node', onGrab);
      cy.removeListener('drag', 'node', onDrag);
      cy.removeListener('dragfree', 'node', onDragFree);
      cy.removeListener('viewport', onViewport);
      cy.destroy();
      cyRef.current = null;
      applied.current = new Map();
      appliedLayoutKey.current = undefined;
    };
    // The theme at mount only; later changes go through the theme effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme));
  }, [theme]);

  // Model → elements, by ID.
  useEffect(() => {
    const cy = cyRef.current;
    const container = containerRef.current;
    if (!cy || !container) return;
    if (appliedResetKey.current !== resetKey) {
      // Another cluster: start from an empty canvas (so it is fitted), with nothing dragged or panned.
      appliedResetKey.current = resetKey;
      dragged.current.clear();
      userMoved.current = false;
      centeredKey.current = undefined;
      if (applied.current.size > 0) {
        cy.elements().remove();
        applied.current = new Map();
      }
    }
    const relayout = appliedLayoutKey.current !== layoutKey;
    appliedLayoutKey.current = layoutKey;
    const elements = model?.elements ?? [];
    const prev = applied.current;
    const wasEmpty = prev.size === 0;
    const diff = diffElements(prev, elements);
    const next = new Map(elements.map((e) => [e.data.id, e]));
    if (diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.reparented.length === 0 && (!relayout || wasEmpty)) return;

    const addedNodes = diff.added.filter((e): e is GraphNode => e.group === 'nodes');
    let placed: Map<string, Position> | undefined;
    if (!relayout && !wasEmpty && addedNodes.length > 0) {
      // A live update: new elements find room around what is already drawn; nothing else moves.
      const removed = new Set(diff.removed);
      const current = new Map<string, PlacedBox>();
      cy.nodes().forEach((n) => {
        if (n.hasClass('container') || removed.has(n.id())) return;
        const p = n.position();
        const parent = n.data('container') as string | undefined;
        current.set(n.id(), { x: p.x, y: p.y, w: Number(n.data('w')), h: Number(n.data('h')), ...(parent ? { parent } : {}) });
      });
      placed = placeAdded(addedNodes, current);
    }
    const positionOf = (n: GraphNode): Position => dragged.current.get(n.data.id) ?? placed?.get(n.data.id) ?? n.position;
    // Expanding or collapsing a box re-lays out the view; keep that box where it was on screen.
    const anchorId = relayout && !wasEmpty ? diff.changed.find((e) => e.group === 'nodes' && e.data.expandable && (prev.get(e.data.id)?.data as { expanded?: boolean } | undefined)?.expanded !== e.data.expanded)?.data.id : undefined;
    const anchorBefore = anchorId ? cy.getElementById(anchorId).renderedBoundingBox() : undefined;
    const addedIds = new Set(diff.added.map((e) => e.data.id));

    cy.batch(() => {
      if (addedNodes.length > 0) cy.add(addedNodes.map((n) => definition(n, positionOf(n))));
      for (const r of diff.reparented) {
        if (r.parent) cy.getElementById(r.id).data('container', r.parent);
        else cy.getElementById(r.id).removeData('container');
      }
      if (diff.removed.length > 0) {
        let gone = cy.collection();
        for (const id of diff.removed) gone = gone.union(cy.getElementById(id));
        cy.remove(gone);
      }
      for (const el of diff.changed) {
        const ele = cy.getElementById(el.data.id);
        const before = prev.get(el.data.id)?.data ?? {};
        const data = rendererData(el);
        const stale = Object.keys(before).filter((k) => k !== 'parent' && !(k in data));
        if (stale.length > 0) ele.removeData(stale.join(' '));
        ele.data(data);
        ele.classes(el.classes);
      }
      const addedEdges = diff.added.filter((e) => e.group === 'edges');
      if (addedEdges.length > 0) cy.add(addedEdges.map((e) => definition(e)));
      if (relayout && !wasEmpty) {
        // The view changed: everything goes back to its preset place, except what the user dragged.
        for (const e of elements) {
          if (e.group !== 'nodes' || addedIds.has(e.data.id)) continue;
          cy.getElementById(e.data.id).position({ ...positionOf(e) });
        }
      }
    });
    applied.current = next;
    tree.current = containerTree(elements);
    // Boxes follow their members as they are now: dragged, or placed by a live update.
    cy.batch(() => refitContainers(cy, tree.current));
    if (wasEmpty && elements.length > 0 && !userMoved.current) asProgram(() => fitToModel(cy, elements));
    if (anchorId && anchorBefore) {
      const after = cy.getElementById(anchorId).renderedBoundingBox();
      asProgram(() => cy.panBy({ x: anchorBefore.x1 - after.x1, y: anchorBefore.y1 - after.y1 }));
    }

    const version = ++drawVersion.current;
    // cytoscape emits `render` once it has drawn the frame on its canvas.
    cy.one('render', () => {
      if (version !== drawVersion.current || cyRef.current !== cy) return;
      const count = cy.elements().length;
      performance.mark('kubepath:graph-drawn', { detail: { elements: count, version } });
      container.dataset.graphState = count > 0 ? 'drawn' : 'empty';
      container.dataset.graphVersion = String(version);
      container.dataset.elementCount = String(count);
      callbacks.current.onDrawn?.({ elements: count, version });
    });
  }, [model, layoutKey, resetKey]);

  // Highlights: classes and path overlay edges on top of the model elements.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.dim, .focus, .match, .learn, .hop-current, .hop-done, .labelled, .diff-added, .diff-removed, .diff-changed').removeClass('dim focus match learn hop-current hop-done labelled diff-added diff-removed diff-changed');
      cy.edges('.path').remove();
      for (const [id, mark] of highlight.diff ?? []) {
        const ele = cy.getElementById(id);
        ele.addClass(`diff-${mark}`);
        // A ghost's own connections fade with it.
        if (mark === 'removed') ele.connectedEdges().addClass('diff-removed');
      }
      const keep = highlight.keep;
      if (keep) {
        cy.elements().forEach((e) => {
          if (!keep.has(e.id())) e.addClass('dim');
          else if (e.isEdge()) e.addClass('labelled');
        });
      }
      if (highlight.focus) cy.getElementById(highlight.focus).addClass('focus');
      for (const id of highlight.matches) cy.getElementById(id).addClass('match');
      for (const id of highlight.learn ?? []) cy.getElementById(id).removeClass('dim').addClass('learn');
      const path = highlight.path;
      if (path) {
        for (const id of path.done) cy.getElementById(id).addClass('hop-done');
        for (const id of path.current) cy.getElementById(id).removeClass('dim').addClass('hop-current');
        const edges = path.edges.filter((e) => cy.getElementById(e.data.source).nonempty() && cy.getElementById(e.data.target).nonempty());
        if (edges.length > 0) cy.add(edges.map((e) => definition(e)));
      }
    });
    if (highlight.centerOn && highlight.centerKey !== undefined && highlight.centerKey !== centeredKey.current) {
      const target = cy.getElementById(highlight.centerOn);
      if (target.nonempty()) {
        centeredKey.current = highlight.centerKey;
        // Move only when the element is off screen or too small to read; never just to tidy up.
        const box = target.renderedBoundingBox();
        const offScreen = box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height();
        const tiny = box.w < 40;
        if (offScreen || tiny) {
          asProgram(() => {
            if (tiny) cy.zoom({ level: Math.min(1, cy.zoom() * (80 / Math.max(1, box.w))), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
            cy.center(target);
          });
        }
      }
    }
  }, [highlight, model]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid="graph-canvas" data-graph-state="empty" className="relative h-full w-full" />;
}
