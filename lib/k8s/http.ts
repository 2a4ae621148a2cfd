import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { fromNetworkError, fromStatus, KubeApiError } from './errors';

/**
 * Requests to the API server with the TLS and credentials of a client-node KubeConfig
 * (`applyToHTTPSOptions`: CA, client certificates, bearer tokens, exec plugins). Paged LISTs are
 * read as JSON per page; WATCHes are streamed line by line. No request option, header or raw error
 * object is ever logged or returned (D11).
 */

export interface RequestMeta {
  resource?: string;
  namespace?: string;
  verb?: string;
  signal?: AbortSignal;
  /** Whole-request timeout for non-streaming requests (default 60 s). */
  timeoutMs?: number;
}

/** Largest response body accepted for one page (a 500-item page of heavy pods is ~30 MiB). */
const MAX_BODY = 256 * 1024 * 1024;

export class KubeHttp {
  private readonly base: string;

  constructor(private readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) throw new KubeApiError('config', 'the context has no cluster server');
    this.base = cluster.server.replace(/\/+$/, '');
  }

  /** The API server URL (for the operator; never sent to a browser). */
  get server(): string {
    return this.base;
  }

  private async open(path: string, meta: RequestMeta, accept: string): Promise<http.IncomingMessage> {
    const opts: https.RequestOptions = { headers: { accept, 'user-agent': 'kubepath' } };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw new KubeApiError('unauthorized', `cannot get credentials: ${(e as Error).message.split('\n')[0]?.slice(0, 200) ?? ''}`);
    }
    const url = new URL(this.base + path);
    const mod = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { ...opts, method: 'GET', ...(meta.signal ? { signal: meta.signal } : {}) }, resolve);
      req.on('error', (err) => {
        if ((err as Error).name === 'AbortError') reject(err);
        else reject(fromNetworkError(err));
      });
      if (meta.timeoutMs !== undefined) {
        req.setTimeout(meta.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      }
      req.end();
    });
  }

  private async failure(res: http.IncomingMessage, meta: RequestMeta): Promise<KubeApiError> {
    let text = '';
    try {
      text = (await readBody(res, 64 * 1024)).toString('utf8');
    } catch {
      // the status alone is enough
    }
    let message: string | undefined;
    try {
      const s = JSON.parse(text) as { message?: unknown };
      if (typeof s.message === 'string') message = s.message;
    } catch {
      // not a Status object
    }
    return fromStatus(res.statusCode ?? 0, {
      ...(meta.resource ? { resource: meta.resource } : {}),
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      ...(meta.verb ? { verb: meta.verb } : {}),
      ...(res.headers['retry-after'] ? { retryAfter: res.headers['retry-after'] } : {}),
      ...(message ? { message } : {}),
    });
  }

  /** GET returning parsed JSON; typed errors for every failure. */
  async getJson(path: string, meta: RequestMeta = {}): Promise<unknown> {
    const res = await this.open(path, { timeoutMs: 60_000, ...meta }, 'application/json');
    if ((res.statusCode ?? 0) >= 400) throw await this.failure(res, meta);
    const body = await readBody(res, MAX_BODY).catch((e: unknown) => {
      throw e instanceof KubeApiError ? e : fromNetworkError(e);
    });
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new KubeApiError('protocol', `the API server sent invalid JSON for ${path.split('?')[0]}`);
    }
  }

  /**
   * Streams a WATCH: calls `onLine` for every JSON line and `onActivity` for every chunk (the
   * inactivity watchdog). Resolves when the server ends the stream; rejects with a typed error.
   */
  async watch(path: string, meta: RequestMeta & { onLine: (line: string) => void; onActivity?: () => void; onOpen?: () => void }): Promise<void> {
    const res = await this.open(path, meta, 'application/json');
    if ((res.statusCode ?? 0) >= 400) throw await this.failure(res, meta);
    meta.onOpen?.();
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        meta.onActivity?.();
        buffered += chunk;
        let nl = buffered.indexOf('\n');
        while (nl >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) {
            try {
              meta.onLine(line);
            } catch (e) {
              // Settle first: destroying the response emits 'aborted'/'close' synchronously.
              reject(e);
              res.destroy();
              return;
            }
          }
          nl = buffered.indexOf('\n');
        }
      });
      let ended = false;
      res.on('end', () => {
        ended = true;
        const rest = buffered.trim();
        try {
          if (rest) meta.onLine(rest);
        } catch (e) {
          reject(e);
          return;
        }
        resolve();
      });
      // An aborted request (stop, watchdog) or a dropped connection may end with 'close' only.
      res.on('close', () => {
        if (!ended) reject(meta.signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : fromNetworkError(Object.assign(new Error('closed'), { code: 'ECONNRESET' })));
      });
      res.on('aborted', () => reject(fromNetworkError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))));
      res.on('error', (err) => reject((err as Error).name === 'AbortError' ? err : fromNetworkError(err)));
    });
  }
}

function readBody(res: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new KubeApiError('protocol', `response larger than ${Math.round(max / 1024 / 1024)} MiB`));
        res.destroy();
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}
