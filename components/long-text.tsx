'use client';
import { useTranslation } from '../lib/i18n/react';
import { useState } from 'react';
import { safeText } from '../lib/model/text';

/**
 * Cluster text, made safe (control and bidi characters visible) and bidi-isolated; long values are
 * shortened, with the whole value one click away (quality-and-scale.md §1.6).
 */
/** `lang`: the language of the text when it is known (the model's English sentences), for screen readers. */
export function LongText({ text, max = 240, className = '', lang }: { text: string; max?: number; className?: string; lang?: string }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  const full = safeText(text, 100_000);
  if (full.length <= max)
    return (
      <span lang={lang} className={`cluster-text ${className}`}>
        {full}
      </span>
    );
  return (
    <span className={`cluster-text ${className}`}>
      <span lang={lang}>{open ? full : `${full.slice(0, max - 1)}…`}</span>{' '}
      <button type="button" className="text-sky-700 underline dark:text-sky-400" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('ui.longText.less') : t('ui.longText.all', { count: full.length })}
      </button>
    </span>
  );
}
