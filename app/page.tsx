import Link from 'next/link';
import { AccessTable } from '@/components/access-table';
import { DEMO_NAMES, isDemoName, loadDemo, type DemoName } from '@/lib/demo/demo-clusters';
import { accessPointsForService } from '@/lib/model/access-points';
import { findingsFor } from '@/lib/model/findings';
import { buildTopology } from '@/lib/model/topology';

// The model is computed per request from the chosen source (demos today; live clusters with issue 4).
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

function chosenDemo(cluster: string | string[] | undefined): DemoName {
  const value = Array.isArray(cluster) ? cluster[0] : cluster;
  const name = value?.startsWith('demo:') ? value.slice(5) : undefined;
  return name && isDemoName(name) ? name : 'seed';
}

export default async function Home({ searchParams }: { searchParams: Search }) {
  const demo = chosenDemo((await searchParams).cluster);
  const snapshot = loadDemo(demo);
  const topo = buildTopology(snapshot);
  const services = [...topo.services.values()].sort((a, b) => a.id.localeCompare(b.id));
  const findings = findingsFor(topo);
  return (
    <main className="mx-auto max-w-6xl p-6">
      <header className="mb-6 flex flex-wrap items-baseline gap-4 border-b border-slate-200 pb-4 dark:border-slate-800">
        <h1 className="text-2xl font-semibold">kubepath</h1>
        <span className="text-sm text-slate-500" data-testid="source-label">
          demo cluster: {snapshot.meta.title ?? demo}
        </span>
        <nav aria-label="Clusters" className="ml-auto flex gap-3 text-sm">
          {DEMO_NAMES.map((name) => (
            <Link key={name} href={`/?cluster=demo:${name}`} aria-current={name === demo ? 'page' : undefined} className={name === demo ? 'font-semibold underline' : 'text-sky-700 dark:text-sky-400'}>
              {name}
            </Link>
          ))}
        </nav>
      </header>
      {snapshot.meta.description && <p className="mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{snapshot.meta.description}</p>}
      <section aria-labelledby="nodes-h" className="mb-8">
        <h2 id="nodes-h" className="mb-2 text-lg font-medium">Nodes</h2>
        <ul className="grid gap-2 sm:grid-cols-3">
          {[...topo.nodes.values()].map((n) => (
            <li key={n.id} data-testid={`element-${n.id}`} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
              <div className="cluster-text font-medium">{n.record.name}</div>
              <div className="font-mono text-xs">NodeIP {[...n.internalIPs, ...n.externalIPs].join(', ') || 'none'}</div>
              <div className="font-mono text-xs text-slate-500">pods {n.record.podCIDRs.join(', ')}</div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="svc-h" className="mb-8">
        <h2 id="svc-h" className="mb-2 text-lg font-medium">Services and every way to reach them</h2>
        {services.map((v) => (
          <article key={v.id} data-testid={`element-${v.id}`} className="mb-6">
            <h3 className="cluster-text mb-1 font-medium">
              {v.record.namespace}/{v.record.name} <span className="text-sm font-normal text-slate-500">{v.record.type}</span>
            </h3>
            <AccessTable accessPoints={accessPointsForService(topo, v)} />
          </article>
        ))}
      </section>
      <section aria-labelledby="findings-h">
        <h2 id="findings-h" className="mb-2 text-lg font-medium">Findings</h2>
        {findings.length === 0 ? (
          <p className="text-sm text-slate-500">No findings.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {findings.map((f, i) => (
              <li key={`${f.code}-${f.subject}-${i}`} data-testid="finding" data-code={f.code}>
                <span className={f.severity === 'error' ? 'text-rose-700' : f.severity === 'warning' ? 'text-amber-700' : 'text-slate-500'}>{f.severity}</span>{' '}
                <code>{f.code}</code> <span className="cluster-text">{f.subject}</span>: <span className="cluster-text">{f.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
