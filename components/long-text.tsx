'use client';
import { useState } from 'react';
import { safeText } from '../lib/model/text';

/**
 * Cluster text, made safe (control and bidi characters visible) and bidi-isolated; long values are
 * shortened, with the whole value one click away (quality-and-scale.md §1.6).
 */
export function LongText({ text, max = 240, className = '' }: { text: string; max?: number; className?: string }) {
  const [open, setOpen] = useState(false);
  const full = safeText(text, 100_000);
  if (full.length <= max) return <span className={`cluster-text ${className}`}>{full}</span>;
  return (
    <span className={`cluster-text ${className}`}>
      {open ? full : `${full.slice(0, max - 1)}…`}{' '}
      <button type="button" className="text-sky-700 underline dark:text-sky-400" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'less' : `all ${full.length} characters`}
      </button>
    </span>
  );
}
