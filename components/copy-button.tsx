'use client';
import { useTranslation } from '../lib/i18n/react';
import { useEffect, useRef, useState } from 'react';

/** Copies text to the clipboard; says so (for screen readers too) for two seconds. */
/** `label` names the action for screen readers; `caption` replaces the visible "Copy" (e.g. "Copy as Markdown"). */
export function CopyButton({ text, label, caption, testId }: { text: string; label: string; caption?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const { t } = useTranslation();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = (): void => {
    const done = (s: 'copied' | 'failed'): void => {
      setState(s);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState('idle'), 2000);
    };
    if (!navigator.clipboard) {
      done('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => done('copied'),
      () => done('failed'),
    );
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      {...(testId ? { 'data-testid': testId } : {})}
      className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-live="polite">{state === 'copied' ? t('ui.copy.copied') : state === 'failed' ? t('ui.copy.failed') : (caption ?? t('ui.copy.copy'))}</span>
    </button>
  );
}
