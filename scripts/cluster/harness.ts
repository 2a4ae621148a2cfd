// kubepath's real-cluster test harness: etcd + kube-apiserver + kube-controller-manager + kwok,
// built from Go modules (see docs/cluster-harness.md), on 127.0.0.1 with free ports and a fresh
// temp dir. Used by `npm run cluster:up` and by the Vitest integration globalSetup.
//
//   const cluster = await startCluster();
//   cluster.admin.get('/version'); ...; await cluster.stop();
//
// Every process is started by us, tracked by PID in <runDir>/state.json and stopped by that PID
// (SIGTERM, SIGKILL after 10 s) on stop(), on Ctrl-C/SIGTERM, on process exit, and, if the owning
// process is killed outright, by a small detached watchdog. Nothing is killed by name.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Binaries, KWOK_STAGES, REPO_ROOT, type Tier, resolveBinaries } from './bins';
import { type EndpointSlice, type KubeList, type KubeObject, type Node, type Pod, KubeClient, waitFor } from './kube';

export * from './kube';
export { resolveBinaries, type Binaries, type Tier } from './bins';

// The cluster is dual-stack, IPv4 first (so IPv4 is every default): the shop demo has a
// RequireDualStack Service and dual-stack nodes and pods. The IPv6 ranges are kind's defaults.
export const SERVICE_CIDR = '10.96.0.0/12';
export const SERVICE_CIDR_V6 = 'fd00:10:96::/112';
export const CLUSTER_CIDR = '10.244.0.0/16';
export const CLUSTER_CIDR_V6 = 'fd00:10:244::/56';
export const NODE_CIDR_MASK = 24;
export const NODE_CIDR_MASK_V6 = 64;
export const KWOK_LABEL = 'kubepath.dev/kwok';
export const TEST_RUN_LABEL = 'kubepath.dev/test-run';

/** Controllers run by kube-controller-manager (canonical names, Kubernetes >= 1.28). */
export const CONTROLLERS = [
  'endpointslice-controller',
  'node-ipam-controller',
  'node-lifecycle-controller',
  'namespace-controller',
  'garbage-collector-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'deployment-controller',
  'replicaset-controller',
  'pod-garbage-collector-controller',
];

/** Serializable description of a running cluster (this is what the state file holds). */
export interface ClusterInfo {
  runDir: string;
  logDir: string;
  statePath: string;
  kubeconfigPath: string;
  /** https://127.0.0.1:<port> */
  server: string;
  /** base64 of the apiserver's serving cert chain (kubeconfig certificate-authority-data). */
  caData: string;
  caFile: string;
  adminToken: string;
  viewerToken: string;
  /** e.g. v1.37.2 */
  version: string;
  tier: Tier;
  tierReason?: string;
  ports: { etcd: number; etcdPeer: number; apiserver: number };
  processes: Array<{ name: string; pid: number; log: string }>;
  watchdogPid?: number;
  ownerPid: number;
  /** Started by cluster:up to outlive its starter (stopped by cluster:down). */
  detached: boolean;
  startedAt: string;
  /** ms from startCluster() to a passing stack probe, per phase. */
  timings: Record<string, number>;
}

export interface Cluster extends ClusterInfo {
  admin: KubeClient;
  viewer: KubeClient;
  stop(opts?: { keep?: boolean }): Promise<void>;
  /** Kills one component (SIGKILL), waits `downMs`, starts it again with the same flags, waits until ready. */
  restart(name: 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kwok', opts?: { downMs?: number }): Promise<void>;
  info(): ClusterInfo;
}

export interface StartOptions {
  /** Default: resolveBinaries() (which may build). */
  binaries?: Binaries;
  /** Keep processes running after this Node process exits (cluster:up). Default false. */
  detach?: boolean;
  /** Install SIGINT/SIGTERM/SIGHUP handlers that stop the cluster. Default true. */
  handleSignals?: boolean;
  /** Echo progress. Default: console.error. */
  log?: (msg: string) => void;
  /** Overall readiness budget, ms. Default 90 s (the issue's target is <= 60 s). */
  readyTimeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// small utilities

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // field 3 (after "pid (comm)") is the state; Z = zombie, X = dead
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** True if /proc/<pid>/cmdline still mentions `marker` (our run dir): never signal a recycled PID. */
function pidBelongsTo(pid: number, marker: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tail(file: string, lines = 40): string {
  try {
    const all = fs.readFileSync(file, 'utf8').split('\n');
    return all.slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

export function logTails(logDir: string, lines = 40): string {
  let out = '';
  let files: string[] = [];
  try {
    files = fs.readdirSync(logDir).filter((f) => f.endsWith('.log'));
  } catch {
    return `(log dir ${logDir} is gone)`;
  }
  for (const f of files.sort()) out += `\n----- ${path.join(logDir, f)} (last ${lines} lines) -----\n${tail(path.join(logDir, f), lines)}`;
  return out;
}

/**
 * Stops every process listed in a state (reverse start order) by PID: SIGTERM, then SIGKILL
 * after `graceMs`. A PID is signalled only if its command line still names the run dir.
 */
export async function stopProcesses(state: Pick<ClusterInfo, 'processes' | 'runDir' | 'watchdogPid'>, graceMs = 10_000): Promise<string[]> {
  const notes: string[] = [];
  const procs = [...state.processes].reverse();
  for (const p of procs) {
    if (!pidAlive(p.pid)) continue;
    if (!pidBelongsTo(p.pid, state.runDir)) {
      notes.push(`${p.name}: pid ${p.pid} no longer belongs to ${state.runDir}; not signalled`);
      continue;
    }
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {
      continue;
    }
    const deadline = Date.now() + graceMs;
    while (pidAlive(p.pid) && Date.now() < deadline) await sleep(50);
    if (pidAlive(p.pid)) {
      try {
        process.kill(p.pid, 'SIGKILL');
        notes.push(`${p.name}: pid ${p.pid} ignored SIGTERM for ${graceMs} ms; sent SIGKILL`);
      } catch {
        /* gone */
      }
      const d2 = Date.now() + 5_000;
      while (pidAlive(p.pid) && Date.now() < d2) await sleep(50);
    }
  }
  if (state.watchdogPid && pidAlive(state.watchdogPid) && pidBelongsTo(state.watchdogPid, state.runDir)) {
    try {
      process.kill(state.watchdogPid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  return notes;
}

/** Synchronous best-effort stop (for process 'exit' and signal handlers). */
function killAllSync(state: Pick<ClusterInfo, 'processes' | 'runDir' | 'watchdogPid'>, signal: NodeJS.Signals = 'SIGTERM') {
  for (const p of [...state.processes].reverse()) {
    if (pidAlive(p.pid) && pidBelongsTo(p.pid, state.runDir)) {
      try {
        process.kill(p.pid, signal);
      } catch {
        /* gone */
      }
    }
  }
}

/** Copies the run's logs to test-results/cluster-logs/latest/ (git-ignored). Returns that dir. */
export function saveLogs(logDir: string): string | undefined {
  const dest = path.join(REPO_ROOT, 'test-results', 'cluster-logs', 'latest');
  try {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    for (const f of fs.readdirSync(logDir)) fs.copyFileSync(path.join(logDir, f), path.join(dest, f));
    return dest;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// start

function kubeconfigYaml(server: string, caData: string, adminToken: string, viewerToken: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: kubepath-harness
  cluster:
    server: ${server}
    certificate-authority-data: ${caData}
users:
- name: admin
  user:
    token: ${adminToken}
- name: viewer
  user:
    token: ${viewerToken}
contexts:
- name: admin
  context:
    cluster: kubepath-harness
    user: admin
- name: viewer
  context:
    cluster: kubepath-harness
    user: viewer
current-context: admin
`;
}

class StartError extends Error {
  constructor(
    message: string,
    readonly addressInUse = false,
  ) {
    super(message);
  }
}

/**
 * Starts a control plane and waits until the whole stack is ready (etcd healthy, apiserver
 * /readyz, and, in tier A, a probe proving KCM + kwok: Ready node with a podCIDR, pod IP from
 * kwok, EndpointSlice from the controller). Throws with every log's tail if anything fails.
 */
export async function startCluster(opts: StartOptions = {}): Promise<Cluster> {
  try {
    return await startOnce(opts);
  } catch (e) {
    if (e instanceof StartError && e.addressInUse) {
      (opts.log ?? ((m: string) => console.error(m)))('cluster: a port was taken between picking and binding; retrying once with new ports');
      return startOnce(opts);
    }
    throw e;
  }
}

async function startOnce(opts: StartOptions): Promise<Cluster> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const bins = opts.binaries ?? resolveBinaries();
  timings.resolveBinaries = Date.now() - t0;
  const tStart = Date.now();
  const deadline = tStart + (opts.readyTimeoutMs ?? 90_000);

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubepath-cluster-'));
  const logDir = path.join(runDir, 'logs');
  const pkiDir = path.join(runDir, 'pki');
  for (const d of [logDir, pkiDir, path.join(runDir, 'etcd'), path.join(runDir, 'kwok')]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const statePath = path.join(runDir, 'state.json');
  const kubeconfigPath = path.join(runDir, 'kubeconfig');
  const caFile = path.join(pkiDir, 'apiserver.crt');

  const [etcdPort, etcdPeerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const ports = { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiPort };
  const server = `https://127.0.0.1:${apiPort}`;

  // credentials
  const adminToken = crypto.randomBytes(24).toString('hex');
  const viewerToken = crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(
    path.join(runDir, 'tokens.csv'),
    `${adminToken},kubepath-admin,kubepath-admin,"system:masters"\n${viewerToken},kubepath-viewer,kubepath-viewer,"kubepath-viewers"\n`,
    { mode: 0o600 },
  );
  const { privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const saKey = path.join(runDir, 'sa.key');
  fs.writeFileSync(saKey, privateKey, { mode: 0o600 });

  const children: Array<{ name: string; child: ChildProcess; log: string; exit?: string; bin: string; args: string[]; env: Record<string, string> }> = [];
  const info: ClusterInfo = {
    runDir,
    logDir,
    statePath,
    kubeconfigPath,
    server,
    caData: '',
    caFile,
    adminToken,
    viewerToken,
    version: bins.version,
    tier: bins.tier,
    tierReason: bins.tierReason,
    ports,
    processes: [],
    ownerPid: process.pid,
    detached: !!opts.detach,
    startedAt: new Date().toISOString(),
    timings,
  };
  const writeState = () => fs.writeFileSync(statePath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });

  const onExit = () => killAllSync(info);
  const onSignal = (sig: NodeJS.Signals) => {
    killAllSync(info);
    // if nobody else (e.g. Vitest) handles this signal, exit like the default handler would
    if (process.listenerCount(sig) <= 1) process.exit(128 + (os.constants.signals[sig] ?? 0));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const installHooks = () => {
    process.on('exit', onExit);
    if (opts.handleSignals ?? true) for (const s of signals) process.on(s, onSignal);
  };
  const removeHooks = () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
  };
  installHooks();

  const launch = (name: string, bin: string, args: string[], env: Record<string, string> = {}) => {
    const logFile = path.join(logDir, `${name}.log`);
    const fd = fs.openSync(logFile, 'a');
    fs.writeSync(fd, `# ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
    const child = spawn(bin, args, {
      cwd: runDir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: runDir, ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', fd, fd],
      detached: true, // own process group: a terminal Ctrl-C reaches us, and we stop them in order
    });
    fs.closeSync(fd);
    if (!child.pid) throw new StartError(`could not start ${name} (${bin})`);
    const rec: (typeof children)[number] = { name, child, log: logFile, bin, args, env };
    child.on('exit', (code, sig) => (rec.exit = sig ? `signal ${sig}` : `exit code ${code}`));
    child.on('error', (e) => (rec.exit = `spawn error: ${e.message}`));
    if (opts.detach) child.unref();
    children.push(rec);
    info.processes.push({ name, pid: child.pid, log: logFile });
    writeState();
    return rec;
  };

  const checkAlive = () => {
    for (const c of children) {
      if (c.exit) {
        const text = tail(c.log, 400);
        throw new StartError(`${c.name} exited during start-up (${c.exit})`, /address already in use/i.test(text));
      }
    }
  };
  const until = async <T>(what: string, fn: () => Promise<T | undefined | false | null>) => {
    return waitFor(what, fn, { timeoutMs: Math.max(1_000, deadline - Date.now()), intervalMs: 100, check: checkAlive }).catch((e) => {
      checkAlive();
      throw e;
    });
  };

  const fail = async (e: unknown): Promise<never> => {
    removeHooks();
    await stopProcesses(info, 3_000);
    const saved = saveLogs(logDir);
    const msg = e instanceof Error ? e.message : String(e);
    const err = new Error(
      `kubepath test cluster failed to start: ${msg}\n` +
        `run dir: ${runDir}${saved ? `\nlogs copied to: ${saved}` : ''}\n${logTails(logDir)}`,
    );
    if (process.env.KUBEPATH_KEEP_CLUSTER !== '1') fs.rmSync(runDir, { recursive: true, force: true });
    throw err;
  };

  let admin: KubeClient | undefined;
  try {
    // ---- watchdog: stops everything if this process dies without cleaning up -----------------
    if (!opts.detach) {
      const wd = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/cluster/watchdog.mjs'), String(process.pid), statePath], {
        detached: true,
        stdio: 'ignore',
      });
      wd.unref();
      info.watchdogPid = wd.pid;
    }

    // ---- etcd -----------------------------------------------------------------------------------
    let t = Date.now();
    launch('etcd', bins.etcd, [
      '--name=kubepath',
      `--data-dir=${path.join(runDir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=kubepath=http://127.0.0.1:${etcdPeerPort}`,
      '--unsafe-no-fsync=true',
      '--quota-backend-bytes=2147483648',
      '--log-level=warn',
    ]);
    await until('etcd /health', async () => {
      const r = await fetch(`http://127.0.0.1:${etcdPort}/health`).catch(() => undefined);
      if (!r?.ok) return false;
      const j = (await r.json()) as { health?: string };
      return j.health === 'true';
    });
    timings.etcdReady = Date.now() - t;

    // ---- kube-apiserver ---------------------------------------------------------------------
    t = Date.now();
    launch('kube-apiserver', bins.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--cert-dir=${pkiDir}`,
      `--token-auth-file=${path.join(runDir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${saKey}`,
      `--service-account-signing-key-file=${saKey}`,
      `--service-cluster-ip-range=${SERVICE_CIDR},${SERVICE_CIDR_V6}`,
      '--service-node-port-range=30000-32767',
      '--allow-privileged=true',
      '--profiling=false',
      // IngressClass watches bypass the watch cache and go to etcd, so a test can force a real
      // "410 Gone" by compacting etcd (e2e/integration/live-feed.test.ts). No other kind is affected.
      '--watch-cache-sizes=ingressclasses.networking.k8s.io#0',
      ...(bins.tier === 'C' ? ['--disable-admission-plugins=ServiceAccount'] : []),
      '--v=1',
    ]);
    await until('kube-apiserver serving cert', async () => fs.existsSync(caFile) && fs.statSync(caFile).size > 0);
    const caPem = fs.readFileSync(caFile, 'utf8');
    info.caData = Buffer.from(caPem).toString('base64');
    admin = new KubeClient({ server, ca: caPem, token: adminToken, timeoutMs: 10_000 });
    const a = admin;
    await until('kube-apiserver /readyz', async () => {
      const r = await a.request('GET', '/readyz').catch(() => undefined);
      return r?.status === 200;
    });
    await until('namespaces default and kube-system', async () => {
      const [d, k] = await Promise.all([a.request('GET', '/api/v1/namespaces/default'), a.request('GET', '/api/v1/namespaces/kube-system')]);
      return d.status === 200 && k.status === 200;
    });
    timings.apiserverReady = Date.now() - t;
    fs.writeFileSync(kubeconfigPath, kubeconfigYaml(server, info.caData, adminToken, viewerToken), { mode: 0o600 });
    writeState();

    // ---- controllers + kwok ---------------------------------------------------------------
    if (bins.tier === 'A' && bins.kubeControllerManager && bins.kwok && bins.kwokStagesDir) {
      t = Date.now();
      launch('kube-controller-manager', bins.kubeControllerManager, [
        `--kubeconfig=${kubeconfigPath}`,
        '--leader-elect=false',
        `--controllers=${CONTROLLERS.join(',')}`,
        '--allocate-node-cidrs=true',
        `--cluster-cidr=${CLUSTER_CIDR},${CLUSTER_CIDR_V6}`,
        `--node-cidr-mask-size-ipv4=${NODE_CIDR_MASK}`,
        `--node-cidr-mask-size-ipv6=${NODE_CIDR_MASK_V6}`,
        `--service-cluster-ip-range=${SERVICE_CIDR},${SERVICE_CIDR_V6}`,
        `--service-account-private-key-file=${saKey}`,
        `--root-ca-file=${caFile}`,
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        '--kube-api-qps=100',
        '--kube-api-burst=200',
        '--v=1',
      ]);
      const stageDir = bins.kwokStagesDir;
      launch(
        'kwok',
        bins.kwok,
        [
          `--kubeconfig=${kubeconfigPath}`,
          `--manage-nodes-with-label-selector=${KWOK_LABEL}=true`,
          '--node-ip=127.0.0.1',
          '--cidr=10.250.0.0/16',
          '--node-lease-duration-seconds=40',
          ...KWOK_STAGES.flatMap((s) => ['-c', path.join(stageDir, s)]),
        ],
        { KWOK_WORKDIR: path.join(runDir, 'kwok') },
      );
      await stackProbe(a, until);
      timings.controllersAndKwokReady = Date.now() - t;
    }
    timings.startToReady = Date.now() - tStart;
    writeState();
  } catch (e) {
    admin?.close();
    return fail(e);
  }

  const adminClient = admin;
  const viewerClient = adminClient.withToken(viewerToken);
  let stopped = false;
  const cluster: Cluster = {
    ...info,
    admin: adminClient,
    viewer: viewerClient,
    info: () => ({ ...info }),
    async restart(name, restartOpts = {}) {
      // Kill one component outright (SIGKILL: no graceful shutdown, as in a crash), keep it down for
      // a while, and start it again with the same flags; the state file and stop() follow the new PID.
      const idx = children.findIndex((c) => c.name === name && !c.exit);
      const rec = children[idx];
      if (!rec || rec.child.pid === undefined) throw new Error(`no running ${name} in this cluster`);
      const exited = new Promise<void>((resolve) => rec.child.once('exit', () => resolve()));
      process.kill(rec.child.pid, 'SIGKILL');
      await exited;
      children.splice(idx, 1);
      info.processes = info.processes.filter((p) => p.pid !== rec.child.pid);
      await new Promise((r) => setTimeout(r, restartOpts.downMs ?? 0));
      launch(name, rec.bin, rec.args, rec.env);
      if (name === 'kube-apiserver') {
        await waitFor('kube-apiserver /readyz after restart', async () => (await adminClient.request('GET', '/readyz')).status === 200, { timeoutMs: 60_000, intervalMs: 100 });
      }
    },
    async stop(stopOpts = {}) {
      if (stopped) return;
      stopped = true;
      adminClient.close();
      viewerClient.close();
      const notes = await stopProcesses(info);
      removeHooks();
      for (const n of notes) log(`cluster: ${n}`);
      saveLogs(logDir);
      if (!(stopOpts.keep ?? process.env.KUBEPATH_KEEP_CLUSTER === '1')) fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
  if (opts.detach) removeHooks();
  log(`cluster: ${bins.version} tier ${bins.tier} ready in ${(timings.startToReady / 1000).toFixed(1)} s at ${server}`);
  return cluster;
}

// ---------------------------------------------------------------------------------------------
// stack probe (§4.8 of real-cluster-harness.md): etcd -> apiserver -> KCM -> kwok -> EndpointSlice

async function stackProbe(
  admin: KubeClient,
  until: <T>(what: string, fn: () => Promise<T | undefined | false | null>) => Promise<T>,
): Promise<void> {
  const ns = 'harness-probe';
  await createNode(admin, { name: 'harness-probe', internalIP: '198.18.255.254' });
  const ready = await until('probe node Ready with a podCIDR', async () => {
    const n = await admin.get<Node>('/api/v1/nodes/harness-probe');
    return isNodeReady(n) && n.spec?.podCIDR ? n : false;
  });
  await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await until('default ServiceAccount in harness-probe', async () => (await admin.request('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200);
  await admin.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'probe', namespace: ns },
    spec: { selector: { app: 'probe' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  await admin.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'probe', namespace: ns, labels: { app: 'probe' } },
    spec: { nodeName: 'harness-probe', containers: [{ name: 'c', image: 'probe.invalid/none:0', ports: [{ name: 'http', containerPort: 8080 }] }] },
  });
  const podIP = await until('probe pod IP from kwok', async () => {
    const p = await admin.get<Pod>(`/api/v1/namespaces/${ns}/pods/probe`);
    return p.status?.podIP;
  });
  const podCIDR = ready.spec?.podCIDR ?? '';
  if (!ipInCidr(podIP, podCIDR)) throw new Error(`probe pod IP ${podIP} is not inside the node's podCIDR ${podCIDR}`);
  await until('EndpointSlice for probe with the pod IP', async () => {
    const l = await admin.get<KubeList<EndpointSlice>>(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, {
      labelSelector: 'kubernetes.io/service-name=probe',
    });
    return l.items.some((s) =>
      (s.endpoints ?? []).some((e) => e.addresses.includes(podIP) && e.conditions?.ready === true && e.nodeName === 'harness-probe'),
    );
  });
  // clean up: pod first (grace 0), then namespace, then node, without waiting
  await admin.delete(`/api/v1/namespaces/${ns}/pods/probe`, { gracePeriodSeconds: 0 });
  await admin.delete(`/api/v1/namespaces/${ns}`);
  await admin.delete('/api/v1/nodes/harness-probe');
}

// ---------------------------------------------------------------------------------------------
// helpers for tests

export function connect(info: Pick<ClusterInfo, 'server' | 'caData' | 'adminToken' | 'viewerToken'>): { admin: KubeClient; viewer: KubeClient } {
  const ca = Buffer.from(info.caData, 'base64').toString('utf8');
  const admin = new KubeClient({ server: info.server, ca, token: info.adminToken });
  return { admin, viewer: admin.withToken(info.viewerToken) };
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const toInt = (s: string) => s.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !Number.isInteger(bits)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}

export function isNodeReady(node: Node | undefined): boolean {
  return (node?.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function randomSuffix(n = 6): string {
  return crypto.randomBytes(8).toString('hex').slice(0, n);
}

/** A Node as waitForNodeReady() returns it: Ready, with a podCIDR. */
export type ReadyNode = Node & { spec: NonNullable<Node['spec']> & { podCIDR: string }; status: NonNullable<Node['status']> };
/** A Pod as waitForPodIP() returns it: Running, with an IP. */
export type RunningPod = Pod & { status: NonNullable<Pod['status']> & { podIP: string; phase: 'Running' } };

export interface TestNamespace {
  name: string;
  /** Deletes the namespace's pods with grace 0, then the namespace (does not wait). */
  cleanup(): Promise<void>;
}

/**
 * Creates a namespace `<prefix>-<random>` labelled with the test run, and waits for its default
 * ServiceAccount (ServiceAccount admission refuses pods until it exists).
 */
export async function createTestNamespace(admin: KubeClient, prefix = 't', labels: Record<string, string> = {}): Promise<TestNamespace> {
  const name = `${prefix}-${randomSuffix()}`;
  await admin.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [TEST_RUN_LABEL]: process.env.KUBEPATH_TEST_RUN_ID ?? 'manual', ...labels } },
  });
  await waitFor(`default ServiceAccount in ${name}`, async () => (await admin.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200, {
    timeoutMs: 30_000,
  });
  return {
    name,
    async cleanup() {
      await admin.delete(`/api/v1/namespaces/${name}/pods`, { gracePeriodSeconds: 0 }).catch(() => undefined);
      await admin.delete(`/api/v1/namespaces/${name}`).catch(() => undefined);
    },
  };
}

export interface NodeSpec {
  name: string;
  /** Defaults to an address in 198.18.0.0/15 (benchmark range) derived from the name. */
  internalIP?: string;
  externalIP?: string;
  /** Managed by kwok (Ready, heartbeats, pod IPs). Default true. */
  kwok?: boolean;
  labels?: Record<string, string>;
  zone?: string;
}

/** Deterministic distinct-ish address in 198.18.0.0/15 for a node name. */
export function defaultNodeIP(name: string): string {
  const h = crypto.createHash('sha256').update(name).digest();
  return `198.${18 + ((h[0] ?? 0) & 1)}.${h[1] ?? 0}.${1 + ((h[2] ?? 0) % 254)}`;
}

/**
 * Creates a Node with addresses in its status (a create keeps a Node's status). kwok manages
 * it when labelled kubepath.dev/kwok=true and keeps the InternalIP we set.
 */
export async function createNode(admin: KubeClient, spec: NodeSpec): Promise<Node> {
  const addresses = [{ type: 'InternalIP', address: spec.internalIP ?? defaultNodeIP(spec.name) }];
  if (spec.externalIP) addresses.push({ type: 'ExternalIP', address: spec.externalIP });
  addresses.push({ type: 'Hostname', address: spec.name });
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    ...(spec.zone ? { 'topology.kubernetes.io/zone': spec.zone } : {}),
    ...(spec.kwok ?? true ? { [KWOK_LABEL]: 'true' } : {}),
    ...spec.labels,
  };
  return admin.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: spec.name, labels },
    spec: {},
    status: { addresses },
  });
}

/** Waits until a node is Ready and has a podCIDR (node-ipam + kwok). Returns the node. */
export async function waitForNodeReady(admin: KubeClient, name: string, timeoutMs = 30_000): Promise<ReadyNode> {
  return waitFor(
    `node ${name} Ready with a podCIDR`,
    async () => {
      const n = await admin.get<Node>(`/api/v1/nodes/${name}`);
      return isNodeReady(n) && n.spec?.podCIDR ? (n as ReadyNode) : false;
    },
    { timeoutMs },
  );
}

/** Waits for a pod to be Running with an IP (kwok). Returns the pod. */
export async function waitForPodIP(admin: KubeClient, ns: string, name: string, timeoutMs = 30_000): Promise<RunningPod> {
  return waitFor(
    `pod ${ns}/${name} running with an IP`,
    async () => {
      const p = await admin.get<Pod>(`/api/v1/namespaces/${ns}/pods/${name}`);
      return p.status?.phase === 'Running' && p.status?.podIP ? (p as RunningPod) : false;
    },
    { timeoutMs },
  );
}

/** Waits until the Service's EndpointSlices satisfy `pred` (never trust the first, placeholder slice). */
export async function waitForEndpointSlices(
  admin: KubeClient,
  ns: string,
  service: string,
  pred: (slices: EndpointSlice[]) => boolean,
  timeoutMs = 30_000,
): Promise<EndpointSlice[]> {
  return waitFor(
    `EndpointSlices of ${ns}/${service}`,
    async () => {
      const l = await admin.get<KubeList<EndpointSlice>>(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, {
        labelSelector: `kubernetes.io/service-name=${service}`,
      });
      return pred(l.items) ? l.items : false;
    },
    { timeoutMs },
  );
}

/** Server-side apply with the test field manager (creates or updates). */
export function apply<T extends KubeObject>(admin: KubeClient, obj: T, fieldManager = 'kubepath-test'): Promise<T> {
  return admin.apply(obj, { fieldManager });
}

/** Reads a state file written by startCluster() (used by cluster:down). */
export function readState(statePath: string): ClusterInfo {
  return JSON.parse(fs.readFileSync(statePath, 'utf8')) as ClusterInfo;
}

/** Where cluster:up records the cluster it started (KUBEPATH_CLUSTER_STATE overrides). */
export function currentStatePath(): string {
  if (process.env.KUBEPATH_CLUSTER_STATE) return process.env.KUBEPATH_CLUSTER_STATE;
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'kubepath', 'cluster-up.json');
}

/** Run dirs in the temp dir whose owner process is gone but some of whose processes still run. */
export function findOrphanedRuns(): ClusterInfo[] {
  const out: ClusterInfo[] = [];
  for (const d of fs.readdirSync(os.tmpdir())) {
    if (!d.startsWith('kubepath-cluster-')) continue;
    const sp = path.join(os.tmpdir(), d, 'state.json');
    if (!fs.existsSync(sp)) continue;
    try {
      const st = readState(sp);
      if (st.detached || pidAlive(st.ownerPid)) continue;
      if (st.processes.some((p) => pidAlive(p.pid) && pidBelongsTo(p.pid, st.runDir))) out.push(st);
    } catch {
      /* unreadable: ignore */
    }
  }
  return out;
}

export function anyAlive(state: Pick<ClusterInfo, 'processes' | 'runDir'>): boolean {
  return state.processes.some((p) => pidAlive(p.pid) && pidBelongsTo(p.pid, state.runDir));
}

export { applyDemo, type DemoApplyResult, type DemoName } from './demo';
