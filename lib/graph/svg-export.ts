/**
 * graphToSvg: the graph as a standalone SVG document (quality-and-scale.md §1.6, D13), drawn to look
 * like the canvas (style.ts): the same palette, shapes, borders, edge colours and highlights, with a
 * caption (what, where, when) and the legend below the picture.
 *
 * Safety rules, and why. An SVG file opened on its own is a script context: the browser runs any
 * `<script>`, event attribute or `javascript:` link in it with the file's origin. Every name, label,
 * host and path in the picture is cluster text (hostile: anyone who can create a Service or Ingress
 * chooses it), and a snapshot file can carry anything. So:
 * - The document is built as XML text from a fixed vocabulary: svg, title, desc, defs, marker, g, rect,
 *   path, line, text, tspan. Never foreignObject, script, style, `href`/`xlink:href`, `on*` attributes
 *   or `style` attributes (a style value is its own injection surface: GHSA-cgmm-x5ww-q5cr).
 * - Cluster text only ever appears as character data (text, tspan, title, desc), always through
 *   `xmlEscape`, which escapes `& < > " '` and drops characters XML 1.0 forbids (a NUL or a lone
 *   surrogate would otherwise make the whole file unparseable). Labels also go through safeText, so
 *   bidi overrides and control characters are shown, not obeyed.
 * - Attribute values are numbers, fixed keywords, colours from PALETTES (diff marks included; legend colours are
 *   checked to be `#hex`), and marker references to IDs generated here (`url(#kp-arrow-…)`). Element IDs
 *   appear only as `<title>` text (tooltips), never as attribute values.
 * - Colour lookups are explicit switches on known kinds/states, never `palette[data.x]`, so a crafted
 *   kind cannot reach prototype properties.
 *
 * Deterministic (elements in input order; highlight sets are only asked for membership) and linear:
 * strings are collected in an array and joined once, so 10k elements take milliseconds.
 */
import { safeText } from '../model/text';
import type { EdgeKind, EdgeState, GraphEdge, GraphElement, GraphNode } from './elements';
import type { DiffMark } from './diff-view';
import type { PathOverlay } from './highlight';
import { NODE_LINE_HEIGHT, LINE_HEIGHT } from './layout';
import { PALETTES, type LegendEntry, type Palette, type Theme } from './style';

export interface SvgCaption {
  /** Heading, e.g. "kubepath — shop demo". */
  title: string;
  /** Label/value rows: cluster/context, namespaces shown, source, exported at, highlighted path. Values may be cluster text. */
  rows: readonly { label: string; value: string }[];
  /** Redaction mode: a visible "REDACTED" watermark on the picture and in the caption. */
  redacted: boolean;
}

export interface SvgHighlight {
  /** Traced path: hop elements (current / done) and its overlay edges. */
  path?: PathOverlay;
  /** When set, elements not in it are drawn faded. */
  keep?: ReadonlySet<string>;
  /** The focused element. */
  focus?: string;
  /** Diff marks by element ID (diffMarks): node borders; edges of a removed node fade, as on the canvas. */
  diff?: ReadonlyMap<string, DiffMark>;
}

export interface SvgExportInput {
  elements: readonly GraphElement[];
  /** On-screen centres/sizes (after user drags, refitted containers) that override the model's; optional. */
  boxes?: ReadonlyMap<string, { x: number; y: number; w?: number; h?: number }>;
  theme: Theme;
  highlight?: SvgHighlight;
  caption: SvgCaption;
  /** Legend rows: entries from legendEntries(theme) with their already-translated labels. */
  legend: readonly { entry: LegendEntry; label: string }[];
}


/** Opacity of elements outside the kept set. */
const DIM_OPACITY = 0.25;
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const MARGIN = 40;
/** Approximate advance of a monospace glyph, as a fraction of the font size (for layout only). */
const GLYPH = 0.62;
const DASH = { dashed: '6 3', dotted: '2 3', inferred: '2 4' } as const;
const MAX_LABEL = 200;
const MAX_CAPTION = 240;

// Characters XML 1.0 does not allow at all: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, and lone
// surrogates (a valid pair is matched first and kept; no lookbehind, which older Safari cannot parse).
const XML_INVALID = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g;
const XML_SPECIAL = /[&<>"']/g;
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or attribute value for XML: drops characters XML 1.0 forbids, escapes `& < > " '`. */
export function xmlEscape(s: string): string {
  return String(s)
    .replace(XML_INVALID, (c) => (c.length === 2 ? c : ''))
    .replace(XML_SPECIAL, (c) => XML_ENTITY[c] as string);
}

/** Cluster text for display: safeText (controls and bidi shown as escapes, truncated), then XML-escaped. */
function text(s: unknown, max = MAX_LABEL): string {
  return xmlEscape(safeText(typeof s === 'string' ? s : String(s ?? ''), max));
}

/** A number for an attribute: finite, one decimal. */
function n(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '0';
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

const HEX = /^#[0-9a-fA-F]{3,8}$/;
function colour(v: unknown, fallback: string): string {
  return typeof v === 'string' && HEX.test(v) ? v : fallback;
}

interface Box {
  el: GraphNode;
  cx: number;
  cy: number;
  w: number;
  h: number;
  container: boolean;
  classes: Set<string>;
  lines: string[];
}

interface NodeLook {
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  shape: 'round' | 'rect' | 'cut' | 'ellipse';
  double: boolean;
  textFill: string;
  bold: boolean;
  opacity: number;
}

interface EdgeLook {
  stroke: string;
  width: number;
  dash?: string;
  opacity: number;
  marker?: string;
  label: boolean;
  labelFill: string;
  labelSize: number;
  labelBold: boolean;
}

function classSet(classes: unknown): Set<string> {
  return new Set(typeof classes === 'string' ? classes.split(/\s+/).filter(Boolean) : []);
}

function nodeLook(b: Box, p: Palette, hl: SvgHighlight | undefined): NodeLook {
  const c = b.classes;
  const d = b.el.data;
  const look: NodeLook = { fill: p.node.fill, fillOpacity: 1, stroke: p.node.border, strokeWidth: 1.5, shape: 'round', double: false, textFill: p.text, bold: false, opacity: 1 };
  if (b.container) look.fillOpacity = 0.6;
  if (c.has('collapsed')) {
    look.double = true;
    look.strokeWidth = 4;
  }
  switch (d.kind) {
    case 'node':
      look.bold = true;
      if (c.has('not-ready')) {
        look.dash = DASH.dashed;
        look.stroke = p.finding.warning;
      }
      break;
    case 'pod':
      look.fill = p.pod.fill;
      look.stroke = p.pod.border;
      if (c.has('not-ready')) {
        look.dash = DASH.dashed;
        look.stroke = p.edge.notReady;
      }
      if (c.has('terminating')) {
        look.dash = DASH.dotted;
        look.stroke = p.edge.terminating;
      }
      if (c.has('host-port')) look.strokeWidth = 3;
      if (c.has('host-network')) {
        look.strokeWidth = 3;
        look.double = true;
        look.shape = 'rect';
      }
      break;
    case 'svc':
      // A Service is a virtual box: no interface owns its ClusterIP.
      look.fill = p.service.fill;
      look.stroke = p.service.border;
      look.dash = c.has('external-name') ? DASH.dotted : DASH.dashed;
      look.strokeWidth = 2;
      if (c.has('headless')) look.fillOpacity = 0.35;
      break;
    case 'lb':
    case 'ing':
      look.fill = d.kind === 'lb' ? p.lb.fill : p.ingress.fill;
      look.stroke = d.kind === 'lb' ? p.lb.border : p.ingress.border;
      look.shape = 'cut';
      if (c.has('pending')) {
        look.dash = DASH.dashed;
        look.textFill = p.mutedText;
      }
      break;
    case 'ext':
      look.fill = p.client.fill;
      look.stroke = p.client.border;
      look.shape = 'ellipse';
      look.strokeWidth = 2;
      break;
    default:
      look.fill = p.aggregate.fill;
      look.stroke = d.kind === 'agg-ns' ? p.service.border : p.aggregate.border;
  }
  if (c.has('aggregate') && d.kind !== 'agg-ns') {
    look.fill = p.aggregate.fill;
    look.stroke = p.aggregate.border;
  }
  const severity = c.has('finding-error') ? 'error' : c.has('finding-warning') ? 'warning' : c.has('finding-info') ? 'info' : undefined;
  if (severity === 'error') {
    look.stroke = p.finding.error;
    look.strokeWidth = 4;
  } else if (severity === 'warning') {
    look.stroke = p.finding.warning;
    look.strokeWidth = 3;
  } else if (severity === 'info') {
    look.stroke = p.finding.info;
    look.strokeWidth = 3;
  }
  applyDiff(look, hl?.diff?.get(d.id), p);
  if (hl?.focus !== undefined && hl.focus === d.id) {
    look.stroke = p.highlight.focus;
    look.strokeWidth = 4;
  }
  if (hl?.keep && !hl.keep.has(d.id) && !hl.path?.current.has(d.id)) look.opacity *= DIM_OPACITY;
  if (hl?.path?.done.has(d.id)) {
    look.stroke = p.highlight.pathDone;
    look.strokeWidth = 3;
  }
  if (hl?.path?.current.has(d.id)) {
    look.stroke = p.highlight.path;
    look.strokeWidth = 5;
  }
  return look;
}

/** Diff marks as the canvas draws them (node.diff-* in style.ts): added/changed solid 4, removed a dashed, faded ghost. */
function applyDiff(look: NodeLook, mark: DiffMark | undefined, p: Palette): void {
  if (mark === 'added' || mark === 'changed') {
    look.stroke = p.diff[mark];
    look.strokeWidth = 4;
    delete look.dash;
  } else if (mark === 'removed') {
    look.stroke = p.diff.removed;
    look.strokeWidth = 3;
    look.dash = DASH.dashed;
    look.opacity *= 0.5;
  }
}

function edgeLook(e: GraphEdge, p: Palette, hl: SvgHighlight | undefined, overlay: boolean): EdgeLook {
  const d = e.data;
  const c = classSet(e.classes);
  const kind: EdgeKind | string = d.kind;
  const state: EdgeState | string | undefined = d.state;
  const look: EdgeLook = { stroke: p.edge.ready, width: 1.5, opacity: 0.85, label: false, labelFill: p.mutedText, labelSize: 8, labelBold: false };
  if (overlay) {
    // Path overlay edges (highlight.ts): thicker, arrowed, labelled with their step.
    const current = c.has('current');
    const dead = c.has('dead');
    look.stroke = dead ? p.highlight.dead : current ? p.highlight.path : p.highlight.pathDone;
    look.width = current ? 5 : 3;
    look.opacity = 1;
    if (dead) look.dash = DASH.dashed;
    look.marker = dead ? 'kp-arrow-dead' : current ? 'kp-arrow-current' : 'kp-arrow-done';
    look.label = true;
    look.labelFill = p.highlight.path;
    look.labelSize = 11;
    look.labelBold = true;
    return look;
  }
  switch (state) {
    case 'not-ready':
      look.stroke = p.edge.notReady;
      look.dash = DASH.dashed;
      break;
    case 'terminating':
      look.stroke = p.edge.terminating;
      look.dash = DASH.dotted;
      look.width = 2;
      break;
    case 'inferred':
      look.stroke = p.edge.inferred;
      look.dash = DASH.inferred;
      break;
    case 'selector-only':
      look.stroke = p.edge.selector;
      look.dash = DASH.dotted;
      break;
  }
  if (kind === 'lb-node' || kind === 'lb-direct') look.stroke = p.edge.lbNode;
  if (state === 'drop') {
    look.stroke = p.edge.drop;
    look.dash = DASH.dashed;
  }
  if (kind === 'client-lb' || kind === 'client-ing') look.stroke = p.edge.client;
  if (state === 'pending') {
    look.dash = DASH.dashed;
    look.opacity = 0.5;
  }
  if (kind === 'ing-svc') {
    look.stroke = p.edge.ingress;
    look.width = 2;
  }
  if (kind === 'aggregate') {
    look.stroke = p.edge.aggregate;
    const count = Math.min(200, Math.max(1, num(d.count, 1)));
    look.width = 1 + ((count - 1) * 5) / 199;
    look.label = true;
  }
  // Edges of a removed (ghost) node fade with it.
  if (hl?.diff && (hl.diff.get(d.source) === 'removed' || hl.diff.get(d.target) === 'removed')) look.opacity *= 0.3;
  if (hl?.keep) {
    if (hl.keep.has(d.id)) look.label = true;
    else look.opacity *= DIM_OPACITY;
  }
  return look;
}

function shapePath(look: NodeLook, x: number, y: number, w: number, h: number, attrs: string): string {
  if (look.shape === 'cut') {
    const k = Math.min(8, w / 4, h / 4);
    const d = `M${n(x + k)} ${n(y)}H${n(x + w - k)}L${n(x + w)} ${n(y + k)}V${n(y + h - k)}L${n(x + w - k)} ${n(y + h)}H${n(x + k)}L${n(x)} ${n(y + h - k)}V${n(y + k)}Z`;
    return `<path d="${d}"${attrs}/>`;
  }
  const r = look.shape === 'ellipse' ? `rx="${n(w / 2)}" ry="${n(h / 2)}"` : look.shape === 'rect' ? 'rx="0"' : `rx="${n(Math.min(6, w / 4, h / 4))}"`;
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${r}${attrs}/>`;
}

/** The point where the segment from the box centre towards (tx, ty) leaves the box; the centre if (tx, ty) is inside. */
function clip(b: Box, tx: number, ty: number): [number, number] {
  const dx = tx - b.cx;
  const dy = ty - b.cy;
  const t = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  if (!(t < 1)) return [b.cx, b.cy];
  return [b.cx + dx * t, b.cy + dy * t];
}

function textWidth(chars: number, size: number): number {
  return chars * size * GLYPH;
}

/** Converts the graph to a standalone SVG document; see the file comment for the safety rules. */
export function graphToSvg(input: SvgExportInput): string {
  const theme: Theme = input.theme === 'dark' ? 'dark' : 'light';
  const p = PALETTES[theme];
  const hl = input.highlight;

  // ---- Boxes ----
  const parents = new Set<string>();
  for (const el of input.elements) if (el.group === 'nodes' && typeof el.data.parent === 'string') parents.add(el.data.parent);
  const boxes = new Map<string, Box>();
  const order: Box[] = [];
  for (const el of input.elements) {
    if (el.group !== 'nodes' || boxes.has(el.data.id)) continue;
    const o = input.boxes?.get(el.data.id);
    const classes = classSet(el.classes);
    const b: Box = {
      el,
      cx: num(o?.x, num(el.position?.x, 0)),
      cy: num(o?.y, num(el.position?.y, 0)),
      w: Math.max(1, num(o?.w, num(el.data.w, 40))),
      h: Math.max(1, num(o?.h, num(el.data.h, 20))),
      container: parents.has(el.data.id) || classes.has('container'),
      classes,
      lines: Array.isArray(el.data.lines) ? el.data.lines.map((l) => text(l)) : [text(el.data.label)],
    };
    boxes.set(el.data.id, b);
    order.push(b);
  }

  // ---- Extent of the picture ----
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  const grow = (ax: number, ay: number, bx: number, by: number): void => {
    if (ax < x1) x1 = ax;
    if (ay < y1) y1 = ay;
    if (bx > x2) x2 = bx;
    if (by > y2) y2 = by;
  };
  for (const b of order) {
    grow(b.cx - b.w / 2, b.cy - b.h / 2, b.cx + b.w / 2, b.cy + b.h / 2);
    if (b.container) {
      // Label above the box, centred, at font size 12.
      const longest = b.lines.reduce((m, l) => Math.max(m, l.length), 0);
      const lw = textWidth(longest, 12);
      grow(b.cx - lw / 2, b.cy - b.h / 2 - 4 - b.lines.length * NODE_LINE_HEIGHT, b.cx + lw / 2, b.cy - b.h / 2);
    } else {
      const longest = b.lines.reduce((m, l) => Math.max(m, l.length), 0);
      const lw = textWidth(longest, 10);
      grow(b.cx - lw / 2, b.cy - b.h / 2, b.cx + lw / 2, b.cy + b.h / 2);
    }
  }
  if (order.length === 0) grow(0, 0, 400, 200);
  const gx = x1 - MARGIN;
  const gy = y1 - MARGIN;
  const graphW = x2 - x1 + 2 * MARGIN;
  const graphH = y2 - y1 + 2 * MARGIN;

  // ---- Caption and legend layout (drawn scaled so they stay readable next to a huge graph) ----
  const scale = Math.max(1, graphW / 1400);
  const titleText = text(input.caption.title, MAX_CAPTION);
  const rows = input.caption.rows.map((r) => ({ label: text(r.label, 80), value: text(r.value, MAX_CAPTION), chars: 0 }));
  for (const r of rows) r.chars = safeText(String(r.label), 80).length + 2 + safeText(String(r.value), MAX_CAPTION).length;
  const legend = input.legend.map((l) => ({ entry: l.entry, label: text(l.label, 120), chars: safeText(String(l.label), 120).length }));
  const legendColW = Math.min(520, Math.max(200, 44 + textWidth(legend.reduce((m, l) => Math.max(m, l.chars), 0), 11)));
  const captionNeedW = Math.max(
    textWidth(safeText(String(input.caption.title), MAX_CAPTION).length, 18),
    ...rows.map((r) => textWidth(r.chars, 12)),
    legend.length > 0 ? legendColW : 0,
  );
  const width = Math.max(graphW, captionNeedW * scale + 2 * MARGIN, 480);
  const localW = (width - 2 * MARGIN) / scale;
  const legendCols = Math.max(1, Math.min(4, Math.floor(localW / legendColW)));
  const legendRows = Math.ceil(legend.length / legendCols);
  const TITLE_H = 28;
  const ROW_H = 18;
  const LEGEND_ROW_H = 20;
  const redactH = input.caption.redacted ? ROW_H + 4 : 0;
  const rowsTop = TITLE_H + redactH + 8;
  const legendTop = rowsTop + rows.length * ROW_H + (legend.length > 0 ? 16 : 0);
  const captionLocalH = legendTop + legendRows * LEGEND_ROW_H + 8;
  const captionTop = gy + graphH;
  const height = graphH + captionLocalH * scale + MARGIN;
  // The graph centred when the caption is wider than it.
  const vbX = gx - (width - graphW) / 2;

  // ---- Document ----
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(width)}" height="${n(height)}" viewBox="${n(vbX)} ${n(gy)} ${n(width)} ${n(height)}" font-family="${FONT}">\n`,
  );
  out.push(`<title>${titleText}</title>\n`);
  out.push(`<desc>${rows.map((r) => `${r.label}: ${r.value}`).join('\n')}${input.caption.redacted ? '\nREDACTED' : ''}</desc>\n`);
  out.push(
    '<defs>',
    arrow('kp-arrow-current', p.highlight.path),
    arrow('kp-arrow-done', p.highlight.pathDone),
    arrow('kp-arrow-dead', p.highlight.dead),
    '</defs>\n',
  );
  out.push(`<rect x="${n(vbX)}" y="${n(gy)}" width="${n(width)}" height="${n(height)}" fill="${p.background}"/>\n`);

  // Containers beneath everything, parents before children (the input order).
  const drawNode = (b: Box): void => {
    const look = nodeLook(b, p, hl);
    const x = b.cx - b.w / 2;
    const y = b.cy - b.h / 2;
    out.push(`<g${look.opacity < 1 ? ` opacity="${n2(look.opacity)}"` : ''}><title>${text(b.el.data.id, 300)}</title>`);
    const attrs = ` fill="${look.fill}"${look.fillOpacity < 1 ? ` fill-opacity="${n2(look.fillOpacity)}"` : ''} stroke="${look.stroke}" stroke-width="${n(look.double ? Math.min(look.strokeWidth, 1.5) : look.strokeWidth)}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ''}`;
    out.push(shapePath(look, x, y, b.w, b.h, attrs));
    if (look.double && b.w > 8 && b.h > 8) {
      const inset = Math.max(3, look.strokeWidth - 1);
      out.push(shapePath(look, x + inset, y + inset, b.w - 2 * inset, b.h - 2 * inset, ` fill="none" stroke="${look.stroke}" stroke-width="1.5"${look.dash ? ` stroke-dasharray="${look.dash}"` : ''}`));
    }
    const size = b.container ? 12 : 10;
    out.push(`<text x="${n(b.cx)}" text-anchor="middle" font-size="${size}" fill="${look.textFill}"${look.bold ? ' font-weight="bold"' : ''}>`);
    const count = b.lines.length;
    for (let i = 0; i < count; i++) {
      const baseline = b.container ? b.cy - b.h / 2 - 7 - (count - 1 - i) * NODE_LINE_HEIGHT : b.cy - (count * LINE_HEIGHT) / 2 + LINE_HEIGHT * (i + 0.5) + 3.5;
      out.push(`<tspan x="${n(b.cx)}" y="${n(baseline)}">${b.lines[i] as string}</tspan>`);
    }
    out.push('</text></g>\n');
  };
  out.push('<g>\n');
  for (const b of order) if (b.container) drawNode(b);
  out.push('</g>\n');

  // Edges above containers, beneath leaf nodes.
  const drawEdge = (e: GraphEdge, overlay: boolean): void => {
    const s = boxes.get(e.data.source);
    const t = boxes.get(e.data.target);
    if (!s || !t || s === t) return;
    const look = edgeLook(e, p, hl, overlay);
    const [ax, ay] = clip(s, t.cx, t.cy);
    const [bx, by] = clip(t, s.cx, s.cy);
    out.push(`<g${look.opacity < 1 ? ` opacity="${n2(look.opacity)}"` : ''}><title>${text(e.data.id, 300)}</title>`);
    out.push(
      `<line x1="${n(ax)}" y1="${n(ay)}" x2="${n(bx)}" y2="${n(by)}" stroke="${look.stroke}" stroke-width="${n(look.width)}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ''}${look.marker ? ` marker-end="url(#${look.marker})"` : ''}/>`,
    );
    const label = typeof e.data.label === 'string' ? e.data.label : '';
    if (look.label && label !== '') {
      const size = look.labelSize;
      out.push(
        `<text x="${n((ax + bx) / 2)}" y="${n((ay + by) / 2 - 2)}" text-anchor="middle" font-size="${size}" fill="${look.labelFill}"${look.labelBold ? ' font-weight="bold"' : ''}>${text(label, 60)}</text>`,
      );
    }
    out.push('</g>\n');
  };
  out.push('<g>\n');
  for (const el of input.elements) if (el.group === 'edges') drawEdge(el, false);
  out.push('</g>\n<g>\n');
  for (const b of order) if (!b.container) drawNode(b);
  out.push('</g>\n');
  if (hl?.path && hl.path.edges.length > 0) {
    out.push('<g>\n');
    for (const e of hl.path.edges) drawEdge(e, true);
    out.push('</g>\n');
  }

  // Watermark across the picture.
  if (input.caption.redacted) {
    const cx = gx + graphW / 2;
    const cy = gy + graphH / 2;
    const size = Math.max(36, Math.min(graphW / 5, graphH / 2));
    out.push(
      `<text x="${n(cx)}" y="${n(cy)}" text-anchor="middle" dominant-baseline="middle" font-size="${n(size)}" font-weight="bold" fill="${p.finding.error}" opacity="0.2" transform="rotate(-20 ${n(cx)} ${n(cy)})">REDACTED</text>\n`,
    );
  }

  // ---- Caption ----
  out.push(`<g transform="translate(${n(vbX + MARGIN)} ${n(captionTop)})${scale > 1 ? ` scale(${n2(scale)})` : ''}">\n`);
  out.push(`<text x="0" y="20" font-size="18" font-weight="bold" fill="${p.text}">${titleText}</text>\n`);
  if (input.caption.redacted) out.push(`<text x="0" y="${TITLE_H + 14}" font-size="14" font-weight="bold" fill="${p.finding.error}">REDACTED</text>\n`);
  rows.forEach((r, i) => {
    out.push(
      `<text x="0" y="${n(rowsTop + i * ROW_H + 13)}" font-size="12" fill="${p.text}"><tspan font-weight="bold" fill="${p.mutedText}">${r.label}:</tspan> ${r.value}</text>\n`,
    );
  });
  legend.forEach((l, i) => {
    const col = Math.floor(i / legendRows);
    const row = i % legendRows;
    const x = col * legendColW;
    const y = legendTop + row * LEGEND_ROW_H;
    const e = l.entry;
    const stroke = colour(e.stroke, p.text);
    const dash = e.dash === 'dashed' ? DASH.dashed : e.dash === 'dotted' ? DASH.dotted : undefined;
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    out.push('<g>');
    if (e.kind === 'line') out.push(`<line x1="${n(x)}" y1="${n(y + 7)}" x2="${n(x + 34)}" y2="${n(y + 7)}" stroke="${stroke}" stroke-width="2"${dashAttr}/>`);
    else out.push(`<rect x="${n(x + 1)}" y="${n(y + 1)}" width="32" height="12" rx="3" fill="${colour(e.fill, p.background)}" stroke="${stroke}" stroke-width="1.5"${dashAttr}/>`);
    out.push(`<text x="${n(x + 42)}" y="${n(y + 11)}" font-size="11" fill="${p.text}">${l.label}</text></g>\n`);
  });
  out.push('</g>\n</svg>\n');
  return out.join('');
}

function n2(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '1';
}

function arrow(id: string, fill: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto"><path d="M0 0L10 5L0 10Z" fill="${fill}"/></marker>`;
}
