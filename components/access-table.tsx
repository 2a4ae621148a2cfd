import { safeText } from '../lib/model/text';
import type { AccessPoint } from '../lib/model/types';
import { CopyButton } from './copy-button';
import { LongText } from './long-text';

const SCOPE_TEXT: Record<string, string> = {
  cluster: 'from inside the cluster',
  'cluster-dns': 'from pods using cluster DNS',
  'all-nodes': 'from the node network',
  lb: 'from the internet, wherever the load balancer is reachable',
  'admin-routed': 'where the administrator routes it',
  edge: 'from the internet, wherever the Ingress address is reachable',
  operator: "from the operator's machine",
};

/** Human text for a scope label (§3.0). */
export function scopeText(scope: string): string {
  if (scope.startsWith('node:')) return `from the node network, via ${scope.slice(5)}`;
  return SCOPE_TEXT[scope] ?? scope;
}

/**
 * A link target for an access point, or undefined. Only http and https URLs built by the model from
 * typed fields become links (quality-and-scale.md §1.6): no `javascript:`, no placeholders.
 */
export function linkFor(url: string): string | undefined {
  if (url.includes('<')) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The access table of one Service (or pod, or Ingress): every URL, from where, whether it works and why not. */
export function AccessTable({ accessPoints, caption }: { accessPoints: readonly AccessPoint[]; caption?: string }) {
  if (accessPoints.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No access points.</p>;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="access-table">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th scope="col" className="w-28 py-1 pr-2 font-medium">
            Kind, reachable from
          </th>
          <th scope="col" className="py-1 font-medium">
            URL and verdict
          </th>
        </tr>
      </thead>
      <tbody>
        {accessPoints.map((ap, i) => {
          const href = linkFor(ap.url);
          return (
            <tr
              key={`${ap.kind}-${ap.url}-${i}`}
              data-testid="access-point"
              data-kind={ap.kind}
              data-reachable={String(ap.reachable)}
              className="border-b border-slate-100 align-top dark:border-slate-800"
            >
              <td className="py-1 pr-2">
                <span className="block font-medium">{ap.kind}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{scopeText(ap.scope)}</span>
              </td>
              <td className="py-1">
                <div className="flex items-start gap-1">
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer noopener" className="cluster-text min-w-0 flex-1 font-mono text-xs break-all text-sky-700 underline dark:text-sky-400">
                      {safeText(ap.url)}
                    </a>
                  ) : (
                    <span className="cluster-text min-w-0 flex-1 font-mono text-xs break-all">{safeText(ap.url)}</span>
                  )}
                  <CopyButton text={ap.url} label={`Copy ${ap.url}`} />
                </div>
                {ap.command && (
                  <div className="mt-0.5 flex items-start gap-1">
                    <code className="cluster-text min-w-0 flex-1 text-[11px] break-all text-slate-500 dark:text-slate-400">{safeText(ap.command)}</code>
                    <CopyButton text={ap.command} label={`Copy command ${ap.command}`} />
                  </div>
                )}
                <div className="mt-0.5 text-xs">
                  {ap.reachable ? (
                    <span className="font-medium text-emerald-700 dark:text-emerald-400">reachable</span>
                  ) : (
                    <span className="text-rose-700 dark:text-rose-400">
                      <span className="font-medium">not reachable ({ap.outcome})</span>: <LongText text={ap.reason ?? ''} />
                    </span>
                  )}
                  {ap.badges.length > 0 && <span className="ml-1 text-slate-500 dark:text-slate-400">[{ap.badges.join(', ')}]</span>}
                </div>
                {ap.notes.length > 0 && (
                  <ul className="mt-0.5 list-disc pl-4 text-xs text-slate-500 dark:text-slate-400">
                    {ap.notes.map((n, j) => (
                      <li key={j}>
                        <LongText text={n} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
