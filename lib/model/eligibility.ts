/**
 * Endpoint eligibility (networking-semantics.md §4.3) and the declared-ports assumption (§2.2).
 */
import type { IPFamily, PodRecord, ServicePortRecord } from '../snapshot/records';
import { nodeZone, portKey, type Backend, type Topology } from './topology';
import type { Badge, Outcome } from './types';

export interface EligibilityQuery {
  port: ServicePortRecord;
  family?: IPFamily;
  /**
   * Local scope: only endpoints whose nodeName equals this node count (ITP Local for in-cluster clients,
   * ETP Local for external clients). `undefined` = Cluster scope.
   */
  localNode?: string;
  /** The deciding node, for topology hints (§4.3 step 8). */
  decidingNode?: string;
}

export interface Eligibility {
  /** Endpoints the proxy may pick. */
  eligible: Backend[];
  /** Endpoints usable anywhere for this port (ready, or serving and terminating). */
  usable: Backend[];
  /** The terminating fallback (step 6) was used. */
  fallback: boolean;
  /** Topology hints narrowed the set (step 8). */
  hinted: boolean;
  /** OK when eligible is non-empty; REFUSED when nothing usable exists; DROP when nothing is in Local scope. */
  outcome: 'OK' | 'REFUSED' | 'DROP';
  reason?: string;
}

function serves(b: Backend, key: string, family: IPFamily | undefined): boolean {
  return b.ports.has(key) && (family === undefined || b.family === family);
}

export function eligibleEndpoints(topo: Topology, serviceId: string, q: EligibilityQuery): Eligibility {
  const view = topo.services.get(serviceId);
  const key = portKey(q.port);
  const candidates = (view?.backends.endpoints ?? []).filter((b) => serves(b, key, q.family));
  const isUsable = (b: Backend): boolean => b.ready || (b.serving && b.terminating);
  const usable = candidates.filter(isUsable);
  const scoped = q.localNode === undefined ? candidates : candidates.filter((b) => b.nodeName !== undefined && b.nodeName === q.localNode);
  const ready = scoped.filter((b) => b.ready);
  let eligible: Backend[];
  let fallback = false;
  let hinted = false;
  if (ready.length > 0) {
    eligible = ready;
    // Step 8: topology hints, only when every ready endpoint carries them; Local policies take precedence.
    if (q.localNode === undefined && q.decidingNode !== undefined) {
      const node = q.decidingNode;
      if (ready.every((b) => b.hintsForNodes !== undefined) && ready.some((b) => b.hintsForNodes?.includes(node))) {
        eligible = ready.filter((b) => b.hintsForNodes?.includes(node));
        hinted = true;
      } else {
        const zone = nodeZone(topo.nodes.get(node));
        if (zone && ready.every((b) => b.hintsForZones !== undefined) && ready.some((b) => b.hintsForZones?.includes(zone))) {
          eligible = ready.filter((b) => b.hintsForZones?.includes(zone));
          hinted = true;
        }
      }
    }
  } else {
    eligible = scoped.filter((b) => b.serving && b.terminating);
    fallback = eligible.length > 0;
  }
  if (eligible.length > 0) return { eligible, usable, fallback, hinted, outcome: 'OK' };
  if (usable.length === 0) {
    const reason =
      candidates.length === 0
        ? 'the Service has no endpoints for this port: connections are refused'
        : 'no endpoint of this port is ready (or terminating but still serving): connections are refused';
    return { eligible, usable, fallback, hinted, outcome: 'REFUSED', reason };
  }
  const noNodeName = usable.every((b) => b.nodeName === undefined);
  const reason = noNodeName
    ? 'its endpoints have no nodeName, so no node ever counts them as local; the Local traffic policy drops the traffic'
    : `node ${q.localNode ?? '?'} has no ready local endpoint, and the Local traffic policy drops traffic instead of forwarding it to another node`;
  return { eligible, usable, fallback, hinted, outcome: 'DROP', reason };
}

/** The result of the declared-ports assumption for one endpoint. */
export type DeclaredPortCheck = 'declared' | 'undeclared' | 'no-ports-declared' | 'unknown';

/**
 * Declared-ports assumption (§2.2): a pod that declares ports but not a numeric targetPort is assumed
 * not to listen there (REFUSED, badge "assumed"); a pod that declares none is "unverified".
 */
export function checkDeclaredPort(pod: PodRecord | undefined, port: number, protocol: string): DeclaredPortCheck {
  if (!pod) return 'unknown';
  if (pod.ports.length === 0) return 'no-ports-declared';
  return pod.ports.some((p) => p.containerPort === port && p.protocol === protocol) ? 'declared' : 'undeclared';
}

export interface ConnectResult {
  outcome: Outcome;
  reachable: boolean;
  reason?: string;
  badges: Badge[];
  /** `address:port` of every endpoint the connection may reach. */
  reaches: string[];
  eligibility: Eligibility;
}

/** Eligibility plus the declared-port check on the eligible endpoints: the verdict of a Service connection. */
export function connectToService(topo: Topology, serviceId: string, q: EligibilityQuery): ConnectResult {
  const el = eligibleEndpoints(topo, serviceId, q);
  const view = topo.services.get(serviceId);
  const badges: Badge[] = [];
  if (view?.backends.source === 'inferred') badges.push('inferred-endpoints');
  const key = portKey(q.port);
  const reaches = el.eligible.map((b) => endpointRef(b.address, b.ports.get(key) as number));
  if (el.outcome !== 'OK') return { outcome: el.outcome, reachable: false, ...(el.reason ? { reason: el.reason } : {}), badges, reaches, eligibility: el };
  const checks = el.eligible.map((b) => ({ b, check: checkDeclaredPort(b.podId ? topo.pods.get(b.podId) : undefined, b.ports.get(key) as number, q.port.protocol) }));
  const listening = checks.filter((c) => c.check !== 'undeclared');
  if (listening.length === 0) {
    const c = checks[0] as { b: Backend };
    const pod = c.b.podId ? topo.pods.get(c.b.podId) : undefined;
    const declared = pod ? pod.ports.map((p) => p.containerPort).join(', ') : '';
    badges.push('assumed');
    return {
      outcome: 'REFUSED',
      reachable: false,
      reason: `the Service forwards to port ${c.b.ports.get(key)}, but ${checks.length > 1 ? 'no selected pod declares it' : `pod ${pod?.name ?? c.b.address} declares only ${declared}`}: assumed nothing listens there, so connections are refused`,
      badges,
      reaches,
      eligibility: el,
    };
  }
  if (checks.some((c) => c.check === 'no-ports-declared')) badges.push('unverified-port');
  if (listening.length < checks.length) badges.push('assumed');
  return { outcome: 'OK', reachable: true, badges, reaches, eligibility: el };
}

/** `address:port` with IPv6 in brackets. */
export function endpointRef(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
