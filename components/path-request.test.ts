import { describe, expect, it } from 'vitest';
import { loadDemo } from '../lib/demo/demo-clusters';
import { buildTopology } from '../lib/model/topology';
import { tracePath } from '../lib/model/trace';
import { pathRequest, targetChoices } from './path-request';
import type { ViewState } from './view-state';

const ref = buildTopology(loadDemo('reference'));
const seed = buildTopology(loadDemo('seed'));
const v = (o: Partial<ViewState>): ViewState => ({ ns: [], expand: [], ...o });

describe('pathRequest', () => {
  it('① defaults to the focused LB Service, else the first load balancer', () => {
    expect(pathRequest(ref, v({ path: 1, focus: 'svc:demo/web' })).req).toEqual({ path: 1, to: 'svc:demo/web', from: 'ext:client' });
    expect(pathRequest(ref, v({ path: 1, focus: 'svc:demo/api' })).to).toBe('svc:demo/web');
    expect(targetChoices(ref, 1, []).map((c) => c.id)).toEqual(['svc:demo/web', 'svc:ingress/ic', 'ing:demo/shop', 'ing:demo/wild']);
  });

  it('② keeps the chosen way in and node, and prefers a NodePort Service', () => {
    expect(pathRequest(seed, v({ path: 2 })).to).toBe('svc:default/webapp');
    expect(pathRequest(seed, v({ path: 2, to: 'svc:default/webapp', access: 'ClusterIP', via: 'node:n3' })).req).toEqual({ path: 2, to: 'svc:default/webapp', from: 'ext:client', via: 'node:n3', access: 'ClusterIP' });
  });

  it('③ picks a client that is not behind the target Service', () => {
    const r = pathRequest(ref, v({ path: 3, focus: 'svc:demo/api' }));
    expect(r.to).toBe('svc:demo/api');
    expect(r.from).toMatch(/^pod:demo\//);
    expect(['pod:demo/api-1', 'pod:demo/api-2']).not.toContain(r.from);
    expect(tracePath(ref, r.req as NonNullable<typeof r.req>).outcome).toBe('OK');
  });

  it('④ goes from one endpoint of the Service to a peer', () => {
    const r = pathRequest(ref, v({ path: 4, focus: 'svc:demo/web' }));
    expect(r.req).toEqual({ path: 4, to: 'svc:demo/web', from: 'pod:demo/web-1' });
    expect(tracePath(ref, r.req as NonNullable<typeof r.req>).variant).toBe('F4-cross-node');
  });

  it('returns nothing to trace when the cluster has no candidate', () => {
    expect(pathRequest(seed, v({ path: 1, ns: ['kube-system'] }))).toEqual({});
  });
});
