/**
 * Redaction: a snapshot with its identifying values replaced by stable placeholders, for sharing
 * (incident reports, exports, bug reports), on which the model gives the same answers.
 *
 * One `Redactor` is one redaction: within it the same input always maps to the same placeholder, and
 * two different inputs never share one. It is built from every snapshot it will redact (so one
 * redactor can redact both sides of a diff consistently) and is deterministic: the same snapshots give
 * the same output, whatever the order of their records. The placeholders depend only on the structure
 * and order of the originals, not on their values, so they cannot be turned back into them; the one
 * exception is that a placeholder equal to an original is skipped (so a gap in the numbering says that
 * an original had that exact value).
 *
 * ## Mapping rules
 *
 * **IP addresses** (node addresses, pod and host IPs, ClusterIPs, external IPs, LoadBalancer and
 * Ingress status IPs, `loadBalancerIP`, endpoint addresses, container `hostIP`, an ExternalName that
 * is an IP) stay valid addresses of the same family, and **CIDRs** (`podCIDRs`, NetworkPolicy
 * `ipBlock.cidr`/`except`, `loadBalancerSourceRanges`) stay CIDRs of the same length. Addresses are
 * renumbered hierarchically: the prefix lengths of all CIDRs in the snapshots cut an address into
 * segments, and each segment is renumbered in ascending order among the values that share the
 * segments above it. So an address lies inside a redacted CIDR exactly when the original lies inside
 * the original (pod IPs stay in their node's podCIDR, ipBlocks and source ranges keep matching the same
 * addresses), equal addresses stay equal (in any spelling of IPv6), and different ones stay different.
 * - IPv4 is renumbered from 10.0.0.0 and IPv6 from 2001:db8:: (the documentation prefix); the last
 *   segment starts at 1, so a pod in a /24 becomes `10.0.x.1`, `.2`, ….
 * - No redacted address equals an original address of the same snapshots (unless a segment is so
 *   full that this is impossible).
 * - **Kept verbatim**, because the model gives them meaning and they identify nothing: unspecified,
 *   loopback, link-local and multicast/reserved ranges (IPv4 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16,
 *   224.0.0.0/3; IPv6 ::, ::1, fe80::/10, ff00::/8), and the model's default external client
 *   198.51.100.50 (so traces of the redacted snapshot with default settings match). Addresses that share
 *   a CIDR-length prefix with a kept range keep that prefix. IPv4-mapped IPv6 addresses
 *   (`::ffff:a.b.c.d`) follow the IPv4 mapping of their embedded address.
 * - A CIDR is written as its network address (host bits cleared); a malformed CIDR becomes `cidr-N`
 *   (still malformed, so still matching nothing).
 * - Numeric order is kept within a segment, but the text order of addresses is not: among endpoints
 *   that belong to no pod (sorted by address text), the trace's default pick may differ.
 *
 * **Names** become DNS-1123 labels `<prefix>-<n>`, numbered in ascending order of the originals and
 * zero-padded to one width per kind (`svc-01` … `svc-16`), so sorting by name or ID (which picks the
 * trace's default node and endpoint) gives the same order as before (names kept verbatim, below, may
 * sort differently against placeholders). Every reference uses the referenced kind's mapping:
 * - `ns-` namespaces (also `metadata.namespace` of every object, targetRef and IngressClass parameter
 *   namespaces, and the `kubernetes.io/metadata.name` label value);
 * - `node-` nodes (`nodeName` of pods and endpoints, `hintsForNodes`, a node's `Hostname` address equal
 *   to its name, the `kubernetes.io/hostname` label value);
 * - `pod-` pods (endpoint `targetRef` of kind Pod, pod `spec.hostname` and endpoint `hostname`);
 * - `svc-` Services (EndpointSlice `kubernetes.io/service-name`, Ingress backends, pod `subdomain`);
 * - `ing-` Ingresses, `eps-` EndpointSlices, `netpol-` NetworkPolicies, `class-` IngressClasses (and
 *   Ingress class names), `ctr-` containers, `owner-` owner references (a `Node` owner uses `node-`),
 *   `secret-` TLS secret names, `obj-` other referenced objects (resource backends, class parameters,
 *   targetRefs of other kinds), `uid-` uids.
 * - **Port names** carry protocol meaning (URL schemes, named targetPorts): `http` and `https` are kept,
 *   other names starting with `http-` become `http-N`, other names starting with `http` become
 *   `httpx-N`, and the rest `port-N`; named targetPorts, slice ports, Ingress backend ports and
 *   NetworkPolicy ports follow.
 * - **Kept verbatim:** the namespace `kube-system`, the Service name `kube-dns` and the label value
 *   `kube-dns` (the model finds cluster DNS by them; they are the same in every cluster), and `""`.
 *
 * **Label values** (of every object, Service selectors, NetworkPolicy `matchLabels` and
 * `matchExpressions` values, EndpointSlice `managedBy`, endpoint `zone` and `hintsForZones`) become
 * `val-N`, one mapping for all keys, so selectors keep selecting the same objects. Label keys are kept.
 *
 * **Hostnames** (LoadBalancer and Ingress status hostnames, Ingress rule and TLS hosts, ExternalName
 * targets, FQDN endpoints, non-IP node addresses) become `host-N.dom-M.example`: `host-N` per distinct
 * host and `dom-M` per distinct parent domain, so a wildcard `*.d` still covers exactly the hosts it
 * covered (`*.dom-M.example`). A single-label host becomes `host-N`; a trailing dot is kept.
 *
 * **Operator-chosen qualified names** (IngressClass `controller`, `loadBalancerClass`, an `appProtocol`
 * with a `/`, resource backend and class parameter API groups) are kept under the Kubernetes project's
 * domains (`k8s.io/ingress-nginx`, `kubernetes.io/h2c`) and otherwise become
 * `redacted.example/controller-N` (`lbclass-N`, `proto-N`; an API group `group-N.example`).
 *
 * **Also replaced:** the snapshot's `context` (`redacted`), load balancer port error texts
 * (`redacted`); the demo title and description are dropped. **Kept:** ports and port numbers, protocols,
 * plain `appProtocol` values (`http`, `grpc`), types and policies, conditions, Ingress paths and path
 * types, kinds, label keys, timestamps and the server version.
 */
import ipaddr from 'ipaddr.js';
import type {
  ClusterSnapshot,
  EndpointSliceRecord,
  IngressBackendRecord,
  IngressClassRecord,
  IngressRecord,
  LabelSelector,
  Labels,
  LoadBalancerIngressRecord,
  NamespaceRecord,
  NetworkPolicyPeerRecord,
  NetworkPolicyRecord,
  NetworkPolicyRuleRecord,
  NodeRecord,
  PodRecord,
  ServiceRecord,
  SnapshotMeta,
} from '../snapshot/records';
import { parseId } from './ids';
import { familyOf } from './ip';
import type { TraceRequest } from './trace';
import { DEFAULT_SETTINGS } from './types';

/** Kinds of names, each with its own numbering. */
export type NameKind =
  | 'namespace'
  | 'node'
  | 'pod'
  | 'service'
  | 'ingress'
  | 'endpointslice'
  | 'networkpolicy'
  | 'ingressclass'
  | 'container'
  | 'owner'
  | 'secret'
  | 'object'
  | 'uid'
  | 'value';

type MapKind = NameKind | 'host' | 'domain' | 'port' | 'httpport' | 'httpxport' | 'cidr' | 'controller' | 'lbclass' | 'proto' | 'group';

const PREFIX: Record<MapKind, string> = {
  namespace: 'ns',
  node: 'node',
  pod: 'pod',
  service: 'svc',
  ingress: 'ing',
  endpointslice: 'eps',
  networkpolicy: 'netpol',
  ingressclass: 'class',
  container: 'ctr',
  owner: 'owner',
  secret: 'secret',
  object: 'obj',
  uid: 'uid',
  value: 'val',
  host: 'host',
  domain: 'dom',
  port: 'port',
  httpport: 'http',
  httpxport: 'httpx',
  cidr: 'cidr',
  controller: 'controller',
  lbclass: 'lbclass',
  proto: 'proto',
  group: 'group',
};

/** Domains of the Kubernetes project: names under them identify no organisation. */
const K8S_DOMAIN = /^([a-z0-9-]+\.)*(k8s\.io|kubernetes\.io)$/;

/** Names the model gives meaning to, identical in every cluster: kept verbatim. */
export const KEPT_NAMES: Readonly<Partial<Record<NameKind, readonly string[]>>> = {
  namespace: ['kube-system'],
  service: ['kube-dns'],
  value: ['kube-dns'],
};

/** Address ranges kept verbatim (besides the external client addresses given to the redactor). */
export const KEPT_RANGES: readonly string[] = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3', '::/128', '::1/128', 'fe80::/10', 'ff00::/8', '::ffff:0:0/96'];

/** Text that replaces load balancer error messages and the snapshot's context. */
export const REDACTED_TEXT = 'redacted';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ── names ──────────────────────────────────────────────────────────────────────────────────────────

/** One kind's numbering: collected first, then numbered in ascending order of the originals. */
class NameMap {
  private readonly seen = new Set<string>();
  private readonly out = new Map<string, string>();
  private readonly taken = new Set<string>();
  private next = 1;
  private width = 1;

  constructor(
    private readonly prefix: string,
    private readonly kept: readonly string[] = [],
    /** Sort key of an original (namespaces sort as they do inside IDs, followed by `/`). */
    private readonly sortKey: (s: string) => string = (s) => s,
  ) {}

  collect(s: string): void {
    if (s !== '' && !this.kept.includes(s)) this.seen.add(s);
  }

  freeze(): void {
    const list = [...this.seen].sort((a, b) => cmp(this.sortKey(a), this.sortKey(b)));
    // A placeholder never equals an original of the same kind; reserve room for the numbers skipped.
    const re = new RegExp(`^${this.prefix}-\\d+$`);
    const clashes = list.filter((s) => re.test(s)).length;
    this.width = String(list.length + clashes).length;
    for (const s of list) this.taken.add(s);
    for (const s of list) this.assign(s);
  }

  private assign(s: string): string {
    let p: string;
    do p = `${this.prefix}-${String(this.next++).padStart(this.width, '0')}`;
    while (this.taken.has(p));
    this.out.set(s, p);
    return p;
  }

  get(s: string): string {
    if (s === '' || this.kept.includes(s)) return s;
    return this.out.get(s) ?? this.assign(s);
  }
}

// ── addresses ──────────────────────────────────────────────────────────────────────────────────────

interface Range {
  /** Full-width value with the host bits cleared. */
  value: bigint;
  len: number;
}

interface Assigned {
  value: bigint;
  /** Maps to itself: the prefix overlaps a kept range. */
  pinned: boolean;
}

function bytesToBig(bytes: readonly number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function bigToText(v: bigint, width: number): string {
  const bytes: number[] = [];
  for (let i = width / 8 - 1; i >= 0; i--) bytes.push(Number((v >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

/**
 * One address family's renumbering. Pass 1 registers every address and CIDR; `freeze` cuts addresses
 * into segments at the registered CIDR lengths and numbers each level's prefixes in ascending order
 * under their (already numbered) parent. A prefix that overlaps a kept range maps to itself while its
 * parent does; every other prefix maps to one overlapping no kept range, which is always possible
 * because a self-mapped parent offers its children exactly the values its original children had.
 */
class AddressSpace {
  private items: Range[] = [];
  private bounds: number[] = [];
  private readonly assigned = new Map<string, Assigned>();
  /** Per (parent length, mapped parent): segment values used, and where the next search starts. */
  private readonly tables = new Map<string, { used: Set<bigint>; next?: bigint }>();
  /** Per (parent length, original parent): the original children's segment values. */
  private readonly originals = new Map<string, Set<bigint>>();
  private frozen = false;

  constructor(
    readonly width: number,
    private readonly base: bigint,
    private readonly kept: Range[],
  ) {}

  register(r: Range): void {
    if (!this.frozen) this.items.push(r);
  }

  freeze(): void {
    const lengths = new Set<number>([this.width]);
    for (const it of this.items) if (it.len > 0) lengths.add(it.len);
    this.bounds = [...lengths].sort((a, b) => a - b);
    const levels = this.bounds.map(() => new Set<bigint>());
    for (const it of this.items) {
      this.bounds.forEach((b, i) => {
        if (b <= it.len) levels[i]?.add(it.value >> BigInt(this.width - b));
      });
    }
    levels.forEach((set, i) => {
      const parentLen = i === 0 ? 0 : (this.bounds[i - 1] as number);
      const w = (this.bounds[i] as number) - parentLen;
      for (const p of set) {
        const key = `${parentLen}:${p >> BigInt(w)}`;
        let kids = this.originals.get(key);
        if (!kids) this.originals.set(key, (kids = new Set()));
        kids.add(p & mask(w));
      }
    });
    levels.forEach((set, i) => {
      for (const p of [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) this.assign(i, p);
    });
    this.items = [];
    this.frozen = true;
  }

  /** The kept range a prefix overlaps (contains or lies in), if any. */
  private keptHit(prefix: bigint, len: number): Range | undefined {
    for (const k of this.kept) {
      const m = Math.min(len, k.len);
      if (prefix >> BigInt(len - m) === k.value >> BigInt(this.width - m)) return k;
    }
    return undefined;
  }

  /** Is the range (full-width value, length) inside a kept range? */
  insideKept(value: bigint, len: number): boolean {
    return this.kept.some((k) => k.len <= len && value >> BigInt(this.width - k.len) === k.value >> BigInt(this.width - k.len));
  }

  /** Maps a prefix of `len` bits (given as its `len`-bit value). `len` must be a registered length. */
  mapPrefix(prefix: bigint, len: number): bigint | undefined {
    if (len === 0) return 0n;
    const i = this.bounds.indexOf(len);
    return i < 0 ? undefined : this.assign(i, prefix).value;
  }

  private assign(i: number, p: bigint): Assigned {
    const b = this.bounds[i] as number;
    const key = `${b}:${p}`;
    const hit = this.assigned.get(key);
    if (hit) return hit;
    const parentLen = i === 0 ? 0 : (this.bounds[i - 1] as number);
    const w = b - parentLen;
    const parent: Assigned = i === 0 ? { value: 0n, pinned: true } : this.assign(i - 1, p >> BigInt(w));
    const tableKey = `${parentLen}:${parent.value}`;
    let table = this.tables.get(tableKey);
    if (!table) this.tables.set(tableKey, (table = { used: new Set() }));
    let out: Assigned;
    if (parent.pinned && this.keptHit(p, b)) {
      table.used.add(p & mask(w));
      out = { value: p, pinned: true };
    } else {
      const c = this.pick(i, parent.value, table);
      table.used.add(c);
      out = { value: (parent.value << BigInt(w)) | c, pinned: false };
    }
    this.assigned.set(key, out);
    return out;
  }

  /** The next free segment value under a mapped parent that overlaps no kept range. */
  private pick(i: number, parent: bigint, table: { used: Set<bigint>; next?: bigint }): bigint {
    const b = this.bounds[i] as number;
    const parentLen = i === 0 ? 0 : (this.bounds[i - 1] as number);
    const w = b - parentLen;
    const max = mask(w);
    let start = i === 0 ? this.base >> BigInt(this.width - b) : 0n;
    if (b === this.width) start += 1n;
    if (start > max) start = 0n;
    const orig = this.originals.get(`${parentLen}:${parent}`);
    const scan = (from: bigint, to: bigint, avoidOriginals: boolean): bigint | undefined => {
      let c = from;
      while (c <= to) {
        const k = this.keptHit((parent << BigInt(w)) | c, b);
        if (k) {
          if (k.len <= parentLen) return undefined;
          if (k.len <= b) {
            const shift = BigInt(b - k.len);
            c = ((c >> shift) + 1n) << shift;
          } else c += 1n;
          continue;
        }
        if (table.used.has(c) || (avoidOriginals && orig?.has(c))) {
          c += 1n;
          continue;
        }
        return c;
      }
      return undefined;
    };
    const first = scan(table.next ?? start, max, true);
    if (first !== undefined) {
      table.next = first + 1n;
      return first;
    }
    const found = (start > 0n ? scan(0n, start - 1n, true) : undefined) ?? scan(0n, max, false);
    if (found === undefined) throw new Error(`redaction: too many distinct addresses under one /${parentLen} prefix`);
    return found;
  }
}

function parseRange(cidr: string): { family: 'IPv4' | 'IPv6'; range: Range } {
  const [addr, len] = ipaddr.parseCIDR(cidr);
  const width = addr.kind() === 'ipv4' ? 32 : 128;
  const value = bytesToBig(addr.toByteArray());
  return { family: width === 32 ? 'IPv4' : 'IPv6', range: { value: (value >> BigInt(width - len)) << BigInt(width - len), len } };
}

// ── the redactor ───────────────────────────────────────────────────────────────────────────────────

export interface RedactorOptions {
  /** Addresses kept verbatim; default the model's default external client (ModelSettings.externalClient). */
  keepAddresses?: readonly string[];
}

/**
 * One redaction. Built by `createRedactor` from every snapshot it will redact; `snapshot()` returns a
 * redacted copy, and the single-value methods map the values a user types (IDs, addresses, hosts) so a
 * question about the original (`trace --to svc:shop/web`) can be asked of the redacted snapshot.
 */
export class Redactor {
  private collecting = true;
  private readonly names = new Map<MapKind, NameMap>();
  private readonly v4: AddressSpace;
  private readonly v6: AddressSpace;

  constructor(options: RedactorOptions = {}) {
    for (const kind of Object.keys(PREFIX) as MapKind[]) {
      const kept = kind === 'namespace' || kind === 'service' || kind === 'value' ? (KEPT_NAMES[kind] ?? []) : [];
      this.names.set(kind, new NameMap(PREFIX[kind], kept, kind === 'namespace' ? (s) => `${s}/` : undefined));
    }
    const kept4: Range[] = [];
    const kept6: Range[] = [];
    for (const c of [...KEPT_RANGES, ...(options.keepAddresses ?? [DEFAULT_SETTINGS.externalClient]).map((a) => (familyOf(a) === 'IPv6' ? `${a}/128` : `${a}/32`))]) {
      const { family, range } = parseRange(c);
      (family === 'IPv4' ? kept4 : kept6).push(range);
    }
    this.v4 = new AddressSpace(32, bytesToBig([10, 0, 0, 0]), kept4);
    this.v6 = new AddressSpace(128, bytesToBig(ipaddr.parse('2001:db8::').toByteArray()), kept6);
  }

  /** Pass 1: registers every value of a snapshot (called by createRedactor). */
  collect(s: ClusterSnapshot): void {
    if (!this.collecting) throw new Error('redaction: collect() after freeze()');
    redactRecords(s, this);
  }

  /** Ends pass 1: numbers everything collected. */
  freeze(): void {
    if (!this.collecting) return;
    for (const m of this.names.values()) m.freeze();
    this.v4.freeze();
    this.v6.freeze();
    this.collecting = false;
  }

  /** A redacted copy of a snapshot (one given to createRedactor: CIDR relationships hold for lengths seen there). */
  snapshot(s: ClusterSnapshot): ClusterSnapshot {
    this.freeze();
    return redactRecords(s, this);
  }

  private map(kind: MapKind, s: string): string {
    const m = this.names.get(kind) as NameMap;
    if (this.collecting) {
      m.collect(s);
      return s;
    }
    return m.get(s);
  }

  /** A name of the given kind. */
  name(kind: NameKind, s: string): string {
    return this.map(kind, s);
  }

  /** A label value, by key (`kubernetes.io/metadata.name` → namespace, `kubernetes.io/hostname` → node). */
  label(key: string, value: string): string {
    if (key === 'kubernetes.io/metadata.name') return this.map('namespace', value);
    if (key === 'kubernetes.io/hostname') return this.map('node', value);
    return this.map('value', value);
  }

  /** A port name (Service, container, slice, backend and policy ports), keeping its protocol meaning. */
  portName(s: string): string {
    const lower = s.toLowerCase();
    if (s === '' || lower === 'http' || lower === 'https') return s;
    if (lower.startsWith('http-')) return this.map('httpport', s);
    if (lower.startsWith('http')) return this.map('httpxport', s);
    return this.map('port', s);
  }

  /**
   * A domain-qualified implementation name chosen by an operator (IngressClass controller,
   * loadBalancerClass, a custom appProtocol, an API group): kept under the Kubernetes project's
   * domains, otherwise `redacted.example/<kind>-N` (an API group becomes `group-N.example`).
   */
  qualified(kind: 'controller' | 'lbclass' | 'proto' | 'group', s: string): string {
    const domain = kind === 'group' ? s : s.slice(0, Math.max(0, s.indexOf('/')));
    if (s === '' || K8S_DOMAIN.test(domain) || (kind === 'proto' && !s.includes('/'))) return s;
    const n = this.map(kind, s);
    return this.collecting ? s : kind === 'group' ? `${n}.example` : `redacted.example/${n}`;
  }

  /** Free text that may hold anything (load balancer errors): empty stays empty. */
  text(s: string): string {
    return s === '' ? s : REDACTED_TEXT;
  }

  /** An IP address; anything that is not one is treated as a hostname (and stays not an IP). */
  ip(s: string): string {
    const family = familyOf(s);
    if (!family) return this.host(s);
    if (family === 'IPv4') {
      const value = bytesToBig(ipaddr.IPv4.parse(s).toByteArray());
      if (this.collecting) {
        this.v4.register({ value, len: 32 });
        return s;
      }
      if (this.v4.insideKept(value, 32)) return s;
      return bigToText(this.v4.mapPrefix(value, 32) as bigint, 32);
    }
    const addr = ipaddr.IPv6.parse(s);
    if (addr.isIPv4MappedAddress()) {
      const inner = addr.toIPv4Address().toString();
      const mapped = this.ip(inner);
      return this.collecting || mapped === inner ? s : `::ffff:${mapped}`;
    }
    const value = bytesToBig(addr.toByteArray());
    if (this.collecting) {
      this.v6.register({ value, len: 128 });
      return s;
    }
    if (this.v6.insideKept(value, 128)) return s;
    return bigToText(this.v6.mapPrefix(value, 128) as bigint, 128);
  }

  /** A CIDR: same family and length, written as its network address. */
  cidr(s: string): string {
    const slash = s.indexOf('/');
    const base = s.slice(0, slash);
    const bitsText = s.slice(slash + 1);
    const family = slash > 0 ? familyOf(base) : undefined;
    let parsed: { family: 'IPv4' | 'IPv6'; range: Range } | undefined;
    if (family && /^\d{1,3}$/.test(bitsText)) {
      try {
        parsed = parseRange(s);
      } catch {
        parsed = undefined;
      }
    }
    if (!parsed) return this.map('cidr', s);
    const { range } = parsed;
    if (parsed.family === 'IPv6') {
      const addr = ipaddr.IPv6.parse(base);
      if (addr.isIPv4MappedAddress() && range.len >= 96) {
        const inner = this.cidr(`${addr.toIPv4Address().toString()}/${range.len - 96}`);
        return this.collecting || inner === `${addr.toIPv4Address().toString()}/${range.len - 96}` ? s : `::ffff:${inner.replace(/\/\d+$/, '')}/${range.len}`;
      }
    }
    const space = parsed.family === 'IPv4' ? this.v4 : this.v6;
    if (this.collecting) {
      space.register(range);
      return s;
    }
    if (space.insideKept(range.value, range.len)) return s;
    const shift = BigInt(space.width - range.len);
    const mapped = space.mapPrefix(range.value >> shift, range.len);
    if (mapped === undefined) return this.map('cidr', s);
    return `${bigToText(mapped << shift, space.width)}/${range.len}`;
  }

  /** A hostname: `host-N.dom-M.example`, wildcards and trailing dots kept; an IP literal maps as an IP. */
  host(s: string): string {
    if (s === '') return s;
    if (familyOf(s)) return this.ip(s);
    const absolute = s.endsWith('.') && s.length > 1;
    const h = (absolute ? s.slice(0, -1) : s).toLowerCase();
    const domain = (d: string): string => `${this.map('domain', d)}.example`;
    let out: string;
    if (h.startsWith('*.')) out = `*.${domain(h.slice(2))}`;
    else {
      const dot = h.indexOf('.');
      out = dot <= 0 ? this.map('host', h) : `${this.map('host', h)}.${domain(h.slice(dot + 1))}`;
    }
    return this.collecting ? s : absolute ? `${out}.` : out;
  }

  /** A model element ID (`svc:NS/NAME`, `pod:…`, `ing:…`, `lb:…`, `node:…`, …); anything else unchanged. */
  id(id: string): string {
    const p = parseId(id);
    if (!p) return id;
    const ns = p.namespace !== undefined ? this.map('namespace', p.namespace) : '';
    const kindOf: Partial<Record<string, NameKind>> = { pod: 'pod', svc: 'service', lb: 'service', ing: 'ingress', netpol: 'networkpolicy', eps: 'endpointslice' };
    switch (p.kind) {
      case 'ext':
        return id;
      case 'node':
        return `node:${this.map('node', p.name)}`;
      case 'ingclass':
        return `ingclass:${this.map('ingressclass', p.name)}`;
      default:
        return `${p.kind}:${ns}/${this.map(kindOf[p.kind] ?? 'object', p.name)}`;
    }
  }
}

/** A redactor for these snapshots (pass 1 done): redact each with `snapshot()`. */
export function createRedactor(snapshots: readonly ClusterSnapshot[], options: RedactorOptions = {}): Redactor {
  const r = new Redactor(options);
  for (const s of snapshots) r.collect(s);
  r.freeze();
  return r;
}

/** The snapshot with IPs, hosts, names and label values replaced (rules at the top of this file). */
export function redactSnapshot(snapshot: ClusterSnapshot, options: RedactorOptions = {}): ClusterSnapshot {
  return createRedactor([snapshot], options).snapshot(snapshot);
}

/** A trace request about the original snapshot, asked of the redacted one. */
export function redactTraceRequest(r: Redactor, req: TraceRequest): TraceRequest {
  const ref = (s: string, bare: NameKind): string => (parseId(s) ? r.id(s) : familyOf(s) ? r.ip(s) : r.name(bare, s));
  const dnsName = (n: string): string => {
    const abs = n.endsWith('.');
    const parts = (abs ? n.slice(0, -1) : n).split('.');
    const out = parts.map((p, i) => (i === 0 ? r.name('service', p) : i === 1 ? r.name('namespace', p) : p)).join('.');
    return abs ? `${out}.` : out;
  };
  return {
    ...req,
    to: r.id(req.to),
    ...(req.from !== undefined ? { from: r.id(req.from) } : {}),
    ...(req.via !== undefined ? { via: ref(req.via, 'node') } : {}),
    ...(req.port !== undefined && !/^\d+$/.test(String(req.port)) ? { port: r.portName(String(req.port)) } : {}),
    ...(req.endpoint !== undefined ? { endpoint: ref(req.endpoint, 'pod') } : {}),
    ...(req.host !== undefined ? { host: r.host(req.host) } : {}),
    ...(req.name !== undefined ? { name: dnsName(req.name) } : {}),
  };
}

// ── the records ────────────────────────────────────────────────────────────────────────────────────
// Every record is rebuilt field by field (an allowlist): a field added to a record later is dropped
// here until it is given a rule, never copied through unredacted.

function labels(r: Redactor, l: Labels): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l)) out[k] = r.label(k, l[k] as string);
  return out;
}

function selector(r: Redactor, s: LabelSelector): LabelSelector {
  return {
    matchLabels: labels(r, s.matchLabels),
    matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: e.values.map((v) => r.label(e.key, v)) })),
  };
}

function lbStatus(r: Redactor, list: readonly LoadBalancerIngressRecord[]): LoadBalancerIngressRecord[] {
  return list.map((e) => ({
    ...(e.ip !== undefined ? { ip: r.ip(e.ip) } : {}),
    ...(e.hostname !== undefined ? { hostname: r.host(e.hostname) } : {}),
    ...(e.ipMode !== undefined ? { ipMode: e.ipMode } : {}),
    ports: e.ports.map((p) => ({ port: p.port, protocol: p.protocol, ...(p.error !== undefined ? { error: r.text(p.error) } : {}) })),
  }));
}

function namespaceRecord(r: Redactor, n: NamespaceRecord): NamespaceRecord {
  return { uid: r.name('uid', n.uid), name: r.name('namespace', n.name), labels: labels(r, n.labels) };
}

function nodeRecord(r: Redactor, n: NodeRecord): NodeRecord {
  return {
    uid: r.name('uid', n.uid),
    name: r.name('node', n.name),
    labels: labels(r, n.labels),
    addresses: n.addresses.map((a) => ({ type: a.type, address: familyOf(a.address) ? r.ip(a.address) : a.address === n.name ? r.name('node', a.address) : r.host(a.address) })),
    podCIDRs: n.podCIDRs.map((c) => r.cidr(c)),
    ready: n.ready,
    unschedulable: n.unschedulable,
  };
}

function podRecord(r: Redactor, p: PodRecord): PodRecord {
  return {
    uid: r.name('uid', p.uid),
    namespace: r.name('namespace', p.namespace),
    name: r.name('pod', p.name),
    labels: labels(r, p.labels),
    ...(p.owner ? { owner: { kind: p.owner.kind, name: r.name(p.owner.kind === 'Node' ? 'node' : 'owner', p.owner.name), uid: r.name('uid', p.owner.uid) } } : {}),
    ...(p.nodeName !== undefined ? { nodeName: r.name('node', p.nodeName) } : {}),
    hostNetwork: p.hostNetwork,
    phase: p.phase,
    ready: p.ready,
    terminating: p.terminating,
    podIPs: p.podIPs.map((ip) => r.ip(ip)),
    hostIPs: p.hostIPs.map((ip) => r.ip(ip)),
    ports: p.ports.map((c) => ({
      container: r.name('container', c.container),
      ...(c.name !== undefined ? { name: r.portName(c.name) } : {}),
      containerPort: c.containerPort,
      protocol: c.protocol,
      ...(c.hostPort !== undefined ? { hostPort: c.hostPort } : {}),
      ...(c.hostIP !== undefined ? { hostIP: r.ip(c.hostIP) } : {}),
    })),
    ...(p.hostname !== undefined ? { hostname: r.name('pod', p.hostname) } : {}),
    ...(p.subdomain !== undefined ? { subdomain: r.name('service', p.subdomain) } : {}),
    dnsPolicy: p.dnsPolicy,
  };
}

function serviceRecord(r: Redactor, s: ServiceRecord): ServiceRecord {
  return {
    uid: r.name('uid', s.uid),
    namespace: r.name('namespace', s.namespace),
    name: r.name('service', s.name),
    labels: labels(r, s.labels),
    type: s.type,
    selector: s.selector === null ? null : labels(r, s.selector),
    clusterIPs: s.clusterIPs.map((ip) => r.ip(ip)),
    headless: s.headless,
    ipFamilies: [...s.ipFamilies],
    ...(s.ipFamilyPolicy !== undefined ? { ipFamilyPolicy: s.ipFamilyPolicy } : {}),
    ports: s.ports.map((p) => ({
      name: r.portName(p.name),
      protocol: p.protocol,
      port: p.port,
      targetPort: typeof p.targetPort === 'string' ? r.portName(p.targetPort) : p.targetPort,
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
      ...(p.appProtocol !== undefined ? { appProtocol: r.qualified('proto', p.appProtocol) } : {}),
    })),
    ...(s.externalName !== undefined ? { externalName: r.host(s.externalName) } : {}),
    externalIPs: s.externalIPs.map((ip) => r.ip(ip)),
    externalTrafficPolicy: s.externalTrafficPolicy,
    internalTrafficPolicy: s.internalTrafficPolicy,
    ...(s.healthCheckNodePort !== undefined ? { healthCheckNodePort: s.healthCheckNodePort } : {}),
    sessionAffinity: s.sessionAffinity,
    ...(s.sessionAffinityTimeoutSeconds !== undefined ? { sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds } : {}),
    ...(s.loadBalancerClass !== undefined ? { loadBalancerClass: r.qualified('lbclass', s.loadBalancerClass) } : {}),
    ...(s.loadBalancerIP !== undefined ? { loadBalancerIP: r.ip(s.loadBalancerIP) } : {}),
    loadBalancerSourceRanges: s.loadBalancerSourceRanges.map((c) => r.cidr(c)),
    ...(s.allocateLoadBalancerNodePorts !== undefined ? { allocateLoadBalancerNodePorts: s.allocateLoadBalancerNodePorts } : {}),
    publishNotReadyAddresses: s.publishNotReadyAddresses,
    lbIngress: lbStatus(r, s.lbIngress),
    ...(s.createdAt !== undefined ? { createdAt: s.createdAt } : {}),
  };
}

function sliceRecord(r: Redactor, sl: EndpointSliceRecord): EndpointSliceRecord {
  const zone = (z: string): string => r.label('topology.kubernetes.io/zone', z);
  return {
    uid: r.name('uid', sl.uid),
    namespace: r.name('namespace', sl.namespace),
    name: r.name('endpointslice', sl.name),
    ...(sl.serviceName !== undefined ? { serviceName: r.name('service', sl.serviceName) } : {}),
    ...(sl.managedBy !== undefined ? { managedBy: r.label('endpointslice.kubernetes.io/managed-by', sl.managedBy) } : {}),
    addressType: sl.addressType,
    endpoints: sl.endpoints.map((e) => {
      const t = e.targetRef;
      return {
        addresses: e.addresses.map((a) => (sl.addressType === 'FQDN' ? r.host(a) : r.ip(a))),
        ready: e.ready,
        serving: e.serving,
        terminating: e.terminating,
        ...(e.nodeName !== undefined ? { nodeName: r.name('node', e.nodeName) } : {}),
        ...(e.zone !== undefined ? { zone: zone(e.zone) } : {}),
        ...(e.hostname !== undefined ? { hostname: r.name('pod', e.hostname) } : {}),
        ...(t
          ? {
              targetRef: {
                kind: t.kind,
                ...(t.namespace !== undefined ? { namespace: r.name('namespace', t.namespace) } : {}),
                name: r.name(t.kind === 'Pod' ? 'pod' : t.kind === 'Node' ? 'node' : 'object', t.name),
                ...(t.uid !== undefined ? { uid: r.name('uid', t.uid) } : {}),
              },
            }
          : {}),
        ...(e.hintsForNodes !== undefined ? { hintsForNodes: e.hintsForNodes.map((n) => r.name('node', n)) } : {}),
        ...(e.hintsForZones !== undefined ? { hintsForZones: e.hintsForZones.map(zone) } : {}),
      };
    }),
    ports: sl.ports.map((p) => ({ name: p.name === null ? null : r.portName(p.name), port: p.port, protocol: p.protocol, ...(p.appProtocol !== undefined ? { appProtocol: r.qualified('proto', p.appProtocol) } : {}) })),
  };
}

function backend(r: Redactor, b: IngressBackendRecord): IngressBackendRecord {
  return {
    ...(b.service
      ? {
          service: {
            name: r.name('service', b.service.name),
            port: { ...(b.service.port.number !== undefined ? { number: b.service.port.number } : {}), ...(b.service.port.name !== undefined ? { name: r.portName(b.service.port.name) } : {}) },
          },
        }
      : {}),
    ...(b.resource ? { resource: { ...(b.resource.apiGroup !== undefined ? { apiGroup: r.qualified('group', b.resource.apiGroup) } : {}), kind: b.resource.kind, name: r.name('object', b.resource.name) } } : {}),
  };
}

function ingressRecord(r: Redactor, i: IngressRecord): IngressRecord {
  return {
    uid: r.name('uid', i.uid),
    namespace: r.name('namespace', i.namespace),
    name: r.name('ingress', i.name),
    ...(i.className !== undefined ? { className: r.name('ingressclass', i.className) } : {}),
    classSource: i.classSource,
    ...(i.defaultBackend ? { defaultBackend: backend(r, i.defaultBackend) } : {}),
    rules: i.rules.map((rule) => ({
      ...(rule.host !== undefined ? { host: r.host(rule.host) } : {}),
      paths: rule.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: backend(r, p.backend) })),
    })),
    tls: i.tls.map((t) => ({ hosts: t.hosts.map((h) => r.host(h)), ...(t.secretName !== undefined ? { secretName: r.name('secret', t.secretName) } : {}) })),
    lbIngress: lbStatus(r, i.lbIngress),
  };
}

function ingressClassRecord(r: Redactor, c: IngressClassRecord): IngressClassRecord {
  const p = c.parameters;
  return {
    uid: r.name('uid', c.uid),
    name: r.name('ingressclass', c.name),
    controller: r.qualified('controller', c.controller),
    isDefault: c.isDefault,
    ...(p
      ? {
          parameters: {
            ...(p.apiGroup !== undefined ? { apiGroup: r.qualified('group', p.apiGroup) } : {}),
            kind: p.kind,
            name: r.name('object', p.name),
            ...(p.namespace !== undefined ? { namespace: r.name('namespace', p.namespace) } : {}),
            ...(p.scope !== undefined ? { scope: p.scope } : {}),
          },
        }
      : {}),
  };
}

function policyRule(r: Redactor, rule: NetworkPolicyRuleRecord): NetworkPolicyRuleRecord {
  const peer = (p: NetworkPolicyPeerRecord): NetworkPolicyPeerRecord => ({
    ...(p.podSelector ? { podSelector: selector(r, p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selector(r, p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: r.cidr(p.ipBlock.cidr), except: p.ipBlock.except.map((c) => r.cidr(c)) } } : {}),
  });
  return {
    peers: rule.peers === null ? null : rule.peers.map(peer),
    ports:
      rule.ports === null
        ? null
        : rule.ports.map((p) => ({
            protocol: p.protocol,
            ...(p.port !== undefined ? { port: typeof p.port === 'string' ? r.portName(p.port) : p.port } : {}),
            ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
          })),
  };
}

function policyRecord(r: Redactor, p: NetworkPolicyRecord): NetworkPolicyRecord {
  return {
    uid: r.name('uid', p.uid),
    namespace: r.name('namespace', p.namespace),
    name: r.name('networkpolicy', p.name),
    podSelector: selector(r, p.podSelector),
    policyTypes: [...p.policyTypes],
    ingress: p.ingress.map((x) => policyRule(r, x)),
    egress: p.egress.map((x) => policyRule(r, x)),
    ...(p.createdAt !== undefined ? { createdAt: p.createdAt } : {}),
  };
}

function meta(m: SnapshotMeta): SnapshotMeta {
  return {
    source: m.source,
    ...(m.takenAt !== undefined ? { takenAt: m.takenAt } : {}),
    ...(m.context !== undefined ? { context: REDACTED_TEXT } : {}),
    ...(m.serverVersion !== undefined ? { serverVersion: m.serverVersion } : {}),
  };
}

/** Walks every value of a snapshot through the redactor (collecting in pass 1, mapping after). */
function redactRecords(s: ClusterSnapshot, r: Redactor): ClusterSnapshot {
  return {
    meta: meta(s.meta),
    namespaces: s.namespaces.map((x) => namespaceRecord(r, x)),
    nodes: s.nodes.map((x) => nodeRecord(r, x)),
    pods: s.pods.map((x) => podRecord(r, x)),
    services: s.services.map((x) => serviceRecord(r, x)),
    endpointSlices: s.endpointSlices.map((x) => sliceRecord(r, x)),
    ingresses: s.ingresses.map((x) => ingressRecord(r, x)),
    ingressClasses: s.ingressClasses.map((x) => ingressClassRecord(r, x)),
    networkPolicies: s.networkPolicies.map((x) => policyRecord(r, x)),
  };
}
