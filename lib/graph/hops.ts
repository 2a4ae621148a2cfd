/**
 * Text for the hop list of a traced path: each address rewrite in the form the issue shows
 * (`DNAT 10.96.100.10:8080 → 10.244.2.7:80`, `SNAT → 192.168.1.12`), and the message keys of the
 * outcomes and of the trainee explanation of each hop type (networking-semantics.md §7.1).
 */
import type { Hop, Outcome, PathResult, Transform } from '../model/types';

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

/** `netfilter@n1`, `client@outside`. */
export function hopTitle(h: Hop): string {
  return h.location ? `${h.component}@${h.location}` : h.component;
}

/** Message key of an outcome's short text (`ui.path.outcome.DROP`), translated by the UI. */
export function outcomeKey(outcome: Outcome): string {
  return `ui.path.outcome.${outcome}`;
}

/**
 * Message key of the trainee explanation of a hop type (networking-semantics.md §7.1), keyed like
 * `Hop.teach`: the texts live in the catalogues (`teach.T-DNAT`, en and zh-CN), nowhere else.
 */
export function teachKey(teach: string): string {
  return `teach.${teach}`;
}
