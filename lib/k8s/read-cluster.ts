import { SNAPSHOT_KINDS, emptySnapshot, type ClusterSnapshot, type SnapshotKind } from '../snapshot/records';
import { fieldOf, type ClusterStatus } from '../snapshot/stream';
import { discoverScope } from './discover';
import { describeKubeError } from './errors';
import type { KubeHttp } from './http';
import { Reflector, type Record_ } from './reflector';
import { RESOURCES } from './resources';

/**
 * One complete, projected read of a cluster (paged LISTs, no watch): what `kubepath snapshot` and
 * the CLI's `--context` use. Kinds the credentials cannot list are reported in `status`, not fatal.
 */
export async function readClusterOnce(http: KubeHttp, opts: { context: string; fallbackNamespaces?: string[] }): Promise<{ snapshot: ClusterSnapshot; status: ClusterStatus }> {
  let serverVersion: string | undefined;
  try {
    const v = (await http.getJson('/version', { timeoutMs: 15_000 })) as { gitVersion?: unknown };
    if (typeof v.gitVersion === 'string') serverVersion = v.gitVersion;
  } catch (e) {
    // An unreachable server fails the first LIST below with a typed error; nothing to add here.
    void e;
  }
  const snapshot = emptySnapshot({ source: 'live', context: opts.context, takenAt: new Date().toISOString(), ...(serverVersion ? { serverVersion } : {}) });
  const status: ClusterStatus = {};
  const out = snapshot as unknown as Record<string, Record_[]>;
  await Promise.all(
    SNAPSHOT_KINDS.map(async (kind: SnapshotKind) => {
      const r = RESOURCES[kind];
      const scope = await discoverScope(http, r, opts.fallbackNamespaces ?? []);
      if (!scope.clusterWide && scope.namespaces.length === 0) {
        if (scope.error && scope.error.kind !== 'forbidden') throw scope.error;
        status[kind] = { state: 'forbidden', message: scope.error ? describeKubeError(scope.error) : 'not visible' };
        return;
      }
      const records: Record_[] = [];
      for (const ns of scope.clusterWide ? [undefined] : scope.namespaces) {
        const reflector = new Reflector({
          http,
          resource: r,
          ...(ns ? { namespace: ns } : {}),
          sink: { reset: (rs) => records.push(...rs), upsert: () => undefined, remove: () => undefined, status: () => undefined },
        });
        await reflector.listOnce();
      }
      out[fieldOf(kind)] = records;
      status[kind] = { state: 'live', ...(scope.clusterWide ? {} : { namespaces: scope.namespaces }) };
    }),
  );
  return { snapshot, status };
}
