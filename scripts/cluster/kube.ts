// A deliberately small Kubernetes REST client for the test harness.
//
// It talks HTTPS to 127.0.0.1 only (Node's https module with the apiserver's self-signed CA and a
// bearer token), so the harness and the integration tests need neither kubectl nor a kubeconfig
// loader. It never calls pods/log, exec, attach, portforward or any proxy subresource: node and pod
// addresses in the test cluster are fake and must never be dialled.
import https from 'node:https';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  [k: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

export interface KubeList<T> {
  apiVersion?: string;
  kind: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A metav1.Status (error bodies). */
export interface Status {
  kind?: string;
  apiVersion?: string;
  status?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: StatusCause[] };
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface NodeAddress {
  type: string;
  address: string;
}

export interface Node extends KubeObject {
  spec?: { podCIDR?: string; podCIDRs?: string[]; taints?: Array<{ key: string; effect: string; value?: string }>; [k: string]: unknown };
  status?: { addresses?: NodeAddress[]; conditions?: Condition[]; [k: string]: unknown };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Pod extends KubeObject {
  spec?: { nodeName?: string; containers?: Array<{ name: string; image?: string; ports?: ContainerPort[] }>; [k: string]: unknown };
  status?: { phase?: string; podIP?: string; podIPs?: Array<{ ip: string }>; hostIP?: string; conditions?: Condition[]; [k: string]: unknown };
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    sessionAffinity?: string;
    externalTrafficPolicy?: string;
    [k: string]: unknown;
  };
}

export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: Array<{ name?: string; port?: number; protocol?: string }> | null;
}

// Raw Kubernetes JSON defaults to `any` so tests can poke at fields without declaring a type;
// pass a type parameter (Node, Pod, Service, EndpointSlice, KubeList<...>, Status) to get checks.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type RawJson = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface KubeResponse<T = RawJson> {
  status: number;
  body: T;
  text: string;
}

export class KubeError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const msg = typeof body === 'object' && body && 'message' in body ? String((body as Status).message) : String(body);
    super(`${method} ${path} -> ${status}: ${msg}`);
    this.name = 'KubeError';
  }
  /** The body as a Status, if it is one. */
  get statusBody(): Status | undefined {
    return typeof this.body === 'object' && this.body ? (this.body as Status) : undefined;
  }
  get reason(): string | undefined {
    return this.statusBody?.reason;
  }
}

export interface KubeClientOptions {
  /** https://127.0.0.1:<port> */
  server: string;
  /** PEM of the CA that signed the apiserver's serving cert (the self-signed cert itself). */
  ca: string;
  token: string;
  /** Per-request timeout in ms (default 30 s). Watches are not used by this client. */
  timeoutMs?: number;
}

interface ResourceInfo {
  name: string; // plural, e.g. "services"
  namespaced: boolean;
  kind: string;
}

const FORBIDDEN_SUBRESOURCES = /\/(log|exec|attach|portforward|proxy)(\/|\?|$)/;

export class KubeClient {
  readonly server: string;
  private readonly agent: https.Agent;
  private readonly discovery = new Map<string, Promise<ResourceInfo[]>>();

  constructor(readonly opts: KubeClientOptions) {
    const u = new URL(opts.server);
    if (u.hostname !== '127.0.0.1' && u.hostname !== '[::1]' && u.hostname !== 'localhost') {
      throw new Error(`KubeClient: refusing non-loopback server ${opts.server}`);
    }
    this.server = opts.server.replace(/\/$/, '');
    this.agent = new https.Agent({ ca: opts.ca, keepAlive: true, maxSockets: 8 });
  }

  /** A client for the same server with another bearer token (e.g. the viewer). */
  withToken(token: string): KubeClient {
    return new KubeClient({ ...this.opts, token });
  }

  close(): void {
    this.agent.destroy();
  }

  request<T = RawJson>(
    method: string,
    path: string,
    opts: { body?: unknown; contentType?: string; query?: Record<string, string | number | boolean | undefined> } = {},
  ): Promise<KubeResponse<T>> {
    if (FORBIDDEN_SUBRESOURCES.test(path.split('?')[0] ?? path)) {
      return Promise.reject(new Error(`KubeClient: ${path} would make the apiserver dial a fake node/pod address`));
    }
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const payload =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.opts.token}`,
            Accept: 'application/json',
            ...(payload !== undefined
              ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) }
              : {}),
          },
          timeout: this.opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              /* plain text (e.g. /readyz) */
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, text });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname}: timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request() but throws KubeError on any non-2xx status. */
  async call<T = RawJson>(
    method: string,
    path: string,
    opts: Parameters<KubeClient['request']>[2] = {},
  ): Promise<T> {
    const r = await this.request<T>(method, path, opts);
    if (r.status < 200 || r.status > 299) throw new KubeError(method, path, r.status, r.body);
    return r.body;
  }

  get<T = RawJson>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T> {
    return this.call<T>('GET', path, { query });
  }

  // ---- discovery-based paths ----------------------------------------------------------------

  private groupVersionResources(apiVersion: string): Promise<ResourceInfo[]> {
    let p = this.discovery.get(apiVersion);
    if (!p) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      p = this.get<{ resources: ResourceInfo[] }>(path).then((l) => l.resources);
      p.catch(() => this.discovery.delete(apiVersion));
      this.discovery.set(apiVersion, p);
    }
    return p;
  }

  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const list = await this.groupVersionResources(apiVersion);
    const r = list.find((x) => x.kind === kind && !x.name.includes('/'));
    if (!r) throw new Error(`the server does not serve kind ${kind} in ${apiVersion}`);
    return r;
  }

  /** True if the kind has the given subresource (e.g. "status"). */
  async hasSubresource(apiVersion: string, kind: string, sub: string): Promise<boolean> {
    const r = await this.resourceFor(apiVersion, kind);
    return (await this.groupVersionResources(apiVersion)).some((x) => x.name === `${r.name}/${sub}`);
  }

  /** Collection path of a kind, e.g. /api/v1/namespaces/ns/pods. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const r = await this.resourceFor(apiVersion, kind);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (r.namespaced) {
      if (!namespace) throw new Error(`${kind} is namespaced: a namespace is required`);
      return `${base}/namespaces/${encodeURIComponent(namespace)}/${r.name}`;
    }
    return `${base}/${r.name}`;
  }

  async objectPath(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<string> {
    if (!obj.metadata.name) throw new Error(`${obj.kind} without metadata.name`);
    const r = await this.resourceFor(obj.apiVersion, obj.kind);
    const coll = await this.collectionPath(obj.apiVersion, obj.kind, r.namespaced ? obj.metadata.namespace ?? 'default' : undefined);
    return `${coll}/${encodeURIComponent(obj.metadata.name)}`;
  }

  // ---- object verbs ---------------------------------------------------------------------------

  async create<T extends KubeObject>(obj: T, opts: { fieldValidation?: 'Strict' | 'Warn' | 'Ignore' } = {}): Promise<T> {
    const r = await this.resourceFor(obj.apiVersion, obj.kind);
    const path = await this.collectionPath(obj.apiVersion, obj.kind, r.namespaced ? obj.metadata.namespace ?? 'default' : undefined);
    return this.call<T>('POST', path, { body: obj, query: { fieldValidation: opts.fieldValidation ?? 'Strict' } });
  }

  /**
   * Server-side apply (PATCH application/apply-patch+yaml; JSON is YAML). Creates the object if
   * it does not exist. `subresource: 'status'` applies only the status.
   */
  async apply<T extends KubeObject>(
    obj: T,
    opts: { fieldManager?: string; force?: boolean; subresource?: 'status'; fieldValidation?: 'Strict' | 'Warn' | 'Ignore'; dryRun?: boolean } = {},
  ): Promise<T> {
    const path = (await this.objectPath(obj)) + (opts.subresource ? `/${opts.subresource}` : '');
    return this.call<T>('PATCH', path, {
      body: obj,
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager: opts.fieldManager ?? 'kubepath-test',
        force: opts.force ?? true,
        fieldValidation: opts.fieldValidation ?? 'Strict',
        dryRun: opts.dryRun ? 'All' : undefined,
      },
    });
  }

  /** JSON merge-patch (RFC 7386), e.g. of a status subresource. Lists are replaced whole. */
  async mergePatch<T = RawJson>(path: string, patch: unknown, opts: { fieldValidation?: 'Strict' | 'Warn' | 'Ignore'; fieldManager?: string } = {}): Promise<T> {
    return this.call<T>('PATCH', path, {
      body: patch,
      contentType: 'application/merge-patch+json',
      query: { fieldValidation: opts.fieldValidation ?? 'Strict', fieldManager: opts.fieldManager },
    });
  }

  /** DELETE; a 404 is not an error. Returns the HTTP status. */
  async delete(path: string, opts: { gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' } = {}): Promise<number> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    const r = await this.request('DELETE', path, { body });
    if (r.status !== 404 && (r.status < 200 || r.status > 299)) throw new KubeError('DELETE', path, r.status, r.body);
    return r.status;
  }

  async deleteObject(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, opts: Parameters<KubeClient['delete']>[1] = {}): Promise<number> {
    return this.delete(await this.objectPath(obj), opts);
  }
}

/** Polls `fn` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false | null>,
  opts: { timeoutMs?: number; intervalMs?: number; /** called outside the retry: a throw aborts the wait */ check?: () => void } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const intervalMs = opts.intervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    opts.check?.();
    try {
      const v = await fn();
      if (v !== undefined && v !== false && v !== null) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
