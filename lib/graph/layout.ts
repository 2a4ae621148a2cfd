/**
 * Deterministic layout primitives (architecture.md §4, quality-and-scale.md §3.5–3.6): boxes packed in
 * rows, compounds sized from their children, items in a lane ordered by where their neighbours are.
 * Everything is O(n) or O(n log n) and pure, so a 150k-pod cluster lays out in milliseconds and the
 * same input always gives the same picture.
 */

export interface Position {
  x: number;
  y: number;
}

/** Padding between a container box and its members. */
export const CONTAINER_PADDING = 12;
/** Height of one label line in model units (font size 10 plus leading). */
export const LINE_HEIGHT = 13;
/** Line height of compound labels (Nodes, expanded aggregates), drawn larger: they carry the NodeIPs. */
export const NODE_LINE_HEIGHT = 16;
export const GAP_X = 24;
export const GAP_Y = 28;

/**
 * A box to lay out. A leaf has a fixed size; a compound's size follows from its children. `labelH` is the
 * room its label needs above it (compound labels sit above the box), counted in the row height.
 */
export interface LayoutBox {
  id: string;
  w: number;
  h: number;
  labelH: number;
  children?: LayoutBox[];
  /** Compounds: the widest their rows may grow (children wrap below). */
  maxInnerWidth?: number;
}

/** Top-left corner per item, and the extent, of items packed left to right in rows no wider than maxWidth. */
export function shelfPack(
  items: readonly { id: string; w: number; h: number }[],
  maxWidth: number,
  gapX = GAP_X,
  gapY = GAP_Y,
): { pos: Map<string, Position>; width: number; height: number } {
  const pos = new Map<string, Position>();
  let x = 0;
  let y = 0;
  let rowH = 0;
  let width = 0;
  for (const it of items) {
    if (x > 0 && x + it.w > maxWidth) {
      y += rowH + gapY;
      x = 0;
      rowH = 0;
    }
    pos.set(it.id, { x, y });
    x += it.w + gapX;
    rowH = Math.max(rowH, it.h);
    width = Math.max(width, x - gapX);
  }
  return { pos, width, height: items.length === 0 ? 0 : y + rowH };
}

/** Columns for a near-square grid of n equal cells, at most `max`. */
export function gridColumns(n: number, max = 6): number {
  return Math.max(1, Math.min(max, Math.ceil(Math.sqrt(n))));
}

/** Sizes compounds bottom-up (mutates `w`/`h` of compound boxes) and returns the outer height (label + box). */
export function measure(box: LayoutBox): { w: number; h: number } {
  if (!box.children || box.children.length === 0) return { w: box.w, h: box.h + box.labelH };
  const kids = box.children.map((c) => ({ id: c.id, ...measure(c) }));
  const packed = shelfPack(kids, box.maxInnerWidth ?? Number.POSITIVE_INFINITY, GAP_X / 2, GAP_Y / 2);
  box.w = Math.max(box.w, packed.width + 2 * CONTAINER_PADDING);
  box.h = packed.height + 2 * CONTAINER_PADDING;
  return { w: box.w, h: box.h + box.labelH };
}

/**
 * Writes the centre of every leaf (and of every compound, for reference) given the box's top-left corner
 * including its label. Call `measure` first.
 */
export function place(box: LayoutBox, left: number, top: number, out: Map<string, Position>): void {
  const boxTop = top + box.labelH;
  out.set(box.id, { x: left + box.w / 2, y: boxTop + box.h / 2 });
  if (!box.children || box.children.length === 0) return;
  const kids = box.children.map((c) => ({ id: c.id, w: c.w, h: c.h + c.labelH }));
  const packed = shelfPack(kids, box.maxInnerWidth ?? Number.POSITIVE_INFINITY, GAP_X / 2, GAP_Y / 2);
  for (const c of box.children) {
    const p = packed.pos.get(c.id) as Position;
    place(c, left + CONTAINER_PADDING + p.x, boxTop + CONTAINER_PADDING + p.y, out);
  }
}

/**
 * Places items in rows (a "lane") so each sits as close as it can to its desired x without overlapping,
 * in order of desired x. Items are split into rows that fit `maxWidth`; within a row a forward pass keeps
 * the spacing and a backward pass pulls the row back inside the right edge. Items without a desired x go
 * last. Returns centres and the lane's height.
 */
export function lane(
  items: readonly { id: string; w: number; h: number; desiredX?: number }[],
  left: number,
  maxWidth: number,
  top: number,
  gapX = GAP_X,
  gapY = GAP_Y * 2,
): { pos: Map<string, Position>; height: number } {
  const sorted = [...items].sort((a, b) => (a.desiredX ?? Number.POSITIVE_INFINITY) - (b.desiredX ?? Number.POSITIVE_INFINITY) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const width = Math.max(maxWidth, ...sorted.map((s) => s.w));
  const right = left + width;
  const rows: (typeof sorted)[] = [];
  let used = 0;
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    if (!row || used + it.w > width) {
      rows.push([it]);
      used = it.w + gapX;
    } else {
      row.push(it);
      used += it.w + gapX;
    }
  }
  const pos = new Map<string, Position>();
  let rowTop = top;
  for (const row of rows) {
    const xs: number[] = [];
    let cursor = left;
    for (const it of row) {
      const x = Math.max(cursor, (it.desiredX ?? cursor + it.w / 2) - it.w / 2);
      xs.push(x);
      cursor = x + it.w + gapX;
    }
    let limit = right;
    for (let i = row.length - 1; i >= 0; i--) {
      const it = row[i] as (typeof row)[number];
      xs[i] = Math.max(left, Math.min(xs[i] as number, limit - it.w));
      limit = (xs[i] as number) - gapX;
    }
    const rowH = Math.max(...row.map((it) => it.h));
    row.forEach((it, i) => pos.set(it.id, { x: (xs[i] as number) + it.w / 2, y: rowTop + it.h / 2 }));
    rowTop += rowH + gapY;
  }
  return { pos, height: rows.length === 0 ? 0 : rowTop - gapY - top };
}

/**
 * Natural order for names with numbers (node-2 before node-10). A sort key with zero-padded digit
 * runs, compared as plain strings: Intl.Collator costs microseconds per comparison, which added up
 * to a quarter of a second when sorting 5,000 nodes.
 */
export function naturalKey(s: string): string {
  return s.replace(/\d+/g, (d) => d.padStart(12, '0'));
}

export function naturalCompare(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by the natural order of a key, computing each key once. */
export function naturalSortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, k: naturalKey(key(item)), raw: key(item) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
  return keyed.map((x) => x.item);
}
