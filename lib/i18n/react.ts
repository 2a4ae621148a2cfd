/**
 * The react-i18next binding for client components: an i18next instance with the React plugin and the
 * browser language detector, the cookie that remembers the choice, and re-exports of the hooks.
 *
 * Import this from client components only (react-i18next uses React context). Server code, the CLI
 * and tests use `createI18n` from ./config directly.
 *
 * Usage: the root layout resolves the first language on the server with
 * `requestLanguage(cookies().get(LANG_COOKIE)?.value, headers().get('accept-language'))` and passes it
 * down, so the server render and the first client render agree (no hydration mismatch); a client
 * component creates the instance once with `createBrowserI18n(thatLanguage)` and wraps the tree in
 * `<I18nextProvider i18n={…}>`; components call `useTranslation()` and render `t(key, params)` as
 * text. Switching calls `setLanguage(i18n, lang)`: every `useTranslation` consumer re-renders, the
 * detector writes the cookie, and `<html lang>` follows.
 */
import LanguageDetector, { type DetectorOptions } from 'i18next-browser-languagedetector';
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANG_COOKIE, createI18n, matchLanguage, type Language } from './config';

export { I18nextProvider, useTranslation } from 'react-i18next';

/** Where the browser language comes from: the remembered cookie first, then the browser's languages. */
export const DETECTION_OPTIONS: DetectorOptions = {
  order: ['cookie', 'navigator'],
  lookupCookie: LANG_COOKIE,
  caches: ['cookie'],
  // One year; the cookie only holds `en` or `zh-CN`.
  cookieMinutes: 60 * 24 * 365,
  cookieOptions: { path: '/', sameSite: 'lax' },
  // zh, zh-Hans, zh-SG … → zh-CN; en-US … → en; anything else unchanged, so i18next skips it and
  // tries the browser's next language before falling back to English.
  convertDetectedLanguage: (tag: string) => matchLanguage(tag) ?? tag,
};

/**
 * An i18next instance for the browser. With `initialLanguage` (what the server rendered) that
 * language is used as is; without it the detector picks one (cookie, then `navigator.languages`).
 */
export function createBrowserI18n(initialLanguage?: Language): i18n {
  const detector = new LanguageDetector(undefined, DETECTION_OPTIONS);
  return createI18n(initialLanguage, { modules: [initReactI18next, detector] });
}

/** Switches the language (remembered in the cookie by the detector) and updates `<html lang>`. */
export async function setLanguage(instance: i18n, lang: Language): Promise<void> {
  await instance.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
