import { expect, test } from '@playwright/test';
import type { ClusterList } from '../lib/snapshot/stream';
import { guardConsole } from './console-guard';

test('seed demo: NodeIPs, webapp NodePort on every node at 30081, hostPort 8081 only on the pod node', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:seed');
  for (const [node, ip] of [['n1', '192.168.1.11'], ['n2', '192.168.1.12'], ['n3', '192.168.1.13']] as const) {
    await expect(page.getByTestId(`element-node:${node}`)).toContainText(`NodeIP ${ip}`);
  }
  await page.getByTestId('element-svc:default/webapp').getByRole('button').first().click();
  await expect(page).toHaveURL(/focus=svc:default\/webapp/);
  const details = page.getByTestId('details');
  await expect(details).toHaveAttribute('data-element', 'svc:default/webapp');
  const nodePorts = details.locator('[data-testid="access-point"][data-kind="NodePort"]');
  await expect(nodePorts).toHaveCount(3);
  for (const ip of ['192.168.1.11', '192.168.1.12', '192.168.1.13']) {
    const row = nodePorts.filter({ hasText: `tcp://${ip}:30081` });
    await expect(row).toHaveCount(1);
    // §2.2: the Service targets port 80 while the pod declares only 8080 → refused (assumed).
    await expect(row).toHaveAttribute('data-reachable', 'false');
    await expect(row).toContainText('from the node network');
  }
  const hostPorts = details.locator('[data-testid="access-point"][data-kind="HostPort"]');
  await expect(hostPorts).toHaveCount(1);
  await expect(hostPorts).toContainText('tcp://192.168.1.12:8081');
  await expect(hostPorts).toHaveAttribute('data-reachable', 'true');
  for (const other of ['192.168.1.11:8081', '192.168.1.13:8081']) await expect(details).not.toContainText(other);
  await expect(details.locator('[data-testid="access-point"][data-kind="ClusterIP"]')).toContainText('from inside the cluster');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  await page.screenshot({ path: info.outputPath('seed-webapp.png'), fullPage: true });
  console.assertClean();
});

test('the first page shows the default cluster (the seed demo without a kubeconfig); the picker switches clusters', async ({ page }, info) => {
  const console = guardConsole(page);
  // The server's default: its current context when it has a kubeconfig (as under `npm test`), else the seed demo.
  const list = (await (await page.request.get('/api/clusters')).json()) as ClusterList;
  await page.goto('/');
  await expect(page.getByTestId('cluster-picker')).toHaveValue(list.defaultId);
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  if (list.defaultId === 'demo:seed') {
    await expect(page.getByTestId('source-label')).toContainText('demo · Original example');
    await expect(page.getByTestId('element-svc:default/webapp')).toBeVisible();
  } else {
    await expect(page.getByTestId('source-label')).toContainText('live · ');
  }
  await page.getByTestId('cluster-picker').selectOption('demo:reference');
  await expect(page).toHaveURL(/cluster=demo:reference/);
  await expect(page.getByTestId('source-label')).toContainText('Reference fixture');
  await page.getByTestId('element-svc:demo/web').getByRole('button').first().click();
  await expect(page.getByTestId('details')).toContainText('tcp://203.0.113.10:8080');
  await expect(page.getByTestId('element-svc:default/webapp')).toHaveCount(0);
  await page.screenshot({ path: info.outputPath('reference-web.png'), fullPage: true });
  console.assertClean();
});
