import { afterAll, describe, expect, it } from 'vitest';
import { pinnedKubernetesVersion } from '../../scripts/cluster/bins';
import { testCluster } from './cluster';

const { info, admin, viewer } = testCluster();
afterAll(() => {
  admin.close();
  viewer.close();
});

describe('control plane version', () => {
  it('GET /version reports the pinned Kubernetes release', async () => {
    const pinned = pinnedKubernetesVersion(); // from tools/cluster/go.mod, e.g. v1.37.2
    const v = await admin.get<{ gitVersion: string; major: string; minor: string; gitTreeState: string }>('/version');
    expect(v.gitVersion).toBe(pinned);
    expect(v.major).toBe('1');
    expect(v.minor).toBe(pinned.split('.')[1]);
    expect(v.gitTreeState).toBe('clean');
    expect(info.version).toBe(pinned);
  });

  it('the apiserver listens on loopback only and is ready', async () => {
    expect(new URL(info.server).hostname).toBe('127.0.0.1');
    const r = await admin.request('GET', '/readyz');
    expect(r.status).toBe(200);
  });

  it('runs the full tier (kube-controller-manager + kwok)', () => {
    expect(info.tier, info.tierReason).toBe('A');
    expect(info.processes.map((p) => p.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kwok']);
  });
});
