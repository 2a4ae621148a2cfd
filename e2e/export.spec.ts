import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { ClusterSnapshot } from '../lib/snapshot/records';
import { guardConsole } from './console-guard';
import { parseSvg, svgProblems, svgText } from './svg-safety';

// Issue 6, export: the whole graph as PNG (2×) and SVG with a caption; redaction in picture and caption.

async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
}

async function download(page: Page, button: string, path: (name: string) => string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await page.getByTestId(button).click();
  const d = await pending;
  const file = path(d.suggestedFilename());
  await d.saveAs(file);
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

/** Width and height from a PNG's IHDR chunk; fails on anything that is not a PNG. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The chunk types of a PNG, in order (text chunks would be a place for names to hide). */
function pngChunks(b: Buffer): string[] {
  const out: string[] = [];
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    out.push(b.subarray(at + 4, at + 8).toString('latin1'));
    at += 12 + len;
  }
  return out;
}

/** Opens an exported SVG on its own (a script context with no CSP) and reports whether anything ran. */
async function openStandalone(page: Page, svg: string): Promise<unknown> {
  const url = 'http://svg-export.test/export.svg';
  await page.route(url, (r) => r.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg }));
  await page.goto(url);
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __kpXss?: unknown }).__kpXss);
}

/** A demo's snapshot as the server holds it (Playwright's loader cannot import the demo JSON itself). */
async function demoSnapshot(request: APIRequestContext, name: string): Promise<ClusterSnapshot> {
  const res = await request.get(`/api/clusters/demo:${name}/topology`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { snapshot: ClusterSnapshot }).snapshot;
}

/** Every identifying value of a snapshot: addresses, names, hosts and label values. */
function identifyingValues(s: ClusterSnapshot): Set<string> {
  const out = new Set<string>();
  const add = (...v: (string | undefined)[]): void => v.forEach((x) => x && out.add(x));
  for (const n of s.namespaces) add(n.name);
  for (const n of s.nodes) {
    add(n.name, ...n.addresses.map((a) => a.address), ...n.podCIDRs);
    Object.values(n.labels).forEach((v) => add(v));
  }
  for (const p of s.pods) {
    add(p.name, p.nodeName, ...p.hostIPs, ...p.podIPs);
    Object.values(p.labels).forEach((v) => add(v));
  }
  for (const v of s.services) add(v.name, ...v.clusterIPs, ...v.externalIPs, v.externalName, ...v.lbIngress.flatMap((e) => [e.ip, e.hostname]));
  for (const i of s.ingresses) add(i.name, ...i.rules.map((r) => r.host), ...i.lbIngress.flatMap((e) => [e.ip, e.hostname]));
  // Names the redaction keeps on purpose (the model finds cluster DNS by them): lib/model/redact.ts.
  for (const kept of ['kube-system', 'kube-dns']) out.delete(kept);
  // A label value like "1" (pod-template-generation) is redacted too, but as a token it is found in every
  // count and port on the page; it identifies nothing, so the search leaves bare numbers out.
  for (const v of out) if (/^\d+$/.test(v)) out.delete(v);
  return out;
}

/** Every string value in a JSON document (not its keys). */
function jsonValues(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(jsonValues);
  if (v && typeof v === 'object') return Object.values(v).flatMap(jsonValues);
  return [];
}

/** Values found in `text` as whole tokens (so the service `ic` is not found inside "traffic"). */
function leaks(text: string, values: Iterable<string>): string[] {
  const found: string[] = [];
  for (const v of values) {
    const re = new RegExp(`(^|[^A-Za-z0-9.:-])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9:-]|\\.[^0-9])`);
    if (re.test(text)) found.push(v);
  }
  return found;
}

test('shop: PNG of the whole graph at 2× and a safe SVG, each with the caption', async ({ page, request }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:shop');
  await drawn(page);
  await page.getByTestId('path-2').click();
  await expect(page.getByTestId('hop').first()).toBeVisible();
  const source = (await page.getByTestId('source-label').textContent()) ?? '';
  expect(source).toContain('demo');

  const png = await download(page, 'export-png', (n) => info.outputPath(n));
  expect(png.name).toMatch(/^kubepath-shop-\d{8}T\d{6}Z\.png$/);
  const size = pngSize(png.bytes);
  // The whole graph: zooming the view in does not change the picture's size (it is not the viewport).
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const again = pngSize((await download(page, 'export-png', (n) => info.outputPath(`zoomed-${n}`))).bytes);
  expect(again).toEqual(size);
  // 2×: the canvas on screen is at most ~1.2k CSS px wide; the export is the model at twice its size.
  const canvasBox = await page.getByTestId('graph-canvas').boundingBox();
  expect(size.width).toBeGreaterThan(2 * (canvasBox?.width ?? 0) * 0.9);
  expect(pngChunks(png.bytes).filter((c) => /^[tiz]TXt$/.test(c))).toEqual([]);

  const svgFile = await download(page, 'export-svg', (n) => info.outputPath(n));
  expect(svgFile.name).toMatch(/^kubepath-shop-\d{8}T\d{6}Z\.svg$/);
  const svg = svgFile.bytes.toString('utf8');
  const { doc, problems } = parseSvg(svg);
  expect(problems).toEqual([]);
  expect(svgProblems(doc)).toEqual([]);
  expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+\s*=|href\s*=/i);
  const text = svgText(doc);
  for (const s of ['kubepath — demo:shop', 'Cluster', 'Namespaces', 'all (', 'Source', source.trim(), 'Exported', 'Highlighted path', '② F2', 'Pod (PodIP)']) expect(text).toContain(s);
  // The caption's export time is today's, in UTC.
  expect(text).toContain(new Date().toISOString().slice(0, 10));
  // Every pod of the shop is in the picture (first label line).
  for (const p of (await demoSnapshot(request, 'shop')).pods.slice(0, 10)) expect(text).toContain(p.name.slice(0, 40));

  expect(await openStandalone(page, svg)).toBeUndefined();
  await page.screenshot({ path: info.outputPath('svg-standalone.png') });
  console.assertClean();
});

test('redaction: the view, the SVG and its caption hold none of the snapshot’s IPs or names', async ({ page, request }, info) => {
  const console = guardConsole(page);
  const original = identifyingValues(await demoSnapshot(request, 'shop'));
  expect(original.size).toBeGreaterThan(100);
  await page.goto('/?cluster=demo:shop&focus=svc:shop/frontend');
  await drawn(page);
  await page.getByTestId('path-1').click();
  await expect(page.getByTestId('hop').first()).toBeVisible();
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redacted-banner')).toBeVisible();
  await expect(page.getByTestId('redact-toggle')).toHaveAttribute('aria-pressed', 'true');
  // The focus followed the Service to its placeholder; the path is still traced.
  await expect(page).toHaveURL(/redact=1/);
  await expect(page).toHaveURL(/focus=svc:ns-\d+\/svc-\d+/);
  await expect(page.getByTestId('details')).toBeVisible();
  await expect(page.getByTestId('hop').first()).toBeVisible();
  await drawn(page);

  const list = (await page.getByTestId('element-list').textContent()) ?? '';
  expect(leaks(list, original)).toEqual([]);
  const panels = (await page.locator('aside').last().textContent()) ?? '';
  const panelLeaks = leaks(panels, original);
  expect(panelLeaks, panelLeaks.map((v) => panels.slice(Math.max(0, panels.indexOf(v) - 80), panels.indexOf(v) + 80)).join('\n')).toEqual([]);

  const svgFile = await download(page, 'export-svg', (n) => info.outputPath(n));
  expect(svgFile.name).toMatch(/^kubepath-redacted-\d{8}T\d{6}Z\.svg$/);
  const svg = svgFile.bytes.toString('utf8');
  const { doc, problems } = parseSvg(svg);
  expect(problems).toEqual([]);
  expect(svgProblems(doc)).toEqual([]);
  const text = svgText(doc);
  expect(text).toContain('REDACTED');
  expect(text).toContain('svc-');
  expect(leaks(svg, original)).toEqual([]);
  expect(text).not.toContain('shop.example.com');

  const png = await download(page, 'export-png', (n) => info.outputPath(n));
  pngSize(png.bytes);
  expect(pngChunks(png.bytes).filter((c) => /^[tiz]TXt$/.test(c))).toEqual([]);

  // Saved in redaction mode, the snapshot file is the redacted one.
  const pending = page.waitForEvent('download');
  await page.getByTestId('save-snapshot').click();
  const saved = await pending;
  const savedPath = info.outputPath(saved.suggestedFilename());
  await saved.saveAs(savedPath);
  expect(saved.suggestedFilename()).toMatch(/^kubepath-redacted-/);
  // Values only: the file's keys are API field names (`status.loadBalancer.ingress`), not cluster data.
  expect(leaks(jsonValues(JSON.parse(readFileSync(savedPath, 'utf8'))).join('\n'), original)).toEqual([]);
  await page.screenshot({ path: info.outputPath('redacted-view.png') });

  // Off again: the original names are back.
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('element-svc:shop/frontend')).toBeAttached();
  console.assertClean();
});

test('the hop table and an access table copy as Markdown', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:seed');
  await drawn(page);
  await page.getByTestId('path-2').click();
  await page.getByTestId('copy-hops-markdown').click();
  await expect(page.getByTestId('copy-hops-markdown')).toContainText('Copied');
  const hops = await page.evaluate(() => navigator.clipboard.readText());
  expect(hops.split('\n')[0]).toMatch(/^\*\*Path ② F2-\S+: [A-Z_0-9]+\*\*/);
  expect(hops).toContain('| # | Component | Location | Source | Destination | Transform | Why |');
  expect(hops).toContain('DNAT 192.168.1.11:30081 → 10.244.2.20:80');

  await page.goto('/?cluster=demo:seed&focus=svc:default/webapp');
  await page.getByTestId('copy-access-markdown').click();
  await expect(page.getByTestId('copy-access-markdown')).toContainText('Copied');
  const access = await page.evaluate(() => navigator.clipboard.readText());
  expect(access.split('\n')[0]).toMatch(/^\*\*Access points of svc:default\/webapp\*\*: \d+ URLs, \d+ reachable$/);
  const rows = await page.getByTestId('access-point').count();
  expect(access.trimEnd().split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Kind') && !l.startsWith('| ---'))).toHaveLength(rows);
  console.assertClean();
});
