import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { findingsFor } from '../model/findings';
import { buildTopology } from '../model/topology';
import { toCytoscapeElements } from './elements';
import { graphStyle, legendEntries, PALETTES } from './style';

describe('graph style', () => {
  it('gives both themes the same palette keys, all colours', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(PALETTES.dark)).toEqual(keys(PALETTES.light));
    for (const t of ['light', 'dark'] as const) {
      for (const k of keys(PALETTES[t])) {
        const v = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], PALETTES[t]);
        expect(v, `${t} ${k}`).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
  });

  it('has a rule for every class the elements use', () => {
    const selectors = graphStyle('light').map((b) => b.selector).join(' ');
    const used = new Set<string>();
    for (const d of ['seed', 'reference', 'shop'] as const) {
      const topo = buildTopology(loadDemo(d));
      for (const e of toCytoscapeElements(topo, { findings: findingsFor(topo) }).elements) for (const c of e.classes.split(' ')) used.add(c);
    }
    for (const c of ['path', 'current', 'dead', 'dim', 'match', 'focus', 'hop-current', 'hop-done', 'collapsed', 'aggregate', 'labelled', 'container']) used.add(c);
    for (const c of used) {
      // Kind classes (pod, node, svc …) are styled through [kind = …] selectors or combined ones.
      if (['pod', 'node', 'svc', 'lb', 'ing', 'ext', 'endpoint', 'selector', 'unscheduled', 'healthy', 'ready', 'host-port'].includes(c)) continue;
      expect(selectors, c).toContain(`.${c}`);
    }
  });

  it('builds the legend from the same palette', () => {
    expect(legendEntries('dark')[0]?.fill).toBe(PALETTES.dark.node.fill);
    expect(legendEntries('light').map((e) => e.label)).toContain('LB → node without local endpoint (drops)');
  });
});
