#!/usr/bin/env node
// `npm start`: builds the app when there is no build or the sources changed since the last one,
// then serves it on 127.0.0.1 (loopback only unless KUBEPATH_HOST says otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const host = process.env.KUBEPATH_HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`kubepath: PORT must be a number from 1 to 65535 (got "${port}")`);
  process.exit(2);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = join(root, '.next', 'BUILD_ID');
const sources = ['app', 'components', 'lib', 'public'].map((d) => join(root, d)).filter(existsSync);
const configFiles = ['next.config.ts', 'proxy.ts', 'package.json', 'postcss.config.mjs'].map((f) => join(root, f)).filter(existsSync);
const stale =
  !existsSync(buildId) ||
  Math.max(...sources.map(newestMtime), ...configFiles.map((f) => statSync(f).mtimeMs)) > statSync(buildId).mtimeMs;
if (stale) {
  console.log('kubepath: building the dashboard (first start or sources changed)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) {
    console.error('kubepath: the build failed; see the messages above');
    process.exit(r.status ?? 1);
  }
}
console.log(`kubepath: serving on http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
const child = spawn(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--hostname', host, '--port', port], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
