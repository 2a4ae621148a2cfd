import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { guardConsole } from './console-guard';
import { parseSvg, svgProblems, svgText } from './svg-safety';

// Issue 6 / quality-and-scale.md S7: a snapshot whose names, labels, annotations, hosts and paths carry
// XSS payloads is opened, rendered, hovered, searched, traced and exported; the sentinel global is never
// set, no payload is interpreted, and the CSP reports nothing (a violation is a console error).

const SET = (n: number): string => `window.__kpXss=${n}`;
const PAYLOADS = [
  `<img src=x onerror="${SET(1)}">`,
  `javascript:${SET(2)}`,
  `</text><script>${SET(3)}</script>`,
  `"/><svg onload="${SET(4)}">`,
  `'><iframe srcdoc="<script>${SET(5)}</script>">`,
  `\u202Egnp.exe\u202C`,
  `x" style="background:url(javascript:${SET(6)})`,
  `]]><script>${SET(7)}</script>`,
];
const [IMG, JS, TEXT_BREAK, SVG_ONLOAD, IFRAME, RTL, STYLE, CDATA] = PAYLOADS as [string, string, string, string, string, string, string, string];
// Names are URL path segments: the API never stores one with "/" or "%", and the importer refuses them
// (lib/snapshot/project.ts). These carry markup without a slash.
const NAME_IMG = `web-${IMG}`;
const NAME_SVG = `svc-"><svg onload="${SET(8)}">`;
const NAME_SCRIPT = `ing-]]><script>${SET(9)};<script>`;
const NAME_NODE = `node-<img src=x onerror=${SET(10)}>`;

function hostileSnapshot(): string {
  const labels = { app: 'web', evil: IMG };
  const annotations = { note: SVG_ONLOAD, 'nginx.ingress.kubernetes.io/configuration-snippet': TEXT_BREAK };
  const items = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'evil', uid: 'u-ns', labels: { x: JS } } },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: NAME_NODE, uid: 'u-node', labels: { zone: TEXT_BREAK }, annotations },
      spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
      status: {
        addresses: [
          { type: 'InternalIP', address: '192.168.1.11' },
          { type: 'Hostname', address: SVG_ONLOAD },
          { type: 'ExternalDNS', address: JS },
        ],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: NAME_IMG, namespace: 'evil', uid: 'u-pod', labels, annotations },
      spec: { nodeName: NAME_NODE, containers: [{ name: IFRAME, image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
      status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], hostIP: '192.168.1.11', conditions: [{ type: 'Ready', status: 'True' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: NAME_SVG, namespace: 'evil', uid: 'u-svc', labels: { owner: RTL }, annotations },
      spec: { type: 'NodePort', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: labels, ports: [{ name: STYLE, port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext', namespace: 'evil', uid: 'u-ext' },
      spec: { type: 'ExternalName', externalName: JS, ports: [{ port: 443, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: NAME_SCRIPT, namespace: 'evil', uid: 'u-ing', annotations, labels: { note: CDATA } },
      spec: {
        ingressClassName: IMG,
        rules: [{ host: `${RTL}.example.com`, http: { paths: [{ path: `/${TEXT_BREAK}`, pathType: 'Prefix', backend: { service: { name: NAME_SVG, port: { number: 80 } } } }] } }],
        tls: [{ hosts: [JS], secretName: IMG }],
      },
      status: { loadBalancer: { ingress: [{ hostname: `${IFRAME}.lb.example` }] } },
    },
  ];
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

async function sentinel(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __kpXss?: unknown }).__kpXss);
}

test('a snapshot full of XSS payloads: opened, rendered, hovered, searched, traced, exported — nothing runs', async ({ page }, info) => {
  const console = guardConsole(page);
  const file = info.outputPath('hostile.json');
  writeFileSync(file, hostileSnapshot());
  await page.goto('/?cluster=demo:seed');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  await page.getByTestId('open-snapshot-input').setInputFiles(file);
  await expect(page.getByTestId('cluster-picker')).toHaveValue('snapshot:hostile');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  // Rendered: every object is in the list, with its hostile name as text.
  const list = page.getByTestId('element-list');
  for (const name of [NAME_IMG, NAME_SVG, NAME_SCRIPT, NAME_NODE]) await expect(list).toContainText(name.slice(0, 30));
  expect(await page.locator('script:not([src]):not([nonce])').count()).toBe(0);
  expect(await page.locator('img, iframe, svg[onload]').count()).toBe(0);

  // Hover across the canvas (tooltips, hover styles), then open every element's details.
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  for (let x = 0.1; x < 1; x += 0.2) for (let y = 0.1; y < 1; y += 0.2) await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
  const buttons = list.locator('li > div > button:first-child');
  const n = await buttons.count();
  expect(n).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < n; i++) {
    await buttons.nth(i).click();
    await expect(page.getByTestId('details')).toBeVisible();
  }
  // Search by a payload, and trace paths ① and ② to the hostile Service.
  await page.getByTestId('search').fill('<img');
  await page.getByTestId('search').press('Enter');
  await expect(page.getByTestId('search-count')).toBeVisible();
  for (const p of [1, 2] as const) {
    await page.getByTestId(`path-${p}`).click();
    await expect(page.getByTestId('path-outcome').or(page.getByTestId('path-error')).first()).toBeVisible();
  }
  expect(await sentinel(page)).toBeUndefined();

  // Export: the SVG is safe by structure and opened on its own runs nothing; the PNG is pixels.
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const d = await pending;
  const svgPath = info.outputPath(d.suggestedFilename());
  await d.saveAs(svgPath);
  const svg = readFileSync(svgPath, 'utf8');
  const { doc, problems } = parseSvg(svg);
  expect(problems).toEqual([]);
  expect(svgProblems(doc)).toEqual([]);
  expect(svg).not.toMatch(/<script|<img|<iframe|<foreignObject|\son[a-z]+\s*=\s*"|\sstyle\s*=/i);
  expect(svg.match(/<svg[\s>]/g)).toHaveLength(1);
  // The payloads are there, as text.
  for (const name of [NAME_IMG, NAME_SVG, NAME_SCRIPT, NAME_NODE]) expect(svgText(doc)).toContain(name.slice(0, 30));
  const pngPending = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  await (await pngPending).saveAs(info.outputPath('hostile.png'));
  await page.screenshot({ path: info.outputPath('hostile-view.png') });
  expect(await sentinel(page)).toBeUndefined();

  // Saved as a snapshot file and opened again: the same elements, still inert.
  const listed = async (): Promise<string[]> => (await list.locator('[data-testid^="element-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();
  const before = await listed();
  const saving = page.waitForEvent('download');
  await page.getByTestId('save-snapshot').click();
  const saved = await saving;
  const savedPath = info.outputPath(saved.suggestedFilename());
  await saved.saveAs(savedPath);
  await page.getByTestId('open-snapshot-input').setInputFiles(savedPath);
  await expect(page.getByTestId('cluster-picker')).toHaveValue(`snapshot:${saved.suggestedFilename().replace(/\.json$/, '')}`);
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  expect(await listed()).toEqual(before);
  expect(await sentinel(page)).toBeUndefined();
  console.assertClean();

  await page.route('http://svg-export.test/export.svg', (r) => r.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg }));
  await page.goto('http://svg-export.test/export.svg');
  await page.waitForTimeout(300);
  expect(await sentinel(page)).toBeUndefined();
});
