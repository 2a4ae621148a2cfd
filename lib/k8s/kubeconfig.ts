import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

/**
 * Kubeconfig the way kubectl reads it: every file of the path list (KUBECONFIG), merged with the
 * first file winning on conflicts, the current context from the first file that sets one; or the
 * in-cluster service account when running in a pod. One bad file or context never breaks the
 * others: each carries its own error. Credentials never leave this process.
 */

export interface ContextInfo {
  /** Context name; the cluster ID is `ctx:<name>`. */
  name: string;
  cluster?: string;
  user?: string;
  /** The context's default namespace (used when cluster-wide listing is forbidden). */
  namespace?: string;
  current: boolean;
  /** API server URL (shown to the operator in the CLI only). */
  server?: string;
  /** Why this context cannot be used. */
  error?: string;
  /** Set when TLS verification is off or the server is plain http. */
  insecure?: string;
}

export interface LoadedKubeconfig {
  files: string[];
  fileErrors: { file: string; error: string }[];
  contexts: ContextInfo[];
  current?: string;
  inCluster: boolean;
  /** The merged configuration (all good clusters, users, contexts). */
  merged: KubeConfig;
}

/** Exec credential plugins accepted by default (D8); extend with KUBEPATH_EXEC_ALLOWLIST. */
export const DEFAULT_EXEC_ALLOWLIST = [
  'gke-gcloud-auth-plugin',
  'aws',
  'aws-iam-authenticator',
  'kubelogin',
  'kubectl-oidc_login',
  'kubectl',
  'az',
  'doctl',
  'oci',
  'gcloud',
  'teleport',
  'tsh',
  'rancher',
  'vcluster',
];

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function defaultKubeconfigPaths(env: Record<string, string | undefined> = process.env): string[] {
  const list = env.KUBEPATH_KUBECONFIG ?? env.KUBECONFIG;
  if (list && list.length > 0) return list.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

function within(path: string, dirs: readonly string[]): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  return dirs.some((d) => real === d || real.startsWith(d.endsWith(sep) ? d : d + sep));
}

/** Checks the parts of a context that kubepath refuses to use (D8) and notes insecure transport. */
function vet(cluster: Cluster | null, user: User | null, allowedDirs: readonly string[], execAllow: readonly string[]): { error?: string; insecure?: string } {
  if (!cluster) return { error: 'the context names a cluster that is not defined' };
  if (!cluster.server) return { error: `cluster ${cluster.name} has no server URL` };
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    return { error: `cluster ${cluster.name} has an invalid server URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `cluster ${cluster.name}: unsupported scheme ${url.protocol}` };
  const files = [cluster.caFile, user?.certFile, user?.keyFile].filter((f): f is string => typeof f === 'string' && f !== '');
  const authProvider = user?.authProvider as { name?: string; config?: { tokenFile?: string } } | undefined;
  if (authProvider) {
    // The in-cluster configuration of client-node reads the projected token through a "tokenFile"
    // provider; every other auth-provider (the deprecated gcp/azure/oidc plugins) is refused (D8).
    if (authProvider.name === 'tokenFile' && authProvider.config?.tokenFile) files.push(authProvider.config.tokenFile);
    else return { error: `user ${user?.name}: auth-provider entries are not supported (use an exec credential plugin)` };
  }
  const exec = user?.exec as { command?: string } | undefined;
  if (exec?.command) {
    const cmd = exec.command;
    const allowed = execAllow.includes(basename(cmd)) && (!cmd.includes('/') || isAbsolute(cmd));
    if (!allowed) return { error: `user ${user?.name}: exec command "${basename(cmd)}" is not on the allowlist (set KUBEPATH_EXEC_ALLOWLIST to allow it)` };
  }
  for (const f of files) {
    if (!within(f, allowedDirs)) return { error: `a credential file of this context (${basename(f)}) lies outside the allowed directories` };
  }
  const insecure = cluster.skipTLSVerify ? 'TLS verification is turned off (insecure-skip-tls-verify)' : url.protocol === 'http:' ? 'the API server is plain http: credentials and data travel unencrypted' : undefined;
  return insecure ? { insecure } : {};
}

export interface LoadOptions {
  paths?: string[];
  env?: Record<string, string | undefined>;
}

export function loadKubeconfig(opts: LoadOptions = {}): LoadedKubeconfig {
  const env = opts.env ?? process.env;
  const merged = new KubeConfig();
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  const fileErrors: { file: string; error: string }[] = [];
  const files: string[] = [];
  let current: string | undefined;
  const paths = opts.paths ?? defaultKubeconfigPaths(env);
  const explicit = opts.paths !== undefined || (env.KUBEPATH_KUBECONFIG ?? env.KUBECONFIG) !== undefined;
  for (const file of paths) {
    if (!existsSync(file)) {
      if (explicit) fileErrors.push({ file, error: 'file not found' });
      continue;
    }
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (e) {
      fileErrors.push({ file, error: `cannot read kubeconfig: ${(e as Error).message.split('\n')[0]?.slice(0, 200) ?? 'invalid'}` });
      continue;
    }
    files.push(file);
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    const cc = kc.getCurrentContext();
    if (!current && cc) current = cc;
  }
  let inCluster = false;
  if (contexts.size === 0 && env.KUBERNETES_SERVICE_HOST && existsSync(join(SA_DIR, 'token'))) {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    for (const c of kc.getClusters()) clusters.set(c.name, c);
    for (const u of kc.getUsers()) users.set(u.name, u);
    for (const c of kc.getContexts()) contexts.set(c.name, c);
    current = kc.getCurrentContext();
    inCluster = true;
  }
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current ?? '',
  });
  const allowedDirs = [
    ...files.map((f) => dirname(resolve(f))),
    join(homedir(), '.kube'),
    SA_DIR,
    ...(env.KUBEPATH_CREDENTIAL_DIRS ?? '').split(delimiter).filter(Boolean).map((d) => resolve(d)),
  ].map((d) => {
    try {
      return realpathSync(d);
    } catch {
      return d;
    }
  });
  const execAllow = [...DEFAULT_EXEC_ALLOWLIST, ...(env.KUBEPATH_EXEC_ALLOWLIST ?? '').split(',').map((s) => s.trim()).filter(Boolean)];
  const infos: ContextInfo[] = [...contexts.values()].map((c) => {
    const cluster = clusters.get(c.cluster) ?? null;
    const user = c.user ? (users.get(c.user) ?? null) : null;
    const v = c.user && !user ? { error: `the context names a user (${c.user}) that is not defined` } : vet(cluster, user, allowedDirs, execAllow);
    return {
      name: c.name,
      cluster: c.cluster,
      ...(c.user ? { user: c.user } : {}),
      ...(c.namespace ? { namespace: c.namespace } : {}),
      current: c.name === current,
      ...(cluster?.server ? { server: cluster.server } : {}),
      ...v,
    };
  });
  return { files, fileErrors, contexts: infos, ...(current ? { current } : {}), inCluster, merged };
}

/** A KubeConfig for one context, or a typed configuration error. */
export function kubeConfigFor(loaded: LoadedKubeconfig, context: string): KubeConfig {
  const info = loaded.contexts.find((c) => c.name === context);
  if (!info) {
    const names = loaded.contexts.map((c) => c.name);
    throw new Error(`no context "${context}" in the kubeconfig${names.length ? ` (contexts: ${names.join(', ')})` : ''}`);
  }
  if (info.error) throw new Error(`context "${context}": ${info.error}`);
  const kc = new KubeConfig();
  const ctx = loaded.merged.getContextObject(context) as Context;
  const cluster = loaded.merged.getCluster(ctx.cluster) as Cluster;
  const user = ctx.user ? loaded.merged.getUser(ctx.user) : null;
  kc.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: context });
  return kc;
}
