/**
 * A topology without endpoint resolution, for the first frame of a large cluster.
 *
 * `buildTopology` resolves every Service's backends (EndpointSlices, selectors, named ports); at 150k
 * pods that is seconds of main-thread work, while the aggregated first frame (namespaces and node
 * groups with counts) needs none of it. This builds the same shape from the records alone, in one
 * pass: every Service has no backends and selects nothing, so the graph it gives has the aggregated
 * view's boxes, at the same places, without the edges. The view draws it first and swaps in the real
 * topology once that is built (quality-and-scale.md §3.6: aggregates first, the rest streamed in).
 */
import { nodeId, podId, serviceId } from '../model/ids';
import type { NodeView, ServiceView, Topology } from '../model/topology';
import { DEFAULT_SETTINGS, type ModelSettings } from '../model/types';
import type { ClusterSnapshot, Labels, PodRecord } from '../snapshot/records';

export function shallowTopology(snapshot: ClusterSnapshot, settings: Partial<ModelSettings> = {}): Topology {
  const nodes = new Map<string, NodeView>();
  for (const n of snapshot.nodes) {
    nodes.set(n.name, {
      id: nodeId(n.name),
      record: n,
      internalIPs: n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
      externalIPs: n.addresses.filter((a) => a.type === 'ExternalIP').map((a) => a.address),
      pods: [],
    });
  }
  const pods = new Map<string, PodRecord>();
  const namespaces = new Map<string, Labels>();
  for (const ns of snapshot.namespaces) namespaces.set(ns.name, ns.labels);
  const seen = (ns: string): void => {
    if (!namespaces.has(ns)) namespaces.set(ns, { 'kubernetes.io/metadata.name': ns });
  };
  for (const p of snapshot.pods) {
    const id = podId(p.namespace, p.name);
    pods.set(id, p);
    if (p.nodeName) nodes.get(p.nodeName)?.pods.push(id);
    seen(p.namespace);
  }
  const services = new Map<string, ServiceView>();
  for (const s of snapshot.services) {
    const id = serviceId(s.namespace, s.name);
    services.set(id, { id, record: s, backends: { source: 'none', endpoints: [], excluded: [], nilPortSlices: [], fqdnSlices: [], slices: [] }, selectedPods: [] });
    seen(s.namespace);
  }
  for (const i of snapshot.ingresses) seen(i.namespace);
  for (const p of snapshot.networkPolicies) seen(p.namespace);
  return {
    snapshot,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    nodes,
    pods,
    services,
    namespaces,
    podsByIP: new Map(),
    serviceByClusterIP: new Map(),
    nodeByAddress: new Map(),
  };
}
