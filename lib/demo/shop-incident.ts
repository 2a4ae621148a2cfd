/**
 * A small incident on the shop demo, for diff tests and the docs: the deployment `catalog` scaled
 * 3 → 2 (its pod on worker-3 and that pod's endpoint gone), a new rule on Ingress `shop`
 * (http://api.shop.example.com/ → catalog:8080), and Service `ingress/ic` switched to
 * `externalTrafficPolicy: Local` (its one controller pod is on worker-3). Each change is a function of
 * the demo's kubectl JSON, so tests can apply them alone or together.
 */
import { snapshotFromDocuments } from '../snapshot/parse';
import type { ClusterSnapshot, SnapshotMeta } from '../snapshot/records';
import { demoObjects } from './demo-clusters';

export interface RawItem {
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string };
  spec?: Record<string, unknown>;
  endpoints?: { targetRef?: { name: string } }[];
}

export type ShopEdit = (items: RawItem[]) => RawItem[];

/** The shop demo as kubectl JSON, changed by `edit`, parsed again. */
export function shopWith(edit: ShopEdit, meta: Partial<SnapshotMeta> = {}): ClusterSnapshot {
  const raw = structuredClone(demoObjects('shop')) as { items: RawItem[] };
  raw.items = edit(raw.items);
  const s = snapshotFromDocuments([raw], { source: 'edited shop' }).snapshot;
  // The demo file carries its own metadata block; `meta` overrides it.
  return { ...s, meta: { ...s.meta, ...meta } };
}

export function find(items: RawItem[], kind: string, name: string): RawItem {
  const it = items.find((i) => i.kind === kind && i.metadata.name === name);
  if (!it) throw new Error(`${kind} ${name} not in the shop demo`);
  return it;
}

/** The catalog pod that the scale-down removes. */
export const GONE_POD = 'catalog-67494686b8-2v8dk';

/** Deployment catalog scaled 3 → 2. */
export const scaleDownCatalog: ShopEdit = (items) => {
  const slice = find(items, 'EndpointSlice', 'catalog-xzfmc');
  slice.endpoints = (slice.endpoints ?? []).filter((e) => e.targetRef?.name !== GONE_POD);
  return items.filter((i) => !(i.kind === 'Pod' && i.metadata.name === GONE_POD));
};

/** A new rule on Ingress shop: http://api.shop.example.com/ → catalog:8080. */
export const addIngressRule: ShopEdit = (items) => {
  const spec = find(items, 'Ingress', 'shop').spec as { rules: unknown[] };
  spec.rules.push({ host: 'api.shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'catalog', port: { number: 8080 } } } }] } });
  return items;
};

/** Service ingress/ic switched to externalTrafficPolicy Local. */
export const etpLocal: ShopEdit = (items) => {
  (find(items, 'Service', 'ic').spec as Record<string, unknown>).externalTrafficPolicy = 'Local';
  return items;
};

/** The shop demo after all three changes. */
export function shopIncident(meta: Partial<SnapshotMeta> = {}): ClusterSnapshot {
  return shopWith((items) => etpLocal(addIngressRule(scaleDownCatalog(items))), meta);
}
