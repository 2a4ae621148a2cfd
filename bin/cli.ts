/**
 * The kubepath CLI: argument parsing and output only; the work is in lib/.
 * JSON shapes are a public interface documented in docs/cli.md: add fields, never rename or remove.
 *
 * Exit status: 0 success; 1 `check` found an error, or `diff` found a difference; 2 bad usage, missing
 * file, bad ID or bad input.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEMO_NAMES, isDemoName, loadDemo } from '../lib/demo/demo-clusters';
import { accessPointsForPod, accessPointsForService } from '../lib/model/access-points';
import { diffSnapshots, diffText } from '../lib/model/diff';
import { findingsFor } from '../lib/model/findings';
import { parseId, podId } from '../lib/model/ids';
import { createRedactor, redactTraceRequest, type Redactor } from '../lib/model/redact';
import { safeText } from '../lib/model/text';
import { buildTopology, type Topology } from '../lib/model/topology';
import { tracePath, TraceError, type TraceRequest } from '../lib/model/trace';
import { hopTransforms } from '../lib/model/transform-text';
import type { AccessPoint, Finding, PathResult } from '../lib/model/types';
import { describeKubeError, KubeApiError } from '../lib/k8s/errors';
import { KubeHttp } from '../lib/k8s/http';
import { kubeConfigFor, loadKubeconfig, type LoadedKubeconfig } from '../lib/k8s/kubeconfig';
import { readClusterOnce } from '../lib/k8s/read-cluster';
import { SnapshotParseError } from '../lib/snapshot/parse';
import { serializeSnapshot } from '../lib/snapshot/serialize';
import { readSnapshotFile } from '../lib/snapshot/read-snapshot-file';
import type { ClusterSnapshot } from '../lib/snapshot/records';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

class UsageError extends Error {}

const USAGE = `kubepath — how traffic reaches workloads in a Kubernetes cluster

Usage:
  kubepath urls     [source] [-n NS] [--service NS/NAME] [--json]
  kubepath trace    --path 1|2|3|4 --to ID [--from ID] [--via node:NAME] [--port P]
                    [--access NodePort|ExternalIP|HostPort|ClusterIP] [--endpoint ID]
                    [--host HOST] [--request-path PATH] [source] [--json]
  kubepath check    [source] [-n NS] [--json]
  kubepath snapshot [--context NAME] [--kubeconfig FILE] > snapshot.json
  kubepath diff     A.json B.json [--json]      (exit 1 when they differ)
  kubepath demos

Source (default: the kubeconfig's current context if there is one, else --demo seed):
  --context NAME    a kubeconfig context (KUBECONFIG, or --kubeconfig FILE)
  --demo NAME       an embedded demo cluster: ${DEMO_NAMES.join(', ')}
  --snapshot FILE   a kubepath snapshot or \`kubectl get … -A -o json\` output

Options:
  --dns-zone ZONE   cluster DNS zone (default cluster.local)
  --redact          replace IPs, hostnames, names and label values by stable placeholders
                    (urls, trace, check, snapshot, diff); IDs and names you pass are mapped too
  --json            machine-readable output (shapes in docs/cli.md)
  -h, --help        this help

IDs: svc:NS/NAME, pod:NS/NAME, ing:NS/NAME, node:NAME, ext:client
Paths: ① external via LoadBalancer  ② external to a Service  ③ pod → Service via ClusterIP  ④ pod → pod
`;

const OPTIONS = {
  demo: { type: 'string' },
  snapshot: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  namespace: { type: 'string', short: 'n', multiple: true },
  service: { type: 'string' },
  json: { type: 'boolean' },
  path: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  via: { type: 'string' },
  port: { type: 'string' },
  access: { type: 'string' },
  endpoint: { type: 'string' },
  host: { type: 'string' },
  'request-path': { type: 'string' },
  'dns-zone': { type: 'string' },
  redact: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function kubeconfigOf(v: Values): LoadedKubeconfig {
  return loadKubeconfig(v.kubeconfig !== undefined ? { paths: [v.kubeconfig] } : {});
}

/** A live, one-shot read of a context; forbidden kinds are reported on stderr, not fatal. */
async function readContext(v: Values, context: string, io: CliIO): Promise<ClusterSnapshot> {
  const loaded = kubeconfigOf(v);
  for (const f of loaded.fileErrors) io.stderr(`kubepath: warning: ${f.file}: ${f.error}\n`);
  let http: KubeHttp;
  try {
    http = new KubeHttp(kubeConfigFor(loaded, context));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const info = loaded.contexts.find((c) => c.name === context);
  if (info?.insecure) io.stderr(`kubepath: warning: context ${context}: ${info.insecure}\n`);
  const namespaces = [info?.namespace ?? 'default', ...(v.namespace ?? [])];
  const { snapshot, status } = await readClusterOnce(http, { context, fallbackNamespaces: namespaces });
  for (const [kind, st] of Object.entries(status)) {
    if (st?.state === 'forbidden') io.stderr(`kubepath: warning: ${kind}: ${st.message ?? 'not visible with these credentials'}\n`);
    else if (st?.namespaces) io.stderr(`kubepath: note: ${kind} read from namespace${st.namespaces.length > 1 ? 's' : ''} ${st.namespaces.join(', ')} only\n`);
  }
  return snapshot;
}

async function loadSnapshot(v: Values, io: CliIO): Promise<ClusterSnapshot> {
  const chosen = [v.demo !== undefined, v.snapshot !== undefined, v.context !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('choose one source: --demo, --snapshot or --context');
  if (v.context !== undefined) return readContext(v, v.context, io);
  if (v.snapshot !== undefined) {
    const { snapshot } = await readSnapshotFile(v.snapshot);
    return snapshot;
  }
  if (v.demo === undefined) {
    // Like the dashboard: the current context when the kubeconfig has a usable one.
    const current = kubeconfigOf(v).contexts.find((c) => c.current && !c.error);
    if (current) return readContext(v, current.name, io);
  }
  const demo = v.demo ?? 'seed';
  if (!isDemoName(demo)) throw new UsageError(`unknown demo "${demo}" (demos: ${DEMO_NAMES.join(', ')})`);
  return loadDemo(demo);
}

function inNamespaces(ns: string, filter: readonly string[] | undefined): boolean {
  return !filter || filter.length === 0 || filter.includes(ns);
}

/** Plain-text table with padded columns; every cell is sanitised cluster text. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

function apJson(ap: AccessPoint): Record<string, unknown> {
  // The documented fields first (docs/cli.md), then the rest.
  const { kind, url, scope, reachable, reason, node, ...rest } = ap;
  return { kind, url, scope, reachable, ...(reason ? { reason } : {}), ...(node ? { node } : {}), ...rest };
}

function apRow(ap: AccessPoint): string[] {
  const verdict = ap.reachable ? 'reachable' : `NOT reachable (${ap.outcome}): ${ap.reason ?? ''}`;
  return [ap.kind, safeText(ap.url), ap.scope, verdict + (ap.badges.length ? ` [${ap.badges.join(', ')}]` : '')];
}

function cmdUrls(topo: Topology, v: Values, io: CliIO): number {
  let views = [...topo.services.values()].filter((s) => inNamespaces(s.record.namespace, v.namespace)).sort((a, b) => a.id.localeCompare(b.id));
  if (v.service !== undefined) {
    const id = v.service.startsWith('svc:') ? v.service : `svc:${v.service}`;
    if (!parseId(id)) throw new UsageError(`bad Service "${v.service}" (expected NS/NAME)`);
    views = views.filter((s) => s.id === id);
    if (views.length === 0) throw new UsageError(`no Service ${id.slice(4)} in this cluster`);
  }
  const services = views.map((s) => ({ view: s, aps: accessPointsForService(topo, s) }));
  // Pods reachable by hostPort/hostNetwork that no listed Service covers (e.g. the reference fixture's `hp`).
  const covered = new Set(services.flatMap((s) => s.aps.flatMap((a) => (a.pod ? [a.pod] : []))));
  const pods =
    v.service !== undefined
      ? []
      : [...topo.pods.values()]
          .filter((p) => inNamespaces(p.namespace, v.namespace) && !covered.has(podId(p.namespace, p.name)) && (p.hostNetwork || p.ports.some((c) => c.hostPort)))
          .map((p) => ({ pod: p, aps: accessPointsForPod(topo, p).filter((a) => a.kind === 'HostPort' || a.kind === 'HostNetwork') }))
          .filter((p) => p.aps.length > 0);
  if (v.json) {
    io.stdout(
      `${JSON.stringify(
        {
          cluster: topo.snapshot.meta,
          services: services.map(({ view, aps }) => ({
            id: view.id,
            namespace: view.record.namespace,
            name: view.record.name,
            type: view.record.type,
            endpointSource: view.backends.source,
            accessPoints: aps.map(apJson),
          })),
          pods: pods.map(({ pod, aps }) => ({ id: podId(pod.namespace, pod.name), namespace: pod.namespace, name: pod.name, accessPoints: aps.map(apJson) })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const out: string[] = [];
  for (const { view, aps } of services) {
    const s = view.record;
    const src = view.backends.source === 'inferred' ? ' — endpoints inferred from selector, not what the proxy uses' : '';
    out.push(`${safeText(s.namespace)}/${safeText(s.name)}  (${s.type}${s.clusterIPs.length ? ` ${s.clusterIPs.join(', ')}` : s.headless ? ' headless' : ''})${src}`);
    out.push(aps.length ? table([['KIND', 'URL', 'SCOPE', 'VERDICT'], ...aps.map(apRow)]).replace(/^/gm, '  ') : '  (no access points)');
    out.push('');
  }
  for (const { pod, aps } of pods) {
    out.push(`pod ${safeText(pod.namespace)}/${safeText(pod.name)}`);
    out.push(table([['KIND', 'URL', 'SCOPE', 'VERDICT'], ...aps.map(apRow)]).replace(/^/gm, '  '));
    out.push('');
  }
  if (services.length === 0 && pods.length === 0) out.push('no Services in the selected namespaces');
  io.stdout(`${out.join('\n').trimEnd()}\n`);
  return 0;
}


function cmdTrace(topo: Topology, v: Values, io: CliIO, redactor?: Redactor): number {
  if (v.path === undefined) throw new UsageError('trace needs --path 1|2|3|4');
  if (!/^[1-4]$/.test(v.path)) throw new UsageError(`--path must be 1, 2, 3 or 4 (got "${v.path}")`);
  if (v.to === undefined) throw new UsageError('trace needs --to ID (svc:NS/NAME, pod:NS/NAME or ing:NS/NAME)');
  const access = v.access as TraceRequest['access'];
  if (access !== undefined && !['NodePort', 'ExternalIP', 'HostPort', 'HostNetwork', 'ClusterIP'].includes(access)) {
    throw new UsageError(`--access must be NodePort, ExternalIP, HostPort, HostNetwork or ClusterIP (got "${access}")`);
  }
  const asked: TraceRequest = {
    path: Number(v.path) as 1 | 2 | 3 | 4,
    to: v.to,
    ...(v.from !== undefined ? { from: v.from } : {}),
    ...(v.via !== undefined ? { via: v.via } : {}),
    ...(v.port !== undefined ? { port: v.port } : {}),
    ...(access ? { access } : {}),
    ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}),
    ...(v.host !== undefined ? { host: v.host } : {}),
    ...(v['request-path'] !== undefined ? { requestPath: v['request-path'] } : {}),
  };
  const req = redactor ? redactTraceRequest(redactor, asked) : asked;
  const r: PathResult = tracePath(topo, req);
  if (v.json) {
    io.stdout(`${JSON.stringify({ request: req, ...r }, null, 2)}\n`);
    return 0;
  }
  const rows = [['#', 'COMPONENT@LOCATION', 'SRC → DST', 'TRANSFORM', 'WHY']];
  const transforms = hopTransforms(r);
  r.hops.forEach((h, i) => {
    rows.push([String(h.step), `${h.component}@${safeText(h.location)}`, `${safeText(h.src)} → ${safeText(h.dst)}`, safeText(transforms[i]?.join('; ') ?? '') || '—', safeText(h.basis ?? '')]);
  });
  const lines = [`path ${r.flow} ${r.variant}: ${r.outcome}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}${r.badges.length ? `  [${r.badges.join(', ')}]` : ''}`, table(rows)];
  if (r.eligible.length) lines.push(`eligible endpoints: ${r.eligible.map((e) => safeText(e)).join(', ')}`);
  if (r.backendSees) lines.push(`backend sees: src ${r.backendSees.src}, dst ${r.backendSees.dst}`);
  for (const n of r.notes) lines.push(`note: ${safeText(n)}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function cmdCheck(topo: Topology, v: Values, io: CliIO): number {
  const all = findingsFor(topo);
  const findings = all.filter((f) => {
    const id = parseId(f.subject);
    return !id?.namespace || inNamespaces(id.namespace, v.namespace);
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (v.json) {
    io.stdout(`${JSON.stringify({ cluster: topo.snapshot.meta, errors, findings }, null, 2)}\n`);
  } else if (findings.length === 0) {
    io.stdout('no findings\n');
  } else {
    const rows = [['SEVERITY', 'CODE', 'SUBJECT', 'MESSAGE'], ...findings.map((f: Finding) => [f.severity, f.code, safeText(f.subject), safeText(f.message) + (f.fix ? ` (fix: ${safeText(f.fix)})` : '')])];
    io.stdout(`${table(rows)}\n${findings.length} finding${findings.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** The namespace and Service filters of a redacted run, mapped like the snapshot. */
function redactedFilters(v: Values, r: Redactor): Values {
  return {
    ...v,
    ...(v.namespace ? { namespace: v.namespace.map((n) => r.name('namespace', n)) } : {}),
    ...(v.service !== undefined ? { service: r.id(v.service.startsWith('svc:') ? v.service : `svc:${v.service}`) } : {}),
  };
}

/** `diff A B`: exit 0 identical, 1 different. */
async function cmdDiff(files: string[], v: Values, io: CliIO): Promise<number> {
  if (files.length !== 2) throw new UsageError('diff needs two snapshot files: kubepath diff A.json B.json');
  if (v.demo !== undefined || v.snapshot !== undefined || v.context !== undefined) throw new UsageError('diff compares two snapshot files; --demo, --snapshot and --context do not apply');
  let [a, b] = [(await readSnapshotFile(files[0] as string)).snapshot, (await readSnapshotFile(files[1] as string)).snapshot];
  if (v.redact) {
    const r = createRedactor([a, b]);
    [a, b] = [r.snapshot(a), r.snapshot(b)];
  }
  const d = diffSnapshots(a, b, v['dns-zone'] ? { dnsZone: v['dns-zone'] } : {});
  io.stdout(v.json ? `${JSON.stringify(d, null, 2)}\n` : diffText(d));
  return d.identical ? 0 : 1;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`kubepath: ${(e as Error).message.replace(/\. To specify .*$/s, '')}\n`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const cmd = positionals[0];
  if (v.help || cmd === 'help' || cmd === undefined) {
    (cmd === undefined && !v.help ? io.stderr : io.stdout)(USAGE);
    return cmd === undefined && !v.help ? 2 : 0;
  }
  if (positionals.length > (cmd === 'diff' ? 3 : 1)) {
    io.stderr(`kubepath: unexpected argument "${positionals[cmd === 'diff' ? 3 : 1]}"\n`);
    return 2;
  }
  try {
    if (cmd === 'demos') {
      for (const name of DEMO_NAMES) io.stdout(`${name}\t${loadDemo(name).meta.title ?? ''}\n`);
      return 0;
    }
    if (cmd === 'diff') return await cmdDiff(positionals.slice(1), v, io);
    if (cmd !== 'urls' && cmd !== 'trace' && cmd !== 'check' && cmd !== 'snapshot') throw new UsageError(`unknown command "${cmd}" (commands: urls, trace, check, snapshot, diff, demos)`);
    let snapshot = await loadSnapshot(v, io);
    const redactor = v.redact ? createRedactor([snapshot]) : undefined;
    if (redactor) snapshot = redactor.snapshot(snapshot);
    const args = redactor ? redactedFilters(v, redactor) : v;
    if (cmd === 'snapshot') {
      io.stdout(serializeSnapshot(snapshot));
      return 0;
    }
    const topo = buildTopology(snapshot, v['dns-zone'] ? { dnsZone: v['dns-zone'] } : {});
    if (cmd === 'urls') return cmdUrls(topo, args, io);
    if (cmd === 'trace') return cmdTrace(topo, v, io, redactor);
    return cmdCheck(topo, args, io);
  } catch (e) {
    if (e instanceof KubeApiError) {
      io.stderr(`kubepath: ${describeKubeError(e)}\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof TraceError || e instanceof SnapshotParseError) {
      io.stderr(`kubepath: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
