import { describe, expect, it } from 'vitest';
import { createI18n } from '../lib/i18n/config';
import type { PathResult } from '../lib/model/types';
import { exportCaption } from './export-caption';

const t = createI18n('en').t;
const now = new Date('2026-11-26T19:15:02.345Z');
const path = { flow: '②', variant: 'F2-nodeport', outcome: 'OK', hops: [], eligible: [], badges: [], notes: [] } as unknown as PathResult;

describe('exportCaption', () => {
  it('names the cluster, namespaces, source, time and path', () => {
    const c = exportCaption(t, { meta: { source: 'live', context: 'prod-eu', serverVersion: 'v1.36.0' }, clusterId: 'ctx:prod-eu', namespaces: ['shop'], allNamespaces: 4, path: { result: path, from: 'ext:client', to: 'svc:shop/web' }, redacted: false }, now);
    expect(c.title).toBe('kubepath — prod-eu');
    expect(c.rows).toEqual([
      { label: 'Cluster', value: 'prod-eu' },
      { label: 'Namespaces', value: 'shop' },
      { label: 'Source', value: 'live · prod-eu (v1.36.0)' },
      { label: 'Exported', value: '2026-11-26 19:15:02 UTC' },
      { label: 'Highlighted path', value: '② F2-nodeport ext:client → svc:shop/web: OK' },
    ]);
    expect(c.redacted).toBe(false);
  });

  it('says "all" for no namespace filter, shows the focus without a path, and the diff base', () => {
    const c = exportCaption(t, { meta: { source: 'snapshot', takenAt: '2026-11-20T09:00:00Z' }, clusterId: 'snapshot:before', namespaces: [], allNamespaces: 3, focus: 'svc:a/b', base: 'snapshot taken at 2026-11-19 08:00 UTC', redacted: false }, now);
    expect(c.rows.map((r) => r.value)).toEqual(['snapshot:before', 'all (3)', 'snapshot taken at 2026-11-20 09:00 UTC', '2026-11-26 19:15:02 UTC', 'svc:a/b', 'snapshot taken at 2026-11-19 08:00 UTC']);
  });

  it('never shows the cluster ID when redacted (the picker ID is not redacted)', () => {
    const c = exportCaption(t, { meta: { source: 'live', context: 'redacted' }, clusterId: 'ctx:prod-eu', namespaces: [], allNamespaces: 1, redacted: true }, now);
    expect(JSON.stringify(c)).not.toContain('prod-eu');
    expect(c.redacted).toBe(true);
    expect(c.rows[0]).toEqual({ label: 'Cluster', value: 'redacted' });
  });
});
