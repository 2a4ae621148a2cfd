import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { buildTopology } from '../model/topology';
import { searchModel } from './search';

const shop = buildTopology(loadDemo('shop'));
const ref = buildTopology(loadDemo('reference'));

describe('searchModel', () => {
  it('finds by name, case-insensitively', () => {
    expect(searchModel(ref, 'WEB-2').map((h) => h.id)).toEqual(['pod:demo/web-2']);
    expect(searchModel(ref, 'demo/api').map((h) => h.id)).toEqual(['svc:demo/api', 'svc:demo/api-hl', 'pod:demo/api-1', 'pod:demo/api-2']);
  });

  it('finds by address: node IPs, ClusterIPs, LB addresses, pod IPs, and address prefixes', () => {
    expect(searchModel(ref, '192.168.1.12')).toEqual([{ id: 'node:n2', matched: '192.168.1.12' }]);
    expect(searchModel(ref, '10.96.100.10')).toEqual([{ id: 'svc:demo/web', matched: '10.96.100.10' }]);
    expect(searchModel(ref, '203.0.113.10').map((h) => h.id)).toEqual(['lb:demo/web']);
    expect(searchModel(ref, '10.244.3.').map((h) => h.id).sort()).toEqual(['pod:demo/api-2', 'pod:demo/hp']);
    expect(searchModel(shop, '2001:db8:0:2::12').map((h) => h.id)).toEqual(['node:worker-2']);
  });

  it('respects the namespace filter and the limit, and ignores an empty query', () => {
    expect(searchModel(shop, 'redis', { namespaces: new Set(['shop']) })).toEqual([]);
    expect(searchModel(shop, 'o', { limit: 3 })).toHaveLength(3);
    expect(searchModel(shop, '   ')).toEqual([]);
  });
});
