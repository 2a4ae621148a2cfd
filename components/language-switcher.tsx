'use client';
/** English / 简体中文: switches every translated string at once, without a reload; the cookie remembers it. */
import { SUPPORTED_LANGUAGES, isLanguage } from '../lib/i18n/config';
import { setLanguage, useTranslation } from '../lib/i18n/react';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">{t('ui.language')}</span>
      <select
        data-testid="language-switcher"
        value={current}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(i18n, e.target.value);
        }}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {SUPPORTED_LANGUAGES.map((l) => (
          // Each language names itself in its own language.
          <option key={l} value={l} lang={l}>
            {t(`ui.languageName.${l}`, { lng: l })}
          </option>
        ))}
      </select>
    </label>
  );
}
