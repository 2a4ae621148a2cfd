/**
 * IP helpers on top of ipaddr.js (no hand-written address parsing).
 */
import ipaddr from 'ipaddr.js';
import type { IPFamily } from '../snapshot/records';

// Canonical dotted-decimal IPv4 (no leading zeros, as Kubernetes validation requires). Checked
// before ipaddr.js because the model classifies every address it sees and ipaddr's general parser
// dominated the model's profile on large clusters.
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The family of an address literal, or undefined when it is not an IP address. */
export function familyOf(address: string): IPFamily | undefined {
  if (IPV4.test(address)) return 'IPv4';
  if (address.includes(':') && ipaddr.IPv6.isValid(address)) return 'IPv6';
  return undefined;
}

export function isIP(address: string): boolean {
  return familyOf(address) !== undefined;
}

function ipv4ToInt(address: string): number {
  let n = 0;
  let part = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 46) {
      n = (n << 8) | part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return ((n << 8) | part) >>> 0;
}

/** Host part of a URL: IPv6 literals in brackets (rule U-1), everything else verbatim. */
export function urlHost(address: string): string {
  return familyOf(address) === 'IPv6' ? `[${address}]` : address;
}

/** `host:port` with U-1 bracketing. */
export function hostPort(address: string, port: number | string): string {
  return `${urlHost(address)}:${port}`;
}

/** Is `address` inside `cidr`? False for malformed input or a family mismatch. */
export function inCidr(address: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  if (slash > 0 && IPV4.test(address)) {
    const base = cidr.slice(0, slash);
    const bits = Number(cidr.slice(slash + 1));
    if (!IPV4.test(base) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((ipv4ToInt(address) & mask) >>> 0) === ((ipv4ToInt(base) & mask) >>> 0);
  }
  try {
    const addr = ipaddr.parse(address);
    const [range, bits] = ipaddr.parseCIDR(cidr);
    if (addr.kind() !== range.kind()) {
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
        return (addr as ipaddr.IPv6).toIPv4Address().match(range, bits);
      }
      return false;
    }
    return addr.match(range, bits);
  } catch {
    return false;
  }
}

export function isValidCidr(cidr: string): boolean {
  try {
    ipaddr.parseCIDR(cidr);
    return true;
  } catch {
    return false;
  }
}

/**
 * Addresses an EndpointSlice may not hold (EndpointSlice validation): unspecified, loopback,
 * link-local unicast and link-local multicast. Returns the reason, or undefined when allowed.
 */
export function forbiddenEndpointAddress(address: string): string | undefined {
  if (!isIP(address)) return undefined;
  const range = ipaddr.parse(address).range();
  switch (range) {
    case 'unspecified':
      return 'the unspecified address';
    case 'loopback':
      return 'a loopback address';
    case 'linkLocal':
      return 'a link-local address';
    default:
      if (/^ff02:/i.test(address) || inCidr(address, '224.0.0.0/24')) return 'a link-local multicast address';
      return undefined;
  }
}

/** Canonical text of an address, so `fd00::0a` and `fd00::a` compare equal. */
export function canonicalIP(address: string): string {
  if (IPV4.test(address)) return address;
  return ipaddr.IPv6.isValid(address) ? ipaddr.IPv6.parse(address).toString() : address;
}
