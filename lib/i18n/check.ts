/**
 * Catalogue consistency checks (used by the missing-translation test): the same keys in every
 * language, each language's plural forms complete, and the same interpolation placeholders per key.
 *
 * Plural keys (`text_one`, `text_other`) are compared by their base key (`text`), because languages
 * need different forms: English has `one` and `other`, Chinese only `other` (Intl.PluralRules).
 */
import type { Catalogue } from './config';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Leaf keys (dot-joined) → strings. A non-string, non-object leaf is reported with a `null` value. */
export function flattenCatalogue(c: Catalogue | Record<string, unknown>, prefix = ''): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flattenCatalogue(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, null);
  }
  return out;
}

/** Interpolation placeholder names of a message: `{{count}}`, `{{list, list(style: narrow)}}` → count, list. */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)) names.add(m[1] as string);
  return [...names].sort();
}

interface BaseEntry {
  /** Plural categories present (empty for an ordinary key). */
  forms: Set<string>;
  /** Placeholders over all forms. */
  placeholders: Set<string>;
}

function byBase(flat: Map<string, string | null>): Map<string, BaseEntry> {
  const out = new Map<string, BaseEntry>();
  for (const [key, value] of flat) {
    const m = PLURAL_SUFFIX.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    let e = out.get(base);
    if (!e) out.set(base, (e = { forms: new Set(), placeholders: new Set() }));
    if (m) e.forms.add(m[1] as string);
    for (const p of placeholders(value ?? '')) e.placeholders.add(p);
  }
  return out;
}

/**
 * Every problem between catalogues, as sentences (empty when consistent): keys missing in a language,
 * non-string or empty leaves, plural forms missing for a language, and placeholder mismatches.
 */
export function compareCatalogues(catalogues: Readonly<Record<string, Catalogue | Record<string, unknown>>>): string[] {
  const problems: string[] = [];
  const langs = Object.keys(catalogues);
  const flats = new Map(langs.map((l) => [l, flattenCatalogue(catalogues[l] as Catalogue)] as const));
  const bases = new Map(langs.map((l) => [l, byBase(flats.get(l) as Map<string, string | null>)] as const));
  for (const l of langs) {
    for (const [key, value] of flats.get(l) as Map<string, string | null>) {
      if (value === null) problems.push(`${l}: ${key} is not a string`);
      else if (value.trim() === '') problems.push(`${l}: ${key} is empty`);
    }
  }
  const all = new Set(langs.flatMap((l) => [...(bases.get(l) as Map<string, BaseEntry>).keys()]));
  for (const base of [...all].sort()) {
    const entries = langs.map((l) => [l, bases.get(l)?.get(base)] as const);
    for (const [l, e] of entries) if (!e) problems.push(`${l}: missing ${base} (present in ${entries.filter(([, x]) => x).map(([x]) => x).join(', ')})`);
    const present = entries.filter((x): x is readonly [string, BaseEntry] => x[1] !== undefined);
    const plural = present.filter(([, e]) => e.forms.size > 0);
    if (plural.length > 0 && plural.length < present.length) {
      problems.push(`${base}: plural in ${plural.map(([l]) => l).join(', ')} but not in ${present.filter(([, e]) => e.forms.size === 0).map(([l]) => l).join(', ')}`);
    }
    for (const [l, e] of plural) {
      const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
      for (const c of needed) if (!e.forms.has(c)) problems.push(`${l}: ${base} lacks the plural form _${c}`);
      for (const c of e.forms) if (!(needed as readonly string[]).includes(c)) problems.push(`${l}: ${base}_${c} is not a plural form of ${l}`);
    }
    const [first, ...rest] = present;
    if (!first) continue;
    const ref = [...first[1].placeholders].sort().join(',');
    for (const [l, e] of rest) {
      const mine = [...e.placeholders].sort().join(',');
      if (mine !== ref) problems.push(`${base}: placeholders {${ref}} in ${first[0]} but {${mine}} in ${l}`);
    }
  }
  return problems;
}
