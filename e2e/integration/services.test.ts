// A Service with a selector gets an EndpointSlice from the real endpointslice controller, carrying
// the pod IP kwok assigned from the node's podCIDR (node-ipam); NodePort from 30000-32767;
// ClusterIP from the service range. Nodes get distinct InternalIPs (one also an ExternalIP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSTER_CIDR,
  type Node,
  type Service,
  SERVICE_CIDR,
  type TestNamespace,
  createNode,
  ipInCidr,
  randomSuffix,
  waitForEndpointSlices,
  waitForNodeReady,
  waitForPodIP,
} from '../../scripts/cluster/harness';
import { requireTierA, testCluster, testNamespace } from './cluster';

const { info, admin, viewer } = testCluster();
let ns: TestNamespace;
const suffix = randomSuffix();
const nodeA = `t-${suffix}-a`;
const nodeB = `t-${suffix}-b`;

beforeAll(async () => {
  requireTierA(info);
  ns = await testNamespace(admin);
  await createNode(admin, { name: nodeA, internalIP: '198.18.10.11', externalIP: '203.0.113.11', zone: 'zone-a' });
  await createNode(admin, { name: nodeB, internalIP: '198.18.10.12', zone: 'zone-b' });
});

afterAll(async () => {
  await ns?.cleanup();
  await admin.delete(`/api/v1/nodes/${nodeA}`);
  await admin.delete(`/api/v1/nodes/${nodeB}`);
  admin.close();
  viewer.close();
});

describe('nodes (node-ipam + kwok)', () => {
  it('become Ready with distinct InternalIPs and distinct /24 podCIDRs from 10.244.0.0/16', async () => {
    const [a, b] = await Promise.all([waitForNodeReady(admin, nodeA), waitForNodeReady(admin, nodeB)]);
    const addr = (n: Node, t: string) => (n.status?.addresses ?? []).filter((x) => x.type === t).map((x) => x.address);
    expect(addr(a, 'InternalIP')).toEqual(['198.18.10.11']);
    expect(addr(a, 'ExternalIP')).toEqual(['203.0.113.11']);
    expect(addr(b, 'InternalIP')).toEqual(['198.18.10.12']);
    expect(addr(b, 'ExternalIP')).toEqual([]);
    for (const n of [a, b]) {
      const cidr = n.spec?.podCIDR ?? '';
      expect(cidr).toMatch(/\/24$/);
      expect(ipInCidr(cidr.split('/')[0] ?? '', CLUSTER_CIDR), `${cidr} in ${CLUSTER_CIDR}`).toBe(true);
    }
    expect(a.spec?.podCIDR).not.toBe(b.spec?.podCIDR);
  });
});

describe('Service with a selector', () => {
  it('gets a ClusterIP, a NodePort, and an EndpointSlice from the controller with the kwok pod IP', async () => {
    const n = ns.name;
    const s = await admin.create<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: n },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    });
    const spec = s.spec ?? {};
    const clusterIP = spec.clusterIP ?? '';
    // ClusterIP from --service-cluster-ip-range
    expect(ipInCidr(clusterIP, SERVICE_CIDR), `${clusterIP} in ${SERVICE_CIDR}`).toBe(true);
    expect(spec.clusterIPs).toEqual([clusterIP]);
    // NodePort from the default range
    const nodePort = spec.ports?.[0]?.nodePort ?? 0;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    // server defaults are real
    expect(spec.sessionAffinity).toBe('None');
    expect(spec.ipFamilies).toEqual(['IPv4']);
    expect(spec.externalTrafficPolicy).toBe('Cluster');

    const node = await waitForNodeReady(admin, nodeA);
    await admin.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: n, labels: { app: 'web' } },
      spec: { nodeName: nodeA, containers: [{ name: 'web', image: 'example.invalid/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
    });
    const pod = await waitForPodIP(admin, n, 'web-1');
    const podIP = pod.status?.podIP ?? '';
    const podCIDR = node.spec?.podCIDR ?? '';
    expect(ipInCidr(podIP, podCIDR), `pod IP ${podIP} in node podCIDR ${podCIDR}`).toBe(true);
    expect(pod.status?.hostIP).toBe('198.18.10.11');

    const slices = await waitForEndpointSlices(admin, n, 'web', (ss) =>
      ss.some((sl) => (sl.endpoints ?? []).some((e) => e.addresses.includes(podIP) && e.conditions?.ready === true)),
    );
    const slice = slices.find((sl) => (sl.endpoints ?? []).length > 0);
    expect(slice?.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe('endpointslice-controller.k8s.io');
    expect(slice?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', uid: s.metadata.uid });
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]); // named targetPort resolved
    const ep = slice?.endpoints?.[0];
    expect(ep).toMatchObject({
      addresses: [podIP],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: nodeA,
      zone: 'zone-a',
      targetRef: { kind: 'Pod', name: 'web-1', namespace: n },
    });
  });

  it('a second NodePort Service gets a different port and ClusterIP', async () => {
    const mk = (name: string) =>
      admin.create<Service>({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: ns.name },
        spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80 }] },
      });
    const [x, y] = await Promise.all([mk('x'), mk('y')]);
    expect(x.spec?.clusterIP).not.toBe(y.spec?.clusterIP);
    const xPort = x.spec?.ports?.[0]?.nodePort;
    expect(xPort).toBeTypeOf('number');
    expect(xPort).not.toBe(y.spec?.ports?.[0]?.nodePort);
    // a taken NodePort is refused
    const r = await admin.request('POST', `/api/v1/namespaces/${ns.name}/services`, {
      body: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'dup' },
        spec: { type: 'NodePort', ports: [{ port: 80, nodePort: xPort }] },
      },
    });
    expect(r.status).toBe(422);
  });
});
