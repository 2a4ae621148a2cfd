/**
 * Diff mode in the graph (issue 6): what to draw when the current cluster is compared with a "before"
 * snapshot, and how each drawn element is marked.
 *
 * The picture is the **after** cluster plus ghosts of what was removed: a removed pod is drawn on its
 * old node, a removed Service in the Service lane, so a reviewer sees where things were. Only the
 * graph is built from this union; paths, access tables and findings are always computed on the real
 * after snapshot, so a ghost never carries traffic in a trace.
 */
import type { SnapshotDiff } from '../model/diff';
import type { ClusterSnapshot } from '../snapshot/records';
import type { GraphModel } from './elements';

export type DiffMark = 'added' | 'removed' | 'changed';

const key = (r: { namespace?: string; name: string }): string => `${r.namespace ?? ''}/${r.name}`;

/** `after` records first, then `before` records whose key `after` lacks. */
function union<T extends { namespace?: string; name: string }>(after: readonly T[], before: readonly T[]): readonly T[] {
  const have = new Set(after.map(key));
  const gone = before.filter((r) => !have.has(key(r)));
  return gone.length === 0 ? after : [...after, ...gone];
}

/**
 * The snapshot the diff graph is drawn from: `after`, plus the Nodes, Pods, Services and Ingresses of
 * `before` that `after` no longer has (matched by namespace and name, as diffSnapshots matches them),
 * plus the EndpointSlices of removed Services (so a removed Service keeps its old endpoint edges rather
 * than having them inferred). Namespaces of removed objects come along so filters still list them.
 */
export function diffGraphSnapshot(before: ClusterSnapshot, after: ClusterSnapshot): ClusterSnapshot {
  const services = union(after.services, before.services);
  const afterServices = new Set(after.services.map(key));
  const removedServices = new Set(before.services.filter((s) => !afterServices.has(key(s))).map(key));
  const sliceKeys = new Set(after.endpointSlices.map(key));
  const ghostSlices = before.endpointSlices.filter((e) => e.serviceName !== undefined && removedServices.has(`${e.namespace}/${e.serviceName}`) && !sliceKeys.has(key(e)));
  return {
    ...after,
    namespaces: union(after.namespaces, before.namespaces),
    nodes: union(after.nodes, before.nodes),
    pods: union(after.pods, before.pods),
    services,
    endpointSlices: ghostSlices.length === 0 ? after.endpointSlices : [...after.endpointSlices, ...ghostSlices],
    ingresses: union(after.ingresses, before.ingresses),
  };
}

const RANK: Record<DiffMark, number> = { changed: 1, added: 2, removed: 3 };

/**
 * The mark of each visible element: the element itself when it is drawn, otherwise the aggregate that
 * stands for it, which is marked `changed` (something inside it was added, removed or changed). When
 * several model elements share one visible element, the strongest mark wins (removed > added > changed)
 * — except that an aggregate never claims more than `changed`.
 */
export function diffMarks(diff: SnapshotDiff, model: GraphModel): Map<string, DiffMark> {
  const out = new Map<string, DiffMark>();
  const mark = (ids: readonly string[], m: DiffMark): void => {
    for (const id of ids) {
      const rep = model.representative(id);
      if (!rep) continue;
      const eff: DiffMark = rep === id ? m : 'changed';
      const cur = out.get(rep);
      if (!cur || RANK[eff] > RANK[cur]) out.set(rep, eff);
    }
  };
  mark(diff.elements.changed, 'changed');
  mark(diff.elements.added, 'added');
  mark(diff.elements.removed, 'removed');
  return out;
}
