import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';
import { e2eCluster } from './test-cluster';

// The dashboard against the real control plane (scripts/test-all.sh starts it and points the
// server's KUBECONFIG at it): live updates arrive in the open page without a reload.
test('a Service created through the API appears within 2 s without reload; deleting a pod removes it', async ({ page }, info) => {
  const { admin } = e2eCluster();
  const console = guardConsole(page);
  const ns = `e2e-${Math.random().toString(36).slice(2, 8)}`;
  await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await admin.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: ns, labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'example.invalid/p:1' }] } });
  try {
    await page.goto('/?cluster=ctx:admin');
    await expect(page.getByTestId(`element-pod:${ns}/p1`)).toBeAttached({ timeout: 15_000 });
    await page.screenshot({ path: info.outputPath('live-before.png') });
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    const t0 = Date.now();
    await admin.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'fresh', namespace: ns }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    await expect(page.getByTestId(`element-svc:${ns}/fresh`)).toBeAttached({ timeout: 2_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    await admin.delete(`/api/v1/namespaces/${ns}/pods/p1`, { gracePeriodSeconds: 0 });
    await expect(page.getByTestId(`element-pod:${ns}/p1`)).not.toBeAttached({ timeout: 5_000 });
    expect(navigations).toBe(0);
    await page.screenshot({ path: info.outputPath('live-after.png') });
    console.assertClean();
  } finally {
    await admin.delete(`/api/v1/namespaces/${ns}`);
  }
});
