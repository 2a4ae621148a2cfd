/**
 * diffSnapshots: what changed between two snapshots, in networking terms (incident review): Services
 * added, removed and changed; endpoints gained, lost, or turned (not) ready; access URLs that
 * appeared, disappeared or changed verdict; findings that appeared or cleared; the graph elements
 * added, removed and changed; and the other objects (Namespaces, EndpointSlices, IngressClasses,
 * NetworkPolicies) that changed.
 *
 * Objects are matched by natural key (kind + namespace + name), never by uid: an object deleted and
 * recreated under the same name is **changed** (a Service reports field `uid`; a pod or node is a
 * changed element), not removed and added. Snapshot metadata (taken-at time, context) is not compared.
 *
 * Every list is in a deterministic order (code-unit order of IDs, then of the other keys), independent
 * of the order of records in either snapshot. The shape is a public interface (`kubepath diff --json`,
 * docs/cli.md): fields are added, never renamed or removed.
 */
import type { ClusterSnapshot, ServiceRecord, ServiceType } from '../snapshot/records';
import { accessPointsForService } from './access-points';
import { findingsFor } from './findings';
import { ingressId, loadBalancerId, nodeId, podId, serviceId } from './ids';
import { recordsEqual } from './equal';
import { canonicalIP } from './ip';
import { formatSelector } from './labels';
import { safeText } from './text';
import { buildTopology, type Backend, type ServiceView, type Topology } from './topology';
import type { AccessKind, AccessPoint, Finding, ModelSettings, Outcome, Scope } from './types';

export interface ServiceRef {
  id: string;
  namespace: string;
  name: string;
  type: ServiceType;
}

/** One changed Service field; `before`/`after` are display text (`(none)` when unset). */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ServiceChange extends ServiceRef {
  changes: FieldChange[];
}

export type EndpointChangeKind = 'gained' | 'lost' | 'became-not-ready' | 'became-ready';

/** An endpoint (address + pod) of a Service that appeared, went, or changed readiness. */
export interface EndpointChange {
  service: string;
  change: EndpointChangeKind;
  address: string;
  pod?: string;
  node?: string;
}

export interface AccessVerdict {
  reachable: boolean;
  outcome: Outcome;
  reason?: string;
}

export interface AccessPointRef extends AccessVerdict {
  service: string;
  kind: AccessKind;
  url: string;
  scope: Scope;
}

export interface AccessPointChange {
  service: string;
  kind: AccessKind;
  url: string;
  before: AccessVerdict;
  after: AccessVerdict;
}

export type ObjectKind = 'Namespace' | 'EndpointSlice' | 'IngressClass' | 'NetworkPolicy';

export interface ObjectChange {
  kind: ObjectKind;
  namespace?: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
}

export interface SnapshotDiff {
  /** No difference in any list below. */
  identical: boolean;
  services: { added: ServiceRef[]; removed: ServiceRef[]; changed: ServiceChange[] };
  endpoints: EndpointChange[];
  accessPoints: { appeared: AccessPointRef[]; disappeared: AccessPointRef[]; changed: AccessPointChange[] };
  findings: { appeared: Finding[]; cleared: Finding[] };
  /**
   * Graph elements by model ID (`node:`, `pod:`, `svc:`, `ing:`, `lb:`): for colouring the graph. A
   * Service is changed when a field or its endpoints changed; an `lb:` element exists for each
   * LoadBalancer Service and is changed when its status addresses changed; nodes, pods and Ingresses
   * are changed when anything in their record changed.
   */
  elements: { added: string[]; removed: string[]; changed: string[] };
  /** Namespaces, EndpointSlices, IngressClasses and NetworkPolicies added, removed or changed. */
  objects: ObjectChange[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JSON with sorted object keys: equal for equal records whatever their key order. Maps and Sets (the
 * model's port tables) are written as their entries in key order.
 */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Map) return { '<map>': [...(x as Map<unknown, unknown>).entries()].sort((a, b) => cmp(String(a[0]), String(b[0]))) };
    if (x instanceof Set) return { '<set>': [...(x as Set<unknown>)].map(String).sort(cmp) };
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort(cmp).map((k) => [k, o[k]]));
    }
    return x;
  });
}

const byName = <T extends { namespace?: string; name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => cmp(`${a.namespace ?? ''}/${a.name}`, `${b.namespace ?? ''}/${b.name}`));

/**
 * Everything a Service's access points read besides its own view and its pods (access-points.ts,
 * eligibility.ts, ingress.ts): the Nodes (NodePort rows, Local policy, host addresses), the Ingresses
 * and IngressClasses (Ingress rows), and the model settings.
 */
function sharedAccessInputs(t: Topology): string {
  return canonical({ nodes: byName(t.snapshot.nodes), ingresses: byName(t.snapshot.ingresses), classes: byName(t.snapshot.ingressClasses), settings: t.settings });
}

/** A Service's own access-point inputs: its view (record, resolved backends, selected pods) and the records of those pods. */
function serviceAccessInputs(t: Topology, v: ServiceView): string {
  const pods = [...new Set([...v.selectedPods, ...v.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : []))])].sort(cmp);
  return canonical({ view: v, pods: pods.map((id) => t.pods.get(id) ?? null) });
}

/**
 * Services whose access points cannot differ between the two models: every input is the same on
 * both sides (access points are a pure function of them), so neither side computes them. At 150k pods
 * the access points are a million NodePort rows per side; a rollout touches a few Services.
 */
function unchangedAccessServices(ta: Topology, tb: Topology): Set<string> {
  const out = new Set<string>();
  if (sharedAccessInputs(ta) !== sharedAccessInputs(tb)) return out;
  for (const [id, va] of ta.services) {
    const vb = tb.services.get(id);
    if (vb && serviceAccessInputs(ta, va) === serviceAccessInputs(tb, vb)) out.add(id);
  }
  return out;
}

const list = (xs: readonly (string | number)[]): string => (xs.length === 0 ? '(none)' : xs.join(', '));
const opt = (x: string | number | boolean | undefined): string => (x === undefined ? '(none)' : String(x));

/** How each Service field is shown; TypeScript makes sure every field of the record has a line here. */
const SERVICE_FIELDS: { readonly [K in Exclude<keyof ServiceRecord, 'namespace' | 'name'>]: (s: ServiceRecord) => string } = {
  type: (s) => s.type,
  ports: (s) =>
    list(
      s.ports.map(
        (p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}→${p.targetPort}${p.nodePort ? ` nodePort ${p.nodePort}` : ''}${p.appProtocol ? ` appProtocol ${p.appProtocol}` : ''}`,
      ),
    ),
  selector: (s) => formatSelector(s.selector),
  externalTrafficPolicy: (s) => s.externalTrafficPolicy,
  internalTrafficPolicy: (s) => s.internalTrafficPolicy,
  clusterIPs: (s) => list(s.clusterIPs),
  headless: (s) => String(s.headless),
  ipFamilies: (s) => list(s.ipFamilies),
  ipFamilyPolicy: (s) => opt(s.ipFamilyPolicy),
  externalName: (s) => opt(s.externalName),
  externalIPs: (s) => list(s.externalIPs),
  lbIngress: (s) =>
    s.lbIngress.length === 0
      ? s.type === 'LoadBalancer'
        ? '<pending>'
        : '(none)'
      : s.lbIngress
          .map((e) => `${e.ip ?? e.hostname ?? '?'}${e.ipMode ? ` (${e.ipMode})` : ''}${e.ports.filter((p) => p.error).map((p) => ` ${p.port}/${p.protocol} error: ${p.error}`).join('')}`)
          .join(', '),
  loadBalancerSourceRanges: (s) => list(s.loadBalancerSourceRanges),
  loadBalancerClass: (s) => opt(s.loadBalancerClass),
  loadBalancerIP: (s) => opt(s.loadBalancerIP),
  allocateLoadBalancerNodePorts: (s) => opt(s.allocateLoadBalancerNodePorts),
  healthCheckNodePort: (s) => opt(s.healthCheckNodePort),
  sessionAffinity: (s) => s.sessionAffinity,
  sessionAffinityTimeoutSeconds: (s) => opt(s.sessionAffinityTimeoutSeconds),
  publishNotReadyAddresses: (s) => String(s.publishNotReadyAddresses),
  labels: (s) => formatSelector(Object.keys(s.labels).length > 0 ? Object.fromEntries(Object.keys(s.labels).sort(cmp).map((k) => [k, s.labels[k] as string])) : null),
  uid: (s) => s.uid,
  createdAt: (s) => opt(s.createdAt),
};

function serviceRef(s: ServiceRecord): ServiceRef {
  return { id: serviceId(s.namespace, s.name), namespace: s.namespace, name: s.name, type: s.type };
}

function serviceFieldChanges(a: ServiceRecord, b: ServiceRecord, ta: Topology, tb: Topology): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(SERVICE_FIELDS) as (keyof typeof SERVICE_FIELDS)[]) {
    const before = SERVICE_FIELDS[field](a);
    const after = SERVICE_FIELDS[field](b);
    if (before !== after) out.push({ field, before, after });
  }
  const id = serviceId(a.namespace, a.name);
  const sa = ta.services.get(id)?.backends.source ?? 'none';
  const sb = tb.services.get(id)?.backends.source ?? 'none';
  if (sa !== sb) out.push({ field: 'endpointSource', before: sa, after: sb });
  return out;
}

const endpointKey = (b: Backend): string => `${canonicalIP(b.address)}|${b.podId ?? ''}`;

function endpointChanges(id: string, ta: Topology, tb: Topology): EndpointChange[] {
  const before = new Map((ta.services.get(id)?.backends.endpoints ?? []).map((b) => [endpointKey(b), b]));
  const after = new Map((tb.services.get(id)?.backends.endpoints ?? []).map((b) => [endpointKey(b), b]));
  const out: EndpointChange[] = [];
  const entry = (change: EndpointChangeKind, b: Backend): EndpointChange => ({
    service: id,
    change,
    address: b.address,
    ...(b.podId ? { pod: b.podId } : {}),
    ...(b.nodeName ? { node: b.nodeName } : {}),
  });
  for (const [k, b] of after) {
    const old = before.get(k);
    if (!old) out.push(entry('gained', b));
    else if (old.ready && !b.ready) out.push(entry('became-not-ready', b));
    else if (!old.ready && b.ready) out.push(entry('became-ready', b));
  }
  for (const [k, b] of before) if (!after.has(k)) out.push(entry('lost', b));
  return out;
}

/** Access points by (service, kind, url), leaving out the `skip` Services; a repeated key gets its occurrence number. */
function accessIndex(topo: Topology, skip: ReadonlySet<string>): Map<string, AccessPointRef> {
  const out = new Map<string, AccessPointRef>();
  for (const [id, view] of topo.services) {
    if (skip.has(id)) continue;
    const seen = new Map<string, number>();
    for (const ap of accessPointsForService(topo, view)) {
      const base = `${id}\u0000${ap.kind}\u0000${ap.url}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.set(n === 1 ? base : `${base}\u0000${n}`, apRef(id, ap));
    }
  }
  return out;
}

function apRef(service: string, ap: AccessPoint): AccessPointRef {
  return { service, kind: ap.kind, url: ap.url, scope: ap.scope, ...verdict(ap) };
}

function verdict(ap: AccessVerdict): AccessVerdict {
  return { reachable: ap.reachable, outcome: ap.outcome, ...(ap.reason !== undefined ? { reason: ap.reason } : {}) };
}

const sameVerdict = (a: AccessVerdict, b: AccessVerdict): boolean => a.reachable === b.reachable && a.outcome === b.outcome && (a.reason ?? '') === (b.reason ?? '');

const findingKey = (f: Finding): string => `${f.code}|${f.subject}|${f.message}`;
const findingOrder = (a: Finding, b: Finding): number => cmp(a.subject, b.subject) || cmp(a.code, b.code) || cmp(a.message, b.message);
const apOrder = (a: { service: string; kind: string; url: string }, b: { service: string; kind: string; url: string }): number =>
  cmp(a.service, b.service) || cmp(a.kind, b.kind) || cmp(a.url, b.url);

/**
 * Keys added and removed (sorted), and kept (in `a`'s order: every list built from them is sorted
 * afterwards, and sorting a million access-point keys here cost seconds at 150k pods).
 */
function compareKeys<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): { added: string[]; removed: string[]; both: string[] } {
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(cmp),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(cmp),
    both: [...a.keys()].filter((k) => b.has(k)),
  };
}

/**
 * Same content: structurally equal (cheap, no strings built), else equal as canonical JSON (which
 * also treats a key set to `undefined` like a missing one).
 */
function sameRecord(x: unknown, y: unknown): boolean {
  return recordsEqual(x, y) || canonical(x) === canonical(y);
}

function byKey<T>(items: readonly T[], key: (x: T) => string): Map<string, T> {
  return new Map(items.map((x) => [key(x), x]));
}

/** The networking difference from snapshot `a` (before) to `b` (after). */
export interface DiffOptions {
  /** Compute every Service's access points on both sides, even where no input changed (for tests: the shortcut must give the same answer). */
  compareAll?: boolean;
}

export function diffSnapshots(a: ClusterSnapshot, b: ClusterSnapshot, settings: Partial<ModelSettings> = {}, options: DiffOptions = {}): SnapshotDiff {
  const ta = buildTopology(a, settings);
  const tb = buildTopology(b, settings);

  // Services and their endpoints.
  const svcA = byKey(a.services, (s) => serviceId(s.namespace, s.name));
  const svcB = byKey(b.services, (s) => serviceId(s.namespace, s.name));
  const svcKeys = compareKeys(svcA, svcB);
  const changedServices: ServiceChange[] = [];
  const endpoints: EndpointChange[] = [];
  const changedElements = new Set<string>();
  for (const id of [...new Set([...svcA.keys(), ...svcB.keys()])].sort(cmp)) {
    const eps = endpointChanges(id, ta, tb);
    endpoints.push(...eps.sort((x, y) => cmp(x.address, y.address) || cmp(x.pod ?? '', y.pod ?? '') || cmp(x.change, y.change)));
    const sa = svcA.get(id);
    const sb = svcB.get(id);
    if (!sa || !sb) continue;
    const changes = serviceFieldChanges(sa, sb, ta, tb);
    if (changes.length > 0) changedServices.push({ ...serviceRef(sb), changes });
    if (changes.length > 0 || eps.length > 0) changedElements.add(id);
  }

  // Access points.
  const same = options.compareAll ? new Set<string>() : unchangedAccessServices(ta, tb);
  const apA = accessIndex(ta, same);
  const apB = accessIndex(tb, same);
  const apKeys = compareKeys(apA, apB);
  const apChanged: AccessPointChange[] = [];
  for (const k of apKeys.both) {
    const x = apA.get(k) as AccessPointRef;
    const y = apB.get(k) as AccessPointRef;
    if (!sameVerdict(x, y)) apChanged.push({ service: y.service, kind: y.kind, url: y.url, before: verdict(x), after: verdict(y) });
  }

  // Findings.
  const fA = byKey(findingsFor(ta), findingKey);
  const fB = byKey(findingsFor(tb), findingKey);
  const fKeys = compareKeys(fA, fB);

  // Elements: nodes, pods, Ingresses, LB elements (Services are above).
  const elements = { added: [...svcKeys.added], removed: [...svcKeys.removed], changed: [] as string[] };
  const elementKinds: [Map<string, unknown>, Map<string, unknown>][] = [
    [byKey(a.nodes, (n) => nodeId(n.name)), byKey(b.nodes, (n) => nodeId(n.name))],
    [byKey(a.pods, (p) => podId(p.namespace, p.name)), byKey(b.pods, (p) => podId(p.namespace, p.name))],
    [byKey(a.ingresses, (i) => ingressId(i.namespace, i.name)), byKey(b.ingresses, (i) => ingressId(i.namespace, i.name))],
  ];
  const lbOf = (s: ClusterSnapshot): Map<string, unknown> =>
    new Map(s.services.filter((x) => x.type === 'LoadBalancer').map((x) => [loadBalancerId(x.namespace, x.name), x.lbIngress]));
  elementKinds.push([lbOf(a), lbOf(b)]);
  for (const [ma, mb] of elementKinds) {
    const keys = compareKeys(ma, mb);
    elements.added.push(...keys.added);
    elements.removed.push(...keys.removed);
    for (const k of keys.both) if (!sameRecord(ma.get(k), mb.get(k))) changedElements.add(k);
  }
  elements.added.sort(cmp);
  elements.removed.sort(cmp);
  elements.changed = [...changedElements].sort(cmp);

  // Other objects.
  const objects: ObjectChange[] = [];
  const other = <T extends { namespace?: string; name: string }>(kind: ObjectKind, xs: readonly T[], ys: readonly T[]): void => {
    const key = (o: T): string => (o.namespace !== undefined ? `${o.namespace}/${o.name}` : o.name);
    const ma = byKey(xs, key);
    const mb = byKey(ys, key);
    const ref = (o: T, change: ObjectChange['change']): ObjectChange => ({ kind, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name, change });
    const keys = compareKeys(ma, mb);
    const changes = [
      ...keys.added.map((k) => ref(mb.get(k) as T, 'added')),
      ...keys.removed.map((k) => ref(ma.get(k) as T, 'removed')),
      ...keys.both.filter((k) => !sameRecord(ma.get(k), mb.get(k))).map((k) => ref(mb.get(k) as T, 'changed')),
    ];
    objects.push(...changes.sort((x, y) => cmp(x.namespace ?? '', y.namespace ?? '') || cmp(x.name, y.name)));
  };
  other('Namespace', a.namespaces, b.namespaces);
  other('EndpointSlice', a.endpointSlices, b.endpointSlices);
  other('IngressClass', a.ingressClasses, b.ingressClasses);
  other('NetworkPolicy', a.networkPolicies, b.networkPolicies);

  const diff: SnapshotDiff = {
    identical: false,
    services: {
      added: svcKeys.added.map((k) => serviceRef(svcB.get(k) as ServiceRecord)),
      removed: svcKeys.removed.map((k) => serviceRef(svcA.get(k) as ServiceRecord)),
      changed: changedServices,
    },
    endpoints,
    accessPoints: {
      appeared: apKeys.added.map((k) => apB.get(k) as AccessPointRef).sort(apOrder),
      disappeared: apKeys.removed.map((k) => apA.get(k) as AccessPointRef).sort(apOrder),
      changed: apChanged.sort(apOrder),
    },
    findings: {
      appeared: fKeys.added.map((k) => fB.get(k) as Finding).sort(findingOrder),
      cleared: fKeys.removed.map((k) => fA.get(k) as Finding).sort(findingOrder),
    },
    elements,
    objects,
  };
  diff.identical = diffSize(diff) === 0;
  return diff;
}

/** Number of entries in a diff (0 when identical). */
export function diffSize(d: SnapshotDiff): number {
  return (
    d.services.added.length +
    d.services.removed.length +
    d.services.changed.length +
    d.endpoints.length +
    d.accessPoints.appeared.length +
    d.accessPoints.disappeared.length +
    d.accessPoints.changed.length +
    d.findings.appeared.length +
    d.findings.cleared.length +
    d.elements.added.length +
    d.elements.removed.length +
    d.elements.changed.length +
    d.objects.length
  );
}

/** "reachable" or "not reachable (DROP)": one verdict in words. */
export function verdictText(v: AccessVerdict): string {
  return v.reachable ? 'reachable' : `NOT reachable (${v.outcome})${v.reason ? `: ${safeText(v.reason)}` : ''}`;
}

/** The diff as readable lines (plain text; every cluster string through `safeText`). */
export function diffText(d: SnapshotDiff): string {
  if (d.identical) return 'no differences\n';
  const out: string[] = [];
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(title, ...lines.map((l) => `  ${l}`), '');
  };
  const t = safeText;
  section('Services', [
    ...d.services.added.map((s) => `added    ${t(s.id)} (${s.type})`),
    ...d.services.removed.map((s) => `removed  ${t(s.id)} (${s.type})`),
    ...d.services.changed.flatMap((s) => [`changed  ${t(s.id)}`, ...s.changes.map((c) => `  ${c.field}: ${t(c.before)} → ${t(c.after)}`)]),
  ]);
  section(
    'Endpoints',
    d.endpoints.map((e) => `${e.change.padEnd(16)} ${t(e.service)}  ${t(e.address)}${e.pod ? ` ${t(e.pod)}` : ''}${e.node ? ` on ${t(e.node)}` : ''}`),
  );
  section('Access URLs', [
    ...d.accessPoints.appeared.map((a) => `appeared     ${t(a.service)}  ${a.kind}  ${t(a.url)}  ${verdictText(a)}`),
    ...d.accessPoints.disappeared.map((a) => `disappeared  ${t(a.service)}  ${a.kind}  ${t(a.url)}  (was ${verdictText(a)})`),
    ...d.accessPoints.changed.map((a) => `changed      ${t(a.service)}  ${a.kind}  ${t(a.url)}  ${verdictText(a.before)} → ${verdictText(a.after)}`),
  ]);
  section('Findings', [
    ...d.findings.appeared.map((f) => `appeared  ${f.severity}  ${f.code}  ${t(f.subject)}  ${t(f.message)}`),
    ...d.findings.cleared.map((f) => `cleared   ${f.severity}  ${f.code}  ${t(f.subject)}  ${t(f.message)}`),
  ]);
  section('Elements', [
    ...(d.elements.added.length ? [`added    ${d.elements.added.map((x) => t(x)).join(', ')}`] : []),
    ...(d.elements.removed.length ? [`removed  ${d.elements.removed.map((x) => t(x)).join(', ')}`] : []),
    ...(d.elements.changed.length ? [`changed  ${d.elements.changed.map((x) => t(x)).join(', ')}`] : []),
  ]);
  section('Other objects', d.objects.map((o) => `${o.change.padEnd(8)} ${o.kind} ${t(o.namespace ? `${o.namespace}/${o.name}` : o.name)}`));
  const n = diffSize(d);
  out.push(`${n} difference${n === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}
