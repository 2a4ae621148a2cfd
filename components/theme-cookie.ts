/** The theme cookie: the root layout reads it, so the first paint already has the chosen theme. */
export const THEME_COOKIE = 'kubepath-theme';

export function themeFromCookie(value: string | undefined): 'light' | 'dark' {
  return value === 'dark' ? 'dark' : 'light';
}
