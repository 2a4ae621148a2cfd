/**
 * i18n configuration: the supported languages, language negotiation, and a framework-neutral
 * `createI18n(lang)` that gives an initialised i18next instance holding both message catalogues.
 *
 * No React here (lib/i18n/react.ts holds the react-i18next binding), so the CLI, tests and server
 * code can translate too.
 *
 * Keys: one i18next namespace (`translation`) with nested groups — `ui`, `teach` (spec §7.1, keyed
 * `teach.T-DNAT`), `misconception` (§7.2, `misconception.M3.claim|correction|try`), `ips`, `tour`,
 * `methods`. Plural keys use i18next's suffixes (`_one`, `_other`, per `Intl.PluralRules` of the
 * language), selected by the `count` parameter. Lists are arrays formatted by i18next's built-in
 * `list` formatter (`{{list, list(style: narrow)}}`, Intl.ListFormat: "a, b, c" / "a、b、c").
 */
import i18next, { type i18n, type Module, type Resource } from 'i18next';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

export const SUPPORTED_LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Default and fallback language: a key missing in zh-CN (the test forbids it) would show in English. */
export const DEFAULT_LANGUAGE: Language = 'en';
export const FALLBACK_LANGUAGE: Language = 'en';

/** The only i18next namespace; the groups (`teach`, `tour` …) are nested objects inside it. */
export const NAMESPACE = 'translation';

/**
 * Cookie holding the chosen language (like the theme cookie): the server reads it to render the first
 * paint in that language, and the browser language detector writes it when the user switches.
 */
export const LANG_COOKIE = 'kubepath-lang';

/** A message catalogue: nested groups of strings (JSON). */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

/** The message catalogues, by language. */
export const MESSAGES: { readonly [L in Language]: Catalogue } = { en, 'zh-CN': zhCN };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag to a supported language, or undefined. Any Chinese tag (zh, zh-CN, zh-Hans,
 * zh-SG, and also zh-TW / zh-Hant, for which Simplified Chinese is closer than English) gives
 * `zh-CN`; any English tag gives `en`. Case-insensitive; `_` is accepted for `-`.
 */
export function matchLanguage(tag: string | undefined | null): Language | undefined {
  if (!tag) return undefined;
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return undefined;
}

/** The first of the user's preferred tags (in order) that kubepath supports, else the default. */
export function negotiateLanguage(preferred: readonly (string | undefined | null)[]): Language {
  for (const tag of preferred) {
    const lang = matchLanguage(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * Parses an `Accept-Language` header (`zh-CN,zh;q=0.9,en;q=0.8`) into tags, best first (stable for
 * equal weights; `q=0` entries and `*` dropped).
 */
export function parseAcceptLanguage(header: string | undefined | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.tag !== '' && e.tag !== '*' && e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((e) => e.tag);
}

/**
 * The language to render a request in: the cookie if it names a supported language, else the
 * browser's `Accept-Language`, else the default.
 */
export function requestLanguage(cookieValue: string | undefined, acceptLanguage: string | undefined | null): Language {
  if (isLanguage(cookieValue)) return cookieValue;
  return negotiateLanguage(parseAcceptLanguage(acceptLanguage));
}

export interface CreateI18nOptions {
  /** i18next plugins to `use()` before init (react-i18next's `initReactI18next`, the language detector). */
  modules?: readonly Module[];
  /**
   * HTML-escape interpolated values. Default false, because every kubepath surface renders
   * translations as text — React text nodes (which escape), `textContent`, canvas labels, the
   * terminal — never as markup (`dangerouslySetInnerHTML`/`innerHTML` are lint errors). Escaping
   * here would escape twice: a hop's `<pending>:80` would show as `&lt;pending&gt;:80`. Pass true
   * for any consumer that builds HTML from the result.
   */
  escapeValue?: boolean;
}

/**
 * A new, initialised i18next instance for `lang` (other tags are negotiated: `zh-Hans` → zh-CN,
 * `fr` → en), with both catalogues loaded synchronously: `t` works as soon as this returns.
 * Without `lang`, a language-detector module (if given) picks the language; otherwise the default.
 */
export function createI18n(lang?: string, options: CreateI18nOptions = {}): i18n {
  const instance = i18next.createInstance();
  for (const m of options.modules ?? []) instance.use(m);
  const detects = (options.modules ?? []).some((m) => m.type === 'languageDetector');
  const lng = lang === undefined ? (detects ? undefined : DEFAULT_LANGUAGE) : isLanguage(lang) ? lang : negotiateLanguage([lang]);
  const resources: Resource = {};
  for (const l of SUPPORTED_LANGUAGES) resources[l] = { [NAMESPACE]: MESSAGES[l] };
  void instance.init({
    resources,
    ...(lng ? { lng } : {}),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // Exact codes only: no `zh` / `en` base-language lookups (no such catalogues).
    load: 'currentOnly',
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    initAsync: false,
    returnNull: false,
    returnObjects: false,
    interpolation: { escapeValue: options.escapeValue ?? false },
  });
  return instance;
}
