import { readFileSync } from 'node:fs';
import { connect, type ClusterInfo, type KubeClient } from '../scripts/cluster/harness';

/**
 * The real control plane the e2e run uses: started by scripts/test-all.sh (`cluster:up`) before
 * Playwright starts the dashboard with KUBECONFIG pointing at it. Without it, live tests fail with
 * a message saying how to start one (never skip).
 */
export function e2eCluster(): { info: ClusterInfo; admin: KubeClient } {
  const state = process.env.KUBEPATH_CLUSTER_STATE;
  if (!state) throw new Error('no test cluster for the live e2e tests: run them through `npm test`, or `npm run cluster:up` and export KUBEPATH_CLUSTER_STATE and KUBECONFIG as it prints');
  const info = JSON.parse(readFileSync(state, 'utf8')) as ClusterInfo;
  return { info, admin: connect(info).admin };
}
