/**
 * Text hygiene for cluster-provided strings on any text surface (terminal, DOM text, canvas labels,
 * exports): control characters and bidi overrides are made visible instead of acting
 * (quality-and-scale.md §1.6). Escaping for HTML/SVG is the sink's job; this only neutralises
 * characters that change how surrounding text is shown.
 */

// C0/C1 controls (except tab), DEL, bidi embeddings/overrides/isolates, and LRM/RLM/ALM marks.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** Replaces unsafe characters by `\u{…}` escapes, and truncates to `max` characters (with an ellipsis). */
export function safeText(s: string, max = 512): string {
  const cleaned = s.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}
