/**
 * IDs of graph-only elements: aggregate boxes and path overlays. Model elements keep the IDs of
 * lib/model/ids.ts (`node:`, `pod:`, `svc:`, `ing:`, `lb:`, `ext:client`, edges `<from>-><to>:<port>/<proto>`);
 * these prefixes never collide with them.
 */

/** All Services (and their load balancers and Ingresses) of one namespace, collapsed. */
export const namespaceAggregateId = (namespace: string): string => `agg:ns:${namespace}`;

/** A group of Nodes, collapsed (clusters with more Nodes than fit as separate boxes). */
export const nodeGroupId = (key: string): string => `agg:nodes:${key}`;

/** Pods that are not (yet) on a known Node. */
export const UNSCHEDULED_ID = 'agg:unscheduled';

/** An overlay edge drawn for one hop of a traced path. */
export const pathEdgeId = (step: number, from: string, to: string): string => `path:${step}:${from}->${to}`;

export function isAggregateId(id: string): boolean {
  return id.startsWith('agg:');
}
