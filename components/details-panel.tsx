'use client';
/** What the focused element is and every way to reach it: the access table of a Service, pod or Ingress. */
import { useMemo } from 'react';
import type { GraphModel } from '../lib/graph/elements';
import { accessPointsForPod, accessPointsForService } from '../lib/model/access-points';
import { ingressId, parseId, serviceId } from '../lib/model/ids';
import { ingressAccessPoints } from '../lib/model/ingress';
import type { Topology } from '../lib/model/topology';
import type { AccessPoint, Finding } from '../lib/model/types';
import { safeText } from '../lib/model/text';
import { accessTableMarkdown } from '../lib/model/markdown';
import { AccessTable } from './access-table';
import { CopyButton } from './copy-button';
import { useTranslation } from '../lib/i18n/react';
import { LongText } from './long-text';
import type { PathNumber } from './view-state';

interface Props {
  topo: Topology;
  model: GraphModel;
  id: string;
  findings: readonly Finding[];
  onFocus: (id: string) => void;
  onTrace: (path: PathNumber, to: string) => void;
  onToggle: (id: string) => void;
  onClose: () => void;
  /** Diff mode: this element is a ghost of one removed since the base (it is not in the model). */
  ghost?: boolean;
}

/** Every way in for the element: a Service's, a pod's, an Ingress's, or a load balancer's own rows. */
function accessPointsOf(topo: Topology, id: string): AccessPoint[] | undefined {
  const parsed = parseId(id);
  if (parsed?.kind === 'svc') return accessPointsForService(topo, id);
  if (parsed?.kind === 'lb' && parsed.namespace) return accessPointsForService(topo, serviceId(parsed.namespace, parsed.name)).filter((a) => a.kind === 'LoadBalancer');
  if (parsed?.kind === 'pod') {
    const p = topo.pods.get(id);
    return p ? accessPointsForPod(topo, p) : undefined;
  }
  if (parsed?.kind === 'ing') {
    const ing = topo.snapshot.ingresses.find((i) => ingressId(i.namespace, i.name) === id);
    return ing ? ingressAccessPoints(topo, ing).map(({ backendService: _b, ...ap }) => ap) : undefined;
  }
  return undefined;
}

const buttonClass = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

export function DetailsPanel({ topo, model, id, findings, onFocus, onTrace, onToggle, onClose, ghost }: Props) {
  const el = useMemo(() => model.elements.find((e) => e.group === 'nodes' && e.data.id === id), [model, id]);
  const { t } = useTranslation();
  const parsed = parseId(id);
  const accessPoints = useMemo(() => accessPointsOf(topo, id), [topo, id]);
  const mine = findings.filter((f) => f.subject === id);
  const lines = el?.group === 'nodes' ? el.data.lines : [id];
  const svc = parsed?.kind === 'svc' ? topo.services.get(id) : undefined;
  const pod = parsed?.kind === 'pod' ? topo.pods.get(id) : undefined;
  const podServices = pod ? [...topo.services.values()].filter((v) => v.selectedPods.includes(id) || v.backends.endpoints.some((b) => b.podId === id)).map((v) => v.id) : [];
  const nodeView = parsed?.kind === 'node' ? topo.nodes.get(parsed.name) : undefined;

  return (
    <section aria-labelledby="details-h" data-testid="details" data-element={id} className="mb-4">
      <div className="mb-1 flex items-start gap-2">
        <h2 id="details-h" className="cluster-text min-w-0 flex-1 text-base font-semibold">
          {lines[0]}
        </h2>
        <button type="button" onClick={onClose} className={buttonClass} aria-label={t('ui.details.closeLabel')}>
          {t('ui.details.close')}
        </button>
      </div>
      {ghost && (
        <p className="mb-2 rounded border border-rose-300 px-1.5 py-0.5 text-xs text-rose-800 dark:border-rose-800 dark:text-rose-300" data-testid="details-ghost">
          {t('ui.diff.ghost')}
        </p>
      )}
      <div className="mb-2 font-mono text-xs text-slate-600 dark:text-slate-400">
        {lines.slice(1).map((l, i) => (
          <div key={i} className="cluster-text">
            {l}
          </div>
        ))}
      </div>
      {el?.group === 'nodes' && el.data.expandable && (
        <button type="button" className={`${buttonClass} mb-2`} onClick={() => onToggle(id)}>
          {el.data.expanded ? t('ui.list.collapse') : t('ui.list.expand')}
        </button>
      )}
      {svc && (
        <div className="mb-2 flex flex-wrap gap-1" aria-label={t('ui.details.traceTo')}>
          {svc.record.type === 'LoadBalancer' && (
            <button type="button" className={buttonClass} onClick={() => onTrace(1, id)}>
              {t('ui.details.trace1')}
            </button>
          )}
          {svc.record.type !== 'ExternalName' && (
            <button type="button" className={buttonClass} onClick={() => onTrace(2, id)}>
              {t('ui.details.trace2')}
            </button>
          )}
          <button type="button" className={buttonClass} onClick={() => onTrace(3, id)}>
            {t('ui.details.trace3')}
          </button>
          {svc.backends.endpoints.length > 1 && (
            <button type="button" className={buttonClass} onClick={() => onTrace(4, id)}>
              {t('ui.details.trace4')}
            </button>
          )}
        </div>
      )}
      {parsed?.kind === 'ing' && (
        <button type="button" className={`${buttonClass} mb-2`} onClick={() => onTrace(1, id)}>
          {t('ui.details.traceIngress')}
        </button>
      )}
      {parsed?.kind === 'lb' && parsed.namespace && (
        <button type="button" className={`${buttonClass} mb-2`} onClick={() => onFocus(serviceId(parsed.namespace as string, parsed.name))}>
          {t('ui.details.showService')}
        </button>
      )}
      {podServices.length > 0 && (
        <p className="mb-2 text-xs">
          {t('ui.details.behind')}{' '}
          {podServices.map((s) => (
            <button key={s} type="button" className="cluster-text mr-1 text-sky-700 underline dark:text-sky-400" onClick={() => onFocus(s)}>
              {safeText(s.slice(4), 120)}
            </button>
          ))}
        </p>
      )}
      {nodeView && (
        <p className="mb-2 text-xs">
          {t('ui.details.nodePods', { count: nodeView.pods.length })}; {t(nodeView.record.ready ? 'ui.details.ready' : 'ui.details.notReady')}
          {nodeView.record.unschedulable ? `; ${t('ui.details.cordoned')}` : ''}
        </p>
      )}
      {mine.length > 0 && (
        <ul className="mb-2 space-y-1 text-xs" aria-label={t('ui.details.findings')}>
          {mine.map((f, i) => (
            <li key={i} className="rounded border border-amber-300 bg-amber-50 p-1 dark:border-amber-800 dark:bg-amber-950">
              <span className="font-semibold">{t(`ui.findings.severity.${f.severity}`)}</span> <code>{f.code}</code>: <LongText text={f.message} lang="en" />
              {f.fix && (
                <span className="block text-slate-600 dark:text-slate-400">
                  {t('ui.details.fix')} <LongText text={f.fix} lang="en" />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {accessPoints && (
        <>
          <div className="mt-2 mb-1 flex items-center gap-2">
            <h3 className="flex-1 text-sm font-semibold">{t('ui.details.everyWayIn')}</h3>
            {accessPoints.length > 0 && <CopyButton text={accessTableMarkdown(id, accessPoints)} label={t('ui.markdown.copyAccess', { service: safeText(lines[0] ?? id, 120) })} caption={t('ui.markdown.copy')} testId="copy-access-markdown" />}
          </div>
          <AccessTable accessPoints={accessPoints} caption={t('ui.details.accessPointsOf', { name: lines[0] ?? id })} />
        </>
      )}
    </section>
  );
}
