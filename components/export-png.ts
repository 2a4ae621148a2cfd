/**
 * The PNG export: cytoscape's picture of the whole graph with the caption block and legend drawn
 * beneath it on one canvas. Text is drawn with `fillText` (pixels, never markup), so cluster text in
 * the caption cannot do anything but be read. The PNG carries no text chunks: nothing in it but
 * pixels, so redaction of the view is all the redaction it needs.
 */
import type { LegendEntry } from '../lib/graph/style';
import type { SvgCaption } from '../lib/graph/svg-export';

export interface PngCaptionStyle {
  background: string;
  text: string;
  mutedText: string;
  watermark: string;
}

const FONT = 'ui-sans-serif, system-ui, sans-serif';
const PAD = 24;
const LINE = 22;
const MIN_WIDTH = 900;

/** Cuts `text` to fit `width` pixels with the context's current font, ending in "…". */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** Draws the graph picture with the caption and legend below it; resolves to a PNG blob. The caller closes `graph`. */
export async function composePng(
  graph: ImageBitmap,
  caption: SvgCaption,
  legend: readonly { entry: LegendEntry; label: string }[],
  style: PngCaptionStyle,
  scale: number,
): Promise<Blob> {
  const s = Math.max(1, scale);
  const width = Math.max(graph.width, Math.round(MIN_WIDTH * s));
  const legendCols = Math.max(1, Math.floor(width / (300 * s)));
  const legendRows = Math.ceil(legend.length / legendCols);
  const captionHeight = Math.round((PAD * 2 + LINE * (1.5 + caption.rows.length + (caption.redacted ? 1 : 0)) + LINE * (legendRows + 1)) * s);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = graph.height + captionHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(graph, 0, 0);

  ctx.save();
  ctx.scale(s, s);
  const w = width / s;
  let y = graph.height / s + PAD;
  ctx.strokeStyle = style.mutedText;
  ctx.lineWidth = 0.5;
  ctx.beginPath();
  ctx.moveTo(PAD, y - PAD / 2);
  ctx.lineTo(w - PAD, y - PAD / 2);
  ctx.stroke();
  ctx.textBaseline = 'top';
  ctx.fillStyle = style.text;
  ctx.font = `600 16px ${FONT}`;
  ctx.fillText(fit(ctx, caption.title, w - 2 * PAD), PAD, y);
  y += LINE * 1.5;
  for (const row of caption.rows) {
    ctx.font = `600 13px ${FONT}`;
    ctx.fillStyle = style.mutedText;
    const label = `${row.label}: `;
    ctx.fillText(label, PAD, y);
    const lw = ctx.measureText(label).width;
    ctx.font = `13px ${FONT}`;
    ctx.fillStyle = style.text;
    ctx.fillText(fit(ctx, row.value, w - 2 * PAD - lw), PAD + lw, y);
    y += LINE;
  }
  if (caption.redacted) {
    ctx.font = `700 13px ${FONT}`;
    ctx.fillStyle = style.watermark;
    ctx.fillText('REDACTED', PAD, y);
    y += LINE;
  }
  y += LINE / 2;
  const colW = (w - 2 * PAD) / legendCols;
  ctx.font = `12px ${FONT}`;
  legend.forEach(({ entry, label }, i) => {
    const x = PAD + (i % legendCols) * colW;
    const ly = y + Math.floor(i / legendCols) * LINE;
    ctx.setLineDash(entry.dash === 'dashed' ? [6, 3] : entry.dash === 'dotted' ? [2, 3] : []);
    ctx.strokeStyle = entry.stroke;
    ctx.lineWidth = entry.kind === 'box' ? 1.5 : 2;
    if (entry.kind === 'box') {
      ctx.fillStyle = entry.fill ?? style.background;
      ctx.fillRect(x, ly + 2, 34, 12);
      ctx.strokeRect(x, ly + 2, 34, 12);
    } else {
      ctx.beginPath();
      ctx.moveTo(x, ly + 8);
      ctx.lineTo(x + 34, ly + 8);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = style.text;
    ctx.fillText(fit(ctx, label, colW - 48), x + 42, ly + 1);
  });
  ctx.restore();

  if (caption.redacted) {
    // A watermark across the picture itself, so a cropped screenshot still says it was redacted.
    ctx.save();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = style.watermark;
    ctx.font = `700 ${Math.round(Math.min(width, graph.height) / 6)}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.translate(width / 2, graph.height / 2);
    ctx.rotate(-Math.PI / 8);
    ctx.fillText('REDACTED', 0, 0);
    ctx.restore();
  }

  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
  });
}
