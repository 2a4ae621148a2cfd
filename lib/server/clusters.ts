import 'server-only';
import { DEMO_NAMES, isDemoName, loadDemo } from '../demo/demo-clusters';
import { SNAPSHOT_KINDS } from '../snapshot/records';
import type { ClusterEntry, ClusterList, ClusterStatus } from '../snapshot/stream';
import { StaticFeed, type ClusterFeed } from './feed';

/** Cluster IDs: `ctx:<context>`, `demo:<name>`. */
const demoFeeds = new Map<string, ClusterFeed>();

function demoEntries(): ClusterEntry[] {
  return DEMO_NAMES.map((name) => ({ id: `demo:${name}`, kind: 'demo', name, ...(loadDemo(name).meta.title ? { title: loadDemo(name).meta.title as string } : {}) }));
}

/** Every cluster the picker offers. */
export function listClusters(): ClusterList {
  const clusters = demoEntries();
  return { clusters, defaultId: 'demo:seed' };
}

function liveStatus(): ClusterStatus {
  const status: ClusterStatus = {};
  for (const k of SNAPSHOT_KINDS) status[k] = { state: 'live' };
  return status;
}

/** The feed of a cluster ID, or undefined for an unknown ID. */
export function feedFor(id: string): ClusterFeed | undefined {
  if (id.startsWith('demo:')) {
    const name = id.slice(5);
    if (!isDemoName(name)) return undefined;
    let feed = demoFeeds.get(id);
    if (!feed) {
      feed = new StaticFeed(id, { version: 1, snapshot: loadDemo(name), status: liveStatus() });
      demoFeeds.set(id, feed);
    }
    return feed;
  }
  return undefined;
}
