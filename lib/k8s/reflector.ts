import { PROJECTORS, ProjectionError } from '../snapshot/project';
import type { SnapshotKind } from '../snapshot/records';
import type { KindStatus } from '../snapshot/stream';
import { describeKubeError, KubeApiError } from './errors';
import type { KubeHttp } from './http';
import { collectionPath, type ResourceInfo } from './resources';

/**
 * One list+watch per resource kind (and namespace, in per-namespace mode), replacing client-node's
 * informer (quality-and-scale.md §2.3–2.5):
 * - paged LIST (`limit` + `continue`; a 410 on a continue token restarts the list), then WATCH from
 *   the list's resourceVersion with `allowWatchBookmarks` and a randomised server-side timeout;
 * - relist only on 410 / expired; never on 429 (wait `Retry-After`, re-watch from the same RV);
 * - jittered exponential backoff (0.8 s doubling to 30 s) on other failures; forbidden is re-probed
 *   rarely (5 min), not in a loop;
 * - an inactivity watchdog ends a silent watch (half-open TCP);
 * - objects are projected on arrival: full API objects are never kept, annotations/env never leave.
 */

export type Record_ = { uid: string };

export interface ReflectorSink {
  /** Everything in this reflector's scope after a (re)list; replaces what it reported before. */
  reset(records: Record_[]): void;
  upsert(record: Record_): void;
  remove(uid: string): void;
  status(status: KindStatus): void;
}

export interface ReflectorOptions {
  http: Pick<KubeHttp, 'getJson' | 'watch'>;
  resource: ResourceInfo;
  namespace?: string;
  sink: ReflectorSink;
  pageSize?: number;
  /** Server-side watch timeout in seconds (default: random 300–600, like client-go). */
  watchTimeoutSeconds?: () => number;
  /** End a watch that has been silent this long (default 150 s; bookmarks arrive about once a minute). */
  inactivityMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** How long to wait before probing a forbidden resource again (default 5 min). */
  forbiddenRetryMs?: number;
  random?: () => number;
  now?: () => number;
}

export interface ReflectorStats {
  lists: number;
  /** Relists caused by 410 Gone (watch or continue token). */
  relists: number;
  watches: number;
  failures: number;
  /** Objects that could not be projected (skipped). */
  badObjects: number;
}

interface ListEnvelope {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

interface WatchEvent {
  type?: string;
  object?: { metadata?: { uid?: string; resourceVersion?: string }; code?: number; message?: string; kind?: string };
}

export class Reflector {
  readonly stats: ReflectorStats = { lists: 0, relists: 0, watches: 0, failures: 0, badObjects: 0 };
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private rv: string | undefined;
  private loop: Promise<void> | undefined;
  private current: KindStatus = { state: 'syncing' };
  private readonly kind: SnapshotKind;
  private readonly opt: Required<Omit<ReflectorOptions, 'namespace' | 'http' | 'resource' | 'sink'>>;

  constructor(private readonly o: ReflectorOptions) {
    this.kind = o.resource.kind;
    this.opt = {
      pageSize: o.pageSize ?? 500,
      watchTimeoutSeconds: o.watchTimeoutSeconds ?? (() => 300 + Math.floor(Math.random() * 300)),
      inactivityMs: o.inactivityMs ?? 150_000,
      backoffInitialMs: o.backoffInitialMs ?? 800,
      backoffMaxMs: o.backoffMaxMs ?? 30_000,
      forbiddenRetryMs: o.forbiddenRetryMs ?? 300_000,
      random: o.random ?? Math.random,
      now: o.now ?? Date.now,
    };
  }

  get status(): KindStatus {
    return this.current;
  }

  /** One paged LIST into the sink, without watching (the CLI's `--context` reads). */
  async listOnce(): Promise<void> {
    await this.list();
  }

  start(): void {
    if (this.loop) return;
    this.setStatus({ state: 'syncing' });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private setStatus(s: KindStatus): void {
    const ns = this.o.namespace ? { namespaces: [this.o.namespace] } : {};
    this.current = { ...s, ...ns };
    this.o.sink.status(this.current);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Jittered exponential backoff: initial × 2^n capped, then ±50 % jitter so reflectors spread out. */
  private backoff(failures: number): number {
    const base = Math.min(this.opt.backoffMaxMs, this.opt.backoffInitialMs * 2 ** Math.min(failures, 16));
    return Math.round(base * (0.5 + this.opt.random()));
  }

  private project(o: unknown): Record_ | undefined {
    try {
      return PROJECTORS[this.kind](o as Record<string, unknown>) as Record_;
    } catch (e) {
      if (e instanceof ProjectionError) {
        this.stats.badObjects++;
        return undefined;
      }
      throw e;
    }
  }

  private path(params: Record<string, string>): string {
    const q = new URLSearchParams(params).toString();
    return `${collectionPath(this.o.resource, this.o.namespace)}?${q}`;
  }

  private meta(verb: string): { resource: string; verb: string; namespace?: string; signal: AbortSignal } {
    this.abort = new AbortController();
    return { resource: this.o.resource.resource, verb, ...(this.o.namespace ? { namespace: this.o.namespace } : {}), signal: this.abort.signal };
  }

  private async list(): Promise<void> {
    this.stats.lists++;
    const records: Record_[] = [];
    let cont: string | undefined;
    let rv: string | undefined;
    for (;;) {
      const params: Record<string, string> = { limit: String(this.opt.pageSize) };
      if (cont) params.continue = cont;
      let page: ListEnvelope;
      try {
        page = (await this.o.http.getJson(this.path(params), this.meta('list'))) as ListEnvelope;
      } catch (e) {
        if (e instanceof KubeApiError && e.kind === 'gone' && cont) {
          // The continue token expired mid-list: start over on a fresh snapshot (never unpaged).
          this.stats.relists++;
          records.length = 0;
          cont = undefined;
          continue;
        }
        throw e;
      }
      for (const item of page.items ?? []) {
        const r = this.project(item);
        if (r) records.push(r);
      }
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue || undefined;
      if (!cont) break;
    }
    this.rv = rv;
    this.o.sink.reset(records);
  }

  private async watchOnce(): Promise<{ events: number }> {
    this.stats.watches++;
    let events = 0;
    let lastActivity = this.opt.now();
    const meta = this.meta('watch');
    const watchdog = setInterval(() => {
      if (this.opt.now() - lastActivity > this.opt.inactivityMs) this.abort?.abort(new Error('inactive'));
    }, Math.min(5_000, this.opt.inactivityMs));
    try {
      await this.o.http.watch(
        this.path({ watch: '1', allowWatchBookmarks: 'true', resourceVersion: this.rv ?? '', timeoutSeconds: String(this.opt.watchTimeoutSeconds()) }),
        {
          ...meta,
          onActivity: () => {
            lastActivity = this.opt.now();
          },
          // The watch is established: the data is current again (an outage ends here, not when
          // this long-lived watch eventually closes).
          onOpen: () => this.recovered(),
          onLine: (line) => {
            let ev: WatchEvent;
            try {
              ev = JSON.parse(line) as WatchEvent;
            } catch {
              this.stats.badObjects++;
              return;
            }
            events++;
            const obj = ev.object;
            if (ev.type === 'ERROR') {
              const code = obj?.code ?? 0;
              throw new KubeApiError(code === 410 ? 'gone' : code >= 500 ? 'server' : 'protocol', obj?.message?.slice(0, 200) ?? `watch error ${code}`, { status: code, resource: this.o.resource.resource });
            }
            const newRv = obj?.metadata?.resourceVersion;
            if (ev.type === 'BOOKMARK') {
              if (newRv) this.rv = newRv;
              return;
            }
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
              const r = this.project(obj);
              if (r) this.o.sink.upsert(r);
            } else if (ev.type === 'DELETED') {
              const uid = obj?.metadata?.uid;
              if (uid) this.o.sink.remove(uid);
            }
            if (newRv) this.rv = newRv;
          },
        },
      );
    } catch (e) {
      if (this.stopped) return { events };
      if ((e as Error).name === 'AbortError') {
        // The watchdog ended a silent watch: reconnect from the same resourceVersion.
        throw new KubeApiError('unreachable', 'the watch went silent');
      }
      throw e;
    } finally {
      clearInterval(watchdog);
    }
    return { events };
  }

  private failures = 0;
  private failingSince: number | undefined;

  /** A LIST or WATCH succeeded: back to live, backoff reset. */
  private recovered(): void {
    this.failures = 0;
    this.failingSince = undefined;
    if (this.current.state !== 'live') this.setStatus({ state: 'live', since: new Date(this.opt.now()).toISOString() });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.rv === undefined) {
          await this.list();
          this.recovered();
        }
        const started = this.opt.now();
        const { events } = await this.watchOnce();
        if (this.stopped) break;
        // A watch the server ends at once with nothing in it would otherwise spin (client-node#1933).
        if (events === 0 && this.opt.now() - started < 1_000) await this.sleep(this.backoff(this.failures++));
      } catch (e) {
        if (this.stopped) break;
        this.stats.failures++;
        const err = e instanceof KubeApiError ? e : new KubeApiError('protocol', (e as Error).message?.slice(0, 200) ?? 'unexpected failure');
        if (err.kind === 'gone') {
          this.stats.relists++;
          this.rv = undefined;
          continue;
        }
        this.failingSince ??= this.opt.now();
        const since = new Date(this.failingSince).toISOString();
        if (err.kind === 'forbidden') {
          this.setStatus({ state: 'forbidden', since, message: describeKubeError(err) });
          this.rv = undefined;
          await this.sleep(this.opt.forbiddenRetryMs);
          continue;
        }
        if (err.kind === 'throttled') {
          this.setStatus({ state: 'throttled', since, message: describeKubeError(err) });
          await this.sleep(err.details.retryAfterMs ?? this.backoff(this.failures++));
          continue;
        }
        const hadData = this.current.state === 'live' || this.current.state === 'stale' || this.current.state === 'throttled';
        this.setStatus({ state: hadData ? 'stale' : 'error', since, message: describeKubeError(err) });
        const wait = Math.max(err.details.retryAfterMs ?? 0, this.backoff(this.failures++));
        await this.sleep(wait);
      }
    }
  }
}
