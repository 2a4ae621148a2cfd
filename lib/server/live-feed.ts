import { discoverScope } from '../k8s/discover';
import type { KubeHttp } from '../k8s/http';
import { Reflector, type Record_, type ReflectorOptions } from '../k8s/reflector';
import { RESOURCES, type ResourceInfo } from '../k8s/resources';
import { recordsEqual } from '../model/equal';
import { SNAPSHOT_KINDS, emptySnapshot, type SnapshotKind } from '../snapshot/records';
import { fieldOf, type Change, type ClusterStatus, type DeltaMessage, type KindStatus, type SnapshotMessage } from '../snapshot/stream';
import type { ClusterFeed } from './feed';

/**
 * A live cluster: one reflector set per cluster (per kind, or per kind and namespace when
 * cluster-wide listing is forbidden), shared by every browser tab and API caller. Changes are
 * batched into deltas at most every 100 ms; recent deltas are kept so a reconnecting stream can
 * resume with Last-Event-ID. Stopped when idle.
 */

export interface LiveFeedOptions {
  id: string;
  context: string;
  http: Pick<KubeHttp, 'getJson' | 'watch'>;
  /** Namespaces to try when cluster-wide listing of a kind is forbidden (the context's namespace first). */
  fallbackNamespaces?: string[];
  /** Milliseconds between delta batches (default 100). */
  batchMs?: number;
  /** Deltas kept for resuming streams (default 1000). */
  historySize?: number;
  /** Longest wait in `current()` for the first sync before answering with what is there (default 15 s). */
  firstSyncTimeoutMs?: number;
  /** Passed to every reflector (tests shorten timings). */
  reflector?: Partial<Omit<ReflectorOptions, 'http' | 'resource' | 'namespace' | 'sink'>>;
}

interface Scope {
  reflector: Reflector;
  namespace?: string;
  /** UIDs this reflector reported, so a relist can compute what disappeared. */
  uids: Set<string>;
  status: KindStatus;
}

export class LiveFeed implements ClusterFeed {
  readonly id: string;
  private readonly stores = new Map<SnapshotKind, Map<string, Record_>>();
  private readonly scopes = new Map<SnapshotKind, Scope[]>();
  private readonly kindStatus = new Map<SnapshotKind, KindStatus>();
  private readonly listeners = new Set<(d: DeltaMessage) => void>();
  private readonly history: DeltaMessage[] = [];
  private pending: Change[] = [];
  private statusDirty = false;
  private version = 1;
  private lastFlush = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private started: Promise<void> | undefined;
  private serverVersion: string | undefined;
  private stopped = false;
  /** Last time anything used this feed (for idle stop). */
  lastUsed = Date.now();

  constructor(private readonly o: LiveFeedOptions) {
    this.id = o.id;
    for (const k of SNAPSHOT_KINDS) {
      this.stores.set(k, new Map());
      this.kindStatus.set(k, { state: 'syncing' });
    }
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Reflector statistics per kind (tests and diagnostics). */
  stats(): Record<string, { lists: number; relists: number; watches: number; failures: number }> {
    const out: Record<string, { lists: number; relists: number; watches: number; failures: number }> = {};
    for (const [kind, scopes] of this.scopes) {
      for (const s of scopes) out[s.namespace ? `${kind}/${s.namespace}` : kind] = { ...s.reflector.stats };
    }
    return out;
  }

  /** Number of reflectors (each holds at most one watch connection). */
  get reflectorCount(): number {
    let n = 0;
    for (const s of this.scopes.values()) n += s.length;
    return n;
  }

  start(): Promise<void> {
    this.started ??= this.discoverAndStart();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await Promise.all([...this.scopes.values()].flat().map((s) => s.reflector.stop()));
    this.listeners.clear();
  }

  /** Probes each kind (cluster-wide, else per namespace) and starts its reflectors. */
  private async discoverAndStart(): Promise<void> {
    try {
      const v = (await this.o.http.getJson('/version', { timeoutMs: 10_000 })) as { gitVersion?: string };
      if (typeof v.gitVersion === 'string') this.serverVersion = v.gitVersion;
    } catch {
      // The version only labels the view; the reflectors report reachability themselves.
    }
    await Promise.all(SNAPSHOT_KINDS.map((k) => this.startKind(RESOURCES[k])));
  }

  private async startKind(r: ResourceInfo): Promise<void> {
    const scope = await discoverScope(this.o.http, r, this.o.fallbackNamespaces ?? []);
    if (!scope.clusterWide && scope.namespaces.length > 0) {
      for (const ns of scope.namespaces) this.addScope(r, ns);
      return;
    }
    // Cluster-wide; when forbidden, its reflector reports "forbidden" and re-probes rarely (5 min).
    this.addScope(r);
  }

  private addScope(r: ResourceInfo, namespace?: string): void {
    if (this.stopped) return;
    const scope: Scope = { uids: new Set(), status: { state: 'syncing' }, ...(namespace ? { namespace } : {}) } as Scope;
    scope.reflector = new Reflector({
      ...this.o.reflector,
      http: this.o.http,
      resource: r,
      ...(namespace ? { namespace } : {}),
      sink: {
        reset: (records) => this.onReset(r.kind, scope, records),
        upsert: (record) => this.onUpsert(r.kind, scope, record),
        remove: (uid) => this.onRemove(r.kind, scope, uid),
        status: (s) => {
          scope.status = s;
          this.recomputeStatus(r.kind);
        },
      },
    });
    const list = this.scopes.get(r.kind);
    if (list) list.push(scope);
    else this.scopes.set(r.kind, [scope]);
    scope.reflector.start();
  }

  private recomputeStatus(kind: SnapshotKind): void {
    const scopes = this.scopes.get(kind) ?? [];
    const states = scopes.map((s) => s.status);
    const namespaces = scopes.flatMap((s) => (s.namespace ? [s.namespace] : []));
    // The worst state wins; per-namespace scopes list where data comes from.
    const order: KindStatus['state'][] = ['error', 'forbidden', 'stale', 'throttled', 'syncing', 'live'];
    const worst = [...states].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))[0] ?? { state: 'syncing' };
    const { namespaces: _own, ...base } = worst;
    void _own;
    const next: KindStatus = namespaces.length ? { ...base, namespaces } : base;
    const prev = this.kindStatus.get(kind);
    if (JSON.stringify(prev) !== JSON.stringify(next)) {
      this.kindStatus.set(kind, next);
      this.statusDirty = true;
      this.schedule();
    }
  }

  private onUpsert(kind: SnapshotKind, scope: Scope, record: Record_): void {
    scope.uids.add(record.uid);
    const store = this.stores.get(kind) as Map<string, Record_>;
    // Updates that change nothing kubepath reads (status heartbeats, annotations) are dropped here.
    if (recordsEqual(store.get(record.uid), record)) return;
    store.set(record.uid, record);
    this.pending.push({ op: 'upsert', kind, record } as Change);
    this.schedule();
  }

  private onRemove(kind: SnapshotKind, scope: Scope, uid: string): void {
    scope.uids.delete(uid);
    const store = this.stores.get(kind) as Map<string, Record_>;
    if (!store.delete(uid)) return;
    this.pending.push({ op: 'delete', kind, uid });
    this.schedule();
  }

  private onReset(kind: SnapshotKind, scope: Scope, records: Record_[]): void {
    const seen = new Set<string>();
    for (const r of records) {
      seen.add(r.uid);
      this.onUpsert(kind, scope, r);
    }
    for (const uid of [...scope.uids]) if (!seen.has(uid)) this.onRemove(kind, scope, uid);
  }

  private schedule(): void {
    if (this.flushTimer || this.stopped) return;
    const wait = Math.max(0, this.lastFlush + (this.o.batchMs ?? 100) - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private statusObject(): ClusterStatus {
    const out: ClusterStatus = {};
    for (const [k, s] of this.kindStatus) out[k] = s;
    return out;
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlush = Date.now();
    if (this.pending.length === 0 && !this.statusDirty) return;
    const delta: DeltaMessage = { version: ++this.version, changes: this.pending, ...(this.statusDirty ? { status: this.statusObject() } : {}) };
    this.pending = [];
    this.statusDirty = false;
    this.history.push(delta);
    if (this.history.length > (this.o.historySize ?? 1000)) this.history.shift();
    for (const l of this.listeners) l(delta);
  }

  private synced(): boolean {
    return [...this.kindStatus.values()].every((s) => s.state !== 'syncing');
  }

  async current(): Promise<SnapshotMessage> {
    this.lastUsed = Date.now();
    await this.start();
    const deadline = Date.now() + (this.o.firstSyncTimeoutMs ?? 15_000);
    while (!this.synced() && Date.now() < deadline && !this.stopped) await new Promise((r) => setTimeout(r, 25));
    // Pending changes go out first, so the snapshot's version covers everything in it.
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flush();
    }
    const snapshot = emptySnapshot({ source: 'live', context: this.o.context, takenAt: new Date().toISOString(), ...(this.serverVersion ? { serverVersion: this.serverVersion } : {}) });
    for (const k of SNAPSHOT_KINDS) (snapshot as unknown as Record<string, Record_[]>)[fieldOf(k)] = [...(this.stores.get(k) as Map<string, Record_>).values()];
    return { version: this.version, snapshot, status: this.statusObject() };
  }

  since(version: number): DeltaMessage[] | undefined {
    this.lastUsed = Date.now();
    if (version === this.version) return [];
    const first = this.history[0];
    if (!first || version < first.version - 1 || version > this.version) return undefined;
    return this.history.filter((d) => d.version > version);
  }

  subscribe(listener: (delta: DeltaMessage) => void): () => void {
    this.lastUsed = Date.now();
    void this.start();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.lastUsed = Date.now();
    };
  }
}
