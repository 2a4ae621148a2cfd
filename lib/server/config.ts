/**
 * Server configuration, read and validated once (architecture.md §5). A bad value stops the server
 * with a message that names the setting.
 */
export interface ServerConfig {
  /** Address the server listens on (`KUBEPATH_HOST`, default 127.0.0.1). */
  host: string;
  /** Port (`PORT`, default 3000). */
  port: number;
  /** Extra Host header names accepted besides loopback names (`KUBEPATH_ALLOWED_HOSTS`, comma-separated). */
  allowedHosts: string[];
  /** Kubeconfig path(s) (`KUBEPATH_KUBECONFIG`, else `KUBECONFIG`, else ~/.kube/config), colon-separated. */
  kubeconfig?: string;
  /** Namespaces to read when cluster-wide listing is forbidden (`KUBEPATH_NAMESPACES`, comma-separated). */
  namespaces: string[];
}

export class ConfigError extends Error {
  constructor(setting: string, problem: string) {
    super(`configuration: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const port = env.PORT ?? '3000';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new ConfigError('PORT', `must be a number from 1 to 65535 (got "${port}")`);
  const allowedHosts = (env.KUBEPATH_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const h of allowedHosts) if (!HOSTNAME.test(h)) throw new ConfigError('KUBEPATH_ALLOWED_HOSTS', `contains "${h}", which is not a host name`);
  const kubeconfig = env.KUBEPATH_KUBECONFIG ?? env.KUBECONFIG;
  const namespaces = (env.KUBEPATH_NAMESPACES ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of namespaces) if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(n)) throw new ConfigError('KUBEPATH_NAMESPACES', `contains "${n}", which is not a namespace name`);
  return { host: env.KUBEPATH_HOST ?? '127.0.0.1', port: Number(port), allowedHosts, namespaces, ...(kubeconfig ? { kubeconfig } : {}) };
}

let cached: ServerConfig | undefined;

/** The process's configuration (read on first use). */
export function config(): ServerConfig {
  cached ??= readConfig();
  return cached;
}
