import { expect, test, type Page } from '@playwright/test';
import { createNode, waitFor, waitForNodeReady, type EndpointSlice, type KubeList } from '../scripts/cluster/harness';
import { guardConsole } from './console-guard';
import { e2eCluster } from './test-cluster';

// Issue 6 against the real control plane: a live cluster saved in the browser and opened again
// offline (the file is parsed in a Worker, never uploaded) shows the same elements and access points.

async function elementIds(page: Page): Promise<string[]> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  return (await page.locator('[data-testid^="element-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();
}

async function accessRows(page: Page, svc: string): Promise<string[]> {
  await page.getByTestId(`element-${svc}`).getByRole('button').first().click();
  await expect(page.getByTestId('details')).toHaveAttribute('data-element', svc);
  const rows = page.getByTestId('details').getByTestId('access-point');
  await expect(rows.first()).toBeVisible();
  return (await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-reachable')} ${e.textContent ?? ''}`))).sort();
}

test('a live cluster saved and opened offline shows the same elements and access table', async ({ page, context }, info) => {
  const { admin } = e2eCluster();
  // Console errors are checked until the page goes offline (then the live stream's reconnects log some).
  const console = guardConsole(page);
  const suffix = Math.random().toString(36).slice(2, 8);
  const ns = `e2e-snap-${suffix}`;
  const node = `e2e-snap-${suffix}`;
  await createNode(admin, { name: node, internalIP: '198.18.10.7' });
  try {
    await waitForNodeReady(admin, node);
    await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await admin.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    for (const p of ['web-1', 'web-2']) {
      await admin.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: p, namespace: ns, labels: { app: 'web' } },
        spec: { nodeName: node, containers: [{ name: 'c', image: 'example.invalid/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
      });
    }
    await waitFor(
      'EndpointSlice of web with two ready endpoints',
      async () => {
        const l = await admin.get<KubeList<EndpointSlice>>(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, { labelSelector: 'kubernetes.io/service-name=web' });
        return l.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready === true).length === 2;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    await page.goto('/?cluster=ctx:admin');
    await expect(page.getByTestId(`element-svc:${ns}/web`)).toBeAttached({ timeout: 15_000 });
    const rows = await accessRows(page, `svc:${ns}/web`);
    expect(rows.filter((r) => r.startsWith('NodePort')).length).toBeGreaterThan(0);
    const ids = await elementIds(page);

    console.assertClean();
    const download = page.waitForEvent('download');
    await page.getByTestId('save-snapshot').click();
    const d = await download;
    const file = info.outputPath(d.suggestedFilename());
    await d.saveAs(file);

    // Offline: the only requests the page still tries are the live stream's reconnects (they fail,
    // and Chromium logs each as a console error); the file itself is never sent anywhere.
    const offlineRequests: string[] = [];
    page.on('request', (r) => offlineRequests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await context.setOffline(true);
    await page.getByTestId('open-snapshot-input').setInputFiles(file);
    await expect(page.getByTestId('cluster-picker')).toHaveValue(/^snapshot:kubepath-admin-\d{8}T\d{6}Z$/);
    await expect(page.getByTestId('source-label')).toContainText('snapshot taken at');
    await expect(page.getByTestId(`element-svc:${ns}/web`)).toBeAttached();
    expect(await elementIds(page)).toEqual(ids);
    expect(await accessRows(page, `svc:${ns}/web`)).toEqual(rows);
    await page.screenshot({ path: info.outputPath('live-snapshot.png') });
    // Only GETs (the favicon, the live stream's reconnects): nothing is uploaded, no API call but the stream.
    expect(offlineRequests.filter((r) => !r.startsWith('GET ') || (r.startsWith('GET /api/') && !/^GET \/api\/clusters\/ctx(:|%3A)admin\/(events|topology)$/.test(r)))).toEqual([]);
    await context.setOffline(false);

    // Diff mode, snapshot vs live: the saved snapshot is the base; a pod deleted through the API shows
    // up as a lost endpoint and a removed (ghost) pod, without a reload.
    const snapshotId = await page.getByTestId('cluster-picker').inputValue();
    await page.goto(`/?cluster=ctx:admin&base=${snapshotId}`);
    await expect(page.getByTestId('diff-summary')).toHaveText('No differences.', { timeout: 15_000 });
    await admin.delete(`/api/v1/namespaces/${ns}/pods/web-2`, { gracePeriodSeconds: 0 });
    await expect(page.getByTestId(`element-pod:${ns}/web-2`)).toHaveAttribute('data-diff', 'removed', { timeout: 10_000 });
    await expect(page.getByTestId(`element-svc:${ns}/web`)).toHaveAttribute('data-diff', 'changed');
    await expect(page.locator('[data-testid="diff-item"][data-kind="endpoint-lost"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="diff-item"][data-kind="endpoint-lost"]')).toContainText(`pod:${ns}/web-2`);
    await page.screenshot({ path: info.outputPath('live-vs-snapshot.png') });
  } finally {
    await context.setOffline(false);
    await admin.delete(`/api/v1/namespaces/${ns}`).catch(() => undefined);
    await admin.delete(`/api/v1/nodes/${node}`).catch(() => undefined);
  }
});
