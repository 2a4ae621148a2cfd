/**
 * The embedded demo clusters: valid Kubernetes objects (`v1 List` JSON, as `kubectl get … -o json`
 * prints them), shown when no cluster is configured. See lib/demo/clusters/README.md.
 */
import reference from './clusters/reference.json';
import seed from './clusters/seed.json';
import shop from './clusters/shop.json';
import { snapshotFromDocuments, type ParseResult } from '../snapshot/parse';
import type { ClusterSnapshot } from '../snapshot/records';

export const DEMO_NAMES = ['seed', 'reference', 'shop'] as const;
export type DemoName = (typeof DEMO_NAMES)[number];

const RAW: Record<DemoName, unknown> = { seed, reference, shop };

export function isDemoName(name: string): name is DemoName {
  return (DEMO_NAMES as readonly string[]).includes(name);
}

/** The raw List of a demo (for applying to a real API server in tests). */
export function demoObjects(name: DemoName): unknown {
  return RAW[name];
}

const cache = new Map<DemoName, ParseResult>();

/** A demo cluster as a snapshot, labelled `demo:<name>`. */
export function loadDemo(name: DemoName): ClusterSnapshot {
  let parsed = cache.get(name);
  if (!parsed) {
    parsed = snapshotFromDocuments([RAW[name]], { source: `demo ${name}`, meta: { context: `demo:${name}` } });
    cache.set(name, parsed);
  }
  return { ...parsed.snapshot, meta: { ...parsed.snapshot.meta, source: 'demo', context: `demo:${name}` } };
}
