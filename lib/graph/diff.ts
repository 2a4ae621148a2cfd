/**
 * Diffing renderer elements by ID (architecture.md §4): what to add, remove, update and re-parent so
 * the renderer matches a new model without being rebuilt.
 */
import type { GraphElement } from './elements';

export interface ElementDiff {
  /** New elements, nodes before edges and parents before children (the order of `next`). */
  added: GraphElement[];
  /** IDs that are gone. */
  removed: string[];
  /** Elements whose data (other than parent) or classes changed. */
  changed: GraphElement[];
  /** Nodes whose parent changed: `null` means "no parent any more". */
  reparented: { id: string; parent: string | null }[];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return false;
}

/** True when the data objects carry the same values (shallow, arrays compared element-wise), ignoring `parent`. */
export function sameData(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of Object.keys(ra)) if (k !== 'parent' && !sameValue(ra[k], rb[k])) return false;
  for (const k of Object.keys(rb)) if (k !== 'parent' && !(k in ra)) return false;
  return true;
}

export function diffElements(prev: ReadonlyMap<string, GraphElement>, next: readonly GraphElement[]): ElementDiff {
  const added: GraphElement[] = [];
  const changed: GraphElement[] = [];
  const reparented: { id: string; parent: string | null }[] = [];
  const seen = new Set<string>();
  for (const el of next) {
    const id = el.data.id;
    seen.add(id);
    const old = prev.get(id);
    if (!old) {
      added.push(el);
      continue;
    }
    if (el.group === 'nodes' && old.group === 'nodes' && (old.data.parent ?? null) !== (el.data.parent ?? null)) {
      reparented.push({ id, parent: el.data.parent ?? null });
    }
    if (old.classes !== el.classes || !sameData(old.data, el.data)) changed.push(el);
  }
  const removed: string[] = [];
  for (const id of prev.keys()) if (!seen.has(id)) removed.push(id);
  return { added, removed, changed, reparented };
}
