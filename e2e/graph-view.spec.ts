import { expect, test, type Page } from '@playwright/test';
import { guardConsole } from './console-guard';

/** The hop list item of a step. */
const hop = (page: Page, step: number) => page.locator(`[data-testid="hop"][data-step="${step}"]`);

async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
}

test('seed, path ②: the hops light up in order, stepped with the keyboard', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:seed');
  await drawn(page);
  await page.getByTestId('path-2').click();
  await expect(page).toHaveURL(/path=2/);
  await expect(page.getByTestId('path-to')).toHaveValue('svc:default/webapp');
  const hops = page.getByTestId('hop');
  await expect(hops).toHaveCount(4);
  expect(await hops.evaluateAll((els) => els.map((e) => e.getAttribute('data-component')))).toEqual(['client', 'netfilter', 'pod-network', 'pod']);

  // Hop 1: the external client dials n1's NodePort.
  await expect(hop(page, 1)).toHaveAttribute('data-state', 'current');
  await expect(hop(page, 1)).toContainText('198.51.100.50:e → 192.168.1.11:30081');
  await expect(page.getByTestId('element-ext:client')).toHaveAttribute('data-path', 'current');
  await expect(page.getByTestId('element-node:n1')).toHaveAttribute('data-path', 'current');
  await expect(page.getByTestId('element-pod:default/webapp')).not.toHaveAttribute('data-path', /.+/);
  await page.screenshot({ path: info.outputPath('seed-path2-hop1.png') });

  // → hop 2: DNAT to the pod's IP and the Service's targetPort, SNAT to n1.
  await page.keyboard.press('ArrowRight');
  await expect(hop(page, 2)).toHaveAttribute('data-state', 'current');
  await expect(hop(page, 1)).toHaveAttribute('data-state', 'done');
  await expect(hop(page, 2).getByTestId('transform')).toHaveText(['DNAT 192.168.1.11:30081 → 10.244.2.20:80', 'SNAT → 192.168.1.11']);
  await expect(page.getByTestId('element-svc:default/webapp')).toHaveAttribute('data-path', 'current');
  await expect(page.getByTestId('element-ext:client')).toHaveAttribute('data-path', 'done');
  await expect(page).toHaveURL(/hop=2/);
  await page.screenshot({ path: info.outputPath('seed-path2-hop2.png') });

  // → hop 3: across the pod network from n1 to n2; → hop 4: the pod on n2.
  await page.keyboard.press('ArrowRight');
  await expect(hop(page, 3)).toHaveAttribute('data-state', 'current');
  await expect(hop(page, 3).getByTestId('transform')).toHaveText(['ENCAP 192.168.1.11 → 192.168.1.12']);
  await expect(page.getByTestId('element-node:n2')).toHaveAttribute('data-path', 'current');
  await page.keyboard.press('ArrowRight');
  await expect(hop(page, 4)).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('element-pod:default/webapp')).toHaveAttribute('data-path', 'current');
  await page.keyboard.press('ArrowRight'); // the last hop stays the last
  await expect(page.getByTestId('hop-position')).toHaveText('hop 4 of 4');
  await page.keyboard.press('ArrowLeft');
  await expect(hop(page, 3)).toHaveAttribute('data-state', 'current');
  // §2.2: the pod declares 8080 only, so port 80 is refused (assumed).
  await expect(page.getByTestId('path-outcome')).toHaveAttribute('data-outcome', 'REFUSED');
  await page.screenshot({ path: info.outputPath('seed-path2-hop3.png') });

  // ② also offers the literal "ClusterIP from outside": a dead end.
  await page.getByTestId('path-access').selectOption('ClusterIP');
  await expect(hops).toHaveCount(1);
  await expect(hop(page, 1)).toContainText('→ 10.96.100.30:8080');
  await expect(page.getByTestId('path-outcome')).toHaveAttribute('data-outcome', 'DROP');
  await expect(page.getByTestId('path-outcome')).toContainText('F2-literal');
  await expect(page.getByTestId('path-outcome')).toContainText('nothing outside the cluster routes to it');
  await page.screenshot({ path: info.outputPath('seed-path2-clusterip-dead-end.png') });

  // And the hostPort: only on the pod's node.
  await page.getByTestId('path-access').selectOption('HostPort');
  await expect(page.getByTestId('path-outcome')).toHaveAttribute('data-outcome', 'OK');
  await expect(page.getByTestId('hop-list')).toContainText('192.168.1.12:8081');
  console.assertClean();
});

test('reference, path ①: LB → node → DNAT → pod', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:reference&path=1&to=svc:demo/web');
  await drawn(page);
  const hops = page.getByTestId('hop');
  expect(await hops.evaluateAll((els) => els.map((e) => e.getAttribute('data-component')))).toEqual(['client', 'cloud-lb', 'netfilter', 'pod']);
  await expect(hop(page, 1)).toContainText('→ 203.0.113.10:8080');
  await expect(hop(page, 2)).toContainText('cloud-lb@cloud');
  await expect(hop(page, 2)).toContainText('delivered to n1');
  await expect(hop(page, 3)).toContainText('netfilter@n1');
  await expect(hop(page, 3).getByTestId('transform').first()).toHaveText('DNAT 203.0.113.10:8080 → 10.244.1.5:80');
  await expect(hop(page, 4)).toContainText('pod@n1');
  await expect(page.getByTestId('path-outcome')).toHaveAttribute('data-outcome', 'OK');
  // A path opens on its first hop: only the client and the load balancer are lit.
  await expect(page.getByTestId('hop-position')).toHaveText('hop 1 of 4');
  await expect(page.getByTestId('element-lb:demo/web')).toHaveAttribute('data-path', 'current');
  await expect(page.getByTestId('element-pod:demo/web-1')).not.toHaveAttribute('data-path', /.+/);
  // Walk to the end: the graph lights the LB, the node, the Service and the pod.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('element-pod:demo/web-1')).toHaveAttribute('data-path', 'current');
  for (const id of ['ext:client', 'lb:demo/web', 'node:n1', 'svc:demo/web']) await expect(page.getByTestId(`element-${id}`)).toHaveAttribute('data-path', /current|done/);
  await page.screenshot({ path: info.outputPath('reference-path1.png') });
  console.assertClean();
});

test('shop: ETP Local — nodes without a local endpoint are unreachable, with the reason', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:shop');
  await drawn(page);
  await page.getByTestId('element-svc:shop/frontend').getByRole('button').first().click();
  const rows = page.getByTestId('details').locator('[data-testid="access-point"][data-kind="NodePort"]');
  for (const ip of ['10.0.1.11', '10.0.2.12']) await expect(rows.filter({ hasText: `${ip}:31080` })).toHaveAttribute('data-reachable', 'true');
  for (const [node, ip] of [['worker-3', '10.0.3.13'], ['worker-4', '10.0.1.14']]) {
    const row = rows.filter({ hasText: `${ip}:31080` });
    await expect(row).toHaveAttribute('data-reachable', 'false');
    await expect(row).toContainText(`node ${node} has no ready local endpoint`);
    await expect(page.getByTestId(`element-lb:shop/frontend->node:${node}:31080/TCP`)).toHaveAttribute('data-state', 'drop');
  }
  await expect(page.getByTestId('element-lb:shop/frontend->node:worker-1:31080/TCP')).toHaveAttribute('data-state', 'healthy');
  // The graph styles endpoint conditions: cart has a terminating endpoint, catalog a not-ready one.
  await expect(page.locator('[data-testid^="element-svc:shop/cart->pod:"][data-state="terminating"]')).toHaveCount(1);
  await expect(page.locator('[data-testid^="element-svc:shop/catalog->pod:"][data-state="not-ready"]')).toHaveCount(1);
  // Findings as a list and as badges.
  await expect(page.locator('[data-testid="finding"][data-code="D-SELECTOR-NO-PODS"]')).toContainText('svc:shop/ads');
  await expect(page.getByTestId('element-svc:shop/ads')).toHaveAttribute('data-severity', 'error');
  await page.screenshot({ path: info.outputPath('shop-frontend.png'), fullPage: true });
  console.assertClean();
});

test('a deep link restores cluster, namespaces, focus and path; the view writes itself back to the URL', async ({ page }, info) => {
  const console = guardConsole(page);
  const link = '/?cluster=demo:shop&ns=shop&focus=svc:shop/frontend&path=1&hop=2';
  await page.goto(link);
  await drawn(page);
  const check = async (): Promise<void> => {
    await expect(page.getByTestId('cluster-picker')).toHaveValue('demo:shop');
    await expect(page.getByTestId('ns-filter')).toContainText('Namespaces: 1 of');
    await expect(page.getByTestId('element-svc:shop/frontend')).toBeVisible();
    await expect(page.getByTestId('element-svc:shop-data/redis')).toHaveCount(0);
    await expect(page.getByTestId('element-svc:kube-system/kube-dns')).toHaveCount(0);
    await expect(page.getByTestId('details')).toHaveAttribute('data-element', 'svc:shop/frontend');
    await expect(page.getByTestId('path-1')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('path-to')).toHaveValue('svc:shop/frontend');
    await expect(hop(page, 2)).toHaveAttribute('data-state', 'current');
    await expect(page.getByTestId('hop-position')).toContainText('hop 2 of');
  };
  await check();
  await page.screenshot({ path: info.outputPath('deep-link.png') });
  await page.reload();
  await drawn(page);
  await check();
  // Changing the view changes the URL: another namespace, then back.
  await page.getByTestId('ns-filter').locator('summary').click();
  // A controlled checkbox: its state comes back through the URL, so click and wait for the URL.
  await page.getByTestId('ns-shop-data').click();
  await expect(page).toHaveURL(/ns=shop,shop-data/);
  await expect(page.getByTestId('element-svc:shop-data/redis')).toBeVisible();
  await expect(page.getByTestId('ns-shop-data')).toBeChecked();
  await page.goBack();
  await expect(page.getByTestId('element-svc:shop-data/redis')).toHaveCount(0);
  console.assertClean();
});

test('search by IP highlights and opens; keyboard alone opens elements; the theme is remembered', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:reference');
  await drawn(page);
  await page.getByTestId('search').fill('10.244.2.7');
  await page.getByTestId('search').press('Enter');
  await expect(page).toHaveURL(/q=10\.244\.2\.7/);
  await expect(page.getByTestId('search-count')).toHaveText('1 match');
  await expect(page.getByTestId('element-pod:demo/web-2')).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId('element-pod:demo/web-1')).not.toHaveAttribute('data-match', 'true');

  // Keyboard only: focus an element's button in the list and press Enter.
  await page.getByTestId('element-svc:demo/api').getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details')).toHaveAttribute('data-element', 'svc:demo/api');
  await expect(page.getByTestId('details').locator('[data-testid="access-point"][data-kind="ClusterIP"]')).toContainText('tcp://10.96.100.20:80');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('details')).toHaveCount(0);

  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: info.outputPath('reference-dark.png') });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  console.assertClean();
});
