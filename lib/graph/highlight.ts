/**
 * What to emphasise on top of the elements: the neighbourhood of a focused element (everything else is
 * dimmed), and a traced path lit hop by hop with overlay edges. Pure; the view applies the result as
 * classes and extra edges.
 */
import { loadBalancerId, parseId } from '../model/ids';
import type { PathResult } from '../model/types';
import type { GraphEdge, GraphModel } from './elements';
import { pathEdgeId } from './graph-ids';

function ancestorsOf(model: GraphModel, ids: Iterable<string>): Set<string> {
  const parentOf = new Map<string, string>();
  for (const e of model.elements) if (e.group === 'nodes' && e.data.parent) parentOf.set(e.data.id, e.data.parent);
  const out = new Set<string>();
  for (const id of ids) {
    let p = parentOf.get(id);
    while (p && !out.has(p)) {
      out.add(p);
      p = parentOf.get(p);
    }
  }
  return out;
}

/**
 * The elements that stay bright when `id` is focused: the element, its edges and their other ends, for a
 * Service also its load balancer's edges, for a Node its pods; plus the compounds that contain any of them.
 * Returns undefined when `id` stands for nothing visible.
 */
export function focusSet(model: GraphModel, id: string): Set<string> | undefined {
  const rep = model.representative(id);
  if (!rep) return undefined;
  const keep = new Set<string>([rep]);
  const parsed = parseId(id);
  if (parsed?.kind === 'svc' && parsed.namespace) {
    const lb = model.representative(loadBalancerId(parsed.namespace, parsed.name));
    if (lb) keep.add(lb);
  }
  for (const e of model.elements) if (e.group === 'nodes' && e.data.parent === rep) keep.add(e.data.id);
  const anchors = new Set(keep);
  for (const e of model.elements) {
    if (e.group !== 'edges') continue;
    const { source, target } = e.data;
    if (anchors.has(source) || anchors.has(target)) {
      keep.add(e.data.id);
      keep.add(source);
      keep.add(target);
    }
  }
  for (const a of ancestorsOf(model, keep)) keep.add(a);
  return keep;
}

export interface PathOverlay {
  /** Elements of the current hop (mapped to what is visible). */
  current: Set<string>;
  /** Elements of the hops before it. */
  done: Set<string>;
  /** Overlay edges for every hop up to the current one, labelled with their step. */
  edges: GraphEdge[];
}

/**
 * The path drawn up to `step` (1-based; 0 draws nothing): within each hop, consecutive elements are
 * joined by an overlay edge, except an element and the compound that contains it (a pod and its node are
 * one place, not a hop). Ends are mapped to visible elements; edges whose ends coincide are skipped.
 */
export function pathOverlay(model: GraphModel, result: PathResult, step: number): PathOverlay {
  const parentOf = new Map<string, string>();
  for (const e of model.elements) if (e.group === 'nodes' && e.data.parent) parentOf.set(e.data.id, e.data.parent);
  const contains = (outer: string, inner: string): boolean => {
    for (let p = parentOf.get(inner); p; p = parentOf.get(p)) if (p === outer) return true;
    return false;
  };
  const current = new Set<string>();
  const done = new Set<string>();
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const last = Math.min(step, result.hops.length);
  const dead = result.outcome !== 'OK';
  for (let i = 0; i < last; i++) {
    const hop = result.hops[i];
    if (!hop) continue;
    const reps = hop.elements.map((id) => model.representative(id)).filter((x): x is string => x !== undefined);
    const isCurrent = i === last - 1;
    for (const r of reps) (isCurrent ? current : done).add(r);
    for (let j = 1; j < reps.length; j++) {
      const a = reps[j - 1] as string;
      const b = reps[j] as string;
      if (a === b || contains(a, b) || contains(b, a)) continue;
      const id = pathEdgeId(hop.step, a, b);
      if (seen.has(id)) continue;
      seen.add(id);
      const classes = ['path', isCurrent ? 'current' : '', isCurrent && dead && i === result.hops.length - 1 ? 'dead' : ''].filter(Boolean).join(' ');
      edges.push({ group: 'edges', data: { id, source: a, target: b, kind: 'path', label: String(hop.step) }, classes });
    }
  }
  for (const id of current) done.delete(id);
  return { current, done, edges };
}

/** Everything a traced path touches (mapped to what is visible) and the compounds holding it: the rest is dimmed. */
export function pathKeep(model: GraphModel, result: PathResult): Set<string> {
  const keep = new Set<string>();
  for (const hop of result.hops) {
    for (const id of hop.elements) {
      const rep = model.representative(id);
      if (rep) keep.add(rep);
    }
  }
  for (const a of ancestorsOf(model, keep)) keep.add(a);
  return keep;
}
