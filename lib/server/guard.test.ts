import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardRequest, hostAllowed } from './guard';

const req = (headers: Record<string, string>, method = 'GET') => new Request('http://127.0.0.1:3000/api/clusters', { method, headers });

describe('Host allowlist (DNS rebinding, D2)', () => {
  it.each([
    ['127.0.0.1:3000', true],
    ['localhost:3000', true],
    ['LOCALHOST', true],
    ['[::1]:3000', true],
    ['attacker.example', false],
    ['attacker.example:3000', false],
    ['127.0.0.1.nip.io:3000', false],
    ['127.0.0.1:3000@evil', false],
    ['', false],
  ])('%s → %s', (host, ok) => {
    expect(hostAllowed(host, [])).toBe(ok);
  });

  it('accepts a configured host name', () => {
    expect(hostAllowed('kubepath.internal:8443', ['kubepath.internal'])).toBe(true);
  });
});

describe('guardRequest (D3)', () => {
  it('passes same-origin browser requests and header-less local calls', () => {
    expect(guardRequest(req({ host: '127.0.0.1:3000' }))).toBeUndefined();
    expect(guardRequest(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
  });

  it.each([
    ['a foreign Host', { host: 'attacker.example' }],
    ['a foreign Origin', { host: '127.0.0.1:3000', origin: 'https://evil.example' }],
    ['Origin: null', { host: '127.0.0.1:3000', origin: 'null' }],
    ['another port on loopback', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:8080' }],
    ['Sec-Fetch-Site: cross-site', { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403 and no body', async (_name, headers) => {
    const r = guardRequest(req(headers as Record<string, string>));
    expect(r?.status).toBe(403);
    expect(await r?.text()).toBe('');
    expect(r?.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses anything but GET and HEAD (read-only, D7)', () => {
    expect(guardRequest(req({ host: '127.0.0.1:3000' }, 'POST'))?.status).toBe(405);
  });
});

describe('route inventory (D5)', () => {
  function routes(dir: string): string[] {
    return readdirSync(dir).flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? routes(p) : e === 'route.ts' ? [p] : [];
    });
  }

  it('every API route handler calls the shared guard first and exports GET only', () => {
    const files = routes(join(__dirname, '../../app/api'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).toMatch(/const refused = guardRequest\(req\);\s+if \(refused\) return refused;/);
      expect(src, f).not.toMatch(/export (async )?function (POST|PUT|PATCH|DELETE)/);
    }
  });
});
