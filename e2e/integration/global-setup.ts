// Vitest globalSetup for the integration suite: ONE control plane per run (built on first use),
// handed to the test files through provide/inject, stopped (by PID) when the run ends. If the
// cluster cannot start, this throws with every component's log tail and the run fails: tests are
// never skipped for lack of a cluster.
import type { TestProject } from 'vitest/node';
import { type ClusterInfo, randomSuffix, startCluster } from '../../scripts/cluster/harness';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterInfo;
    testRunId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `run-${randomSuffix(8)}`;
  process.env.KUBEPATH_TEST_RUN_ID = runId;
  const cluster = await startCluster({ log: (m) => console.error(m) });
  project.provide('cluster', cluster.info());
  project.provide('testRunId', runId);
  console.error(`integration: cluster ${cluster.version} (tier ${cluster.tier}) at ${cluster.server}; logs in ${cluster.logDir}`);
  return async () => {
    await cluster.stop();
    console.error('integration: cluster stopped; logs copied to test-results/cluster-logs/latest/');
  };
}
