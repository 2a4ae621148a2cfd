import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeConfigFor, loadKubeconfig } from './kubeconfig';

const dir = mkdtempSync(join(tmpdir(), 'kubepath-kc-'));
let n = 0;
function file(content: unknown): string {
  const p = join(dir, `config-${n++}`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const cluster = (name: string, server = 'https://127.0.0.1:6443', extra: Record<string, unknown> = {}) => ({ name, cluster: { server, ...extra } });
const user = (name: string, u: Record<string, unknown> = { token: 'x' }) => ({ name, user: u });
const ctx = (name: string, c: string, u: string, namespace?: string) => ({ name, context: { cluster: c, user: u, ...(namespace ? { namespace } : {}) } });
const config = (o: { clusters?: unknown[]; users?: unknown[]; contexts?: unknown[]; current?: string }) => ({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: o.clusters ?? [],
  users: o.users ?? [],
  contexts: o.contexts ?? [],
  'current-context': o.current ?? '',
});
const env = { HOME: dir };

describe('loadKubeconfig: one bad entry never breaks the rest (B1)', () => {
  it('merges several files like kubectl: first wins, current context from the first file that sets one', () => {
    const a = file(config({ clusters: [cluster('c1')], users: [user('u1')], contexts: [ctx('prod', 'c1', 'u1', 'shop')] }));
    const b = file(config({ clusters: [cluster('c1', 'https://10.0.0.1:6443'), cluster('c2', 'https://[fd00::1]:6443')], users: [user('u2')], contexts: [ctx('prod', 'c2', 'u2'), ctx('lab', 'c2', 'u2')], current: 'lab' }));
    const k = loadKubeconfig({ paths: [a, b], env });
    expect(k.contexts.map((c) => [c.name, c.cluster, c.namespace, c.current])).toEqual([
      ['prod', 'c1', 'shop', false],
      ['lab', 'c2', undefined, true],
    ]);
    expect(k.contexts.find((c) => c.name === 'prod')?.server).toBe('https://127.0.0.1:6443');
    expect(k.contexts.find((c) => c.name === 'lab')?.server).toBe('https://[fd00::1]:6443');
    expect(kubeConfigFor(k, 'lab').getCurrentCluster()?.server).toBe('https://[fd00::1]:6443');
  });

  it('reports an empty, invalid or missing file without losing the good ones', () => {
    const good = file(config({ clusters: [cluster('c')], users: [user('u')], contexts: [ctx('ok', 'c', 'u')], current: 'ok' }));
    const bad = file('clusters: [ this is : not yaml');
    const k = loadKubeconfig({ paths: [bad, join(dir, 'missing'), good], env });
    expect(k.contexts.map((c) => c.name)).toEqual(['ok']);
    expect(k.current).toBe('ok');
    expect(k.fileErrors.map((e) => e.error)).toEqual([expect.stringMatching(/^cannot read kubeconfig/), 'file not found']);
  });

  it('gives each broken context its own error', () => {
    const k = loadKubeconfig({
      paths: [
        file(
          config({
            clusters: [cluster('c'), cluster('plain', 'http://127.0.0.1:8080'), cluster('skip', 'https://127.0.0.1:6443', { 'insecure-skip-tls-verify': true })],
            users: [
              user('u'),
              user('gcp', { 'auth-provider': { name: 'gcp', config: {} } }),
              user('sh', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', 'touch /tmp/pwned'] } }),
              user('kl', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'kubelogin', args: ['get-token'] } }),
              user('shadow', { 'client-certificate': '/etc/shadow', 'client-key': '/etc/shadow' }),
            ],
            contexts: [ctx('good', 'c', 'u'), ctx('nocluster', 'missing', 'u'), ctx('nouser', 'c', 'ghost'), ctx('gcp', 'c', 'gcp'), ctx('sh', 'c', 'sh'), ctx('kl', 'c', 'kl'), ctx('shadow', 'c', 'shadow'), ctx('plain', 'plain', 'u'), ctx('skip', 'skip', 'u')],
          }),
        ),
      ],
      env,
    });
    const byName = Object.fromEntries(k.contexts.map((c) => [c.name, c]));
    expect(byName.good?.error).toBeUndefined();
    expect(byName.nocluster?.error).toBe('the context names a cluster that is not defined');
    expect(byName.nouser?.error).toBe('the context names a user (ghost) that is not defined');
    expect(byName.gcp?.error).toMatch(/auth-provider entries are not supported/);
    expect(byName.sh?.error).toMatch(/exec command "sh" is not on the allowlist/);
    expect(byName.kl?.error).toBeUndefined();
    expect(byName.shadow?.error).toMatch(/lies outside the allowed directories/);
    expect(byName.plain?.insecure).toMatch(/plain http/);
    expect(byName.skip?.insecure).toMatch(/insecure-skip-tls-verify/);
    expect(() => kubeConfigFor(k, 'sh')).toThrow(/context "sh": user sh: exec command/);
    expect(() => kubeConfigFor(k, 'nope')).toThrow(/no context "nope"/);
  });

  it('allows an exec plugin named in KUBEPATH_EXEC_ALLOWLIST', () => {
    const k = loadKubeconfig({
      paths: [file(config({ clusters: [cluster('c')], users: [user('x', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'my-sso' } })], contexts: [ctx('x', 'c', 'x')] }))],
      env: { ...env, KUBEPATH_EXEC_ALLOWLIST: 'my-sso' },
    });
    expect(k.contexts[0]?.error).toBeUndefined();
  });
});
