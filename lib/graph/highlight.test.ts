import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { buildTopology } from '../model/topology';
import { tracePath } from '../model/trace';
import { toCytoscapeElements } from './elements';
import { focusSet, pathKeep, pathOverlay } from './highlight';

const topo = buildTopology(loadDemo('reference'));
const model = toCytoscapeElements(topo, {});

describe('focusSet', () => {
  it('keeps a Service, its endpoints, its load balancer and what leads to it, and the nodes around them', () => {
    const keep = focusSet(model, 'svc:demo/web') as Set<string>;
    for (const id of ['svc:demo/web', 'pod:demo/web-1', 'pod:demo/web-2', 'lb:demo/web', 'ing:demo/shop', 'ext:client', 'node:n1', 'node:n2', 'node:n3']) {
      expect(keep.has(id), id).toBe(true);
    }
    expect(keep.has('svc:demo/api')).toBe(false);
    expect(keep.has('pod:demo/api-2')).toBe(false);
  });

  it('returns undefined for something not shown', () => {
    expect(focusSet(model, 'svc:demo/nope')).toBeUndefined();
  });
});

describe('pathOverlay', () => {
  const r = tracePath(topo, { path: 1, to: 'svc:demo/web' });

  it('draws the hops up to the current step, in order, between visible elements', () => {
    const all = pathOverlay(model, r, r.hops.length);
    expect(all.edges.map((e) => `${e.data.label} ${e.data.source}→${e.data.target}`)).toEqual([
      '1 ext:client→lb:demo/web',
      '2 lb:demo/web→node:n1',
      '3 node:n1→svc:demo/web',
      '3 svc:demo/web→pod:demo/web-1',
    ]);
    const ids = new Set(model.elements.map((e) => e.data.id));
    for (const e of all.edges) expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
    const two = pathOverlay(model, r, 2);
    expect(two.edges).toHaveLength(2);
    expect([...two.current].sort()).toEqual(['lb:demo/web', 'node:n1']);
    expect([...two.done]).toEqual(['ext:client']);
    expect(pathOverlay(model, r, 0).edges).toEqual([]);
  });

  it('marks the last hop of a failed path as a dead end', () => {
    const literal = tracePath(buildTopology(loadDemo('seed')), { path: 2, to: 'svc:default/webapp', access: 'ClusterIP' });
    const seedModel = toCytoscapeElements(buildTopology(loadDemo('seed')), {});
    const o = pathOverlay(seedModel, literal, 1);
    expect(o.edges.map((e) => e.classes)).toEqual(['path current dead']);
  });
});

describe('pathKeep', () => {
  it('keeps the elements of every hop and their nodes, nothing else', () => {
    const keep = pathKeep(model, tracePath(topo, { path: 1, to: 'svc:demo/web' }));
    expect([...keep].sort()).toEqual(['ext:client', 'lb:demo/web', 'node:n1', 'pod:demo/web-1', 'svc:demo/web']);
  });
});
