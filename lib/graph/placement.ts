/**
 * Placement of elements that arrive with a live update (architecture.md §4: a watch update never
 * re-lays-out unaffected elements, and what the user arranged stays put). Existing elements keep
 * their current positions; a new pod takes the first free cell of its node's grid; any other new box
 * starts at its preset position and moves right until it overlaps nothing.
 */
import type { GraphNode } from './elements';
import { GAP_X, GAP_Y, type Position } from './layout';

export interface PlacedBox {
  x: number;
  y: number;
  w: number;
  h: number;
  parent?: string;
}

function overlaps(a: PlacedBox, b: PlacedBox, margin: number): boolean {
  return Math.abs(a.x - b.x) * 2 < a.w + b.w + margin * 2 && Math.abs(a.y - b.y) * 2 < a.h + b.h + margin * 2;
}

/**
 * Positions for `added` leaf nodes (compound parents take their place from their children), given the
 * current boxes of the leaves already drawn. Pure; deterministic in the order of `added`.
 */
export function placeAdded(added: readonly GraphNode[], current: ReadonlyMap<string, PlacedBox>): Map<string, Position> {
  const out = new Map<string, Position>();
  const occupied = new Map(current);
  const addedIds = new Set(added.map((n) => n.data.id));
  const parents = new Set(added.flatMap((n) => (n.data.parent ? [n.data.parent] : [])));
  const siblingsOf = new Map<string, PlacedBox[]>();
  for (const b of current.values()) {
    if (!b.parent) continue;
    const list = siblingsOf.get(b.parent);
    if (list) list.push(b);
    else siblingsOf.set(b.parent, [b]);
  }
  // New compounds arrive with their children: move the whole group by one offset so it stays packed.
  const groupShift = new Map<string, Position>();
  for (const n of added) {
    const id = n.data.id;
    if (parents.has(id) || out.has(id)) continue;
    const parent = n.data.parent;
    const siblings = parent ? siblingsOf.get(parent) : undefined;
    if (parent && siblings && siblings.length > 0 && !addedIds.has(parent)) {
      const p = freeCell(siblings, n.data.w, n.data.h);
      out.set(id, p);
      siblings.push({ ...p, w: n.data.w, h: n.data.h, parent });
      occupied.set(id, { ...p, w: n.data.w, h: n.data.h, parent });
      continue;
    }
    const root = parent && addedIds.has(parent) ? topAdded(parent, added) : undefined;
    let shiftBy = root ? groupShift.get(root) : undefined;
    if (!shiftBy) {
      const box = root ? groupBox(root, added) : { x: n.position.x, y: n.position.y, w: n.data.w, h: n.data.h };
      shiftBy = freeShift(box, occupied, new Set(root ? descendants(root, added) : [id]));
      if (root) groupShift.set(root, shiftBy);
    }
    const p = { x: n.position.x + shiftBy.x, y: n.position.y + shiftBy.y };
    out.set(id, p);
    occupied.set(id, { ...p, w: n.data.w, h: n.data.h, ...(parent ? { parent } : {}) });
  }
  return out;
}

/** The first free cell of the grid the siblings form (row-major, as wide as the widest row so far). */
function freeCell(siblings: readonly PlacedBox[], w: number, h: number): Position {
  const cw = Math.max(w, ...siblings.map((s) => s.w)) + GAP_X / 2;
  const ch = Math.max(h, ...siblings.map((s) => s.h)) + GAP_Y / 2;
  const ox = Math.min(...siblings.map((s) => s.x));
  const oy = Math.min(...siblings.map((s) => s.y));
  const taken = new Set(siblings.map((s) => `${Math.round((s.x - ox) / cw)},${Math.round((s.y - oy) / ch)}`));
  const cols = Math.max(1, ...siblings.map((s) => Math.round((s.x - ox) / cw) + 1));
  for (let i = 0; ; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    if (!taken.has(`${col},${row}`)) return { x: ox + col * cw, y: oy + row * ch };
  }
}

function topAdded(id: string, added: readonly GraphNode[]): string {
  const byId = new Map(added.map((n) => [n.data.id, n]));
  let cur = id;
  for (;;) {
    const parent = byId.get(cur)?.data.parent;
    if (!parent || !byId.has(parent)) return cur;
    cur = parent;
  }
}

function descendants(root: string, added: readonly GraphNode[]): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const n of added) if (n.data.parent === out[i]) out.push(n.data.id);
  return out;
}

/** The bounding box of an added compound's leaves at their preset positions. */
function groupBox(root: string, added: readonly GraphNode[]): PlacedBox {
  const ids = new Set(descendants(root, added));
  const leaves = added.filter((n) => ids.has(n.data.id) && !added.some((m) => m.data.parent === n.data.id));
  const list = leaves.length > 0 ? leaves : added.filter((n) => n.data.id === root);
  const x1 = Math.min(...list.map((n) => n.position.x - n.data.w / 2));
  const x2 = Math.max(...list.map((n) => n.position.x + n.data.w / 2));
  const y1 = Math.min(...list.map((n) => n.position.y - n.data.h / 2));
  const y2 = Math.max(...list.map((n) => n.position.y + n.data.h / 2));
  return { x: (x1 + x2) / 2, y: (y1 + y2) / 2, w: x2 - x1, h: y2 - y1 };
}

/** How far right a box must move to overlap nothing already placed (ignoring its own members). */
function freeShift(box: PlacedBox, occupied: ReadonlyMap<string, PlacedBox>, own: ReadonlySet<string>): Position {
  const others = [...occupied].filter(([id]) => !own.has(id)).map(([, b]) => b);
  let dx = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const moved = { ...box, x: box.x + dx };
    const hit = others.find((o) => overlaps(moved, o, GAP_X / 2));
    if (!hit) return { x: dx, y: 0 };
    dx = hit.x + hit.w / 2 + GAP_X + box.w / 2 - box.x;
  }
  return { x: dx, y: 0 };
}
