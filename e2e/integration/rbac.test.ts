// The `viewer` context has no rights: 403 on nodes until a test grants a namespaced Role; then it
// can list pods in that namespace, but still not nodes (nor pods elsewhere).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeList, type Pod, type Status, type TestNamespace, waitFor } from '../../scripts/cluster/harness';
import { testCluster, testNamespace } from './cluster';

const { info, admin, viewer } = testCluster();
let ns: TestNamespace;
let other: TestNamespace;

beforeAll(async () => {
  [ns, other] = await Promise.all([testNamespace(admin), testNamespace(admin)]);
});
afterAll(async () => {
  await Promise.all([ns?.cleanup(), other?.cleanup()]);
  admin.close();
  viewer.close();
});

describe('RBAC with the viewer context', () => {
  it('the kubeconfig has admin and viewer contexts for the same server', () => {
    const kc = fs.readFileSync(info.kubeconfigPath, 'utf8');
    expect(kc).toContain(`server: ${info.server}`);
    expect(kc).toMatch(/- name: admin\n {2}context:/);
    expect(kc).toMatch(/- name: viewer\n {2}context:/);
    expect(kc).toContain('current-context: admin');
  });

  it('viewer is authenticated but forbidden from nodes and pods; admin is not', async () => {
    const nodes = await viewer.request<Status>('GET', '/api/v1/nodes');
    expect(nodes.status).toBe(403);
    expect(nodes.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(nodes.body.message).toContain('User "kubepath-viewer"');
    expect((await viewer.request('GET', `/api/v1/namespaces/${ns.name}/pods`)).status).toBe(403);
    expect((await admin.request('GET', '/api/v1/nodes')).status).toBe(200);
    // a bad token is 401, not 403
    expect((await viewer.withToken('not-a-token').request('GET', '/api/v1/nodes')).status).toBe(401);
  });

  it('after a namespaced Role is granted, viewer lists pods there but still not nodes', async () => {
    await admin.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: ns.name },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    });
    await admin.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'viewer-pod-reader', namespace: ns.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kubepath-viewer' }],
    });
    // the RBAC authorizer reads through an informer: wait for it to see the binding
    const pods = await waitFor('viewer can list pods', async () => {
      const r = await viewer.request<KubeList<Pod>>('GET', `/api/v1/namespaces/${ns.name}/pods`);
      return r.status === 200 ? r.body : false;
    });
    expect(pods.kind).toBe('PodList');
    expect((await viewer.request('GET', '/api/v1/nodes')).status).toBe(403);
    expect((await viewer.request('GET', `/api/v1/namespaces/${other.name}/pods`)).status).toBe(403);
    expect((await viewer.request('GET', '/api/v1/pods')).status).toBe(403); // cluster-wide list
    expect((await viewer.request('DELETE', `/api/v1/namespaces/${ns.name}/pods/anything`)).status).toBe(403);
  });
});
