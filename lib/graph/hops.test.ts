import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { buildTopology } from '../model/topology';
import { tracePath } from '../model/trace';
import { SUPPORTED_LANGUAGES, createI18n } from '../i18n/config';
import { hopTitle, hopTransforms, outcomeKey, teachKey, transformText } from './hops';

describe('hop text', () => {
  it('writes DNAT with the destination before the rewrite, SNAT with the new source', () => {
    expect(transformText({ kind: 'DNAT', to: '10.244.2.7:80' }, '10.96.100.10:8080')).toBe('DNAT 10.96.100.10:8080 → 10.244.2.7:80');
    expect(transformText({ kind: 'DNAT', to: '10.244.2.7:80' })).toBe('DNAT → 10.244.2.7:80');
    expect(transformText({ kind: 'SNAT', to: '192.168.1.12' })).toBe('SNAT → 192.168.1.12');
    expect(transformText({ kind: 'DNS_ANSWER', records: [] })).toBe('DNS answer: no such name');
  });

  it('spells out path ② of the seed demo hop by hop', () => {
    const r = tracePath(buildTopology(loadDemo('seed')), { path: 2, to: 'svc:default/webapp' });
    expect(r.hops.map(hopTitle)).toEqual(['client@outside', 'netfilter@n1', 'pod-network@n1', 'pod@n2']);
    expect(hopTransforms(r)).toEqual([[], ['DNAT 192.168.1.11:30081 → 10.244.2.20:80', 'SNAT → 192.168.1.11'], ['ENCAP 192.168.1.11 → 192.168.1.12'], []]);
  });

  it('has a teaching text for every hop type the model names', () => {
    const topo = buildTopology(loadDemo('reference'));
    const keys = [
      tracePath(topo, { path: 1, to: 'svc:demo/web' }),
      tracePath(topo, { path: 1, to: 'ing:demo/shop' }),
      tracePath(topo, { path: 2, to: 'svc:demo/web' }),
      tracePath(topo, { path: 3, from: 'pod:demo/web-1', to: 'svc:demo/api' }),
      tracePath(topo, { path: 4, from: 'pod:demo/web-1', to: 'pod:demo/web-2' }),
    ].flatMap((r) => r.hops.flatMap((h) => (h.teach ? [h.teach] : [])));
    expect(keys.length).toBeGreaterThan(5);
    for (const lang of SUPPORTED_LANGUAGES) {
      const i18n = createI18n(lang);
      for (const k of keys) expect(i18n.exists(teachKey(k), { lng: lang, fallbackLng: false }), `${lang} ${k}`).toBe(true);
      for (const o of ['OK', 'DROP', 'REFUSED', 'NXDOMAIN', 'HTTP_404', 'HTTP_5XX', 'NO_ADDRESS'] as const) expect(i18n.exists(outcomeKey(o), { lng: lang, fallbackLng: false }), `${lang} ${o}`).toBe(true);
    }
  });
});
