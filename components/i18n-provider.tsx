'use client';
/**
 * The root of every translated client component: one browser i18next instance, created with the
 * language the server rendered (so the first client render matches the HTML), for the whole page.
 */
import { useState, type ReactNode } from 'react';
import type { Language } from '../lib/i18n/config';
import { I18nextProvider, createBrowserI18n } from '../lib/i18n/react';

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const [i18n] = useState(() => createBrowserI18n(lang));
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
