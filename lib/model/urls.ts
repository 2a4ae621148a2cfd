/**
 * URL formatting rules U-1…U-8 (networking-semantics.md §3.0).
 */
import type { Protocol, ServicePortRecord } from '../snapshot/records';
import { familyOf, urlHost } from './ip';
import type { Badge } from './types';

export interface Scheme {
  scheme: string;
  badges: Badge[];
  notes: string[];
}

/** U-2: L4 scheme by protocol, http(s)/ws(s) only from appProtocol; a port name hint only adds a badge. */
export function schemeFor(port: Pick<ServicePortRecord, 'protocol' | 'appProtocol' | 'name'>): Scheme {
  const l4 = port.protocol.toLowerCase();
  const ap = port.appProtocol?.toLowerCase();
  if (ap === 'http') return { scheme: 'http', badges: [], notes: [] };
  if (ap === 'https') return { scheme: 'https', badges: [], notes: [] };
  if (ap === 'kubernetes.io/h2c') return { scheme: 'http', badges: [], notes: ['h2c (HTTP/2 over cleartext)'] };
  if (ap === 'kubernetes.io/ws') return { scheme: 'ws', badges: [], notes: [] };
  if (ap === 'kubernetes.io/wss') return { scheme: 'wss', badges: [], notes: [] };
  const n = port.name.toLowerCase();
  if (n === 'http' || n === 'https' || n.startsWith('http-')) {
    return { scheme: l4, badges: ['looks-like-http'], notes: ['looks like HTTP (from the port name); set appProtocol to be sure'] };
  }
  return { scheme: l4, badges: [], notes: [] };
}

/** U-3: elide only http/ws:80 and https/wss:443. */
export function formatUrl(scheme: string, host: string, port: number, path = ''): string {
  const elide = ((scheme === 'http' || scheme === 'ws') && port === 80) || ((scheme === 'https' || scheme === 'wss') && port === 443);
  const h = urlHost(host);
  return `${scheme}://${h}${elide ? '' : `:${port}`}${path}`;
}

/** U-8: the copy-as-command for an entry. */
export function copyCommand(opts: {
  scheme: string;
  url: string;
  protocol: Protocol;
  dialAddress?: string;
  dialPort: number;
  /** Host name in the URL when it differs from the address to dial. */
  host?: string;
}): string | undefined {
  const { scheme, url, protocol, dialAddress, dialPort, host } = opts;
  if (!dialAddress) return undefined;
  if (scheme === 'http' || scheme === 'https') {
    if (host && host !== dialAddress) {
      return familyOf(dialAddress)
        ? `curl --resolve ${host}:${dialPort}:${urlHost(dialAddress)} ${url}`
        : `curl --connect-to ${host}:${dialPort}:${dialAddress}:${dialPort} ${url}`;
    }
    return `curl ${url}`;
  }
  if (protocol === 'UDP') return `nc -vzu ${dialAddress} ${dialPort}`;
  return `nc -vz ${dialAddress} ${dialPort}`;
}

/** Lower-case, no trailing dot (U-5). */
export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** U-6: an Ingress wildcard host rendered as a usable example (exactly one label). */
export function ingressExampleHost(host: string): string {
  return host.startsWith('*.') ? `<name>.${host.slice(2)}` : host;
}
