import type { AccessPoint } from '@/lib/model/types';

const SCOPE_TEXT: Record<string, string> = {
  cluster: 'from inside the cluster',
  'cluster-dns': 'from pods using cluster DNS',
  'all-nodes': 'from the node network',
  lb: 'from wherever the load balancer is reachable',
  'admin-routed': 'where the administrator routes it',
  edge: 'from wherever the Ingress address is reachable',
  operator: "from the operator's machine",
};

/** Human text for a scope label (§3.0). */
export function scopeText(scope: string): string {
  if (scope.startsWith('node:')) return `from the node network, via ${scope.slice(5)}`;
  return SCOPE_TEXT[scope] ?? scope;
}

/** The access table of one Service: every URL, from where, and whether it works (and why not). */
export function AccessTable({ accessPoints }: { accessPoints: readonly AccessPoint[] }) {
  if (accessPoints.length === 0) return <p className="text-sm text-slate-500">No access points.</p>;
  return (
    <table className="w-full border-collapse text-left text-sm">
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th className="py-1 pr-3 font-medium">Kind</th>
          <th className="py-1 pr-3 font-medium">URL</th>
          <th className="py-1 pr-3 font-medium">Reachable from</th>
          <th className="py-1 font-medium">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {accessPoints.map((ap, i) => (
          <tr
            key={`${ap.kind}-${ap.url}-${i}`}
            data-testid="access-point"
            data-kind={ap.kind}
            data-reachable={String(ap.reachable)}
            className="border-b border-slate-100 align-top dark:border-slate-800"
          >
            <td className="py-1 pr-3 whitespace-nowrap">{ap.kind}</td>
            <td className="cluster-text py-1 pr-3 font-mono">{ap.url}</td>
            <td className="py-1 pr-3">{scopeText(ap.scope)}</td>
            <td className="py-1">
              {ap.reachable ? (
                <span className="text-emerald-700 dark:text-emerald-400">reachable</span>
              ) : (
                <span className="text-rose-700 dark:text-rose-400">
                  not reachable ({ap.outcome}): <span className="cluster-text">{ap.reason}</span>
                </span>
              )}
              {ap.badges.length > 0 && <span className="ml-2 text-xs text-slate-500">[{ap.badges.join(', ')}]</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
