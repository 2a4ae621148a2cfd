/**
 * From the URL's path fields to a `tracePath` request, filling what the user has not picked yet with
 * sensible endpoints: the focused element when it fits the path, else the first candidate.
 */
import { EXTERNAL_CLIENT_ID, ingressId, parseId } from '../lib/model/ids';
import type { ServiceView, Topology } from '../lib/model/topology';
import type { TraceRequest } from '../lib/model/trace';
import type { PathNumber, ViewState } from './view-state';

export interface PathChoice {
  id: string;
  label: string;
}

const LIMIT = 1000;

/** The few words of the choice labels (the rest is cluster data); the path panel passes translations. */
export interface ChoiceWords {
  pending: string;
  defaultBackend: string;
  noAddress: string;
  peerIn: (label: string) => string;
}

export const ENGLISH_WORDS: ChoiceWords = {
  pending: 'pending',
  defaultBackend: 'default',
  noAddress: 'no address',
  peerIn: (label) => `a peer in ${label}`,
};

function inScope(ns: string, namespaces: readonly string[]): boolean {
  return namespaces.length === 0 || namespaces.includes(ns);
}

function sortedServices(topo: Topology, namespaces: readonly string[]): ServiceView[] {
  return [...topo.services.values()].filter((v) => inScope(v.record.namespace, namespaces)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Targets the path can trace to (Services, Ingresses or pods), at most 1000. */
export function targetChoices(topo: Topology, path: PathNumber, namespaces: readonly string[], words: ChoiceWords = ENGLISH_WORDS): PathChoice[] {
  const svcs = sortedServices(topo, namespaces);
  const label = (v: ServiceView): string => `${v.record.namespace}/${v.record.name} (${v.record.type}${v.record.clusterIPs[0] ? ` ${v.record.clusterIPs[0]}` : ''})`;
  if (path === 1) {
    const lbs = svcs.filter((v) => v.record.type === 'LoadBalancer').map((v) => ({ id: v.id, label: `LB ${v.record.namespace}/${v.record.name} (${v.record.lbIngress.map((e) => e.ip ?? e.hostname).join(', ') || words.pending})` }));
    const ings = topo.snapshot.ingresses
      .filter((i) => inScope(i.namespace, namespaces))
      .map((i) => ({ id: ingressId(i.namespace, i.name), label: `Ingress ${i.namespace}/${i.name} (${i.rules.map((r) => r.host ?? '*').join(', ') || words.defaultBackend})` }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return [...lbs, ...ings].slice(0, LIMIT);
  }
  if (path === 2) return svcs.filter((v) => v.record.type !== 'ExternalName').map((v) => ({ id: v.id, label: label(v) })).slice(0, LIMIT);
  if (path === 3) return svcs.map((v) => ({ id: v.id, label: label(v) })).slice(0, LIMIT);
  return [...svcs.filter((v) => v.backends.endpoints.length > 1).map((v) => ({ id: v.id, label: words.peerIn(label(v)) })), ...podChoices(topo, namespaces)].slice(0, LIMIT);
}

/** Pods with an address (clients for ③④), at most 1000. */
export function podChoices(topo: Topology, namespaces: readonly string[]): PathChoice[] {
  const out: PathChoice[] = [];
  for (const [id, p] of topo.pods) {
    if (!inScope(p.namespace, namespaces) || p.podIPs.length === 0) continue;
    out.push({ id, label: `${p.namespace}/${p.name} (${p.podIPs[0] ?? ''})` });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, LIMIT);
}

export function nodeChoices(topo: Topology, words: ChoiceWords = ENGLISH_WORDS): PathChoice[] {
  return [...topo.nodes.values()]
    .map((n) => ({ id: n.id, label: `${n.record.name} (${[...n.internalIPs, ...n.externalIPs][0] ?? words.noAddress})` }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .slice(0, LIMIT);
}

/** The request the view asks for, with defaults; undefined `to` means there is nothing to trace. */
export function pathRequest(topo: Topology, view: ViewState): { req?: TraceRequest; from?: string; to?: string } {
  const path = view.path;
  if (!path) return {};
  const targets = targetChoices(topo, path, view.ns);
  const focus = view.focus;
  const focusFits = focus !== undefined && targets.some((t) => t.id === focus);
  let to = view.to ?? (focusFits ? focus : undefined);
  let from = view.from;
  if (!to && path === 4 && focus?.startsWith('pod:')) {
    // A focused pod: trace to a peer of the first Service that has it as an endpoint.
    const svc = [...topo.services.values()].find((v) => v.backends.endpoints.some((b) => b.podId === focus) && v.backends.endpoints.length > 1);
    if (svc) {
      to = svc.id;
      from ??= focus;
    }
  }
  if (!to) {
    to =
      path === 1
        ? targets[0]?.id
        : path === 2
          ? (targets.find((t) => (topo.services.get(t.id)?.record.ports ?? []).some((p) => p.nodePort)) ?? targets[0])?.id
          : path === 3
            ? (targets.find((t) => (topo.services.get(t.id)?.record.clusterIPs.length ?? 0) > 0 && t.id !== 'svc:kube-system/kube-dns') ?? targets[0])?.id
            : targets[0]?.id;
  }
  if (!to) return {};
  if (path === 3 && !from) {
    // A client that is not itself behind the target: someone calling the Service.
    const target = topo.services.get(to);
    const behind = new Set([...(target?.selectedPods ?? []), ...(target?.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : [])) ?? [])]);
    const pods = podChoices(topo, view.ns);
    const sameNs = pods.find((p) => !behind.has(p.id) && parseId(p.id)?.namespace === target?.record.namespace);
    from = (sameNs ?? pods.find((p) => !behind.has(p.id)) ?? pods[0])?.id;
  }
  if (path === 4 && !from) {
    const target = topo.services.get(to);
    from = target ? [...target.backends.endpoints].flatMap((b) => (b.podId ? [b.podId] : [])).sort()[0] : podChoices(topo, view.ns).find((p) => p.id !== to)?.id;
  }
  if ((path === 3 || path === 4) && !from) return { to };
  const req: TraceRequest = {
    path,
    to,
    ...(path === 1 || path === 2 ? { from: EXTERNAL_CLIENT_ID } : from ? { from } : {}),
    ...(view.via && (path === 1 || path === 2) ? { via: view.via } : {}),
    ...(path === 2 && view.access ? { access: view.access } : {}),
  };
  return { req, to, ...(req.from ? { from: req.from } : {}) };
}

