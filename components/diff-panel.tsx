'use client';
/**
 * Diff mode's list (issue 6): what changed between the base ("before") and the cluster on screen
 * ("after"), in networking terms — the same facts `kubepath diff` prints (lib/model/diff.ts), with each
 * subject a button that focuses it in the graph. Cluster text goes through safeText as text nodes.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../lib/i18n/react';
import { diffSize, diffText, verdictText, type SnapshotDiff } from '../lib/model/diff';
import { safeText } from '../lib/model/text';
import { CopyButton } from './copy-button';

interface Props {
  diff: SnapshotDiff | undefined;
  /** What the base is, in words ("snapshot taken at …"). */
  baseLabel: string;
  /** One side is still loading, or the comparison is running (an earlier result may still be shown). */
  pending: boolean;
  error?: string;
  onFocus: (id: string) => void;
  onClose: () => void;
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="mt-2">
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {title} ({count})
      </h4>
      <ul className="mt-0.5 space-y-0.5 text-sm">{children}</ul>
    </section>
  );
}

const ENDPOINT_WORD = { gained: 'gained', lost: 'lost', 'became-not-ready': 'becameNotReady', 'became-ready': 'becameReady' } as const;

const CHANGE_CLASS = {
  added: 'text-green-700 dark:text-green-400',
  removed: 'text-rose-700 dark:text-rose-400',
  changed: 'text-amber-700 dark:text-amber-400',
} as const;

function SubjectButton({ id, onFocus }: { id: string; onFocus: (id: string) => void }) {
  return (
    <button type="button" onClick={() => onFocus(id)} className="cluster-text font-mono text-xs text-sky-700 underline dark:text-sky-400">
      {safeText(id, 120)}
    </button>
  );
}

/** One change; `word` is the translated verb ("added", "lost", "now"…). */
function Item({ change, kind, word, children }: { change: 'added' | 'removed' | 'changed'; kind: string; word: string; children: ReactNode }) {
  return (
    <li data-testid="diff-item" data-kind={kind} data-change={change} className="cluster-text break-words">
      <span className={`mr-1 font-semibold ${CHANGE_CLASS[change]}`}>{word}</span>
      {children}
    </li>
  );
}

export function DiffPanel({ diff, baseLabel, pending, error, onFocus, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="diff-title" data-testid="diff-panel" className="mb-4 rounded border border-amber-300 p-2 dark:border-amber-800">
      <div className="flex items-start gap-2">
        <h3 id="diff-title" className="flex-1 text-base font-semibold">
          {t('ui.diff.title')}
        </h3>
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600" data-testid="diff-close">
          {t('ui.diff.close')}
        </button>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('ui.diff.against', { base: baseLabel })}</p>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-rose-700 dark:text-rose-400">
          {t('ui.diff.error', { error: safeText(error, 300) })}
        </p>
      ) : !diff ? (
        <p className="mt-1 text-sm text-slate-500" data-testid="diff-pending">
          {t('ui.diff.pending')}
        </p>
      ) : diff.identical ? (
        <p className="mt-1 text-sm" data-testid="diff-summary">
          {t('ui.diff.identical')}
        </p>
      ) : (
        <>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <p className="text-sm" data-testid="diff-summary" aria-live="polite">
              {t('ui.diff.summary', { count: diffSize(diff) })}
            </p>
            <CopyButton text={diffText(diff)} label={t('ui.diff.copyLabel')} caption={t('ui.diff.copy')} testId="diff-copy" />
            {pending && (
              <span className="text-xs text-slate-500" data-testid="diff-updating">
                {t('ui.diff.updating')}
              </span>
            )}
          </div>
          <Section title={t('ui.diff.services')} count={diff.services.added.length + diff.services.removed.length + diff.services.changed.length}>
            {diff.services.added.map((s) => (
              <Item key={`a${s.id}`} change="added" kind="service" word={t('ui.diff.word.added')}>
                <SubjectButton id={s.id} onFocus={onFocus} /> ({s.type})
              </Item>
            ))}
            {diff.services.removed.map((s) => (
              <Item key={`r${s.id}`} change="removed" kind="service" word={t('ui.diff.word.removed')}>
                <SubjectButton id={s.id} onFocus={onFocus} /> ({s.type})
              </Item>
            ))}
            {diff.services.changed.map((s) => (
              <Item key={`c${s.id}`} change="changed" kind="service" word={t('ui.diff.word.changed')}>
                <SubjectButton id={s.id} onFocus={onFocus} />
                <ul className="ml-3 font-mono text-xs">
                  {s.changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: {safeText(c.before, 200)} → {safeText(c.after, 200)}
                    </li>
                  ))}
                </ul>
              </Item>
            ))}
          </Section>
          <Section title={t('ui.diff.endpoints')} count={diff.endpoints.length}>
            {diff.endpoints.map((e) => (
              <Item key={`${e.service}|${e.address}|${e.pod ?? ''}|${e.change}`} change={e.change === 'gained' || e.change === 'became-ready' ? 'added' : e.change === 'lost' ? 'removed' : 'changed'} kind={`endpoint-${e.change}`} word={t(`ui.diff.word.${ENDPOINT_WORD[e.change]}`)}>
                <SubjectButton id={e.service} onFocus={onFocus} /> <span className="font-mono text-xs">{safeText(e.address, 60)}</span>
                {e.pod ? (
                  <>
                    {' '}
                    <SubjectButton id={e.pod} onFocus={onFocus} />
                  </>
                ) : null}
                {e.node ? ` ${t('ui.diff.onNode', { node: safeText(e.node, 80) })}` : ''}
              </Item>
            ))}
          </Section>
          <Section title={t('ui.diff.access')} count={diff.accessPoints.appeared.length + diff.accessPoints.disappeared.length + diff.accessPoints.changed.length}>
            {diff.accessPoints.appeared.map((a, i) => (
              <Item key={`a${i}`} change="added" kind="access" word={t('ui.diff.word.appeared')}>
                <span className="font-mono text-xs">{safeText(a.url, 200)}</span> ({a.kind}, <SubjectButton id={a.service} onFocus={onFocus} />) <span lang="en">{verdictText(a)}</span>
              </Item>
            ))}
            {diff.accessPoints.disappeared.map((a, i) => (
              <Item key={`r${i}`} change="removed" kind="access" word={t('ui.diff.word.disappeared')}>
                <span className="font-mono text-xs">{safeText(a.url, 200)}</span> ({a.kind}, <SubjectButton id={a.service} onFocus={onFocus} />)
              </Item>
            ))}
            {diff.accessPoints.changed.map((a, i) => (
              <Item key={`c${i}`} change="changed" kind="access" word={t('ui.diff.word.changed')}>
                <span className="font-mono text-xs">{safeText(a.url, 200)}</span> ({a.kind}, <SubjectButton id={a.service} onFocus={onFocus} />){' '}
                <span lang="en">
                  {verdictText(a.before)} → {verdictText(a.after)}
                </span>
              </Item>
            ))}
          </Section>
          <Section title={t('ui.diff.findings')} count={diff.findings.appeared.length + diff.findings.cleared.length}>
            {diff.findings.appeared.map((f, i) => (
              <Item key={`a${i}`} change="added" kind="finding" word={t('ui.diff.word.appeared')}>
                <span className="font-mono text-xs">{f.code}</span> <SubjectButton id={f.subject} onFocus={onFocus} /> <span lang="en">{safeText(f.message, 300)}</span>
              </Item>
            ))}
            {diff.findings.cleared.map((f, i) => (
              <Item key={`r${i}`} change="removed" kind="finding" word={t('ui.diff.word.cleared')}>
                <span className="font-mono text-xs">{f.code}</span> <SubjectButton id={f.subject} onFocus={onFocus} /> <span lang="en">{safeText(f.message, 300)}</span>
              </Item>
            ))}
          </Section>
          <Section title={t('ui.diff.objects')} count={diff.objects.length}>
            {diff.objects.map((o) => (
              <Item key={`${o.kind}|${o.namespace ?? ''}|${o.name}`} change={o.change} kind="object" word={t(`ui.diff.word.${o.change}`)}>
                {o.kind} <span className="font-mono text-xs">{safeText(o.namespace ? `${o.namespace}/${o.name}` : o.name, 200)}</span>
              </Item>
            ))}
          </Section>
        </>
      )}
    </section>
  );
}
