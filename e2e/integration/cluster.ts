// Shared helpers for integration tests: clients for the run's cluster and a per-test namespace.
import { inject } from 'vitest';
import { type ClusterInfo, type KubeClient, type TestNamespace, connect, createTestNamespace } from '../../scripts/cluster/harness';

export interface TestCluster {
  info: ClusterInfo;
  admin: KubeClient;
  viewer: KubeClient;
}

export function testCluster(): TestCluster {
  const info = inject('cluster');
  process.env.KUBEPATH_TEST_RUN_ID = inject('testRunId');
  return { info, ...connect(info) };
}

/** Fails (never skips) when the cluster is below tier A, saying why. */
export function requireTierA(info: ClusterInfo): void {
  if (info.tier !== 'A') {
    throw new Error(
      `this test needs tier A (kube-controller-manager + kwok) but the cluster is tier ${info.tier}: ${info.tierReason ?? 'unknown reason'}`,
    );
  }
}

export async function testNamespace(admin: KubeClient, prefix = 't'): Promise<TestNamespace> {
  return createTestNamespace(admin, prefix, { 'kubepath.dev/test-run': inject('testRunId') });
}
