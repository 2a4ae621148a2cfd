import { config } from './config';

/**
 * The shared request guard every route handler calls first (quality-and-scale.md D2, D3, D5):
 * - Host must be a loopback name (localhost, 127.0.0.1, [::1]) or a configured host: DNS rebinding
 *   sends a foreign Host;
 * - on API and stream routes, a cross-origin browser request is refused: an Origin other than our own
 *   (including `null`), or `Sec-Fetch-Site` cross-site/same-site. Requests without these headers
 *   (curl, the CLI) are same-user local calls and pass.
 * Refusals are 403 with no body. No CORS header is ever sent.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostName(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  return m ? (m[1] as string).toLowerCase() : undefined;
}

export function hostAllowed(hostHeader: string | null, allowed: readonly string[] = config().allowedHosts): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  return name !== undefined && (LOOPBACK.has(name) || allowed.includes(name));
}

export function forbidden(): Response {
  return new Response(null, { status: 403, headers: { 'cache-control': 'no-store' } });
}

/** Returns a 403 response when the request must be refused, else undefined. */
export function guardRequest(req: Request, opts: { api: boolean } = { api: true }): Response | undefined {
  const host = req.headers.get('host');
  if (!hostAllowed(host)) return forbidden();
  if (!opts.api) return undefined;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return forbidden();
  const origin = req.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return forbidden();
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return forbidden();
    }
    if (u.host.toLowerCase() !== (host ?? '').toLowerCase() || (u.protocol !== 'http:' && u.protocol !== 'https:')) return forbidden();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  return undefined;
}
