import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

test('seed demo: NodeIPs, webapp NodePort on every node at 30081, hostPort 8081 only on the pod node', async ({ page }, info) => {
  const console = guardConsole(page);
  await page.goto('/?cluster=demo:seed');
  for (const [node, ip] of [['n1', '192.168.1.11'], ['n2', '192.168.1.12'], ['n3', '192.168.1.13']] as const) {
    await expect(page.getByTestId(`element-node:${node}`)).toContainText(ip);
  }
  const webapp = page.getByTestId('element-svc:default/webapp');
  const nodePorts = webapp.locator('[data-testid="access-point"][data-kind="NodePort"]');
  await expect(nodePorts).toHaveCount(3);
  for (const ip of ['192.168.1.11', '192.168.1.12', '192.168.1.13']) {
    const row = nodePorts.filter({ hasText: `tcp://${ip}:30081` });
    await expect(row).toHaveCount(1);
    // §2.2: the Service targets port 80 while the pod declares only 8080 → refused (assumed).
    await expect(row).toHaveAttribute('data-reachable', 'false');
  }
  const hostPorts = webapp.locator('[data-testid="access-point"][data-kind="HostPort"]');
  await expect(hostPorts).toHaveCount(1);
  await expect(hostPorts).toContainText('tcp://192.168.1.12:8081');
  await expect(hostPorts).toHaveAttribute('data-reachable', 'true');
  await page.screenshot({ path: info.outputPath('seed-home.png'), fullPage: true });
  console.assertClean();
});

test('switching demo clusters shows that cluster', async ({ page }) => {
  const console = guardConsole(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'reference' }).click();
  await expect(page).toHaveURL(/cluster=demo:reference/);
  await expect(page.getByTestId('element-svc:demo/web')).toContainText('tcp://203.0.113.10:8080');
  console.assertClean();
});
