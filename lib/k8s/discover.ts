import { KubeApiError } from './errors';
import type { KubeHttp } from './http';
import { collectionPath, type ResourceInfo } from './resources';

/**
 * Where a kind can be read with the current credentials: cluster-wide when a LIST is allowed there,
 * else in each fallback namespace that allows it (the context's namespace first). An empty
 * `namespaces` with a `forbidden` error means "not visible with these credentials".
 */
export interface ReadScope {
  clusterWide: boolean;
  namespaces: string[];
  /** Why cluster-wide reading failed, when it did. */
  error?: KubeApiError;
}

async function probe(http: Pick<KubeHttp, 'getJson'>, r: ResourceInfo, namespace?: string): Promise<'ok' | KubeApiError> {
  try {
    await http.getJson(`${collectionPath(r, namespace)}?limit=1`, { resource: r.resource, verb: 'list', ...(namespace ? { namespace } : {}), timeoutMs: 15_000 });
    return 'ok';
  } catch (e) {
    return e instanceof KubeApiError ? e : new KubeApiError('protocol', 'probe failed');
  }
}

export async function discoverScope(http: Pick<KubeHttp, 'getJson'>, r: ResourceInfo, fallbackNamespaces: readonly string[]): Promise<ReadScope> {
  const cluster = await probe(http, r);
  if (cluster === 'ok') return { clusterWide: true, namespaces: [] };
  if (cluster.kind === 'forbidden' && r.namespaced) {
    const allowed: string[] = [];
    for (const ns of new Set(fallbackNamespaces)) if ((await probe(http, r, ns)) === 'ok') allowed.push(ns);
    if (allowed.length > 0) return { clusterWide: false, namespaces: allowed, error: cluster };
  }
  return { clusterWide: false, namespaces: [], error: cluster };
}
