import { DEMO_NAMES, isDemoName, loadDemo } from '../demo/demo-clusters';
import { KubeHttp } from '../k8s/http';
import { kubeConfigFor, loadKubeconfig, type LoadedKubeconfig } from '../k8s/kubeconfig';
import { SNAPSHOT_KINDS } from '../snapshot/records';
import type { ClusterEntry, ClusterList, ClusterStatus } from '../snapshot/stream';
import { config } from './config';
import { StaticFeed, type ClusterFeed } from './feed';
import { LiveFeed } from './live-feed';

/**
 * The registry of clusters: kubeconfig contexts (`ctx:<context>`) and demos (`demo:<name>`).
 * One feed per cluster, shared by every caller; live feeds stop when idle.
 */

const IDLE_MS = 120_000;
const demoFeeds = new Map<string, ClusterFeed>();
const liveFeeds = new Map<string, LiveFeed>();
let reaper: ReturnType<typeof setInterval> | undefined;

function kubeconfig(): LoadedKubeconfig {
  const kc = config().kubeconfig;
  return loadKubeconfig(kc ? { paths: kc.split(':').filter(Boolean) } : {});
}

function demoEntries(): ClusterEntry[] {
  return DEMO_NAMES.map((name) => {
    const title = loadDemo(name).meta.title;
    return { id: `demo:${name}`, kind: 'demo', name, ...(title ? { title } : {}) };
  });
}

/** Every cluster the picker offers: contexts first (each with its own error, if any), then demos. */
export function listClusters(): ClusterList {
  const loaded = kubeconfig();
  const contexts: ClusterEntry[] = loaded.contexts.map((c) => ({
    id: `ctx:${c.name}`,
    kind: 'context',
    name: c.name,
    ...(c.current ? { current: true } : {}),
    ...(c.error ? { error: c.error } : {}),
    ...(c.insecure ? { title: `insecure: ${c.insecure}` } : {}),
  }));
  const current = loaded.contexts.find((c) => c.current && !c.error);
  return { clusters: [...contexts, ...demoEntries()], defaultId: current ? `ctx:${current.name}` : 'demo:seed' };
}

function liveStatus(): ClusterStatus {
  const status: ClusterStatus = {};
  for (const k of SNAPSHOT_KINDS) status[k] = { state: 'live' };
  return status;
}

function startReaper(): void {
  if (reaper) return;
  reaper = setInterval(() => {
    for (const [id, feed] of liveFeeds) {
      if (feed.subscriberCount === 0 && Date.now() - feed.lastUsed > IDLE_MS) {
        liveFeeds.delete(id);
        void feed.stop();
      }
    }
  }, 30_000);
  reaper.unref();
}

export class ClusterUnavailable extends Error {}

/**
 * The feed of a cluster ID; undefined for an unknown ID; throws ClusterUnavailable with a message
 * naming the problem when a context exists but cannot be used.
 */
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
  if (id.startsWith('ctx:')) {
    const existing = liveFeeds.get(id);
    if (existing) return existing;
    const name = id.slice(4);
    const loaded = kubeconfig();
    const info = loaded.contexts.find((c) => c.name === name);
    if (!info) return undefined;
    let http: KubeHttp;
    try {
      http = new KubeHttp(kubeConfigFor(loaded, name));
    } catch (e) {
      throw new ClusterUnavailable((e as Error).message);
    }
    const feed = new LiveFeed({ id, context: name, http, fallbackNamespaces: [info.namespace ?? 'default', ...config().namespaces] });
    liveFeeds.set(id, feed);
    startReaper();
    return feed;
  }
  return undefined;
}

/** Stops every live feed (tests, shutdown). */
export async function stopAllFeeds(): Promise<void> {
  const feeds = [...liveFeeds.values()];
  liveFeeds.clear();
  await Promise.all(feeds.map((f) => f.stop()));
}

/**
 * The feed a route asks for by its (URL-encoded) ID, or the JSON error response to send instead:
 * 404 for an unknown ID, 409 with the reason for a context that cannot be used.
 */
export function feedOrError(encodedId: string): ClusterFeed | Response {
  const id = decodeURIComponent(encodedId);
  const headers = { 'cache-control': 'no-store' };
  try {
    return feedFor(id) ?? Response.json({ error: 'not-found', message: `no cluster "${id}"` }, { status: 404, headers });
  } catch (e) {
    if (e instanceof ClusterUnavailable) return Response.json({ error: 'unavailable', message: e.message }, { status: 409, headers });
    throw e;
  }
}
