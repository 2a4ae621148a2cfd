import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';
import { parseSvg, svgProblems, svgText } from './svg-safety';

// Issue 6, diff: two snapshots of the shop that differ by a scaled-down deployment, a new Ingress rule
// and a Service switched to externalTrafficPolicy Local. The browser reports exactly those changes,
// the same as `kubepath diff` prints.

const GONE = 'pod:shop/catalog-67494686b8-2v8dk';

test('diff of two snapshots: the graph marks and the list state exactly the three changes', async ({ page, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const console = guardConsole(page);
  const dir = dirname(info.outputPath('x'));
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/fixtures/write-shop-incident.ts', dir]);
  const before = join(dir, 'shop-before.json');
  const after = join(dir, 'shop-after.json');
  const cli = spawnSync(process.execPath, ['bin/kubepath.mjs', 'diff', before, after], { encoding: 'utf8' });
  expect(cli.status).toBe(1);

  await page.goto('/?cluster=demo:seed');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  await page.getByTestId('open-snapshot-input').setInputFiles(before);
  await expect(page.getByTestId('cluster-picker')).toHaveValue('snapshot:shop-before');
  await page.getByTestId('open-snapshot-input').setInputFiles(after);
  await expect(page.getByTestId('cluster-picker')).toHaveValue('snapshot:shop-after');
  await page.getByTestId('compare-picker').selectOption('snapshot:shop-before');
  await expect(page).toHaveURL(/base=snapshot:shop-before/);

  const panel = page.getByTestId('diff-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('diff-summary')).toHaveText('21 differences');
  const items = await page.getByTestId('diff-item').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-change')}`));
  expect(items.sort()).toEqual(
    [
      'service changed',
      'endpoint-lost removed',
      'access added',
      'access removed',
      ...Array(10).fill('access changed'),
      'finding added',
      'finding added',
      'object changed',
    ].sort(),
  );
  const item = (kind: string, change: string) => page.locator(`[data-testid="diff-item"][data-kind="${kind}"][data-change="${change}"]`);
  await expect(item('service', 'changed')).toContainText('svc:ingress/ic');
  await expect(item('service', 'changed')).toContainText('externalTrafficPolicy: Cluster → Local');
  await expect(item('endpoint-lost', 'removed')).toContainText(`10.244.3.12 ${GONE} on worker-3`);
  await expect(item('access', 'added')).toContainText('http://api.shop.example.com/');
  await expect(item('access', 'removed')).toContainText('tcp://10.244.3.12:8080');
  for (const c of await item('access', 'changed').allTextContents()) expect(c).toMatch(/svc:ingress\/ic.*reachable → NOT reachable \(DROP\)/);
  await expect(item('object', 'changed')).toContainText('EndpointSlice shop/catalog-xzfmc');

  // The graph (through its list): the removed pod is a ghost on worker-3, three elements changed, nothing else.
  await expect(page.getByTestId(`element-${GONE}`)).toHaveAttribute('data-diff', 'removed');
  const marked = await page.locator('[data-diff]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')} ${e.getAttribute('data-diff')}`));
  expect(marked.sort()).toEqual([`element-${GONE} removed`, 'element-ing:shop/shop changed', 'element-svc:ingress/ic changed', 'element-svc:shop/catalog changed'].sort());
  await expect(page.getByTestId('element-node:worker-3').getByTestId(`element-${GONE}`)).toBeAttached();
  await page.screenshot({ path: info.outputPath('diff.png') });
  if (process.env.KUBEPATH_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: fileURLToPath(new URL('../docs/screenshot-diff.png', import.meta.url)) });

  // The list copies as the same text the CLI prints.
  await page.getByTestId('diff-copy').click();
  await expect(page.getByTestId('diff-copy')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cli.stdout);

  // A subject focuses its element; the ghost says what it is.
  await item('endpoint-lost', 'removed').getByRole('button', { name: GONE }).click();
  await expect(page.getByTestId('details')).toHaveAttribute('data-element', GONE);
  await expect(page.getByTestId('details-ghost')).toBeVisible();

  // Exported in diff mode, the SVG carries the diff legend and the base in its caption.
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const d = await pending;
  await d.saveAs(info.outputPath(d.suggestedFilename()));
  const { doc, problems } = parseSvg(readFileSync(info.outputPath(d.suggestedFilename()), 'utf8'));
  expect(problems).toEqual([]);
  expect(svgProblems(doc)).toEqual([]);
  const text = svgText(doc);
  expect(text).toContain('removed since the base');
  expect(text).toContain('Compared with');
  expect(text).toContain('snapshot:shop-before');

  // Redacted, both sides go through one redactor: the same 21 differences, under placeholders, and the
  // snapshot file names are gone from the pickers and the panel.
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redacted-banner')).toBeVisible();
  await expect(page.getByTestId('diff-summary')).toHaveText('21 differences');
  await expect(item('service', 'changed')).toContainText(/svc:ns-\d+\/svc-\d+/);
  await expect(page.locator('[data-diff]')).toHaveCount(4);
  for (const picker of ['cluster-picker', 'compare-picker']) expect(await page.getByTestId(picker).textContent()).not.toMatch(/shop-(before|after)/);
  expect(await panel.textContent()).not.toMatch(/shop|catalog|10\.244\.3\.12|worker-3/);
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redacted-banner')).toHaveCount(0);

  // Stop comparing: no marks, no panel.
  await page.getByTestId('diff-close').click();
  await expect(panel).toHaveCount(0);
  await expect(page.locator('[data-diff]')).toHaveCount(0);
  await expect(page.getByTestId(`element-${GONE}`)).toHaveCount(0);
  console.assertClean();
});
