/**
 * Reads what operators already have into a ClusterSnapshot:
 * - `kubectl get nodes,pods,services,endpointslices,ingresses,ingressclasses,networkpolicies -A -o json`
 *   (a `v1 List`), optionally with kubepath's own `kubepath` metadata block (a kubepath snapshot file);
 * - a bare JSON array of objects;
 * - several JSON documents concatenated (NDJSON or `kubectl get -o json` run several times).
 *
 * Bad input never yields a partial result: the first problem throws a SnapshotParseError naming the
 * file, the document, the item index, the object and the field. Kinds kubepath does not read are
 * skipped and counted. Pure: runs in the server, the CLI, tests and a browser Worker alike.
 */
import { isObj, PROJECTORS, ProjectionError, type Obj } from './project';
import {
  SNAPSHOT_KINDS,
  type ClusterSnapshot,
  type EndpointSliceRecord,
  type IngressClassRecord,
  type IngressRecord,
  type NamespaceRecord,
  type NetworkPolicyRecord,
  type NodeRecord,
  type PodRecord,
  type ServiceRecord,
  type SnapshotKind,
  type SnapshotMeta,
} from './records';

/** Default size cap for one snapshot file: 256 MiB. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Deepest JSON nesting accepted. Real API objects stay far below 40; anything deeper is hostile. */
export const MAX_DEPTH = 100;

/** Where in the input a problem was found. */
export interface ParseLocation {
  /** File name or label of the input. */
  source: string;
  /** 0-based index of the JSON document, when the input holds several. */
  document?: number;
  /** 0-based index of the object in its document's item list. */
  item?: number;
  /** `Kind namespace/name` of the object, when known. */
  object?: string;
  /** Field path inside the object. */
  field?: string;
  /** 1-based line and column, for syntax errors. */
  line?: number;
  column?: number;
}

export class SnapshotParseError extends Error {
  constructor(
    readonly location: ParseLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`);
    this.name = 'SnapshotParseError';
  }
}

function formatLocation(l: ParseLocation): string {
  const parts = [l.source];
  if (l.line !== undefined) parts.push(`line ${l.line}, column ${l.column ?? 0}`);
  if (l.document !== undefined) parts.push(`document ${l.document + 1}`);
  if (l.item !== undefined) parts.push(`item ${l.item}`);
  if (l.object) parts.push(l.object);
  if (l.field) parts.push(`field ${l.field}`);
  return parts.join(', ');
}

export interface ParseOptions {
  /** Name of the input for messages (file name); default "input". */
  source?: string;
  /** Size cap in bytes; default 256 MiB. */
  maxBytes?: number;
  /** The input's size in bytes when the caller knows it (File.size, fs.stat); else estimated. */
  byteLength?: number;
  /** Metadata to use where the input carries none. */
  meta?: Partial<SnapshotMeta>;
}

export interface ParseResult {
  snapshot: ClusterSnapshot;
  /** Objects of kinds kubepath does not read, counted by kind (skipped, not an error). */
  skippedKinds: Record<string, number>;
  /** Objects seen twice (same kind and uid): the later one was kept. */
  duplicates: number;
  /** Total objects read, skipped ones included. */
  objectCount: number;
}

/** Parses snapshot text (see the module comment for the accepted shapes). */
export function parseSnapshot(text: string, options: ParseOptions = {}): ParseResult {
  const source = options.source ?? 'input';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = options.byteLength ?? text.length;
  if (size > maxBytes) {
    throw new SnapshotParseError({ source }, `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
  }
  if (text.trim() === '') throw new SnapshotParseError({ source }, 'the input is empty');
  return snapshotFromDocuments(splitDocuments(text, source), options);
}

/**
 * Builds a snapshot from already-parsed JSON documents (each a List, an array or one object).
 * Used by parseSnapshot and by callers that hold parsed JSON already (embedded demos).
 */
export function snapshotFromDocuments(documents: readonly unknown[], options: ParseOptions = {}): ParseResult {
  const source = options.source ?? 'input';
  const skippedKinds: Record<string, number> = Object.create(null) as Record<string, number>;
  const byKind = new Map<SnapshotKind, Map<string, unknown>>(SNAPSHOT_KINDS.map((k) => [k, new Map()]));
  let meta: Partial<SnapshotMeta> = {};
  let duplicates = 0;
  let objectCount = 0;

  documents.forEach((doc, d) => {
    const docLoc: ParseLocation = documents.length > 1 ? { source, document: d } : { source };
    const { items, kubepath } = itemsOf(doc, docLoc);
    if (kubepath) meta = { ...meta, ...kubepath };
    items.forEach((item, i) => {
      objectCount++;
      const loc: ParseLocation = { ...docLoc, item: i };
      if (!isObj(item)) throw new SnapshotParseError(loc, 'expected an object');
      const kind = item['kind'];
      if (typeof kind !== 'string' || kind === '') throw new SnapshotParseError({ ...loc, field: 'kind' }, 'is required');
      if (!(SNAPSHOT_KINDS as readonly string[]).includes(kind)) {
        skippedKinds[kind] = (skippedKinds[kind] ?? 0) + 1;
        return;
      }
      const k = kind as SnapshotKind;
      let record: { uid: string };
      try {
        record = PROJECTORS[k](item) as { uid: string };
      } catch (e) {
        if (e instanceof ProjectionError) {
          throw new SnapshotParseError({ ...loc, object: describeObject(k, item), field: e.field }, e.message.slice(e.field.length + 2));
        }
        throw e;
      }
      const bucket = byKind.get(k) as Map<string, unknown>;
      if (bucket.has(record.uid)) duplicates++;
      bucket.set(record.uid, record);
    });
  });

  const list = <T>(k: SnapshotKind): T[] => [...(byKind.get(k) as Map<string, T>).values()];
  const snapshot: ClusterSnapshot = {
    meta: { source: 'snapshot', ...options.meta, ...meta },
    namespaces: list<NamespaceRecord>('Namespace'),
    nodes: list<NodeRecord>('Node'),
    pods: list<PodRecord>('Pod'),
    services: list<ServiceRecord>('Service'),
    endpointSlices: list<EndpointSliceRecord>('EndpointSlice'),
    ingresses: list<IngressRecord>('Ingress'),
    ingressClasses: list<IngressClassRecord>('IngressClass'),
    networkPolicies: list<NetworkPolicyRecord>('NetworkPolicy'),
  };
  return { snapshot, skippedKinds, duplicates, objectCount };
}

function describeObject(kind: string, item: Obj): string {
  const m = Object.prototype.hasOwnProperty.call(item, 'metadata') ? item['metadata'] : undefined;
  if (!isObj(m)) return kind;
  const ns = typeof m['namespace'] === 'string' ? `${m['namespace']}/` : '';
  const name = typeof m['name'] === 'string' ? m['name'] : '?';
  return `${kind} ${ns}${name}`;
}

/** The kubepath metadata block of a snapshot file. */
function readKubepathBlock(v: unknown, loc: ParseLocation): Partial<SnapshotMeta> {
  if (!isObj(v)) throw new SnapshotParseError({ ...loc, field: 'kubepath' }, 'expected an object');
  const out: Partial<SnapshotMeta> = {};
  const str = (key: string): string | undefined => {
    const s = Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
    if (s === undefined || s === null) return undefined;
    if (typeof s !== 'string') throw new SnapshotParseError({ ...loc, field: `kubepath.${key}` }, 'expected a string');
    return s;
  };
  const format = v['format'];
  if (format !== undefined && format !== 1) {
    throw new SnapshotParseError({ ...loc, field: 'kubepath.format' }, `unsupported snapshot format ${JSON.stringify(format)} (this kubepath reads format 1)`);
  }
  const takenAt = str('takenAt');
  const context = str('context');
  const serverVersion = str('serverVersion');
  if (takenAt) out.takenAt = takenAt;
  if (context) out.context = context;
  if (serverVersion) out.serverVersion = serverVersion;
  const demo = Object.prototype.hasOwnProperty.call(v, 'demo') ? v['demo'] : undefined;
  if (isObj(demo)) {
    if (typeof demo['title'] === 'string') out.title = demo['title'];
    if (typeof demo['description'] === 'string') out.description = demo['description'];
  }
  return out;
}

function itemsOf(doc: unknown, loc: ParseLocation): { items: readonly unknown[]; kubepath?: Partial<SnapshotMeta> } {
  if (Array.isArray(doc)) return { items: doc };
  if (!isObj(doc)) throw new SnapshotParseError(loc, 'expected a JSON object or array of Kubernetes objects');
  const kubepath = Object.prototype.hasOwnProperty.call(doc, 'kubepath') ? readKubepathBlock(doc['kubepath'], loc) : undefined;
  const kind = doc['kind'];
  if (typeof kind === 'string' && kind.endsWith('List')) {
    const items = doc['items'];
    if (items === undefined || items === null) return { items: [], ...(kubepath ? { kubepath } : {}) };
    if (!Array.isArray(items)) throw new SnapshotParseError({ ...loc, field: 'items' }, 'expected a list');
    return { items, ...(kubepath ? { kubepath } : {}) };
  }
  if (typeof kind === 'string') return { items: [doc] };
  throw new SnapshotParseError({ ...loc, field: 'kind' }, 'not a Kubernetes object or List (no kind)');
}

/**
 * Splits the input into JSON documents and parses each, checking nesting depth on the way.
 * One scan finds document boundaries and depth; JSON.parse then does the real parsing.
 */
function splitDocuments(text: string, source: string): unknown[] {
  const docs: unknown[] = [];
  let depth = 0;
  // Open bracket at each depth, so a mismatched close is reported where it happens.
  const open = new Uint8Array(MAX_DEPTH + 1);
  let start = -1;
  let lastEnd = 0;
  const n = text.length;
  // Jump from structural character to structural character; strings are skipped with indexOf,
  // which is far cheaper than visiting every character in JavaScript.
  const structural = /[{}[\]"]/g;
  let i = 0;
  for (;;) {
    structural.lastIndex = i;
    const m = structural.exec(text);
    if (!m) break;
    const at = m.index;
    const c = text.charCodeAt(at);
    if (depth === 0) {
      const gap = text.slice(lastEnd, at);
      const stray = /[^\s\ufeff]/.exec(gap);
      if (stray) throw syntaxError(text, lastEnd + stray.index, source, `unexpected '${stray[0]}' outside any object`);
    }
    if (c === 34 /* " */) {
      if (depth === 0) throw syntaxError(text, at, source, 'a string outside any object');
      let j = at + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) throw syntaxError(text, n, source, 'the JSON ends early (truncated file?)');
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      i = j + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === 0) start = at;
      if (++depth > MAX_DEPTH) throw syntaxError(text, at, source, `nesting deeper than ${MAX_DEPTH} levels`);
      open[depth] = c;
    } else {
      if (depth === 0 || open[depth] !== (c === 125 ? 123 : 91)) throw syntaxError(text, at, source, `unexpected '${String.fromCharCode(c)}'`);
      if (--depth === 0) {
        docs.push(parseJson(text.slice(start, at + 1), text, start, source));
        start = -1;
        lastEnd = at + 1;
      }
    }
    i = at + 1;
  }
  if (depth > 0) throw syntaxError(text, n, source, 'the JSON ends early (truncated file?)');
  const tail = /[^\s\ufeff]/.exec(text.slice(lastEnd));
  if (tail) throw syntaxError(text, lastEnd + tail.index, source, `unexpected '${tail[0]}' outside any object`);
  return docs;
}

function parseJson(slice: string, whole: string, offset: number, source: string): unknown {
  try {
    return JSON.parse(slice) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    // V8 does not always give a position; then the document's first character is the best we know.
    const at = offset + (pos ? Number(pos[1]) : 0);
    throw syntaxError(whole, at, source, `invalid JSON${pos ? '' : ' in the document starting here'} (${msg.replace(/^JSON\.parse: /, '')})`);
  }
}

function syntaxError(text: string, at: number, source: string, problem: string): SnapshotParseError {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return new SnapshotParseError({ source, line, column: at - lastNl }, problem);
}

/** "12.5 MiB", "3.0 KiB", "17 bytes": sizes in messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
