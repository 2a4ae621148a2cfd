// Applies an embedded demo cluster (lib/demo/clusters/<name>.json, a Kubernetes `v1 List`) to the
// real API server, so server-side validation checks every object of the demo.
//
// - Namespaces first (explicit Namespace items, plus any namespace an object references).
// - status is stripped, and so are the metadata fields the server owns (uid, resourceVersion,
//   creationTimestamp, generation, managedFields, selfLink, deletion*, ownerReferences: owner
//   UIDs from a file can never match, and the garbage collector would delete the dependants).
// - EndpointSlices that belong to a Service with a selector are not stored (the real controller
//   writes those) but are still validated with a dry-run apply. Slices of selector-less Services
//   are applied.
// - Each object is sent with server-side apply and fieldValidation=Strict; rejections are
//   collected (not thrown) so one run reports every bad object.
// - With `withStatus`, the original status is then written through the /status subresource of
//   the kinds that have one (JSON merge-patch, strict field validation), and those rejections
//   are collected separately.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bins';
import { KubeError, type KubeClient, type KubeObject, type Service, waitFor } from './kube';

export type DemoName = 'seed' | 'reference' | 'shop' | (string & {});

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Rejection extends ObjectRef {
  status: number;
  reason?: string;
  message: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
}

export interface DemoApplyResult {
  file: string;
  applied: ObjectRef[];
  skipped: Array<ObjectRef & { why: string }>;
  rejected: Rejection[];
  statusApplied: ObjectRef[];
  statusRejected: Rejection[];
  /** Namespaces this call created (cleanup deletes only these). */
  createdNamespaces: string[];
  /** Deletes what was applied (pods with grace 0) and the created namespaces; waits until gone. */
  cleanup(): Promise<void>;
}

export function demoPath(name: DemoName): string {
  return path.join(REPO_ROOT, 'lib', 'demo', 'clusters', `${name}.json`);
}

export function loadDemo(name: DemoName): KubeObject[] {
  const file = demoPath(name);
  if (!fs.existsSync(file)) throw new Error(`demo cluster file ${path.relative(REPO_ROOT, file)} does not exist`);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (doc?.kind !== 'List' || !Array.isArray(doc.items)) {
    throw new Error(`${path.relative(REPO_ROOT, file)} is not a Kubernetes v1 List (kind: ${doc?.kind})`);
  }
  return doc.items as KubeObject[];
}

const SERVER_OWNED_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
];

export function sanitize(obj: KubeObject): KubeObject {
  const o = structuredClone(obj);
  delete o.status;
  for (const f of SERVER_OWNED_METADATA) delete o.metadata[f];
  return o;
}

const ORDER = ['Namespace', 'IngressClass', 'Node', 'ServiceAccount', 'Service', 'Pod', 'EndpointSlice', 'Ingress', 'NetworkPolicy'];
const rank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i === -1 ? ORDER.length : i;
};
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

function ref(o: KubeObject, namespaced: boolean): ObjectRef {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '(no name)', ...(namespaced ? { namespace: o.metadata.namespace ?? 'default' } : {}) };
}

function rejection(r: ObjectRef, e: unknown): Rejection {
  if (e instanceof KubeError) {
    return { ...r, status: e.status, reason: e.reason, message: e.statusBody?.message ?? e.message, causes: e.statusBody?.details?.causes };
  }
  return { ...r, status: 0, message: e instanceof Error ? e.message : String(e) };
}

export async function applyDemo(
  admin: KubeClient,
  name: DemoName,
  opts: { fieldManager?: string; withStatus?: boolean; items?: KubeObject[] } = {},
): Promise<DemoApplyResult> {
  const fieldManager = opts.fieldManager ?? 'kubepath-demo';
  const items = opts.items ?? loadDemo(name);
  const result: DemoApplyResult = {
    file: demoPath(name),
    applied: [],
    skipped: [],
    rejected: [],
    statusApplied: [],
    statusRejected: [],
    createdNamespaces: [],
    cleanup: async () => {},
  };

  // classify
  const namespacedOf = new Map<KubeObject, boolean>();
  for (const o of items) {
    try {
      namespacedOf.set(o, (await admin.resourceFor(o.apiVersion, o.kind)).namespaced);
    } catch (e) {
      result.rejected.push(rejection({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata?.name ?? '(no name)', namespace: o.metadata?.namespace }, e));
    }
  }
  const known = items.filter((o) => namespacedOf.has(o));
  const selectorServices = new Set(
    known
      .filter((o) => o.kind === 'Service' && o.apiVersion === 'v1' && Object.keys((o as Service).spec?.selector ?? {}).length > 0)
      .map((o) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`),
  );

  // namespaces: explicit ones first, then every referenced one
  const explicitNs = new Set(known.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name!));
  const referencedNs = new Set(known.filter((o) => namespacedOf.get(o)).map((o) => o.metadata.namespace ?? 'default'));
  const nsToWait = new Set<string>([...explicitNs, ...referencedNs]);
  for (const ns of nsToWait) {
    const exists = (await admin.request('GET', `/api/v1/namespaces/${encodeURIComponent(ns)}`)).status === 200;
    if (!exists && !SYSTEM_NAMESPACES.has(ns)) result.createdNamespaces.push(ns);
    if (!explicitNs.has(ns) && !exists) {
      try {
        await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      } catch (e) {
        result.rejected.push(rejection({ apiVersion: 'v1', kind: 'Namespace', name: ns }, e));
      }
    }
  }

  const sorted = [...known].sort((a, b) => rank(a.kind) - rank(b.kind));
  let waitedForServiceAccounts = false;
  for (const o of sorted) {
    const namespaced = namespacedOf.get(o)!;
    const r = ref(o, namespaced);
    if (o.kind === 'EndpointSlice' && o.apiVersion.startsWith('discovery.k8s.io/')) {
      const svc = o.metadata.labels?.['kubernetes.io/service-name'];
      if (svc && selectorServices.has(`${r.namespace}/${svc}`)) {
        result.skipped.push({ ...r, why: `belongs to Service ${r.namespace}/${svc}, which has a selector: the endpointslice controller writes its slices` });
        // still let the server validate it, without storing it (dryRun=All)
        try {
          await admin.apply(sanitize(o), { fieldManager, fieldValidation: 'Strict', dryRun: true });
        } catch (e) {
          result.rejected.push({ ...rejection(r, e), message: `(dry run) ${rejection(r, e).message}` });
        }
        continue;
      }
    }
    if (o.kind === 'Pod' && !waitedForServiceAccounts) {
      // ServiceAccount admission refuses pods until the namespace's default ServiceAccount exists
      waitedForServiceAccounts = true;
      for (const ns of nsToWait) {
        await waitFor(`default ServiceAccount in ${ns}`, async () => (await admin.request('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200, {
          timeoutMs: 30_000,
        }).catch(() => undefined);
      }
    }
    const body = sanitize(o);
    if (namespaced && !body.metadata.namespace) body.metadata.namespace = 'default';
    try {
      await admin.apply(body, { fieldManager, fieldValidation: 'Strict' });
      result.applied.push(r);
    } catch (e) {
      result.rejected.push(rejection(r, e));
    }
  }

  if (opts.withStatus) {
    for (const o of sorted) {
      if (!o.status || !result.applied.some((a) => a.kind === o.kind && a.name === o.metadata.name && a.namespace === (namespacedOf.get(o) ? o.metadata.namespace ?? 'default' : undefined))) continue;
      const namespaced = namespacedOf.get(o)!;
      const r = ref(o, namespaced);
      const hasStatus = await admin.hasSubresource(o.apiVersion, o.kind, 'status');
      if (!hasStatus) continue;
      // JSON merge-patch, not server-side apply: SSA treats Node status.addresses as a map keyed
      // by type and refuses the two InternalIPs (IPv4 + IPv6) of a dual-stack node, which the API
      // itself allows (kubernetes/kubernetes: "duplicate entries for key [type=InternalIP]").
      const objPath = await admin.objectPath({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: r.namespace } });
      try {
        await admin.mergePatch(`${objPath}/status`, { status: o.status }, { fieldManager, fieldValidation: 'Strict' });
        result.statusApplied.push(r);
      } catch (e) {
        result.statusRejected.push(rejection(r, e));
      }
    }
  }

  result.cleanup = async () => {
    const applied = [...result.applied].reverse();
    for (const a of applied) {
      if (a.kind === 'Namespace') continue;
      const path = await admin.objectPath({ apiVersion: a.apiVersion, kind: a.kind, metadata: { name: a.name, namespace: a.namespace } });
      await admin.delete(path, a.kind === 'Pod' ? { gracePeriodSeconds: 0 } : {}).catch(() => undefined);
    }
    for (const ns of result.createdNamespaces) {
      await admin.delete(`/api/v1/namespaces/${ns}/pods`, { gracePeriodSeconds: 0 }).catch(() => undefined);
      await admin.delete(`/api/v1/namespaces/${ns}`).catch(() => undefined);
    }
    await waitFor(
      `demo ${name} cleaned up`,
      async () => {
        for (const ns of result.createdNamespaces) if ((await admin.request('GET', `/api/v1/namespaces/${ns}`)).status !== 404) return false;
        for (const a of applied) {
          if (a.kind === 'Namespace') continue; // only created ones are deleted (checked above)
          if (a.namespace && result.createdNamespaces.includes(a.namespace)) continue;
          const p = await admin.objectPath({ apiVersion: a.apiVersion, kind: a.kind, metadata: { name: a.name, namespace: a.namespace } });
          if ((await admin.request('GET', p)).status !== 404) return false;
        }
        return true;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  };
  return result;
}

/** One line per rejection, for assertion messages and reports. */
export function formatRejections(rs: Rejection[]): string {
  return rs
    .map((r) => {
      const id = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
      const causes = (r.causes ?? []).map((c) => `\n      - ${c.field ?? ''}: ${c.message ?? c.reason ?? ''}`).join('');
      return `  ${id}: ${r.status} ${r.reason ?? ''} ${r.message}${causes}`;
    })
    .join('\n');
}
