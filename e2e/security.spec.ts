import http from 'node:http';
import { expect, test } from '@playwright/test';

/** Raw HTTP with headers a browser would not let a page set (Host), against the production server. */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const base = new URL(test.info().project.use.baseURL as string);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ROUTES = ['/', '/api/clusters', '/api/clusters/demo:seed/topology', '/api/clusters/demo:seed/events'];

test('a foreign Host (DNS rebinding) gets 403 with no body on every route', async () => {
  for (const path of ROUTES) {
    for (const host of ['attacker.example', '127.0.0.1.nip.io:3107']) {
      const r = await get(path, { host });
      expect(r.status, `${path} with Host ${host}`).toBe(403);
      expect(r.body).toBe('');
    }
  }
});

test('cross-origin requests to the API and the stream get 403; same-origin ones work; no CORS headers', async () => {
  const base = new URL(test.info().project.use.baseURL as string);
  for (const path of ROUTES.slice(1)) {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const r = await get(path, { host: base.host, ...headers });
      expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  }
  const ok = await get('/api/clusters', { host: base.host, origin: base.origin, 'sec-fetch-site': 'same-origin' });
  expect(ok.status).toBe(200);
  expect(ok.headers['access-control-allow-origin']).toBeUndefined();
  expect(JSON.parse(ok.body).clusters.some((c: { id: string }) => c.id === 'demo:seed')).toBe(true);
});

test('every response carries the security headers; the CSP is nonce-based without unsafe-inline', async () => {
  const base = new URL(test.info().project.use.baseURL as string);
  for (const path of ['/', '/api/clusters']) {
    const r = await get(path, { host: base.host });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  }
  const api = await get('/api/clusters', { host: base.host });
  expect(api.headers['cache-control']).toContain('no-store');
});

test('the event stream starts with a snapshot and is not buffered', async () => {
  const base = new URL(test.info().project.use.baseURL as string);
  const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path: '/api/clusters/demo:reference/events', headers: { host: base.host, accept: 'text/event-stream' } }, (res) => {
      res.once('data', (c: Buffer) => {
        resolve({ headers: res.headers, chunk: c.toString() });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
  expect(first.headers['content-type']).toContain('text/event-stream');
  expect(first.headers['content-encoding']).toBeUndefined();
  expect(first.chunk).toMatch(/^id: 1\nevent: snapshot\ndata: /);
});

test('an unknown cluster ID is a 404 with a message that names it', async () => {
  const base = new URL(test.info().project.use.baseURL as string);
  for (const path of ['/api/clusters/demo:nope/topology', '/api/clusters/ctx:no-such-context/events']) {
    const r = await get(path, { host: base.host });
    expect(r.status, path).toBe(404);
    expect(JSON.parse(r.body)).toEqual({ error: 'not-found', message: `no cluster "${decodeURIComponent(path.split('/')[3] as string)}"` });
  }
});
