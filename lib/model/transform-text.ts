/**
 * Address rewrites as text, the one wording shared by the CLI, Markdown exports and the graph view:
 * `DNAT 10.96.100.10:8080 → 10.244.2.7:80`, `SNAT → 192.168.1.12`.
 */
import type { PathResult, Transform } from './types';

/** One transform as text; `before` is the destination the packet had before this hop (for DNAT). */
export function transformText(t: Transform, before?: string): string {
  switch (t.kind) {
    case 'DNAT':
      return before && before !== t.to ? `DNAT ${before} → ${t.to}` : `DNAT → ${t.to}`;
    case 'SNAT':
      return `SNAT → ${t.to}`;
    case 'ENCAP':
      return `ENCAP ${t.outer}`;
    case 'DECAP':
      return 'DECAP';
    case 'L7_NEW_CONNECTION':
      return 'L7 proxy: new connection';
    case 'DNS_ANSWER':
      return t.records.length > 0 ? `DNS answer ${t.records.join(', ')}` : 'DNS answer: no such name';
  }
}

/** The transforms of every hop as text, resolving each DNAT's original destination from the hop before. */
export function hopTransforms(result: PathResult): string[][] {
  return result.hops.map((h, i) => {
    const before = i > 0 ? result.hops[i - 1]?.dst : undefined;
    return h.transforms.map((t) => transformText(t, before));
  });
}
