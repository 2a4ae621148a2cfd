// Started (detached) by scripts/cluster/harness.ts. If the process that started the cluster dies
// without stopping it (SIGKILL, crash), stop every process listed in the run's state file, by PID,
// after checking that each PID's command line still names the run directory. Exits as soon as the
// owner stopped the cluster itself (all listed processes gone) or after cleaning up.
// usage: node watchdog.mjs <ownerPid> <statePath>
import fs from 'node:fs';
import path from 'node:path';

const ownerPid = Number(process.argv[2]);
const statePath = process.argv[3];
const runDir = path.dirname(statePath);
process.on('SIGINT', () => {}); // a terminal Ctrl-C is for the owner; we stay until it has cleaned up
process.on('SIGHUP', () => {});

const alive = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const s = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return s !== 'Z' && s !== 'X';
  } catch {
    return false;
  }
};
const ours = (pid) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runDir);
  } catch {
    return false;
  }
};
const readProcs = () => {
  try {
    return JSON.parse(fs.readFileSync(statePath, 'utf8')).processes ?? [];
  } catch {
    return [];
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let seen = false;
for (;;) {
  await sleep(1000);
  const procs = readProcs();
  const live = procs.filter((p) => alive(p.pid) && ours(p.pid));
  if (live.length) seen = true;
  if (alive(ownerPid)) {
    if (seen && live.length === 0) process.exit(0); // owner stopped the cluster
    if (!fs.existsSync(runDir)) process.exit(0);
    continue;
  }
  // owner is gone: stop what is left, newest first (kwok, KCM, apiserver, etcd), each by PID
  for (const p of live.reverse()) {
    if (!alive(p.pid) || !ours(p.pid)) continue;
    try { process.kill(p.pid, 'SIGTERM'); } catch {}
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && alive(p.pid)) await sleep(50);
    if (alive(p.pid) && ours(p.pid)) { try { process.kill(p.pid, 'SIGKILL'); } catch {} }
  }
  if (process.env.KUBEPATH_KEEP_CLUSTER !== '1') {
    try { fs.rmSync(runDir, { recursive: true, force: true }); } catch {}
  }
  process.exit(0);
}
