/**
 * IP helpers on top of ipaddr.js (no hand-written address parsing).
 */
import ipaddr from 'ipaddr.js';
import type { IPFamily } from '../snapshot/records';

/** The family of an address literal, or undefined when it is not an IP address. */
export function familyOf(address: string): IPFamily | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  return ipaddr.parse(address).kind() === 'ipv6' ? 'IPv6' : 'IPv4';
}

export function isIP(address: string): boolean {
  return ipaddr.isValid(address);
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
  if (!ipaddr.isValid(address)) return undefined;
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
  return ipaddr.isValid(address) ? ipaddr.parse(address).toString() : address;
}
