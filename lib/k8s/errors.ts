/**
 * Client failures as a small typed union (architecture.md §5): the UI and the CLI say what to do
 * about each one. Messages never carry credentials, request options or raw response bodies.
 */
export type KubeErrorKind =
  | 'unreachable' // connection refused, DNS failure, reset, timeout
  | 'tls' // certificate problems
  | 'unauthorized' // 401: credentials missing, expired or rejected
  | 'forbidden' // 403: RBAC
  | 'not-found' // 404
  | 'gone' // 410: resourceVersion too old (relist)
  | 'throttled' // 429
  | 'server' // 5xx
  | 'config' // kubeconfig problems
  | 'protocol'; // unexpected response shape

export class KubeApiError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** Milliseconds from Retry-After, when the server sent it. */
      retryAfterMs?: number;
      resource?: string;
      namespace?: string;
      verb?: string;
    } = {},
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** A sentence for the UI: what failed and what to do. */
export function describeKubeError(e: KubeApiError): string {
  const where = `${e.details.verb ?? 'access'} ${e.details.resource ?? 'resources'}${e.details.namespace ? ` in namespace ${e.details.namespace}` : ' cluster-wide'}`;
  switch (e.kind) {
    case 'forbidden':
      return `cannot ${where}: the credentials lack permission (ask for a Role with ${e.details.verb ?? 'list'} on ${e.details.resource ?? 'it'})`;
    case 'unauthorized':
      return `cannot ${where}: the API server rejected the credentials (expired or invalid; log in again)`;
    case 'unreachable':
      return `cannot reach the API server: ${e.message}`;
    case 'tls':
      return `TLS problem talking to the API server: ${e.message} (check the cluster's certificate-authority)`;
    case 'throttled':
      return `the API server is throttling requests; retrying${e.details.retryAfterMs ? ` in ${Math.ceil(e.details.retryAfterMs / 1000)} s` : ''}`;
    case 'server':
      return `the API server failed (${e.details.status ?? '5xx'}) to ${where}; retrying`;
    case 'config':
      return e.message;
    default:
      return e.message;
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Network-level failures (no HTTP status) as typed errors; only the error code is kept. */
export function fromNetworkError(err: unknown): KubeApiError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(code)) return new KubeApiError('tls', code || 'TLS handshake failed');
  const text: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EPIPE: 'connection closed',
  };
  return new KubeApiError('unreachable', text[code] ?? (code ? code.toLowerCase() : 'connection failed'));
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** HTTP status → typed error. */
export function fromStatus(status: number, info: { resource?: string; namespace?: string; verb?: string; retryAfter?: string | string[]; message?: string }): KubeApiError {
  const details = {
    status,
    ...(info.resource ? { resource: info.resource } : {}),
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(info.verb ? { verb: info.verb } : {}),
  };
  const msg = info.message ? info.message.slice(0, 300) : `HTTP ${status}`;
  if (status === 401) return new KubeApiError('unauthorized', msg, details);
  if (status === 403) return new KubeApiError('forbidden', msg, details);
  if (status === 404) return new KubeApiError('not-found', msg, details);
  if (status === 410) return new KubeApiError('gone', msg, details);
  if (status === 429) {
    const ra = retryAfterMs(info.retryAfter);
    return new KubeApiError('throttled', msg, { ...details, ...(ra !== undefined ? { retryAfterMs: ra } : {}) });
  }
  if (status >= 500) {
    const ra = retryAfterMs(info.retryAfter);
    return new KubeApiError('server', msg, { ...details, ...(ra !== undefined ? { retryAfterMs: ra } : {}) });
  }
  return new KubeApiError('protocol', msg, details);
}
