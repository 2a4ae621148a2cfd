/**
 * The production server for browser benchmarks, started exactly as `npm start` runs it (building
 * first when needed), on a port of the benchmark's choosing, and Debian's Chromium to drive it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM = process.env.KUBEPATH_CHROMIUM ?? '/usr/bin/chromium';

export async function startServer(port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, PORT: String(port), KUBEPATH_HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout?.on('data', () => {});
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/api/clusters`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the server did not start within 5 minutes');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}
