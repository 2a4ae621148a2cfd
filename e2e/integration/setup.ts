// Per-file setup: when a test fails, print where the cluster's logs are and their tails.
import { afterEach, inject } from 'vitest';
import { logTails } from '../../scripts/cluster/harness';

afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') {
    const { logDir } = inject('cluster');
    console.error(`test "${ctx.task.name}" failed; control-plane logs (${logDir}):${logTails(logDir, 25)}`);
  }
});
