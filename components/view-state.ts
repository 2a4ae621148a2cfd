/**
 * Everything visible is in the URL (issue 5): `/?cluster=demo:seed&ns=default&focus=svc:default/webapp&path=1`
 * restores the same view. This module parses and writes that state; values that do not look like what
 * they should be are dropped rather than trusted (the URL is user input).
 */
import { parseId } from '../lib/model/ids';
import type { Redactor } from '../lib/model/redact';

export type PathNumber = 1 | 2 | 3 | 4;
export type Access = 'NodePort' | 'ExternalIP' | 'HostPort' | 'ClusterIP';
export const ACCESS_CHOICES: readonly Access[] = ['NodePort', 'ExternalIP', 'HostPort', 'ClusterIP'];

export interface ViewState {
  /** Cluster ID: `demo:<name>`, `ctx:<context>`, `snapshot:<name>`; unset = the server's default. */
  cluster?: string;
  /** Namespaces shown; empty = all. */
  ns: string[];
  /** The element whose details are open and whose neighbourhood is bright. */
  focus?: string;
  /** Search text (name or IP). */
  q?: string;
  /** Path mode ①–④. */
  path?: PathNumber;
  /** Path client (pod or node ID) and target (Service, Ingress or pod ID). */
  from?: string;
  to?: string;
  /** ①②: the node the traffic enters. */
  via?: string;
  /** ②: the way in. */
  access?: Access;
  /** The hop shown (1-based). */
  hop?: number;
  /** Aggregates and nodes expanded, in order. */
  expand: string[];
  /** Learn mode: the open tour (`default`, `ips`, `methods`, `path-1`…`path-4`, `misconceptions`). */
  learn?: string;
  /** Learn mode: the step ID within the tour (`path-2/hop-3`); unset = the first step. */
  step?: string;
  /** Diff mode: the cluster (usually a snapshot) the current one is compared against, as "before". */
  base?: string;
  /** Redaction mode: the view, every export and saved snapshot show placeholders instead of names and addresses. */
  redact?: boolean;
}

const MAX = 300;
const TOUR = /^(default|ips|methods|path-[1-4]|misconceptions)$/;
const STEP = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}$/;
const CLUSTER = /^(demo|ctx|snapshot):[^\s\u0000-\u001f]{1,253}$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const AGGREGATE = /^agg:(ns:[a-z0-9-]{1,63}|nodes:[^\s,]{1,200}|unscheduled)$/;

function elementId(v: string | null): string | undefined {
  if (!v || v.length > MAX) return undefined;
  return v === 'ext:client' || parseId(v) ? v : undefined;
}

function list(v: string | null): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function parseViewState(params: URLSearchParams): ViewState {
  const cluster = params.get('cluster');
  const path = Number(params.get('path'));
  const hop = Number(params.get('hop'));
  const access = params.get('access');
  const q = params.get('q');
  const focus = elementId(params.get('focus')) ?? (AGGREGATE.test(params.get('focus') ?? '') ? (params.get('focus') as string) : undefined);
  const from = elementId(params.get('from'));
  const to = elementId(params.get('to'));
  const via = elementId(params.get('via'));
  const learn = params.get('learn');
  const step = params.get('step');
  const base = params.get('base');
  return {
    ...(cluster && CLUSTER.test(cluster) ? { cluster } : {}),
    ...(base && CLUSTER.test(base) && base !== cluster ? { base } : {}),
    ...(params.get('redact') === '1' ? { redact: true } : {}),
    ns: [...new Set(list(params.get('ns')).filter((n) => NAMESPACE.test(n)))],
    ...(focus ? { focus } : {}),
    ...(q && q.trim() && q.length <= 200 ? { q } : {}),
    ...(path >= 1 && path <= 4 && Number.isInteger(path) ? { path: path as PathNumber } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(via ? { via } : {}),
    ...(access && (ACCESS_CHOICES as readonly string[]).includes(access) ? { access: access as Access } : {}),
    ...(Number.isInteger(hop) && hop >= 1 && hop <= 100 ? { hop } : {}),
    expand: [...new Set(list(params.get('expand')).filter((e) => AGGREGATE.test(e) || (e.startsWith('node:') && parseId(e) !== undefined)))],
    ...(learn && TOUR.test(learn) ? { learn } : {}),
    ...(learn && TOUR.test(learn) && step && STEP.test(step) ? { step } : {}),
  };
}

/** The query string for a view (stable key order; without the leading `?`). */
export function serializeViewState(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.cluster) p.set('cluster', v.cluster);
  if (v.base) p.set('base', v.base);
  if (v.redact) p.set('redact', '1');
  if (v.ns.length > 0) p.set('ns', v.ns.join(','));
  if (v.focus) p.set('focus', v.focus);
  if (v.q) p.set('q', v.q);
  if (v.path) {
    p.set('path', String(v.path));
    if (v.from) p.set('from', v.from);
    if (v.to) p.set('to', v.to);
    if (v.via) p.set('via', v.via);
    if (v.access) p.set('access', v.access);
    if (v.hop) p.set('hop', String(v.hop));
  }
  if (v.expand.length > 0) p.set('expand', v.expand.join(','));
  if (v.learn) {
    p.set('learn', v.learn);
    if (v.step) p.set('step', v.step);
  }
  // `:` and `/` are legal in a query; leaving them readable keeps links like ?focus=svc:shop/web.
  return p.toString().replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%2C/g, ',');
}

const AGG_NS = 'agg:ns:';

/** The view's element IDs and namespaces as the redacted snapshot names them (redaction switched on). */
export function redactView(r: Redactor, v: ViewState): Partial<ViewState> {
  const id = (x: string | undefined): string | undefined => (x === undefined ? undefined : r.id(x));
  return {
    redact: true,
    focus: v.focus?.startsWith(AGG_NS) ? `${AGG_NS}${r.name('namespace', v.focus.slice(AGG_NS.length))}` : id(v.focus),
    from: id(v.from),
    to: id(v.to),
    via: id(v.via),
    ns: v.ns.map((n) => r.name('namespace', n)),
    expand: v.expand.flatMap((e) => (e.startsWith(AGG_NS) ? [`${AGG_NS}${r.name('namespace', e.slice(AGG_NS.length))}`] : e.startsWith('node:') ? [r.id(e)] : e.startsWith('agg:nodes:') ? [] : [e])),
    // A search names original values; it would find nothing (or the wrong thing) among placeholders.
    q: undefined,
  };
}
