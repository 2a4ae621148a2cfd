// npm run cluster:up [-- --foreground]
// Starts etcd + kube-apiserver + kube-controller-manager + kwok on 127.0.0.1 (building the
// binaries first if needed), waits until the stack is ready, writes a kubeconfig with contexts
// `admin` and `viewer`, records PIDs/ports/paths in a state file and prints where everything is.
// By default the cluster keeps running after this command returns; `npm run cluster:down` stops
// it. With --foreground it stays attached and Ctrl-C stops it. Ctrl-C during start-up always
// stops whatever was started.
import fs from 'node:fs';
import path from 'node:path';
import { anyAlive, currentStatePath, readState, startCluster } from './harness';

const foreground = process.argv.includes('--foreground');
const pointer = currentStatePath();

if (fs.existsSync(pointer)) {
  const old = readState(pointer);
  if (anyAlive(old)) {
    console.error(
      `cluster:up: a cluster started by cluster:up is still running (${old.server}, kubeconfig ${old.kubeconfigPath}).\n` +
        `Run \`npm run cluster:down\` first.`,
    );
    process.exit(1);
  }
  fs.rmSync(pointer, { force: true });
}

let cluster: Awaited<ReturnType<typeof startCluster>>;
try {
  cluster = await startCluster({ detach: !foreground, handleSignals: true });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const info = cluster.info();
fs.mkdirSync(path.dirname(pointer), { recursive: true });
fs.writeFileSync(pointer, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });

const pids = info.processes.map((p) => `${p.name}=${p.pid}`).join(' ');
console.log(`kubepath test cluster is up (tier ${info.tier}${info.tierReason ? `: ${info.tierReason}` : ''})
  version     ${info.version}
  server      ${info.server}
  kubeconfig  ${info.kubeconfigPath}   (contexts: admin = system:masters, viewer = no rights)
  logs        ${info.logDir}
  state       ${pointer}
  pids        ${pids}
  ready in    ${(info.timings.startToReady! / 1000).toFixed(1)} s

  export KUBECONFIG=${info.kubeconfigPath}
${foreground ? '  Ctrl-C stops it.' : '  Stop it with: npm run cluster:down'}`);

if (foreground) {
  const stop = async () => {
    console.error('\ncluster: stopping ...');
    await cluster.stop();
    fs.rmSync(pointer, { force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  setInterval(() => {}, 1 << 30);
} else {
  cluster.admin.close();
  cluster.viewer.close();
  process.exit(0);
}
