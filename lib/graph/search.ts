/**
 * Search by name or IP over the model (not over the drawn elements, so pods folded into aggregates are
 * found too; the view maps each hit to the element that stands for it).
 */
import { ingressId, loadBalancerId, nodeId, serviceId } from '../model/ids';
import type { Topology } from '../model/topology';

export interface SearchHit {
  /** Model ID of the match. */
  id: string;
  /** What matched (a name or an address), for the result list. */
  matched: string;
}

function canon(s: string): string {
  return s.trim().toLowerCase();
}

/**
 * Elements whose name (or namespace/name) contains the query, or one of whose addresses starts with it
 * (so `10.244.2.` finds every pod on that node's range). Nodes, Services, load balancers, Ingresses, then
 * pods; at most `limit` hits.
 */
export function searchModel(topo: Topology, query: string, opts: { limit?: number; namespaces?: ReadonlySet<string> } = {}): SearchHit[] {
  const q = canon(query);
  if (q === '') return [];
  const limit = opts.limit ?? 50;
  const nsOk = (ns: string): boolean => !opts.namespaces || opts.namespaces.size === 0 || opts.namespaces.has(ns);
  const hits: SearchHit[] = [];
  const nameHit = (name: string): boolean => canon(name).includes(q);
  const addrHit = (addrs: readonly string[]): string | undefined => addrs.find((a) => canon(a).startsWith(q));
  const push = (id: string, matched: string): boolean => {
    hits.push({ id, matched });
    return hits.length >= limit;
  };
  for (const n of topo.nodes.values()) {
    const a = addrHit(n.record.addresses.map((x) => x.address));
    if (nameHit(n.record.name) || a) if (push(nodeId(n.record.name), a ?? n.record.name)) return hits;
  }
  for (const v of topo.services.values()) {
    const s = v.record;
    if (!nsOk(s.namespace)) continue;
    const full = `${s.namespace}/${s.name}`;
    const a = addrHit([...s.clusterIPs, ...s.externalIPs]);
    if (nameHit(full) || a) if (push(serviceId(s.namespace, s.name), a ?? full)) return hits;
    const lb = addrHit(s.lbIngress.flatMap((e) => [e.ip ?? '', e.hostname ?? '']).filter(Boolean));
    if (lb) if (push(loadBalancerId(s.namespace, s.name), lb)) return hits;
  }
  for (const ing of topo.snapshot.ingresses) {
    if (!nsOk(ing.namespace)) continue;
    const full = `${ing.namespace}/${ing.name}`;
    const host = ing.rules.map((r) => r.host ?? '').find((h) => h !== '' && canon(h).includes(q));
    const a = addrHit(ing.lbIngress.flatMap((e) => [e.ip ?? '', e.hostname ?? '']).filter(Boolean));
    if (nameHit(full) || host || a) if (push(ingressId(ing.namespace, ing.name), a ?? host ?? full)) return hits;
  }
  for (const [id, p] of topo.pods) {
    if (!nsOk(p.namespace)) continue;
    const full = `${p.namespace}/${p.name}`;
    const a = p.hostNetwork ? undefined : addrHit(p.podIPs);
    if (nameHit(full) || a) if (push(id, a ?? full)) return hits;
  }
  return hits;
}
