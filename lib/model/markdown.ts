/**
 * GitHub-flavoured Markdown for incident reports: a path's hop table and a Service's access table.
 *
 * Every piece of cluster text goes through `mdText`: control and bidi characters are made visible
 * (`safeText`), `&`, `<` and `>` become entities (no HTML, no autolinks `<…>`), Markdown punctuation
 * (`\ ` * _ [ ] ( ) | ~ $ !`, and `#`) is backslash-escaped, so a name can neither break out of its
 * table cell nor become a link, an image, emphasis, math or a heading. Newlines in a value become
 * `<br>` (the only HTML this module writes), so one value stays in one cell.
 */
import { safeText } from './text';
import { hopTransforms } from './transform-text';
import type { AccessPoint, PathResult } from './types';

/** Longest cluster value kept whole in a table (longer ones end in "…"). */
const MAX_CELL = 2000;

/** Escapes one piece of cluster text for inline Markdown, table cells included. */
export function mdText(s: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map((line) =>
      safeText(line, MAX_CELL)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]()|~$!#]/g, (c) => `\\${c}`),
    )
    .join('<br>');
}

/** One table row; the cells are already escaped. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

/** A bullet whose text cannot start a heading, quote, list or rule (the line start is escaped). */
function bullet(escaped: string): string {
  return `- ${escaped.replace(/^[-+=]/, (m) => `\\${m}`).replace(/^(\d+)([.)])/, '$1\\$2')}`;
}


/** The outcome line of a path: flow, variant, outcome, HTTP status and badges. */
function outcomeLine(r: PathResult): string {
  const status = r.httpStatus ? ` (HTTP ${r.httpStatus})` : '';
  const badges = r.badges.length ? ` — ${mdText(r.badges.join(', '))}` : '';
  return `**Path ${mdText(r.flow)} ${mdText(r.variant)}: ${mdText(r.outcome)}${status}**${badges}`;
}

/** A path's hops as a Markdown table, with the outcome line above and eligible endpoints and notes below. */
export function hopTableMarkdown(result: PathResult): string {
  const transforms = hopTransforms(result);
  const rows = result.hops.map((h, i) => [
    String(h.step),
    mdText(h.component),
    mdText(h.location),
    mdText(h.src),
    mdText(h.dst),
    h.transforms.length ? mdText((transforms[i] ?? []).join('; ')) : '—',
    mdText(h.basis ?? ''),
  ]);
  const lines = [outcomeLine(result), '', ...table(['#', 'Component', 'Location', 'Source', 'Destination', 'Transform', 'Why'], rows)];
  const after: string[] = [];
  if (result.eligible.length) after.push(`Eligible endpoints: ${result.eligible.map(mdText).join(', ')}`);
  if (result.backendSees) after.push(`Backend sees: source ${mdText(result.backendSees.src)}, destination ${mdText(result.backendSees.dst)}`);
  if (after.length) lines.push('', ...after);
  if (result.notes.length) lines.push('', 'Notes:', '', ...result.notes.map((n) => bullet(mdText(n))));
  return `${lines.join('\n')}\n`;
}

function verdictCell(ap: AccessPoint): string {
  return ap.reachable ? 'reachable' : `**not reachable** (${mdText(ap.outcome)})`;
}

/** A Service's access points as a Markdown table, with a summary line; notes go in the last column. */
export function accessTableMarkdown(serviceId: string, accessPoints: readonly AccessPoint[]): string {
  const reachable = accessPoints.filter((a) => a.reachable).length;
  const head = `**Access points of ${mdText(serviceId)}**: ${accessPoints.length} URL${accessPoints.length === 1 ? '' : 's'}, ${reachable} reachable`;
  if (accessPoints.length === 0) return `${head}\n`;
  const rows = accessPoints.map((a) => [
    mdText(a.kind),
    mdText(a.url),
    mdText(a.scope),
    verdictCell(a),
    mdText(a.reason ?? ''),
    mdText(a.badges.join(', ')),
    a.notes.map(mdText).join('<br>'),
  ]);
  return `${[head, '', ...table(['Kind', 'URL', 'Scope', 'Verdict', 'Reason', 'Badges', 'Notes'], rows)].join('\n')}\n`;
}
