import { describe, expect, it } from 'vitest';
import { buildTopology } from '../model/topology';
import { parseSnapshot } from '../snapshot/parse';
import { syntheticCluster } from '../../scripts/bench/synthetic-cluster';
import { toCytoscapeElements, type GraphOptions } from './elements';
import { shallowTopology } from './shallow-topology';

const { snapshot } = parseSnapshot(syntheticCluster({ pods: 12_000 }).text);
const full = buildTopology(snapshot);
const shallow = shallowTopology(snapshot);

const boxes = (opts: GraphOptions, topo: typeof full) =>
  toCytoscapeElements(topo, opts)
    .elements.filter((e) => e.group === 'nodes')
    .map((e) => JSON.stringify(e));

describe('shallowTopology', () => {
  it('gives the aggregated view the same boxes, at the same places, as the real topology', () => {
    for (const expanded of [[], ['agg:ns:ns-0', 'agg:nodes:zone-1:0', 'node:node-4']]) {
      const a = boxes({ expanded }, shallow);
      expect(a.length).toBeGreaterThan(10);
      expect(a).toEqual(boxes({ expanded }, full));
    }
  });

  it('knows every node, pod, Service and namespace, but resolves no endpoints', () => {
    expect(shallow.pods.size).toBe(full.pods.size);
    expect(shallow.services.size).toBe(full.services.size);
    expect([...shallow.namespaces.keys()].sort()).toEqual([...full.namespaces.keys()].sort());
    expect(shallow.nodes.get('node-3')?.pods).toEqual(full.nodes.get('node-3')?.pods);
    expect([...shallow.services.values()].every((v) => v.backends.endpoints.length === 0)).toBe(true);
    expect(toCytoscapeElements(shallow, {}).mode).toBe('aggregated');
  });
});
