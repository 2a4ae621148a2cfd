/**
 * Text for the hop list of a traced path: each address rewrite in the form the issue shows
 * (`DNAT 10.96.100.10:8080 → 10.244.2.7:80`, `SNAT → 192.168.1.12`), and the message keys of the
 * outcomes and of the trainee explanation of each hop type (networking-semantics.md §7.1).
 */
import type { Hop, Outcome } from '../model/types';

// The rewrite wording is the model's, shared with the CLI and Markdown exports.
export { hopTransforms, transformText } from '../model/transform-text';

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
