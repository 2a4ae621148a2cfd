/**
 * npm run bench:import — "Open snapshot" in headless Chromium against the production server: a
 * synthetic cluster's snapshot file (1k, 10k, 150k pods; synthetic-cluster.ts) chosen through the file
 * input, timed to the moment it is the cluster in the picker (read + parse in the Worker + the snapshot
 * handed back and stored) and to its first drawn frame, with the longest main-thread task inside the
 * import window (issue 6 / quality-and-scale.md B3: parsing off the main thread, tasks ≤ 200 ms).
 * Prints figures; asserts nothing.
 *
 * Usage: npm run bench:import -- [--sizes 1000,10000,150000] [--runs 1] [--port 3118]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startServer } from './server';
import { syntheticCluster } from './synthetic-cluster';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' }, port: { type: 'string' } } });
const sizes = (values.sizes ?? '1000,10000,150000').split(',').filter(Boolean).map(Number);
const runs = Math.max(1, Number(values.runs ?? 1));
const port = Number(values.port ?? 3118);
const base = `http://127.0.0.1:${port}`;

interface Task {
  start: number;
  duration: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubepath-bench-import-'));
  const server = await startServer(port);
  const browser = await launchChromium();
  try {
    console.log('pods     file MiB  in picker ms  longest task in import ms (tasks > 50 ms)  drawn ms');
    for (const pods of sizes) {
      const file = join(dir, `synthetic-${pods}.json`);
      const { text } = syntheticCluster({ pods });
      writeFileSync(file, text);
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        const page = await context.newPage();
        await page.goto(`${base}/?cluster=demo:seed`);
        await page.getByTestId('graph-canvas').and(page.locator('[data-graph-state="drawn"]')).waitFor({ timeout: 60_000 });
        await page.evaluate(() => {
          const w = window as unknown as { __tasks: { start: number; duration: number }[] };
          w.__tasks = [];
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
          }).observe({ type: 'longtask', buffered: false });
        });
        const t0 = await page.evaluate(() => performance.now());
        await page.getByTestId('open-snapshot-input').setInputFiles(file);
        await page.waitForFunction((id) => (document.querySelector('[data-testid="cluster-picker"]') as HTMLSelectElement | null)?.value === id, `snapshot:synthetic-${pods}`, { timeout: 600_000, polling: 20 });
        const t1 = await page.evaluate(() => performance.now());
        await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-graph-state') === 'drawn' && /synthetic/.test(location.search), undefined, { timeout: 600_000, polling: 50 });
        const t2 = await page.evaluate(() => performance.now());
        const tasks = (await page.evaluate(() => (window as unknown as { __tasks: Task[] }).__tasks)).filter((t) => t.start >= t0 && t.start < t1);
        const longest = Math.max(0, ...tasks.map((t) => t.duration));
        console.log(
          [
            String(pods).padEnd(8),
            (Buffer.byteLength(text) / 1024 / 1024).toFixed(1).padStart(8),
            (t1 - t0).toFixed(0).padStart(13),
            `${longest.toFixed(0)} (${tasks.length})`.padStart(42),
            (t2 - t0).toFixed(0).padStart(9),
          ].join(' '),
        );
        await context.close();
      }
      rmSync(file);
    }
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
