/**
 * npm run bench:ui — the graph view in headless Chromium (Debian's /usr/bin/chromium) against the
 * production server: time from navigation to the first frame with the graph drawn, and the JS heap,
 * for the `reference` demo and synthetic clusters of 1k, 10k and 150k pods (the last two aggregated),
 * plus the time to expand one aggregate. Prints figures; asserts only the hard element cap.
 *
 * Synthetic clusters never touch the kubepath server: the browser's request for
 * /api/clusters/ctx:synthetic-N/events is redirected by Playwright's request interception to a
 * small HTTP server in this process that sends the same `snapshot` event the kubepath server would
 * (Playwright's own `fulfill` cannot carry the 100 MB body of the 150k cluster). Nothing of this exists
 * in the production build.
 *
 * Usage: npm run bench:ui -- [--sizes 1000,10000,150000] [--runs 1] [--port 3117] [--no-reference]
 * Each run opens a fresh browser context (empty HTTP cache: the app's scripts are fetched and compiled
 * again), after one warm-up page load so the server has compiled its routes. Heap is measured after a
 * forced GC, once right after the first frame and once when the findings are in ("settled").
 * Targets (issue 5): reference and 1k ≤ 1 s; 10k ≤ 2.5 s; 150k ≤ 4 s and ≤ 300 MB heap; expand ≤ 300 ms.
 */
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { parseSnapshot } from '../../lib/snapshot/parse';
import { SNAPSHOT_KINDS } from '../../lib/snapshot/records';
import type { ClusterStatus, SnapshotMessage } from '../../lib/snapshot/stream';
import { launchChromium, startServer } from './server';
import { syntheticCluster } from './synthetic-cluster';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    port: { type: 'string' },
    'no-reference': { type: 'boolean' },
  },
});
const sizes = (values.sizes ?? '1000,10000,150000').split(',').filter(Boolean).map(Number);
const runs = Math.max(1, Number(values.runs ?? 1));
const port = Number(values.port ?? 3117);
const base = `http://127.0.0.1:${port}`;

/** The `snapshot` event body for a synthetic cluster, as the server's SSE route frames it. */
function syntheticEvent(pods: number): { id: string; body: string; counts: ReturnType<typeof syntheticCluster>['counts'] } {
  const { text, counts } = syntheticCluster({ pods });
  const { snapshot } = parseSnapshot(text, { source: `synthetic-${pods}` });
  const status: ClusterStatus = {};
  for (const k of SNAPSHOT_KINDS) status[k] = { state: 'live' };
  const message: SnapshotMessage = { version: 1, snapshot: { ...snapshot, meta: { ...snapshot.meta, source: 'snapshot' } }, status };
  // A long retry: after this one event the response ends, and the browser must not come back during the run.
  return { id: `ctx:synthetic-${pods}`, body: `retry: 600000\nid: 1\nevent: snapshot\ndata: ${JSON.stringify(message)}\n\n`, counts };
}

interface Figures {
  firstFrameMs: number;
  /** When the snapshot event had been parsed, and when the first elements were built (ms after navigation). */
  parsedMs: number;
  builtMs: number;
  elements: number;
  heapFirstMB: number;
  heapSettledMB: number;
  expandMs?: number;
  expandedElements?: number;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Serves each synthetic cluster's event body at /<cluster id>, once per request. */
function eventServer(bodies: ReadonlyMap<string, Buffer>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const body = bodies.get(decodeURIComponent((req.url ?? '/').slice(1)));
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(body.length) });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function measure(browser: Browser, clusterId: string, eventsUrl?: string): Promise<Figures> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  if (eventsUrl) {
    let served = false;
    await page.route(`**/api/clusters/${encodeURIComponent(clusterId)}/events`, async (route) => {
      if (served) return route.fulfill({ status: 204 });
      served = true;
      return route.continue({ url: eventsUrl });
    });
  }
  await page.goto(`${base}/?cluster=${clusterId}`);
  await page.waitForSelector('[data-testid="graph-canvas"][data-graph-state="drawn"]', { timeout: 120_000 });
  const first = await page.evaluate(() => {
    const marks = performance.getEntriesByName('kubepath:graph-drawn') as PerformanceMark[];
    const m = marks.find((x) => (x.detail as { elements: number }).elements > 0);
    // No named helper functions in here: tsx would wrap them in a `__name` call the page does not have.
    const parsed = performance.getEntriesByName('kubepath:snapshot-parsed')[0]?.startTime ?? Number.NaN;
    const built = performance.getEntriesByName('kubepath:elements-built')[0]?.startTime ?? Number.NaN;
    return m ? { t: m.startTime, elements: (m.detail as { elements: number }).elements, parsed, built } : undefined;
  });
  if (!first) throw new Error('no drawn frame recorded');
  const heapFirstMB = await heapMB(page);
  await page.waitForSelector('[data-testid="findings-section"][data-pending="false"]', { timeout: 120_000 });
  const heapSettledMB = await heapMB(page);
  const figures: Figures = { firstFrameMs: first.t, parsedMs: first.parsed, builtMs: first.built, elements: first.elements, heapFirstMB, heapSettledMB };
  const toggle = page.locator('[data-testid^="element-agg:"] > div > button[aria-expanded="false"]').first();
  if ((await toggle.count()) > 0) {
    const before = Number(await page.getAttribute('[data-testid="graph-canvas"]', 'data-graph-version'));
    const handle = await toggle.elementHandle();
    const t0 = await page.evaluate((b) => {
      const t = performance.now();
      (b as HTMLButtonElement).click();
      return t;
    }, handle);
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-graph-version')) > v, before, { timeout: 60_000 });
    const after = await page.evaluate(() => {
      const marks = performance.getEntriesByName('kubepath:graph-drawn') as PerformanceMark[];
      const m = marks[marks.length - 1] as PerformanceMark;
      return { t: m.startTime, elements: (m.detail as { elements: number }).elements };
    });
    figures.expandMs = after.t - t0;
    figures.expandedElements = after.elements;
  }
  if (errors.length > 0) throw new Error(`console errors: ${errors.join('; ')}`);
  await context.close();
  if (figures.elements > 10_000 || (figures.expandedElements ?? 0) > 10_000) throw new Error(`more than 10k elements handed to cytoscape (${figures.elements}, ${figures.expandedElements})`);
  return figures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const scenarios: { name: string; clusterId: string; eventsUrl?: string }[] = [];
  const bodies = new Map<string, Buffer>();
  for (const pods of sizes) {
    const ev = syntheticEvent(pods);
    bodies.set(ev.id, Buffer.from(ev.body));
    scenarios.push({ name: `${pods} pods (${ev.counts.nodes} nodes, ${ev.counts.services} Services)`, clusterId: ev.id });
  }
  const events = await eventServer(bodies);
  for (const s of scenarios) s.eventsUrl = `${events.url}/${encodeURIComponent(s.clusterId)}`;
  if (!values['no-reference']) scenarios.unshift({ name: 'reference demo', clusterId: 'demo:reference' });
  const server = await startServer(port);
  const browser = await launchChromium();
  try {
    // Warm: the server has served the page once (the figures are for a warm server, quality-and-scale.md G4).
    await measure(browser, 'demo:seed');
    console.log(`Chromium ${browser.version()}, node ${process.version}, ${runs} run(s) per scenario, median reported`);
    console.log('scenario                                   first frame ms  (snapshot parsed, elements built)  elements  heap@frame MB  heap settled MB  expand one ms (elements)');
    for (const s of scenarios) {
      const all: Figures[] = [];
      for (let r = 0; r < runs; r++) all.push(await measure(browser, s.clusterId, s.eventsUrl));
      const pick = (f: (x: Figures) => number | undefined): number | undefined => {
        const xs = all.map(f).filter((x): x is number => x !== undefined);
        return xs.length > 0 ? median(xs) : undefined;
      };
      const expand = pick((x) => x.expandMs);
      console.log(
        [
          s.name.padEnd(42),
          (pick((x) => x.firstFrameMs) ?? 0).toFixed(0).padStart(14),
          `(${(pick((x) => x.parsedMs) ?? 0).toFixed(0)}, ${(pick((x) => x.builtMs) ?? 0).toFixed(0)})`.padStart(33),
          String(pick((x) => x.elements)).padStart(9),
          (pick((x) => x.heapFirstMB) ?? 0).toFixed(1).padStart(14),
          (pick((x) => x.heapSettledMB) ?? 0).toFixed(1).padStart(16),
          expand === undefined ? '   —' : `${expand.toFixed(0).padStart(12)} (${pick((x) => x.expandedElements)})`,
        ].join('  '),
      );
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    events.server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
