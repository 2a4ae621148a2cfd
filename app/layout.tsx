import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { THEME_COOKIE, themeFromCookie } from '@/components/theme-cookie';
import { LANG_COOKIE, createI18n, requestLanguage, type Language } from '@/lib/i18n/config';
import './globals.css';

/** The request's language: the cookie the switcher writes, else the browser's Accept-Language. */
async function pageLanguage(): Promise<Language> {
  return requestLanguage((await cookies()).get(LANG_COOKIE)?.value, (await headers()).get('accept-language'));
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = createI18n(await pageLanguage());
  return { title: 'kubepath', description: t('ui.app.metaDescription') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The chosen theme and language are rendered by the server, so the first paint has them (no inline
  // script needed).
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  const lang = await pageLanguage();
  return (
    <html lang={lang} className={theme === 'dark' ? 'dark' : undefined}>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <I18nProvider lang={lang}>{children}</I18nProvider>
      </body>
    </html>
  );
}
