// Finds (or builds) the control-plane binaries. First match wins, per binary:
//   1. KUBEPATH_CLUSTER_BIN_DIR   2. KUBEBUILDER_ASSETS (envtest)   3. the version cache
//   4. scripts/cluster/build.sh (unless KUBEPATH_CLUSTER_NO_BUILD=1)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Tier = 'A' | 'C';

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager?: string;
  kwok?: string;
  /** Directory holding kwok's stage YAMLs (copied from the kwok module at build time). */
  kwokStagesDir?: string;
  /** e.g. v1.37.2, from `kube-apiserver --version`. */
  version: string;
  /** A: etcd + apiserver + KCM + kwok. C: etcd + apiserver only. */
  tier: Tier;
  /** Where each binary came from, for messages. */
  sources: Record<string, string>;
  /** Why the tier is below A (if it is). */
  tierReason?: string;
}

export const KWOK_STAGES = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

export function pinnedKubernetesVersion(): string {
  const gomod = fs.readFileSync(path.join(REPO_ROOT, 'tools/cluster/go.mod'), 'utf8');
  const m = /^\s*k8s\.io\/kubernetes\s+(v\d+\.\d+\.\d+)/m.exec(gomod);
  if (!m?.[1]) throw new Error('tools/cluster/go.mod does not pin k8s.io/kubernetes');
  return m[1];
}

export function cacheDir(version = process.env.KUBEPATH_K8S_VERSION ?? pinnedKubernetesVersion()): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kubepath', 'k8s', version.startsWith('v') ? version : `v${version}`);
}

function exe(dir: string | undefined, name: string): string | undefined {
  if (!dir) return undefined;
  const p = path.join(dir, name);
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return p;
  } catch {
    return undefined;
  }
}

function apiserverVersion(bin: string): string {
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim(); // "Kubernetes v1.37.2"
  const m = /v\d+\.\d+\.\d+\S*/.exec(out);
  if (!m) throw new Error(`${bin} --version printed "${out}"`);
  return m[0];
}

function minorOf(v: string): string {
  return v.split('.').slice(0, 2).join('.');
}

/** Runs scripts/cluster/build.sh (progress on stderr) and returns the cache dir. */
export function build(opts: { force?: boolean } = {}): string {
  const args = [path.join(REPO_ROOT, 'scripts/cluster/build.sh'), '--print-dir'];
  if (opts.force) args.push('--force');
  const r = spawnSync('bash', args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`scripts/cluster/build.sh failed (exit ${r.status}); see the messages above`);
  }
  const dir = r.stdout.trim().split('\n').pop() ?? '';
  if (!dir || !fs.existsSync(dir)) throw new Error(`build.sh printed no binary directory (got "${r.stdout.trim()}")`);
  return dir;
}

export function resolveBinaries(opts: { allowBuild?: boolean } = {}): Binaries {
  const envDirs: Array<[string, string | undefined]> = [
    ['KUBEPATH_CLUSTER_BIN_DIR', process.env.KUBEPATH_CLUSTER_BIN_DIR || undefined],
    ['KUBEBUILDER_ASSETS', process.env.KUBEBUILDER_ASSETS || undefined],
  ];
  const sources: Record<string, string> = {};
  const find = (name: string, dirs: Array<[string, string | undefined]>) => {
    for (const [label, dir] of dirs) {
      const p = exe(dir, name);
      if (p) {
        sources[name] = `${label} (${p})`;
        return p;
      }
    }
    return undefined;
  };

  let etcd = find('etcd', envDirs);
  let apiserver = find('kube-apiserver', envDirs);
  let cache: string | undefined;
  if (!etcd || !apiserver) {
    const allowBuild = opts.allowBuild ?? process.env.KUBEPATH_CLUSTER_NO_BUILD !== '1';
    if (allowBuild) {
      cache = build();
    } else {
      cache = cacheDir();
      if (!exe(cache, 'etcd') || !exe(cache, 'kube-apiserver')) {
        throw new Error(
          `no etcd/kube-apiserver found: KUBEPATH_CLUSTER_BIN_DIR and KUBEBUILDER_ASSETS are unset or incomplete, ` +
            `${cache} is empty and KUBEPATH_CLUSTER_NO_BUILD=1 forbids building. Run \`npm run cluster:build\`.`,
        );
      }
    }
    etcd ??= find('etcd', [['cache', cache]]);
    apiserver ??= find('kube-apiserver', [['cache', cache]]);
  } else {
    const c = cacheDir();
    if (fs.existsSync(c)) cache = c;
  }
  if (!etcd || !apiserver) throw new Error('could not find etcd and kube-apiserver binaries');

  const version = apiserverVersion(apiserver);
  const all: Array<[string, string | undefined]> = [...envDirs, ['cache', cache]];
  let kcm = find('kube-controller-manager', all);
  let kwok = find('kwok', all);
  let tierReason: string | undefined;

  // KCM must match the apiserver's minor (never newer); a cached KCM of another release is unusable.
  if (kcm && minorOf(apiserverVersion(kcm)) !== minorOf(version)) {
    tierReason = `kube-controller-manager ${apiserverVersion(kcm)} does not match kube-apiserver ${version}`;
    kcm = undefined;
  }
  let kwokStagesDir: string | undefined;
  if (kwok) {
    kwokStagesDir = [path.dirname(kwok), cache]
      .filter((d): d is string => !!d)
      .map((d) => path.join(d, 'kwok-stages'))
      .find((d) => KWOK_STAGES.every((s) => fs.existsSync(path.join(d, s))));
    if (!kwokStagesDir) {
      tierReason = `kwok found (${kwok}) but not its stage files (expected kwok-stages/ beside it; build.sh copies them)`;
      kwok = undefined;
    }
  }
  if (!kcm && !tierReason) tierReason = 'no kube-controller-manager binary';
  if (kcm && !kwok && !tierReason) tierReason = 'no kwok binary';

  const tier: Tier = kcm && kwok ? 'A' : 'C';
  const forced = process.env.KUBEPATH_CLUSTER_TIER;
  if (forced && forced !== tier) {
    if (forced === 'A') {
      throw new Error(`KUBEPATH_CLUSTER_TIER=A but only tier ${tier} is available: ${tierReason}`);
    }
    if (forced === 'C') {
      return { etcd, kubeApiserver: apiserver, version, tier: 'C', sources, tierReason: 'forced by KUBEPATH_CLUSTER_TIER=C' };
    }
    throw new Error(`KUBEPATH_CLUSTER_TIER=${forced}: only A and C exist (kwok builds, so there is no tier B fake kubelet)`);
  }
  return tier === 'A'
    ? { etcd, kubeApiserver: apiserver, kubeControllerManager: kcm, kwok, kwokStagesDir, version, tier, sources }
    : { etcd, kubeApiserver: apiserver, version, tier, sources, tierReason };
}
