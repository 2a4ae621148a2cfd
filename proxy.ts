import { NextResponse, type NextRequest } from 'next/server';
import { forbidden, hostAllowed } from '@/lib/server/guard';

/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware): refuses foreign Host headers
 * (DNS rebinding, D2) and sets the security headers of quality-and-scale.md §1.6 with a per-request
 * CSP nonce. Route handlers still call guardRequest themselves: this is never the only check (D5).
 */
export function proxy(request: NextRequest): NextResponse | Response {
  if (!hostAllowed(request.headers.get('host'))) return forbidden();
  const nonce = btoa(crypto.randomUUID());
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    // The snapshot reader (components/snapshot-worker.ts) is a same-origin module Worker.
    "worker-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'no-referrer');
  response.headers.set('cross-origin-opener-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  if (request.nextUrl.pathname.startsWith('/api/')) response.headers.set('cache-control', 'no-store');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
