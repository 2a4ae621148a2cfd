import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { GONE_POD, shopIncident, shopWith } from '../demo/shop-incident';
import { diffSnapshots } from '../model/diff';
import { buildTopology } from '../model/topology';
import { diffGraphSnapshot, diffMarks } from './diff-view';
import { toCytoscapeElements } from './elements';

describe('diff mode graph', () => {
  const before = loadDemo('shop');
  const after = shopIncident();
  const d = diffSnapshots(before, after);

  it('draws the after cluster plus a ghost of the removed pod, on its old node', () => {
    const union = diffGraphSnapshot(before, after);
    expect(union.pods.length).toBe(after.pods.length + 1);
    expect(union.pods.at(-1)).toMatchObject({ name: GONE_POD, nodeName: 'worker-3' });
    // Everything else is the after side, untouched (the ghost never becomes an endpoint).
    expect(union.services).toBe(after.services);
    expect(union.endpointSlices).toBe(after.endpointSlices);
    const model = toCytoscapeElements(buildTopology(union));
    const ghost = model.elements.find((e) => e.data.id === `pod:shop/${GONE_POD}`);
    expect(ghost?.group === 'nodes' ? ghost.data.parent : undefined).toBe('node:worker-3');
    // Its labels still match catalog's selector, but it is no endpoint of anything.
    const touching = model.elements.filter((e) => e.group === 'edges' && (e.data.source === `pod:shop/${GONE_POD}` || e.data.target === `pod:shop/${GONE_POD}`));
    expect(touching.map((e) => (e.group === 'edges' ? [e.data.kind, e.data.state] : []))).toEqual([['selector', 'selector-only']]);
  });

  it('a removed Service keeps its old EndpointSlices in the picture', () => {
    const noCatalog = shopWith((items) => items.filter((i) => !(i.metadata.name === 'catalog' && i.kind === 'Service') && !(i.kind === 'EndpointSlice' && i.metadata.name.startsWith('catalog-'))));
    const union = diffGraphSnapshot(before, noCatalog);
    expect(union.services.map((s) => s.name)).toContain('catalog');
    expect(union.endpointSlices.filter((e) => e.serviceName === 'catalog').length).toBeGreaterThan(0);
  });

  it('marks exactly the diff elements, each with its own mark', () => {
    const model = toCytoscapeElements(buildTopology(diffGraphSnapshot(before, after)));
    const marks = diffMarks(d, model);
    expect(Object.fromEntries(marks)).toEqual({
      [`pod:shop/${GONE_POD}`]: 'removed',
      'ing:shop/shop': 'changed',
      'svc:ingress/ic': 'changed',
      'svc:shop/catalog': 'changed',
    });
  });

  it('in an aggregated view, the aggregate holding a change is marked changed', () => {
    const model = toCytoscapeElements(buildTopology(diffGraphSnapshot(before, after)), { detailBudget: 5 });
    expect(model.mode).toBe('aggregated');
    const marks = diffMarks(d, model);
    expect(marks.size).toBeGreaterThan(0);
    for (const [id, m] of marks) {
      expect(m).toBe('changed');
      expect(id.startsWith('agg:') || model.representative(id) === id).toBe(true);
    }
  });
});
