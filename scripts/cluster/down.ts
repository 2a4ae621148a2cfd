// npm run cluster:down [-- --keep] [-- --all]
// Stops the cluster recorded by cluster:up, each process by its own PID (SIGTERM, SIGKILL after
// 10 s), after checking that the PID still belongs to that run. Logs are copied to
// test-results/cluster-logs/latest/ and the run dir is removed (--keep keeps it).
// --all also stops orphaned test clusters (owner process gone) found in the temp dir.
import fs from 'node:fs';
import { type ClusterInfo, currentStatePath, findOrphanedRuns, readState, saveLogs, stopProcesses } from './harness';

const keep = process.argv.includes('--keep') || process.env.KUBEPATH_KEEP_CLUSTER === '1';
const all = process.argv.includes('--all');
const pointer = currentStatePath();

async function down(st: ClusterInfo, label: string) {
  const notes = await stopProcesses(st);
  for (const n of notes) console.error(`cluster:down: ${n}`);
  const saved = fs.existsSync(st.logDir) ? saveLogs(st.logDir) : undefined;
  if (!keep) fs.rmSync(st.runDir, { recursive: true, force: true });
  console.log(
    `cluster:down: stopped ${label} (${st.processes.map((p) => `${p.name}=${p.pid}`).join(' ')})` +
      (saved ? `; logs in ${saved}` : '') +
      (keep ? `; kept ${st.runDir}` : ''),
  );
}

let did = false;
if (fs.existsSync(pointer)) {
  await down(readState(pointer), `the cluster:up cluster at ${readState(pointer).server}`);
  fs.rmSync(pointer, { force: true });
  did = true;
}
if (all) {
  for (const st of findOrphanedRuns()) {
    await down(st, `orphaned run ${st.runDir}`);
    did = true;
  }
}
if (!did) console.log(`cluster:down: no cluster recorded in ${pointer}${all ? ' and no orphaned runs' : ''}; nothing to stop`);
