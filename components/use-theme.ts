'use client';
import { useCallback, useState } from 'react';
import type { Theme } from '../lib/graph/style';

import { THEME_COOKIE } from './theme-cookie';

export function useTheme(initial: Theme): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initial);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next: Theme = t === 'dark' ? 'light' : 'dark';
      document.documentElement.classList.toggle('dark', next === 'dark');
      document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      return next;
    });
  }, []);
  return [theme, toggle];
}
