/**
 * Synthetic clusters for benchmarks: a kubepath snapshot file (v1 List of projected objects plus the
 * `kubepath` block) with `pods` pods, one Service per 15 pods and one Node per 30 pods, EndpointSlices
 * as the controller writes them (≤ 100 endpoints per slice), a few NodePort and LoadBalancer Services.
 * Deterministic: the same size always gives the same text.
 */

export interface SyntheticOptions {
  pods: number;
  /** One NodePort Service every N Services (default 50). */
  nodePortEvery?: number;
  /** One LoadBalancer Service every N Services (default 100); every other one has ETP Local. */
  loadBalancerEvery?: number;
  /** Fraction of pods not Ready (default 0.02). */
  notReady?: number;
}

export interface SyntheticCluster {
  text: string;
  counts: { pods: number; services: number; nodes: number; endpointSlices: number; namespaces: number };
}

function ip4(base: number): string {
  return `${(base >>> 24) & 255}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}`;
}

export function syntheticCluster(opts: SyntheticOptions): SyntheticCluster {
  const podCount = opts.pods;
  const serviceCount = Math.max(1, Math.ceil(podCount / 15));
  const nodeCount = Math.max(1, Math.ceil(podCount / 30));
  const nsCount = Math.max(1, Math.ceil(serviceCount / 50));
  const npEvery = opts.nodePortEvery ?? 50;
  const lbEvery = opts.loadBalancerEvery ?? 100;
  const notReadyEvery = Math.round(1 / (opts.notReady ?? 0.02));
  const parts: string[] = [];
  const push = (o: unknown): void => {
    parts.push(JSON.stringify(o));
  };
  for (let i = 0; i < nsCount; i++) {
    push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${i}`, uid: `ns-uid-${i}`, labels: { 'kubernetes.io/metadata.name': `ns-${i}` } } });
  }
  const nodeIP = (n: number): string => ip4((10 << 24) | (n + 1)); // 10.0.x.y
  // Node n owns 10.(128 + n / 256).(n % 256).0/24.
  const cidrBase = (n: number): number => (10 << 24) | ((128 + (n >> 8)) << 16) | ((n & 255) << 8);
  for (let n = 0; n < nodeCount; n++) {
    push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${n}`, uid: `node-uid-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}`, 'topology.kubernetes.io/zone': `zone-${n % 3}` } },
      spec: { podCIDRs: [`${ip4(cidrBase(n))}/24`] },
      status: { addresses: [{ type: 'InternalIP', address: nodeIP(n) }, { type: 'Hostname', address: `node-${n}` }], conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  // Pods: pod p belongs to service floor(p / 15) and runs on node p % nodeCount.
  const podIP = (p: number): string => {
    const node = p % nodeCount;
    const slot = Math.floor(p / nodeCount) + 2;
    return ip4(cidrBase(node) | (slot & 255));
  };
  let slices = 0;
  for (let s = 0; s < serviceCount; s++) {
    const ns = `ns-${s % nsCount}`;
    const app = `app-${s}`;
    const first = s * 15;
    const last = Math.min(podCount, first + 15);
    const endpoints: unknown[] = [];
    for (let p = first; p < last; p++) {
      const node = p % nodeCount;
      const ready = p % notReadyEvery !== 0;
      push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${app}-7d9c8b5f4-${p.toString(36)}`,
          namespace: ns,
          uid: `pod-uid-${p}`,
          labels: { app, 'pod-template-hash': '7d9c8b5f4' },
          ownerReferences: [{ kind: 'ReplicaSet', name: `${app}-7d9c8b5f4`, uid: `rs-uid-${s}`, controller: true }],
        },
        spec: { nodeName: `node-${node}`, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
        status: {
          phase: 'Running',
          podIPs: [{ ip: podIP(p) }],
          hostIPs: [{ ip: nodeIP(node) }],
          conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        },
      });
      endpoints.push({ addresses: [podIP(p)], conditions: { ready, serving: ready, terminating: false }, nodeName: `node-${node}`, targetRef: { kind: 'Pod', namespace: ns, name: `${app}-7d9c8b5f4-${p.toString(36)}` } });
    }
    const type = s % lbEvery === lbEvery - 1 ? 'LoadBalancer' : s % npEvery === npEvery - 1 ? 'NodePort' : 'ClusterIP';
    const clusterIP = ip4((10 << 24) | (96 << 16) | (s + 10));
    push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: ns, uid: `svc-uid-${s}` },
      spec: {
        type,
        clusterIP,
        clusterIPs: [clusterIP],
        ipFamilies: ['IPv4'],
        selector: { app },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', ...(type !== 'ClusterIP' ? { nodePort: 30000 + (s % 2768) } : {}) }],
        ...(type === 'LoadBalancer' && s % (2 * lbEvery) === lbEvery - 1 ? { externalTrafficPolicy: 'Local' } : {}),
      },
      status: type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: ip4((203 << 24) | (0 << 16) | (113 << 8) | (s % 250)) }] } } : {},
    });
    push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${app}-abcde`, namespace: ns, uid: `eps-uid-${s}`, labels: { 'kubernetes.io/service-name': app, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    slices++;
  }
  const text = `{"apiVersion":"v1","kind":"List","kubepath":{"format":1,"takenAt":"2026-01-01T00:00:00Z","context":"synthetic-${podCount}","serverVersion":"v1.36.0"},"items":[\n${parts.join(',\n')}\n]}\n`;
  return { text, counts: { pods: podCount, services: serviceCount, nodes: nodeCount, endpointSlices: slices, namespaces: nsCount } };
}
