/**
 * The graph view fed through the same SSE protocol a live cluster uses, with the stream answered by
 * Playwright (the server is not involved): deltas flow in without a reload, per-kind status shows, and a
 * large cluster is drawn as aggregates that expand on click. The live-mode test against the real
 * control plane comes with the live-cluster issue.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { diffSize, diffSnapshots } from '../lib/model/diff';
import { controllerSlices, pod, referenceFixture, svc } from '../lib/model/test-builders';
import { parseSnapshot } from '../lib/snapshot/parse';
import { SNAPSHOT_KINDS, type ClusterSnapshot } from '../lib/snapshot/records';
import type { ClusterStatus, DeltaMessage, SnapshotMessage } from '../lib/snapshot/stream';
import { syntheticCluster } from '../scripts/bench/synthetic-cluster';
import { WORKER_PODS } from '../components/use-snapshot-diff';
import { guardConsole } from './console-guard';

function allLive(): ClusterStatus {
  const status: ClusterStatus = {};
  for (const k of SNAPSHOT_KINDS) status[k] = { state: 'live' };
  return status;
}

const frame = (event: string, id: number, data: unknown): string => `retry: 100\nid: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Answers /api/clusters/<id>/events with the given bodies, one per connection; after the last, 204 (the
 * browser stops reconnecting). The topology route answers too, as the view asks it why a stream closed.
 */
async function serveStream(page: Page, clusterId: string, bodies: (() => Promise<string>)[]): Promise<void> {
  let n = 0;
  await page.route(`**/api/clusters/${encodeURIComponent(clusterId)}/topology`, (route: Route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
  await page.route(`**/api/clusters/${encodeURIComponent(clusterId)}/events`, async (route: Route) => {
    const next = bodies[n++];
    if (!next) return route.fulfill({ status: 204 });
    return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' }, body: await next() });
  });
}

test('deltas flow in without a reload: a new Service appears, a deleted pod goes, status chips follow', async ({ page }, info) => {
  const console = guardConsole(page);
  const base: ClusterSnapshot = referenceFixture({ meta: { source: 'live', context: 'kind-e2e', serverVersion: 'v1.36.0' } });
  const status = { ...allLive(), NetworkPolicy: { state: 'forbidden' as const, message: 'cannot list networkpolicies: the viewer role lacks list' } };
  const snapshot: SnapshotMessage = { version: 1, snapshot: base, status };
  const late = svc({ name: 'late', clusterIP: '10.96.100.99', ports: [{ port: 8443, targetPort: 80 }], selector: { app: 'web' } });
  const lateSlices = controllerSlices(late, base.pods);
  let release: () => void = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  const delta: DeltaMessage = {
    version: 2,
    changes: [
      { op: 'upsert', kind: 'Service', record: late },
      ...lateSlices.map((record) => ({ op: 'upsert' as const, kind: 'EndpointSlice' as const, record })),
      { op: 'upsert', kind: 'Pod', record: { ...pod({ name: 'web-9', node: 'n3', ip: '10.244.3.99', labels: { app: 'other' } }), hostIPs: ['192.168.1.13'] } },
      { op: 'delete', kind: 'Pod', uid: 'pod-demo-hp' },
    ],
    status: { Pod: { state: 'stale', since: '2026-01-01T10:00:00Z', message: 'watch connection lost; retrying' } },
  };
  await serveStream(page, 'ctx:kind-e2e', [
    () => Promise.resolve(frame('snapshot', 1, snapshot)),
    async () => {
      await released;
      return frame('delta', 2, delta);
    },
  ]);
  await page.goto('/?cluster=ctx:kind-e2e&focus=svc:demo/web');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-graph-state', 'drawn');
  await expect(page.getByTestId('source-label')).toHaveText('live · kind-e2e (v1.36.0)');
  await expect(page.getByTestId('status-NetworkPolicy')).toHaveAttribute('data-state', 'forbidden');
  await expect(page.getByTestId('status-NetworkPolicy')).toContainText('no permission');
  await expect(page.getByTestId('element-pod:demo/hp')).toBeVisible();
  await expect(page.getByTestId('element-svc:demo/late')).toHaveCount(0);
  const version = Number(await page.getByTestId('graph-canvas').getAttribute('data-graph-version'));
  await page.screenshot({ path: info.outputPath('feed-before.png') });

  release();
  await expect(page.getByTestId('element-svc:demo/late')).toBeVisible({ timeout: 2000 });
  await expect(page.getByTestId('element-svc:demo/late')).toContainText('ClusterIP 10.96.100.99');
  await expect(page.getByTestId('element-svc:demo/late->pod:demo/web-1:80/TCP')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('element-pod:demo/web-9')).toBeVisible();
  await expect(page.getByTestId('element-pod:demo/hp')).toHaveCount(0);
  await expect(page.getByTestId('status-Pod')).toHaveAttribute('data-state', 'stale');
  await expect(page.getByTestId('status-Pod')).toContainText('stale since');
  // Same page, same view: no reload, focus kept, the graph updated in place.
  await expect(page).toHaveURL(/focus=svc:demo\/web/);
  await expect(page.getByTestId('details')).toHaveAttribute('data-element', 'svc:demo/web');
  expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-graph-version'))).toBeGreaterThan(version);
  await page.screenshot({ path: info.outputPath('feed-after.png') });

  // Redacted: the states stay, the messages (namespaces, servers, contexts) and the context name go.
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redacted-banner')).toBeVisible();
  await expect(page.getByTestId('source-label')).toHaveText('live · redacted (v1.36.0)');
  await expect(page.getByTestId('status-NetworkPolicy')).toHaveAttribute('data-state', 'forbidden');
  await expect(page.getByTestId('status-NetworkPolicy')).not.toHaveAttribute('title', /.+/);
  expect(await page.locator('header').textContent()).not.toMatch(/kind-e2e|viewer role|watch connection/);
  console.assertClean();
});

test('a large cluster is drawn as aggregates (never over 10k elements) that expand on click', async ({ page }, info) => {
  const console = guardConsole(page);
  const { snapshot } = parseSnapshot(syntheticCluster({ pods: 10_000 }).text, { source: 'synthetic-10000' });
  await serveStream(page, 'ctx:synthetic-10k', [() => Promise.resolve(frame('snapshot', 1, { version: 1, snapshot: { ...snapshot, meta: { ...snapshot.meta, source: 'snapshot' } }, status: allLive() }))]);
  await page.goto('/?cluster=ctx:synthetic-10k');
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toHaveAttribute('data-graph-state', 'drawn', { timeout: 20_000 });
  await expect(page.getByTestId('source-label')).toContainText('snapshot taken at 2026-01-01 00:00 UTC');
  await expect(page.getByTestId('aggregated-note')).toBeVisible();
  const count = async (): Promise<number> => Number(await canvas.getAttribute('data-element-count'));
  const before = await count();
  expect(before).toBeGreaterThan(10);
  expect(before).toBeLessThanOrEqual(10_000);
  const ns0 = page.getByTestId('element-agg:ns:ns-0');
  await expect(ns0).toContainText('48 Services');
  await expect(page.getByTestId('element-svc:ns-0/app-0')).toHaveCount(0);
  await page.screenshot({ path: info.outputPath('large-aggregated.png') });

  await ns0.getByRole('button', { name: /^Expand/ }).click();
  await expect(page).toHaveURL(/expand=agg:ns:ns-0/);
  await expect(page.getByTestId('element-svc:ns-0/app-0')).toBeVisible();
  await expect.poll(count).toBeGreaterThan(before);
  expect(await count()).toBeLessThanOrEqual(10_000);
  await page.screenshot({ path: info.outputPath('large-expanded.png') });

  // Collapsing brings the aggregate back.
  await page.getByTestId('element-agg:ns:ns-0').getByRole('button', { name: /^Collapse/ }).click();
  await expect(page.getByTestId('element-svc:ns-0/app-0')).toHaveCount(0);
  console.assertClean();
});

test('diff mode on a large cluster is computed in a Worker and gives the same answer as the model', async ({ page }, info) => {
  const console = guardConsole(page);
  const { snapshot } = parseSnapshot(syntheticCluster({ pods: 12_000 }).text, { source: 'synthetic-12000' });
  const before = { ...snapshot, meta: { ...snapshot.meta, source: 'snapshot' as const } };
  // A rollout scaled down: every 100th pod gone, and the endpoints of every 50th pod not ready any more.
  const after: ClusterSnapshot = {
    ...before,
    pods: before.pods.filter((_, i) => i % 100 !== 0),
    endpointSlices: before.endpointSlices.map((s, i) => (i % 50 === 0 ? { ...s, endpoints: s.endpoints.map((e) => ({ ...e, ready: false })) } : s)),
  };
  const expected = diffSnapshots(before, after);
  expect(before.pods.length + after.pods.length).toBeGreaterThan(WORKER_PODS);
  for (const [id, s] of [['ctx:big-before', before], ['ctx:big-after', after]] as const) {
    await serveStream(page, id, [() => Promise.resolve(frame('snapshot', 1, { version: 1, snapshot: s, status: allLive() }))]);
  }
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/?cluster=ctx:big-after&base=ctx:big-before');
  await expect(page.getByTestId('diff-summary')).toHaveText(`${diffSize(expected)} differences`, { timeout: 30_000 });
  await expect(page.locator('[data-testid="diff-item"][data-kind="endpoint-became-not-ready"]')).toHaveCount(expected.endpoints.filter((e) => e.change === 'became-not-ready').length);
  await expect(page.locator('[data-testid="diff-item"][data-kind="endpoint-lost"]')).toHaveCount(expected.endpoints.filter((e) => e.change === 'lost').length);
  // Two workers: the snapshot opener (started with the page) and the diff worker.
  expect(workers.length).toBe(2);
  await page.screenshot({ path: info.outputPath('large-diff.png') });
  console.assertClean();
});
