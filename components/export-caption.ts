/**
 * The caption block of an export (issue 6): which cluster, which namespaces, where the data came from,
 * when it was exported, and what is highlighted. Built from what the view shows, so in redaction mode
 * it carries the redacted snapshot's placeholders and never the original cluster ID.
 */
import type { TFunction } from 'i18next';
import type { SvgCaption } from '../lib/graph/svg-export';
import type { PathResult } from '../lib/model/types';
import type { SnapshotMeta } from '../lib/snapshot/records';
import { sourceLabel } from './app-header';

export interface CaptionInput {
  /** The shown snapshot's metadata (redacted in redaction mode). */
  meta: SnapshotMeta | undefined;
  /** The cluster ID in the picker (never shown when redacted). */
  clusterId: string | undefined;
  /** Namespaces selected; empty = all of `allNamespaces`. */
  namespaces: readonly string[];
  allNamespaces: number;
  path?: { result: PathResult; from?: string; to?: string };
  focus?: string;
  /** Diff mode: the base, in words. */
  base?: string;
  redacted: boolean;
}

/** "2026-11-26 19:15:02 UTC". */
export function utcText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function exportCaption(t: TFunction, input: CaptionInput, now: Date): SvgCaption {
  const cluster = input.redacted ? t('ui.export.redactedCluster') : (input.meta?.context ?? input.meta?.title ?? input.clusterId ?? '');
  const rows: { label: string; value: string }[] = [
    { label: t('ui.export.cluster'), value: cluster },
    { label: t('ui.export.namespaces'), value: input.namespaces.length > 0 ? input.namespaces.join(', ') : t('ui.export.allNamespaces', { count: input.allNamespaces }) },
    { label: t('ui.export.source'), value: sourceLabel(t, input.meta) },
    { label: t('ui.export.exported'), value: utcText(now) },
  ];
  if (input.path) {
    const r = input.path.result;
    const ends = input.path.from || input.path.to ? ` ${input.path.from ?? ''} → ${input.path.to ?? ''}` : '';
    rows.push({ label: t('ui.export.path'), value: `${r.flow} ${r.variant}${ends}: ${r.outcome}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}` });
  } else if (input.focus) rows.push({ label: t('ui.export.focus'), value: input.focus });
  if (input.base) rows.push({ label: t('ui.export.base'), value: input.base });
  return { title: t('ui.export.title', { cluster }), rows, redacted: input.redacted };
}
