/**
 * Element IDs, derived from natural keys (architecture.md §3). The same IDs appear in URLs
 * (`?focus=svc:shop/web`), in the accessible list view, in tests, in the CLI and in exports.
 */

export const EXTERNAL_CLIENT_ID = 'ext:client';

export const nodeId = (name: string): string => `node:${name}`;
export const podId = (namespace: string, name: string): string => `pod:${namespace}/${name}`;
export const serviceId = (namespace: string, name: string): string => `svc:${namespace}/${name}`;
export const ingressId = (namespace: string, name: string): string => `ing:${namespace}/${name}`;
export const loadBalancerId = (namespace: string, service: string): string => `lb:${namespace}/${service}`;
export const networkPolicyId = (namespace: string, name: string): string => `netpol:${namespace}/${name}`;
export const ingressClassId = (name: string): string => `ingclass:${name}`;
export const endpointSliceId = (namespace: string, name: string): string => `eps:${namespace}/${name}`;

/** Edge ID: `<from>-><to>:<port>/<proto>` (port and protocol omitted when the edge has none). */
export function edgeId(from: string, to: string, port?: number | string, protocol?: string): string {
  return port === undefined ? `${from}->${to}` : `${from}->${to}:${port}/${protocol ?? 'TCP'}`;
}

export type IdKind = 'node' | 'pod' | 'svc' | 'ing' | 'lb' | 'ext' | 'netpol' | 'ingclass' | 'eps';

/** Splits an element ID into its kind and natural key; returns undefined for anything malformed. */
export function parseId(id: string): { kind: IdKind; namespace?: string; name: string } | undefined {
  const m = /^(node|pod|svc|ing|lb|ext|netpol|ingclass|eps):(.+)$/.exec(id);
  if (!m) return undefined;
  const kind = m[1] as IdKind;
  const rest = m[2] as string;
  if (kind === 'node' || kind === 'ext' || kind === 'ingclass') {
    return rest.includes('/') ? undefined : { kind, name: rest };
  }
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1 || rest.indexOf('/', slash + 1) !== -1) return undefined;
  return { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}
