/**
 * The wire protocol between the server and the browser (and any API caller): a snapshot of records,
 * then batched deltas, each stamped with a monotonically increasing version. Pure types and the one
 * function that applies a delta, shared by the server (which produces them) and the browser (which
 * applies them). Only projected records ever travel; never API objects, never credentials.
 */
import type {
  ClusterSnapshot,
  EndpointSliceRecord,
  IngressClassRecord,
  IngressRecord,
  NamespaceRecord,
  NetworkPolicyRecord,
  NodeRecord,
  PodRecord,
  ServiceRecord,
  SnapshotKind,
} from './records';

/** State of one resource kind's list+watch (issue 4): what the UI shows beside the data. */
export type KindState = 'syncing' | 'live' | 'stale' | 'forbidden' | 'throttled' | 'error';

export interface KindStatus {
  state: KindState;
  /** When the state began (ISO 8601); for `stale`, the data is as of this time. */
  since?: string;
  /** What happened and what to do, e.g. "cannot list nodes: the viewer role lacks list". */
  message?: string;
  /** Namespaces this kind is read from when cluster-wide access is forbidden (per-namespace mode). */
  namespaces?: string[];
}

export type ClusterStatus = Partial<Record<SnapshotKind, KindStatus>>;

/** One entry of the cluster picker. */
export interface ClusterEntry {
  /** `ctx:<context>`, `demo:<name>` or `snapshot:<name>`. */
  id: string;
  kind: 'context' | 'demo' | 'snapshot';
  /** Context or demo name. */
  name: string;
  title?: string;
  /** The kubeconfig's current context. */
  current?: boolean;
  /** A problem with this entry's configuration (the others keep working). */
  error?: string;
}

export interface ClusterList {
  clusters: ClusterEntry[];
  /** The entry to show first: the current context when there is one, else the `seed` demo. */
  defaultId: string;
}

/** `GET /api/clusters/{id}/topology`, and the `snapshot` event of the stream. */
export interface SnapshotMessage {
  version: number;
  snapshot: ClusterSnapshot;
  status: ClusterStatus;
}

/** A record keyed by kind, for upserts. */
export type AnyRecord =
  | { kind: 'Namespace'; record: NamespaceRecord }
  | { kind: 'Node'; record: NodeRecord }
  | { kind: 'Pod'; record: PodRecord }
  | { kind: 'Service'; record: ServiceRecord }
  | { kind: 'EndpointSlice'; record: EndpointSliceRecord }
  | { kind: 'Ingress'; record: IngressRecord }
  | { kind: 'IngressClass'; record: IngressClassRecord }
  | { kind: 'NetworkPolicy'; record: NetworkPolicyRecord };

export type Change = ({ op: 'upsert' } & AnyRecord) | { op: 'delete'; kind: SnapshotKind; uid: string };

/** The `delta` event: changes since `version - 1`, and the status when it changed. */
export interface DeltaMessage {
  version: number;
  changes: Change[];
  status?: ClusterStatus;
}

const FIELD: Record<SnapshotKind, keyof Omit<ClusterSnapshot, 'meta'>> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Service: 'services',
  EndpointSlice: 'endpointSlices',
  Ingress: 'ingresses',
  IngressClass: 'ingressClasses',
  NetworkPolicy: 'networkPolicies',
};

/** The snapshot list that holds records of `kind`. */
export function fieldOf(kind: SnapshotKind): keyof Omit<ClusterSnapshot, 'meta'> {
  return FIELD[kind];
}

/**
 * Applies changes to a snapshot, returning a new snapshot; untouched kinds keep their arrays (and
 * record identities), so consumers can skip work for kinds that did not change.
 */
export function applyChanges(snapshot: ClusterSnapshot, changes: readonly Change[]): ClusterSnapshot {
  if (changes.length === 0) return snapshot;
  const byField = new Map<keyof Omit<ClusterSnapshot, 'meta'>, Map<string, { uid: string }>>();
  for (const c of changes) {
    const field = FIELD[c.kind];
    let m = byField.get(field);
    if (!m) {
      m = new Map((snapshot[field] as readonly { uid: string }[]).map((r) => [r.uid, r]));
      byField.set(field, m);
    }
    if (c.op === 'delete') m.delete(c.uid);
    else m.set(c.record.uid, c.record);
  }
  const next: Record<string, unknown> = { ...snapshot };
  for (const [field, m] of byField) next[field] = [...m.values()];
  return next as unknown as ClusterSnapshot;
}
