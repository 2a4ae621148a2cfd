/**
 * Ingress (networking.k8s.io/v1): class resolution, the URL algorithm and request matching
 * (networking-semantics.md §3.10).
 */
import type { IngressBackendRecord, IngressPathRecord, IngressRecord, ServicePortRecord } from '../snapshot/records';
import { connectToService } from './eligibility';
import { ingressId, serviceId } from './ids';
import type { Topology } from './topology';
import type { AccessPoint, Badge, Outcome } from './types';
import { copyCommand, formatUrl, ingressExampleHost } from './urls';

export interface ClassResolution {
  /** The class name in effect, if any. */
  className?: string;
  source: 'spec' | 'annotation' | 'none';
  /** The class exists as an IngressClass object. */
  exists: boolean;
  controller?: string;
  /** The current default class, named as a hint only for class-less Ingresses. */
  defaultClass?: string;
  badges: Badge[];
  warning?: string;
}

export function resolveIngressClass(topo: Topology, ing: IngressRecord): ClassResolution {
  const classes = topo.snapshot.ingressClasses;
  const defaults = classes.filter((c) => c.isDefault);
  const defaultClass = defaults.length === 1 ? defaults[0]?.name : undefined;
  if (ing.className) {
    const cls = classes.find((c) => c.name === ing.className);
    const badges: Badge[] = ing.classSource === 'annotation' ? ['deprecated'] : [];
    if (!cls) {
      return {
        className: ing.className,
        source: ing.classSource,
        exists: false,
        badges: [...badges, 'to-confirm'],
        warning: `IngressClass "${ing.className}" does not exist: this Ingress may be ignored by every controller`,
        ...(defaultClass ? { defaultClass } : {}),
      };
    }
    return { className: cls.name, source: ing.classSource, exists: true, controller: cls.controller, badges, ...(defaultClass ? { defaultClass } : {}) };
  }
  return {
    source: 'none',
    exists: false,
    badges: ['to-confirm'],
    warning: `no class: served only by controllers that accept class-less Ingresses${defaultClass ? ` (the current default class is "${defaultClass}", but admission only applies it at creation)` : ''}; it may be ignored by every controller`,
    ...(defaultClass ? { defaultClass } : {}),
  };
}

/** Does a TLS host entry cover a rule host: equal, or a wildcard one label above it. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (tlsHost.startsWith('*.')) return hostMatchesIngressRule(tlsHost, host);
  return false;
}

/** Ingress host matching: exact (case-insensitive), or `*.d` covering exactly one extra label. */
export function hostMatchesIngressRule(ruleHost: string, requestHost: string): boolean {
  const h = requestHost.toLowerCase().replace(/\.$/, '');
  const r = ruleHost.toLowerCase();
  if (!r.startsWith('*.')) return r === h;
  const suffix = r.slice(1); // ".d"
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

function segments(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

/** Path matching: Exact compares the whole path; Prefix compares whole elements, ignoring a trailing slash. */
export function pathMatches(rule: IngressPathRecord, requestPath: string): boolean {
  if (rule.pathType === 'Exact') return rule.path === requestPath;
  const want = segments(rule.path);
  const got = segments(requestPath);
  if (want.length > got.length) return false;
  return want.every((s, i) => s === got[i]);
}

export interface IngressMatch {
  backend?: IngressBackendRecord;
  /** The path rule that matched, if any. */
  path?: IngressPathRecord;
  /** The rule host that matched (undefined for host-less rules). */
  host?: string;
  viaDefaultBackend: boolean;
  badges: Badge[];
}

/** Simulates the controller's routing of one request: host first, then the longest path (Exact wins ties). */
export function matchIngress(ing: IngressRecord, host: string, path: string): IngressMatch {
  const rules = ing.rules.filter((r) => (r.host === undefined ? true : hostMatchesIngressRule(r.host, host)));
  // Rules with a host take precedence over host-less ones.
  const ordered = [...rules.filter((r) => r.host !== undefined), ...rules.filter((r) => r.host === undefined)];
  for (const r of ordered) {
    let best: IngressPathRecord | undefined;
    for (const q of r.paths) {
      if (!pathMatches(q, path)) continue;
      if (!best) best = q;
      else {
        const lq = q.path.replace(/\/$/, '').length;
        const lb = best.path.replace(/\/$/, '').length;
        if (lq > lb || (lq === lb && q.pathType === 'Exact' && best.pathType !== 'Exact')) best = q;
      }
    }
    if (best) {
      const badges: Badge[] = best.pathType === 'ImplementationSpecific' ? ['varies'] : [];
      return { backend: best.backend, path: best, ...(r.host ? { host: r.host } : {}), viaDefaultBackend: false, badges };
    }
  }
  if (ing.defaultBackend) return { backend: ing.defaultBackend, viaDefaultBackend: true, badges: [] };
  return { viaDefaultBackend: false, badges: [] };
}

export interface BackendResolution {
  outcome: Outcome;
  httpStatus?: number;
  reason?: string;
  serviceId?: string;
  servicePort?: ServicePortRecord;
  reaches: string[];
  badges: Badge[];
}

/** Resolves an Ingress backend to a Service port and its eligible endpoints (§3.10 step 5, diagnostics). */
export function resolveIngressBackend(topo: Topology, ing: IngressRecord, backend: IngressBackendRecord): BackendResolution {
  if (backend.resource) {
    return { outcome: 'OK', reaches: [], badges: ['varies'], reason: `resource backend ${backend.resource.kind}/${backend.resource.name}: handled by the controller` };
  }
  const ref = backend.service;
  if (!ref) return { outcome: 'HTTP_5XX', httpStatus: 503, reason: 'the backend names no Service', reaches: [], badges: ['varies'] };
  const sid = serviceId(ing.namespace, ref.name);
  const view = topo.services.get(sid);
  if (!view) {
    return { outcome: 'HTTP_5XX', httpStatus: 503, reason: `backend Service ${ing.namespace}/${ref.name} does not exist`, serviceId: sid, reaches: [], badges: ['varies'] };
  }
  const sp = view.record.ports.find((p) => (ref.port.number !== undefined ? p.port === ref.port.number : p.name === ref.port.name));
  if (!sp) {
    const want = ref.port.number !== undefined ? `port ${ref.port.number}` : `port named "${ref.port.name ?? ''}"`;
    return { outcome: 'HTTP_5XX', httpStatus: 503, reason: `backend Service ${ref.name} has no ${want}`, serviceId: sid, reaches: [], badges: ['varies'] };
  }
  if (view.record.type === 'ExternalName') {
    return { outcome: 'OK', serviceId: sid, servicePort: sp, reaches: [view.record.externalName ?? ''], badges: ['varies'], reason: 'ExternalName backend: the controller resolves the external name itself (varies by implementation)' };
  }
  // Leg 2 usually targets endpoint IPs directly, Cluster scope (varies by implementation).
  const c = connectToService(topo, sid, { port: sp });
  if (c.outcome === 'OK') return { outcome: 'OK', serviceId: sid, servicePort: sp, reaches: c.reaches, badges: c.badges };
  if (c.outcome === 'REFUSED' && c.eligibility.outcome === 'OK') {
    // Endpoints exist but (assumed) nothing listens on the target port: the proxy gets refused → 502.
    return { outcome: 'HTTP_5XX', httpStatus: 502, reason: c.reason ?? '', serviceId: sid, servicePort: sp, reaches: c.reaches, badges: [...c.badges, 'varies'] };
  }
  return { outcome: 'HTTP_5XX', httpStatus: 503, reason: `backend Service ${ref.name} has no usable endpoints`, serviceId: sid, servicePort: sp, reaches: [], badges: [...c.badges, 'varies'] };
}

/** The addresses of an Ingress (status), as dialable strings. */
export function ingressAddresses(ing: IngressRecord): string[] {
  return ing.lbIngress.map((e) => e.ip ?? e.hostname ?? '').filter((a) => a !== '');
}

/** Every URL of an Ingress (§3.10 URL algorithm), each with the Service it leads to. */
export function ingressAccessPoints(topo: Topology, ing: IngressRecord): (AccessPoint & { backendService?: string })[] {
  const out: (AccessPoint & { backendService?: string })[] = [];
  const addrs = ingressAddresses(ing);
  const tlsHosts = ing.tls.flatMap((t) => t.hosts);
  const cls = resolveIngressClass(topo, ing);
  const id = ingressId(ing.namespace, ing.name);

  const push = (opts: { scheme: 'http' | 'https'; host?: string; q?: IngressPathRecord; backend: IngressBackendRecord; catchAll?: boolean }): void => {
    const { scheme, host, q, backend } = opts;
    const port = scheme === 'https' ? 443 : 80;
    const pathText = q ? q.path : '/';
    const authorities = host ? [ingressExampleHost(host)] : addrs.length > 0 ? addrs : ['<pending>'];
    for (const authority of authorities) {
      const url = formatUrl(scheme, authority, port, pathText.startsWith('/') ? pathText : `/${pathText}`);
      const res = resolveIngressBackend(topo, ing, backend);
      const notes: string[] = [];
      const badges: Badge[] = [...cls.badges, ...res.badges];
      if (q?.pathType === 'Prefix') notes.push('and below');
      if (q?.pathType === 'ImplementationSpecific') {
        notes.push('path type ImplementationSpecific: shown verbatim, simulated as Prefix');
        badges.push('varies');
      }
      if (opts.catchAll) notes.push('catch-all: any unmatched host or path');
      if (host?.startsWith('*.')) notes.push(`wildcard host: matches exactly one label in place of * (not ${host.slice(2)} itself, not deeper names)`);
      if (scheme === 'http' && host && tlsHosts.some((t) => tlsCovers(t, host))) notes.push('plain HTTP may redirect to HTTPS (varies by implementation)');
      if (cls.warning) notes.push(cls.warning);
      let outcome: Outcome = res.outcome;
      let reachable = res.outcome === 'OK';
      let reason = res.reason && !reachable ? `${res.reason}${res.httpStatus ? ` (HTTP ${res.httpStatus})` : ''}` : undefined;
      if (addrs.length === 0) {
        outcome = 'NO_ADDRESS';
        reachable = false;
        reason = 'the Ingress has no address yet (empty status): no controller has admitted it';
      }
      const dial = addrs[0];
      let command: string | undefined;
      if (dial && host) {
        notes.push(`dial ${dial} and send Host: ${authority}`);
        command = copyCommand({ scheme, url, protocol: 'TCP', dialAddress: dial, dialPort: port, host: authority });
      } else if (dial) {
        command = copyCommand({ scheme, url, protocol: 'TCP', dialAddress: dial, dialPort: port });
      }
      out.push({
        kind: 'Ingress',
        url,
        scope: 'edge',
        reachable,
        ...(reason ? { reason } : {}),
        outcome,
        protocol: 'TCP',
        ingress: id,
        reaches: res.reaches,
        badges: [...new Set(badges)],
        notes,
        // Neither a wildcard host (U-6) nor an ImplementationSpecific (possibly regex) path is a dialable URL.
        ...(command && !host?.startsWith('*.') && q?.pathType !== 'ImplementationSpecific' ? { command } : {}),
        ...(res.serviceId ? { backendService: res.serviceId } : {}),
        ...(res.servicePort ? { servicePort: res.servicePort.name || String(res.servicePort.port) } : {}),
      });
    }
  };

  for (const r of ing.rules) {
    for (const q of r.paths) {
      if (r.host) {
        if (tlsHosts.some((t) => tlsCovers(t, r.host as string))) push({ scheme: 'https', host: r.host, q, backend: q.backend });
        push({ scheme: 'http', host: r.host, q, backend: q.backend });
      } else {
        push({ scheme: 'http', q, backend: q.backend });
      }
    }
  }
  if (ing.defaultBackend) push({ scheme: 'http', backend: ing.defaultBackend, catchAll: true });
  return out;
}
