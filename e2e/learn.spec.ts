import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTour } from '../lib/learn/tours';
import { buildTopology } from '../lib/model/topology';
import { snapshotFromDocuments } from '../lib/snapshot/parse';
import { guardConsole } from './console-guard';

/**
 * The seed demo's default tour, computed here from the same data and code the page uses (the demo's
 * JSON is read from disk: lib/demo imports it as a module, which Playwright's loader does not take).
 */
const SEED: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../lib/demo/clusters/seed.json', import.meta.url)), 'utf8'));
const TOUR = buildTour(buildTopology(snapshotFromDocuments([SEED], { source: 'demo seed', meta: { context: 'demo:seed' } }).snapshot), 'default');

async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
}

/** The step on screen is `index`, and exactly its elements carry `data-learn` in the accessible list. */
async function expectStep(page: Page, index: number): Promise<void> {
  const step = TOUR.steps[index];
  if (!step) throw new Error(`no step ${index}`);
  await expect(page.getByTestId('learn-step')).toHaveAttribute('data-step', step.id);
  // The URL names the step (the first step may go unnamed: it is the default).
  if (index > 0) await expect(page).toHaveURL(new RegExp(`step=${step.id.replace(/[/]/g, '\\/')}(&|$)`));
  for (const id of step.highlight) await expect(page.getByTestId(`element-${id}`), `${step.id}: ${id}`).toHaveAttribute('data-learn', 'highlight');
  await expect(page.locator('[data-testid="element-list"] [data-learn="highlight"]')).toHaveCount(step.highlight.length);
}

async function walk(page: Page, position: RegExp): Promise<void> {
  await page.goto('/?cluster=demo:seed');
  await drawn(page);
  await page.getByTestId('learn-toggle').click();
  await expect(page.getByTestId('learn-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('learn-panel')).toHaveAttribute('data-tour', 'default');
  await expect(page).toHaveURL(/learn=default/);
  expect(TOUR.steps.length).toBeGreaterThan(5);
  for (let i = 0; i < TOUR.steps.length; i++) {
    await expectStep(page, i);
    await expect(page.getByTestId('learn-position')).toHaveText(position);
    if (i === TOUR.steps.length - 1) break;
    // Alternate the Next button and the → key.
    if (i % 2 === 0) await page.getByTestId('learn-next').click();
    else await page.keyboard.press('ArrowRight');
  }
  await expect(page.getByTestId('learn-next')).toBeDisabled();
  // The last step stays the last on →; ← steps back.
  await page.keyboard.press('ArrowRight');
  await expectStep(page, TOUR.steps.length - 1);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, TOUR.steps.length - 2);
}

test.describe('Learn mode in English', () => {
  test.use({ locale: 'en-US' });

  test('seed default tour: every step, each lighting the elements it talks about', async ({ page }) => {
    const console = guardConsole(page);
    await walk(page, new RegExp(`^Step \\d+ of ${TOUR.steps.length}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    console.assertClean();
  });
});

test.describe('Learn mode in Simplified Chinese', () => {
  // The browser asks for Chinese (Accept-Language and navigator.language): no cookie yet.
  test.use({ locale: 'zh-CN' });

  test('seed default tour: every step, each lighting the elements it talks about', async ({ page }, info) => {
    const console = guardConsole(page);
    await walk(page, new RegExp(`^第 \\d+ 步，共 ${TOUR.steps.length} 步$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('learn-toggle')).toHaveText('学习');
    await expect(page.getByTestId('language-switcher')).toHaveValue('zh-CN');
    // A path step with a misconception: the screenshot for the docs.
    const hop2 = TOUR.steps.findIndex((s) => s.id === 'path-2/hop-2');
    expect(hop2).toBeGreaterThan(0);
    await page.goto(`/?cluster=demo:seed&learn=default&step=${TOUR.steps[hop2]?.id ?? ''}`);
    await drawn(page);
    await expectStep(page, hop2);
    await expect(page.getByTestId('learn-misconception').first()).toContainText('常见误区');
    await page.screenshot({ path: info.outputPath('learn-zh.png') });
    // The documentation screenshot is refreshed on request only: a test run never edits tracked files.
    if (process.env.KUBEPATH_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: fileURLToPath(new URL('../docs/screenshot-learn-zh.png', import.meta.url)) });
    console.assertClean();
  });
});

test.describe('Language switching', () => {
  test.use({ locale: 'en-US' });

  test('the header switcher changes the language mid-tour, keeps the step, and a reload keeps the language', async ({ page, context }) => {
    const console = guardConsole(page);
    const at = 4;
    const step = TOUR.steps[at];
    if (!step) throw new Error('short tour');
    await page.goto(`/?cluster=demo:seed&learn=default&step=${step.id}`);
    await drawn(page);
    await expectStep(page, at);
    const english = await page.getByTestId('learn-step-title').textContent();
    await expect(page.getByTestId('learn-toggle')).toHaveText('Learn');

    await page.getByTestId('language-switcher').selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('learn-toggle')).toHaveText('学习');
    await expect(page.getByTestId('learn-position')).toHaveText(`第 ${at + 1} 步，共 ${TOUR.steps.length} 步`);
    await expect(page.getByTestId('learn-step-title')).not.toHaveText(english ?? '');
    await expectStep(page, at);
    expect((await context.cookies()).find((c) => c.name === 'kubepath-lang')?.value).toBe('zh-CN');

    // Reload: the language from the cookie (rendered by the server), the step from the URL.
    await page.reload();
    await drawn(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('language-switcher')).toHaveValue('zh-CN');
    await expect(page.getByTestId('learn-position')).toHaveText(`第 ${at + 1} 步，共 ${TOUR.steps.length} 步`);
    await expectStep(page, at);

    // And back to English without a reload.
    await page.getByTestId('language-switcher').selectOption('en');
    await expect(page.getByTestId('learn-step-title')).toHaveText(english ?? '');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    console.assertClean();
  });

  test('tours are listed, "Try it" traces the path, and ←/→ step hops again once a path of your own is open', async ({ page }) => {
    const console = guardConsole(page);
    const hop1 = TOUR.steps.findIndex((s) => s.id === 'path-2/hop-1');
    await page.goto(`/?cluster=demo:seed&learn=default&step=path-2/hop-1`);
    await drawn(page);
    await expectStep(page, hop1);
    // The learn step drives the path view: the hop's elements are the current hop.
    await expect(page.getByTestId('element-ext:client')).toHaveAttribute('data-path', 'current');
    await expect(page.getByTestId('element-node:n1')).toHaveAttribute('data-path', 'current');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, hop1 + 1);
    await expect(page.getByTestId('element-svc:default/webapp')).toHaveAttribute('data-path', 'current');
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, hop1);

    // M3 (a NodePort only works on the pod's node): "Try it" traces the NodePort through a node.
    await expect(page.locator('[data-misconception="M3"]')).toContainText('In fact');
    await page.locator('[data-misconception="M3"]').getByTestId('learn-try').click();
    await expect(page.getByTestId('path-panel')).toBeVisible();
    await expect(page).toHaveURL(/path=\d/);
    await expect(page.getByTestId('hop-position')).toHaveText(/^hop 1 of \d+$/);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('hop-position')).toHaveText(/^hop 2 of \d+$/);
    await expectStep(page, hop1);

    await page.getByTestId('learn-tour').selectOption('ips');
    await expect(page.getByTestId('learn-panel')).toHaveAttribute('data-tour', 'ips');
    await expect(page).toHaveURL(/learn=ips/);
    await page.getByTestId('learn-close').click();
    await expect(page.getByTestId('learn-panel')).toHaveCount(0);
    await expect(page.locator('[data-learn="highlight"]')).toHaveCount(0);
    console.assertClean();
  });
});
