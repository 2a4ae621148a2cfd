import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { THEME_COOKIE, themeFromCookie } from '@/components/theme-cookie';
import './globals.css';

export const metadata: Metadata = {
  title: 'kubepath',
  description: 'How traffic reaches workloads in a Kubernetes cluster: NodeIP, PodIP, ClusterIP, the four traffic paths and every access URL.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The chosen theme is rendered by the server, so the first paint has it (no inline script needed).
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme === 'dark' ? 'dark' : undefined}>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
