import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANG_COOKIE } from './config';
import { createBrowserI18n, setLanguage } from './react';

/** A minimal browser: `document.cookie` keeps the last write (enough for one cookie), `navigator.languages`. */
function fakeBrowser(opts: { cookie?: string; languages?: string[] }): { document: { cookie: string; documentElement: { lang: string } } } {
  const document = { cookie: opts.cookie ?? '', documentElement: { lang: 'en' } };
  vi.stubGlobal('document', document);
  vi.stubGlobal('navigator', { languages: opts.languages ?? [], language: opts.languages?.[0] });
  return { document };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createBrowserI18n', () => {
  it('uses the language the server rendered when given one', () => {
    fakeBrowser({ languages: ['en-US'] });
    const i18n = createBrowserI18n('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('ui.learn')).toBe('学习');
  });

  it('otherwise reads the remembered cookie first', () => {
    fakeBrowser({ cookie: `${LANG_COOKIE}=zh-CN`, languages: ['en-US'] });
    expect(createBrowserI18n().language).toBe('zh-CN');
  });

  it('then the browser languages, skipping unsupported ones and mapping Chinese variants to zh-CN', () => {
    fakeBrowser({ languages: ['fr-FR', 'zh-Hans-CN', 'en'] });
    expect(createBrowserI18n().language).toBe('zh-CN');
  });

  it('falls back to English', () => {
    fakeBrowser({ languages: ['de-DE', 'ja'] });
    expect(createBrowserI18n().language).toBe('en');
  });

  it('switching remembers the language in the cookie and updates <html lang>', async () => {
    const { document } = fakeBrowser({ languages: ['en-US'] });
    const i18n = createBrowserI18n('en');
    expect(i18n.t('ui.next')).toBe('Next');
    await setLanguage(i18n, 'zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('ui.next')).toBe('下一步');
    expect(document.cookie).toMatch(new RegExp(`^${LANG_COOKIE}=zh-CN;`));
    expect(document.cookie).toMatch(/SameSite=Lax/i);
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
