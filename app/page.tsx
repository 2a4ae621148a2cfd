import { cookies, headers } from 'next/headers';
import { Suspense } from 'react';
import { KubepathApp } from '@/components/kubepath-app';
import { THEME_COOKIE, themeFromCookie } from '@/components/theme-cookie';
import { LANG_COOKIE, createI18n, requestLanguage } from '@/lib/i18n/config';

// Per request: the CSP nonce is per request, and the theme and language come from cookies.
export const dynamic = 'force-dynamic';

/**
 * The dashboard. The data arrives in the browser through /api/clusters/{id}/events and the model runs
 * there; with no `?cluster=` the server's default (the seed demo when no kubeconfig context exists) is shown.
 */
export default async function Home() {
  const jar = await cookies();
  const theme = themeFromCookie(jar.get(THEME_COOKIE)?.value);
  const { t } = createI18n(requestLanguage(jar.get(LANG_COOKIE)?.value, (await headers()).get('accept-language')));
  return (
    <Suspense fallback={<p className="p-6 text-sm text-slate-500">{t('ui.app.loadingApp')}</p>}>
      <KubepathApp initialTheme={theme} />
    </Suspense>
  );
}
