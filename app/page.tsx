import { cookies } from 'next/headers';
import { Suspense } from 'react';
import { KubepathApp } from '@/components/kubepath-app';
import { THEME_COOKIE, themeFromCookie } from '@/components/theme-cookie';

// Per request: the CSP nonce is per request, and the theme comes from a cookie.
export const dynamic = 'force-dynamic';

/**
 * The dashboard. The data arrives in the browser through /api/clusters/{id}/events and the model runs
 * there; with no `?cluster=` the server's default (the seed demo when no kubeconfig context exists) is shown.
 */
export default async function Home() {
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <Suspense fallback={<p className="p-6 text-sm text-slate-500">Loading kubepath…</p>}>
      <KubepathApp initialTheme={theme} />
    </Suspense>
  );
}
