'use client';
/** The legend, drawn from the graph's palette (SVG presentation attributes, not style attributes: the CSP allows them). */
import { legendEntries, type Theme } from '../lib/graph/style';

const DASH = { solid: undefined, dashed: '6 3', dotted: '2 3' } as const;

export function Legend({ theme }: { theme: Theme }) {
  return (
    <details className="mb-4" data-testid="legend">
      <summary className="cursor-pointer text-base font-semibold">Legend</summary>
      <ul className="mt-1 grid grid-cols-1 gap-1 text-xs">
        {legendEntries(theme).map((e) => (
          <li key={e.label} className="flex items-center gap-2">
            <svg width="36" height="14" aria-hidden="true" focusable="false">
              {e.kind === 'box' ? (
                <rect x="1" y="1" width="34" height="12" rx="3" fill={e.fill} stroke={e.stroke} strokeWidth="1.5" strokeDasharray={DASH[e.dash ?? 'solid']} />
              ) : (
                <line x1="1" y1="7" x2="35" y2="7" stroke={e.stroke} strokeWidth="2" strokeDasharray={DASH[e.dash ?? 'solid']} />
              )}
            </svg>
            <span>{e.label}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Addresses like 10.0.0.1:e stand for an ephemeral source port.</p>
    </details>
  );
}
