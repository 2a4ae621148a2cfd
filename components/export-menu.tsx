'use client';
/**
 * Export (issue 6): the whole graph as PNG (2×) or SVG, each with the caption block (cluster, namespaces,
 * source, export time, highlighted path, diff base) and the legend. What is exported is what is shown:
 * in redaction mode the view itself is built from the redacted snapshot, so picture and caption carry
 * the same placeholders, and both are watermarked "REDACTED".
 */
import { useRef, useState } from 'react';
import type { GraphModel } from '../lib/graph/elements';
import { diffLegendEntries, legendEntries, PALETTES, type LegendEntry, type Theme } from '../lib/graph/style';
import { graphToSvg, type SvgCaption } from '../lib/graph/svg-export';
import { useTranslation } from '../lib/i18n/react';
import { downloadBlob, utcStamp } from './download';
import { composePng } from './export-png';
import { safeLabel } from './local-snapshots';
import type { GraphCanvasHandle, GraphHighlight } from './graph-canvas';

/** PNG scale and the largest side a browser canvas reliably accepts. */
const PNG_SCALE = 2;
const PNG_MAX_SIDE = 16_000;

interface Props {
  canvas: React.RefObject<GraphCanvasHandle | null>;
  model: GraphModel | undefined;
  theme: Theme;
  highlight: GraphHighlight;
  /** The caption at the moment of export (its time is "now"). */
  caption: (now: Date) => SvgCaption;
  /** File name stem: the cluster, or "redacted". */
  fileBase: string;
  diffMode: boolean;
}

type State = { kind: 'idle' } | { kind: 'busy'; what: 'png' | 'svg' } | { kind: 'done'; file: string } | { kind: 'error'; message: string };

export function ExportMenu({ canvas, model, theme, highlight, caption, fileBase, diffMode }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = useRef(false);

  const legend = (): { entry: LegendEntry; label: string }[] =>
    [...legendEntries(theme), ...(diffMode ? diffLegendEntries(theme) : [])].map((entry) => ({ entry, label: t(`ui.legend.${entry.id}`) }));

  const run = async (what: 'png' | 'svg'): Promise<void> => {
    if (busy.current || !model) return;
    busy.current = true;
    setState({ kind: 'busy', what });
    // Let the "exporting…" text paint before the work starts.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const now = new Date();
      const cap = caption(now);
      const file = `kubepath-${safeLabel(fileBase) || 'cluster'}-${utcStamp(now)}.${what}`;
      if (what === 'png') {
        const p = PALETTES[theme];
        const graph = await canvas.current?.renderPng({ scale: PNG_SCALE, background: p.background, maxSide: PNG_MAX_SIDE });
        if (!graph) throw new Error(t('ui.export.nothing'));
        try {
          downloadBlob(await composePng(graph, cap, legend(), { background: p.background, text: p.text, mutedText: p.mutedText, watermark: p.finding.error }, PNG_SCALE), file);
        } finally {
          graph.close();
        }
      } else {
        const boxes = canvas.current?.boxes();
        const svg = graphToSvg({
          elements: model.elements,
          ...(boxes ? { boxes } : {}),
          theme,
          highlight: {
            ...(highlight.path ? { path: highlight.path } : {}),
            ...(highlight.keep ? { keep: highlight.keep } : {}),
            ...(highlight.focus ? { focus: highlight.focus } : {}),
            ...(highlight.diff ? { diff: highlight.diff } : {}),
          },
          caption: cap,
          legend: legend(),
        });
        downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), file);
      }
      setState({ kind: 'done', file });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      busy.current = false;
    }
  };

  const chip = 'rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';
  return (
    <div role="group" aria-label={t('ui.export.group')} className="flex items-center gap-1" data-testid="export-menu">
      <span className="text-sm">{t('ui.export.label')}</span>
      <button type="button" className={chip} disabled={!model || state.kind === 'busy'} onClick={() => void run('png')} data-testid="export-png" title={t('ui.export.pngTitle')}>
        PNG
      </button>
      <button type="button" className={chip} disabled={!model || state.kind === 'busy'} onClick={() => void run('svg')} data-testid="export-svg" title={t('ui.export.svgTitle')}>
        SVG
      </button>
      <span aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400" data-testid="export-status" data-state={state.kind}>
        {state.kind === 'busy' ? t('ui.export.busy', { what: state.what.toUpperCase() }) : state.kind === 'done' ? t('ui.export.done', { file: state.file }) : ''}
      </span>
      {state.kind === 'error' && (
        <span role="alert" className="text-xs text-rose-700 dark:text-rose-400">
          {t('ui.export.failed', { error: state.message })}
        </span>
      )}
    </div>
  );
}
