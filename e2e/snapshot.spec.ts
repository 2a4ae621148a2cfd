import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { guardConsole } from './console-guard';

// Issue 6: snapshots saved and opened entirely in the browser (a Worker parses them; never uploaded).

async function elementIds(page: Page): Promise<string[]> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  await expect(page.locator('[data-testid^="element-"]').first()).toBeAttached();
  return (await page.locator('[data-testid^="element-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();
}

/** Saves the shown cluster under the name the browser suggests; returns that name and the path. */
async function saveSnapshot(page: Page, dir: (name: string) => string): Promise<{ name: string; file: string }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('save-snapshot').click();
  const d = await download;
  const file = dir(d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

/** Drops a file on the page the way a browser does: a DataTransfer built in the page. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dt = await page.evaluateHandle(([n, t]) => {
    const d = new DataTransfer();
    d.items.add(new File([t], n, { type: 'application/json' }));
    return d;
  }, [name, text] as const);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

test('save the shop demo, open the file again: a snapshot cluster with the same elements; a reload keeps it', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:shop');
  const demoIds = await elementIds(page);
  const { name, file } = await saveSnapshot(page, (n) => info.outputPath(n));
  expect(name).toMatch(/^kubepath-[a-z-]*shop-\d{8}T\d{6}Z\.json$/);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('"kubepath":{"format":1,"takenAt":"');

  await page.getByTestId('open-snapshot-input').setInputFiles(file);
  const id = `snapshot:${name.replace(/\.json$/, '')}`;
  await expect(page.getByTestId('cluster-picker')).toHaveValue(id);
  await expect(page).toHaveURL(new RegExp(`cluster=${id.replace(':', '(:|%3A)')}`));
  await expect(page.getByTestId('source-label')).toContainText('snapshot taken at');
  await expect(page.locator('[data-testid^="status-"]')).toHaveCount(0);
  expect(await elementIds(page)).toEqual(demoIds);
  await expect(page.getByTestId('cluster-picker').locator('optgroup[label="Snapshots"] option')).toHaveCount(1);

  // IndexedDB: a reload of the same URL shows the same snapshot, and features work on it.
  await page.reload();
  await expect(page.getByTestId('cluster-picker')).toHaveValue(id);
  expect(await elementIds(page)).toEqual(demoIds);
  await page.locator('[data-testid^="element-svc:"]').first().getByRole('button').first().click();
  await expect(page.getByTestId('details')).toBeVisible();
  await page.screenshot({ path: info.outputPath('snapshot-opened.png') });

  // The same file again gets its own entry (-2); closing it returns to the default cluster.
  await page.getByTestId('open-snapshot-input').setInputFiles(file);
  await expect(page.getByTestId('cluster-picker')).toHaveValue(`${id}-2`);
  await page.getByTestId('close-snapshot').click();
  await expect(page).not.toHaveURL(/snapshot/);
  await expect(page.getByTestId('cluster-picker').locator('optgroup[label="Snapshots"] option')).toHaveCount(1);
  console.assertClean();
});

test('drag and drop opens a kubectl JSON dump', async ({ page }) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:seed');
  const seedIds = await elementIds(page);
  const seed = readFileSync(new URL('../lib/demo/clusters/seed.json', import.meta.url), 'utf8');
  await dropFile(page, 'all pods & services.json', seed);
  await expect(page.getByTestId('cluster-picker')).toHaveValue('snapshot:all-pods-services');
  await expect(page.getByTestId('source-label')).toContainText('snapshot taken at');
  expect(await elementIds(page)).toEqual(seedIds);
  console.assertClean();
});

test('a truncated, a wrong-shape and an over-cap file each say why and leave the view untouched', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:reference');
  const ids = await elementIds(page);
  const url = page.url();
  const error = page.getByTestId('snapshot-error');

  const truncated = info.outputPath('truncated.json');
  writeFileSync(truncated, '{"apiVersion":"v1","kind":"List","items":[{"kind":"Pod","metadata":{"name":"a"');
  await page.getByTestId('open-snapshot-input').setInputFiles(truncated);
  await expect(error).toContainText('Could not open truncated.json');
  await expect(error).toContainText('the JSON ends early (truncated file?)');
  expect(page.url()).toBe(url);
  expect(await elementIds(page)).toEqual(ids);

  await dropFile(page, 'hello.json', '{"hello": 1}');
  await expect(error).toContainText('hello.json, field kind: not a Kubernetes object or List (no kind)');
  await dropFile(page, 'configmaps.json', '{"kind":"List","items":[{"kind":"ConfigMap","metadata":{"name":"a","namespace":"b"}}]}');
  await expect(error).toContainText('configmaps.json: none of its 1 objects is a kind kubepath reads (found ConfigMap ×1');
  expect(page.url()).toBe(url);

  // Over the 256 MiB cap: a sparse Blob made in the page, refused before the Worker reads a byte.
  const big = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    const chunk = new Uint8Array(16 * 1024 * 1024);
    d.items.add(new File(Array.from({ length: 17 }, () => chunk), 'huge.json', { type: 'application/json' }));
    return d;
  });
  await page.dispatchEvent('main', 'drop', { dataTransfer: big });
  await expect(error).toContainText('huge.json: the file is 272 MiB, over the 256 MiB limit');
  expect(page.url()).toBe(url);
  expect(await elementIds(page)).toEqual(ids);
  await expect(page.getByTestId('cluster-picker')).toHaveValue('demo:reference');
  await page.getByTestId('snapshot-error-dismiss').click();
  await expect(error).toHaveCount(0);

  // A snapshot ID this browser does not hold.
  await page.goto('/?cluster=snapshot:nothing-here');
  await expect(page.getByTestId('graph-loading')).toContainText('snapshot nothing-here is not open in this browser: open the file again');
  console.assertClean();
});
