/**
 * Label and selector matching.
 *
 * A Service selector is a plain map; an empty or absent one selects NOTHING (§4.5, M19).
 * A NetworkPolicy `LabelSelector` with no requirements selects EVERYTHING in its scope (§5 NP-6).
 */
import type { LabelSelector, Labels } from '../snapshot/records';

/** A label's value, own properties only (labels are plain objects; inherited names are not labels). */
export function labelValue(labels: Labels, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

/** Does a Service selector select these labels? Empty or null selectors select nothing. */
export function serviceSelects(selector: Labels | null, labels: Labels): boolean {
  if (selector === null) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== selector[k]) return false;
  }
  return true;
}

/** `metav1.LabelSelector` semantics: every matchLabels pair and every expression must hold; `{}` matches all. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const k of Object.keys(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== selector.matchLabels[k]) return false;
  }
  for (const e of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = has ? labels[e.key] : undefined;
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(v as string)) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(v as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Human text of a Service selector, `app=web,tier=front`. */
export function formatSelector(selector: Labels | null): string {
  if (selector === null) return '(none)';
  const keys = Object.keys(selector);
  return keys.length === 0 ? '{}' : keys.map((k) => `${k}=${selector[k]}`).join(',');
}
