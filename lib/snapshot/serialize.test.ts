import { describe, expect, it } from 'vitest';
import { DEMO_NAMES, loadDemo } from '../demo/demo-clusters';
import { parseSnapshot } from './parse';
import type { ClusterSnapshot, PodRecord, SnapshotKind } from './records';
import {
  API_VERSIONS,
  DEFAULT_CLASS_ANNOTATION,
  EPOCH,
  INGRESS_CLASS_ANNOTATION,
  PLACEHOLDER_CONTAINER,
  PLACEHOLDER_IMAGE,
  serializeSnapshot,
  toApiObject,
} from './serialize';

type Item = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> };

const roundTrip = (s: ClusterSnapshot): ClusterSnapshot => parseSnapshot(serializeSnapshot(s)).snapshot;
const asSnapshotFile = (s: ClusterSnapshot): ClusterSnapshot => ({ ...s, meta: { ...s.meta, source: 'snapshot' } });
const itemsOf = (text: string): Item[] => (JSON.parse(text) as { items: Item[] }).items;
const find = (items: Item[], kind: string, name: string): Item => {
  const it = items.find((i) => i.kind === kind && i.metadata['name'] === name);
  if (!it) throw new Error(`no ${kind} ${name}`);
  return it;
};

/** Every optional field and every nil-vs-empty distinction of the records, sorted as the file is. */
function handBuilt(): ClusterSnapshot {
  const sel = (matchLabels: Record<string, string> = {}) => ({ matchLabels, matchExpressions: [] });
  return {
    meta: {
      source: 'live',
      takenAt: '2026-03-04T05:06:07Z',
      context: 'prod-eu',
      serverVersion: 'v1.36.1',
      title: 'A title with "quotes" and \u2028 a line separator',
      description: 'Every field, <b>not markup</b>',
    },
    namespaces: [
      { uid: 'ns-1', name: 'a', labels: {} },
      { uid: 'ns-2', name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'x' } },
      { uid: 'ns-3', name: 'shop-data', labels: { 'kubernetes.io/metadata.name': 'shop-data' } },
    ],
    nodes: [
      {
        uid: 'node-1',
        name: 'n1',
        labels: { 'topology.kubernetes.io/zone': 'z1' },
        addresses: [
          { type: 'InternalIP', address: '192.168.1.11' },
          { type: 'InternalIP', address: 'fd00::11' },
          { type: 'ExternalIP', address: '203.0.113.11' },
          { type: 'Hostname', address: 'n1' },
        ],
        podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'],
        ready: true,
        unschedulable: false,
      },
      { uid: 'node-2', name: 'n2', labels: {}, addresses: [{ type: 'InternalIP', address: '192.168.1.12' }], podCIDRs: ['10.244.2.0/24'], ready: false, unschedulable: true },
      { uid: 'node-3', name: 'n3', labels: {}, addresses: [], podCIDRs: [], ready: null, unschedulable: false },
    ],
    pods: [
      {
        uid: 'pod-1',
        namespace: 'shop',
        name: 'full',
        labels: { app: 'web', 'pod-template-hash': 'abc' },
        owner: { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1' },
        nodeName: 'n1',
        hostNetwork: false,
        phase: 'Running',
        ready: true,
        terminating: true,
        podIPs: ['10.244.1.5', 'fd00:10:244:1::5'],
        hostIPs: ['192.168.1.11', 'fd00::11'],
        ports: [
          { container: 'web', name: 'http', containerPort: 8080, protocol: 'TCP', hostPort: 8081, hostIP: '192.168.1.11' },
          { container: 'web', containerPort: 9090, protocol: 'UDP' },
          { container: 'sidecar', name: 'metrics', containerPort: 9100, protocol: 'SCTP' },
          { container: 'container-2', containerPort: 7000, protocol: 'TCP' },
        ],
        hostname: 'full-0',
        subdomain: 'web-hl',
        dnsPolicy: 'ClusterFirstWithHostNet',
      },
      {
        uid: 'pod-2',
        namespace: 'shop',
        name: 'host',
        labels: {},
        owner: { kind: 'Node', name: 'n2', uid: '' },
        nodeName: 'n2',
        hostNetwork: true,
        phase: 'Running',
        ready: false,
        terminating: false,
        podIPs: ['192.168.1.12'],
        hostIPs: ['192.168.1.12'],
        ports: [{ container: 'agent', containerPort: 9100, protocol: 'TCP', hostPort: 9100 }],
        dnsPolicy: 'ClusterFirst',
      },
      {
        uid: 'pod-3',
        namespace: 'shop',
        name: 'pending',
        labels: { app: 'x' },
        owner: { kind: 'Rollout', name: 'x', uid: 'ro-1' },
        hostNetwork: false,
        phase: 'Pending',
        ready: false,
        terminating: false,
        podIPs: [],
        hostIPs: [],
        ports: [],
        dnsPolicy: 'Default',
      },
    ],
    services: [
      {
        uid: 'svc-1',
        namespace: 'shop',
        name: 'external',
        labels: {},
        type: 'ExternalName',
        selector: null,
        clusterIPs: [],
        headless: false,
        ipFamilies: [],
        ports: [],
        externalName: 'payments.example.com',
        externalIPs: [],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        sessionAffinity: 'None',
        loadBalancerSourceRanges: [],
        publishNotReadyAddresses: false,
        lbIngress: [],
      },
      {
        uid: 'svc-2',
        namespace: 'shop',
        name: 'hl',
        labels: { app: 'redis' },
        type: 'ClusterIP',
        selector: { app: 'redis' },
        clusterIPs: [],
        headless: true,
        ipFamilies: ['IPv6', 'IPv4'],
        ipFamilyPolicy: 'RequireDualStack',
        ports: [{ name: '', protocol: 'TCP', port: 6379, targetPort: 6379 }],
        externalIPs: [],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Local',
        sessionAffinity: 'None',
        loadBalancerSourceRanges: [],
        publishNotReadyAddresses: true,
        lbIngress: [],
      },
      {
        uid: 'svc-3',
        namespace: 'shop',
        name: 'lb',
        labels: {},
        type: 'LoadBalancer',
        selector: { app: 'web', tier: 'front' },
        clusterIPs: ['10.96.0.10', 'fd00:96::10'],
        headless: false,
        ipFamilies: ['IPv4', 'IPv6'],
        ipFamilyPolicy: 'PreferDualStack',
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' },
          { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353, nodePort: 30053 },
        ],
        externalIPs: ['198.51.100.7'],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 31999,
        sessionAffinity: 'ClientIP',
        sessionAffinityTimeoutSeconds: 600,
        loadBalancerClass: 'example.com/lb',
        loadBalancerIP: '203.0.113.9',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        allocateLoadBalancerNodePorts: false,
        publishNotReadyAddresses: false,
        lbIngress: [
          { ip: '203.0.113.9', ipMode: 'Proxy', ports: [{ port: 80, protocol: 'TCP', error: 'Pending' }, { port: 53, protocol: 'UDP' }] },
          { hostname: 'lb.example.com', ports: [] },
        ],
        createdAt: '2026-01-01T00:00:00Z',
      },
      {
        uid: 'svc-4',
        namespace: 'shop',
        name: 'manual',
        labels: {},
        type: 'ClusterIP',
        selector: {},
        clusterIPs: ['10.96.0.11'],
        headless: false,
        ipFamilies: ['IPv4'],
        ports: [{ name: 'a', protocol: 'TCP', port: 80, targetPort: 80 }],
        externalIPs: [],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        sessionAffinity: 'None',
        loadBalancerSourceRanges: [],
        publishNotReadyAddresses: false,
        lbIngress: [],
      },
    ],
    endpointSlices: [
      {
        uid: 'es-1',
        namespace: 'shop',
        name: 'lb-abc',
        serviceName: 'lb',
        managedBy: 'endpointslice-controller.k8s.io',
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.244.1.5'],
            ready: true,
            serving: true,
            terminating: false,
            nodeName: 'n1',
            zone: 'z1',
            hostname: 'full-0',
            targetRef: { kind: 'Pod', namespace: 'shop', name: 'full', uid: 'pod-1' },
            hintsForNodes: ['n1'],
            hintsForZones: ['z1', 'z2'],
          },
          { addresses: ['10.244.2.9'], ready: false, serving: null, terminating: null, targetRef: { kind: 'Pod', name: 'gone' }, hintsForNodes: [] },
          { addresses: ['10.244.2.10'], ready: null, serving: null, terminating: null, hintsForZones: [] },
        ],
        ports: [
          { name: null, port: null, protocol: 'TCP' },
          { name: '', port: 8080, protocol: 'TCP' },
          { name: 'dns', port: 5353, protocol: 'UDP', appProtocol: 'dns' },
        ],
      },
      { uid: 'es-2', namespace: 'shop', name: 'manual-1', addressType: 'FQDN', endpoints: [], ports: [] },
      {
        uid: 'es-3',
        namespace: 'shop',
        name: 'manual-2',
        serviceName: 'manual',
        addressType: 'IPv6',
        endpoints: [{ addresses: ['fd00::1', 'fd00::2'], ready: true, serving: false, terminating: true }],
        ports: [{ name: 'a', port: 80, protocol: 'TCP' }],
      },
    ],
    ingresses: [
      {
        uid: 'ing-1',
        namespace: 'shop',
        name: 'by-annotation',
        className: 'nginx',
        classSource: 'annotation',
        defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } },
        rules: [{ host: '*.example.com', paths: [{ path: '/a b/<script>', pathType: 'ImplementationSpecific', backend: { resource: { kind: 'Thing', name: 't' } } }] }],
        tls: [{ hosts: [] }],
        lbIngress: [{ hostname: 'ic.example.com', ports: [] }],
      },
      {
        uid: 'ing-3',
        namespace: 'shop',
        name: 'by-spec',
        className: 'public',
        classSource: 'spec',
        defaultBackend: { service: { name: 'lb', port: { name: 'http' } } },
        rules: [
          {
            host: 'shop.example.com',
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'lb', port: { number: 80 } } } },
              { path: '/exact', pathType: 'Exact', backend: { service: { name: 'manual', port: { name: 'a' } } } },
            ],
          },
        ],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        lbIngress: [{ ip: '203.0.113.20', ports: [] }],
      },
      { uid: 'ing-2', namespace: 'shop', name: 'none', classSource: 'none', rules: [{ paths: [] }], tls: [], lbIngress: [] },
    ],
    ingressClasses: [
      { uid: 'ic-1', name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: false },
      {
        uid: 'ic-2',
        name: 'public',
        controller: 'example.com/ic',
        isDefault: true,
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p', namespace: 'ingress', scope: 'Namespace' },
      },
      { uid: 'ic-3', name: 'zz-min', controller: '', isDefault: false, parameters: { kind: 'ConfigMap', name: 'cfg' } },
    ],
    networkPolicies: [
      {
        uid: 'np-1',
        namespace: 'shop',
        name: 'all',
        podSelector: {
          matchLabels: { app: 'db' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['a', 'b'] },
            { key: 'canary', operator: 'DoesNotExist', values: [] },
          ],
        },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { peers: null, ports: null },
          { peers: [], ports: [] },
          {
            peers: [
              { podSelector: sel({ app: 'web' }) },
              { namespaceSelector: sel() },
              { podSelector: sel(), namespaceSelector: { matchLabels: {}, matchExpressions: [{ key: 'env', operator: 'Exists', values: [] }] } },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
              { ipBlock: { cidr: 'fd00::/8', except: [] } },
            ],
            ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'UDP', port: 'dns' }, { protocol: 'TCP', port: 30000, endPort: 32767 }, { protocol: 'SCTP' }],
          },
        ],
        egress: [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: [] } }], ports: null }, { peers: null, ports: [] }],
        createdAt: '2025-12-24T12:00:00Z',
      },
      { uid: 'np-2', namespace: 'shop-data', name: 'deny', podSelector: sel(), policyTypes: [], ingress: [], egress: [] },
    ],
  };
}

describe('serializeSnapshot round trip', () => {
  it.each(DEMO_NAMES)('demo %s comes back deep-equal (source aside)', (name) => {
    const demo = loadDemo(name);
    expect(roundTrip(demo)).toStrictEqual(asSnapshotFile(demo));
  });

  it('a hand-built snapshot with every optional field and nil-vs-empty case comes back deep-equal', () => {
    const s = handBuilt();
    expect(roundTrip(s)).toStrictEqual(asSnapshotFile(s));
  });

  it('an empty snapshot and one without takenAt round-trip too', () => {
    const empty: ClusterSnapshot = { ...handBuilt(), meta: { source: 'demo' }, namespaces: [], nodes: [], pods: [], services: [], endpointSlices: [], ingresses: [], ingressClasses: [], networkPolicies: [] };
    expect(serializeSnapshot(empty)).toBe('{"apiVersion":"v1","kind":"List","kubepath":{"format":1},"items":[]}\n');
    expect(roundTrip(empty)).toStrictEqual(asSnapshotFile(empty));
    const noTime = { ...handBuilt(), meta: { source: 'live' as const, context: 'c' } };
    expect(roundTrip(noTime)).toStrictEqual(asSnapshotFile(noTime));
  });

  it('a NetworkPolicy read without podSelector comes back identical (plain {} like every projected map)', () => {
    const s = parseSnapshot(JSON.stringify([{ kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'x', uid: 'u' }, spec: {} }])).snapshot;
    expect(roundTrip(s)).toStrictEqual(s);
  });

  it('is idempotent: serialize → parse → serialize gives the same bytes', () => {
    for (const s of [handBuilt(), ...DEMO_NAMES.map(loadDemo)]) {
      const text = serializeSnapshot(s);
      expect(serializeSnapshot(parseSnapshot(text).snapshot)).toBe(text);
    }
  });
});

describe('serializeSnapshot is deterministic', () => {
  it('same snapshot → same bytes, whatever the record or map-key order', () => {
    const s = handBuilt();
    const text = serializeSnapshot(s);
    expect(serializeSnapshot(handBuilt())).toBe(text);
    const reverseKeys = <T extends Record<string, string>>(m: T): T => Object.fromEntries(Object.entries(m).reverse()) as T;
    const shuffled: ClusterSnapshot = {
      meta: { ...s.meta },
      namespaces: [...s.namespaces].reverse().map((n) => ({ ...n, labels: reverseKeys(n.labels) })),
      nodes: [...s.nodes].reverse(),
      pods: [...s.pods].reverse().map((p) => ({ ...p, labels: reverseKeys(p.labels) })),
      services: [...s.services].reverse().map((v) => ({ ...v, selector: v.selector && reverseKeys(v.selector) })),
      endpointSlices: [...s.endpointSlices].reverse(),
      ingresses: [...s.ingresses].reverse(),
      ingressClasses: [...s.ingressClasses].reverse(),
      networkPolicies: [...s.networkPolicies].reverse(),
    };
    expect(serializeSnapshot(shuffled)).toBe(text);
  });

  it('orders items by kind, then namespace, then name (shop before shop-data), one item per line', () => {
    const text = serializeSnapshot(handBuilt());
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '{"apiVersion":"v1","kind":"List","kubepath":{"format":1,"takenAt":"2026-03-04T05:06:07Z","context":"prod-eu","serverVersion":"v1.36.1","demo":{"title":"A title with \\"quotes\\" and \u2028 a line separator","description":"Every field, <b>not markup</b>"}},"items":[',
    );
    expect(lines.at(-2)).toBe(']}');
    expect(lines.at(-1)).toBe('');
    const items = lines.slice(1, -2).map((l) => JSON.parse(l.replace(/,$/, '')) as Item);
    expect(items).toHaveLength(itemsOf(text).length);
    const key = (i: Item) => `${i.kind} ${String(i.metadata['namespace'] ?? '')} ${String(i.metadata['name'])}`;
    expect(items.map(key)).toEqual([
      'Namespace  a',
      'Namespace  shop',
      'Namespace  shop-data',
      'Node  n1',
      'Node  n2',
      'Node  n3',
      'Pod shop full',
      'Pod shop host',
      'Pod shop pending',
      'Service shop external',
      'Service shop hl',
      'Service shop lb',
      'Service shop manual',
      'EndpointSlice shop lb-abc',
      'EndpointSlice shop manual-1',
      'EndpointSlice shop manual-2',
      'Ingress shop by-annotation',
      'Ingress shop by-spec',
      'Ingress shop none',
      'IngressClass  nginx',
      'IngressClass  public',
      'IngressClass  zz-min',
      'NetworkPolicy shop all',
      'NetworkPolicy shop-data deny',
    ]);
  });
});

describe('serializeSnapshot output', () => {
  const text = serializeSnapshot(handBuilt());
  const items = itemsOf(text);

  it('writes the apiVersion of each kind', () => {
    const seen = new Map<string, string>();
    for (const demo of [text, ...DEMO_NAMES.map((n) => serializeSnapshot(loadDemo(n)))]) {
      for (const i of itemsOf(demo)) seen.set(i.kind, i.apiVersion);
    }
    expect(Object.fromEntries(seen)).toEqual({
      Namespace: 'v1',
      Node: 'v1',
      Pod: 'v1',
      Service: 'v1',
      EndpointSlice: 'discovery.k8s.io/v1',
      Ingress: 'networking.k8s.io/v1',
      IngressClass: 'networking.k8s.io/v1',
      NetworkPolicy: 'networking.k8s.io/v1',
    });
    expect(API_VERSIONS).toEqual(Object.fromEntries(seen));
  });

  it('writes no annotation but the ingress-class and default-class ones', () => {
    for (const t of [text, ...DEMO_NAMES.map((n) => serializeSnapshot(loadDemo(n)))]) {
      for (const i of itemsOf(t)) {
        const ann = i.metadata['annotations'] as Record<string, string> | undefined;
        if (!ann) continue;
        const allowed = i.kind === 'Ingress' ? [INGRESS_CLASS_ANNOTATION] : i.kind === 'IngressClass' ? [DEFAULT_CLASS_ANNOTATION] : [];
        expect(Object.keys(ann)).toEqual(allowed);
      }
      // Nowhere else either (annotations only ever live in metadata).
      expect(t.match(/"annotations"/g)?.length ?? 0).toBe(itemsOf(t).filter((i) => i.metadata['annotations']).length);
    }
    expect(find(items, 'Ingress', 'by-annotation').metadata['annotations']).toEqual({ [INGRESS_CLASS_ANNOTATION]: 'nginx' });
    expect(find(items, 'Ingress', 'by-spec').metadata['annotations']).toBeUndefined();
    expect(find(items, 'Ingress', 'by-spec')['spec']).toMatchObject({ ingressClassName: 'public' });
    expect(find(items, 'Ingress', 'by-annotation')['spec']).not.toHaveProperty('ingressClassName');
    expect(find(items, 'IngressClass', 'public').metadata['annotations']).toEqual({ [DEFAULT_CLASS_ANNOTATION]: 'true' });
    expect(find(items, 'IngressClass', 'nginx').metadata).not.toHaveProperty('annotations');
  });

  it('writes pods the API accepts: containers per name with a placeholder image, owner as controller, Ready condition', () => {
    const full = find(items, 'Pod', 'full');
    expect(full.metadata['deletionTimestamp']).toBe('2026-03-04T05:06:07Z');
    expect(full.metadata['ownerReferences']).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true }]);
    const spec = full['spec'] as { containers: { name: string; image: string; ports?: unknown[] }[] };
    expect(spec.containers.map((c) => [c.name, c.image, c.ports?.length])).toEqual([
      ['web', PLACEHOLDER_IMAGE, 2],
      ['sidecar', PLACEHOLDER_IMAGE, 1],
      ['container-2', PLACEHOLDER_IMAGE, 1],
    ]);
    expect(full['status']).toEqual({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      hostIP: '192.168.1.11',
      hostIPs: [{ ip: '192.168.1.11' }, { ip: 'fd00::11' }],
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00:10:244:1::5' }],
    });
    const pending = find(items, 'Pod', 'pending');
    expect(pending['spec']).toEqual({ dnsPolicy: 'Default', containers: [{ name: PLACEHOLDER_CONTAINER, image: PLACEHOLDER_IMAGE }] });
    expect(pending['status']).toEqual({ phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] });
    expect(pending.metadata['ownerReferences']).toEqual([{ apiVersion: 'unknown.kubepath.invalid/v1', kind: 'Rollout', name: 'x', uid: 'ro-1', controller: true }]);
    expect(pending.metadata).not.toHaveProperty('deletionTimestamp');
  });

  it('uses the epoch as deletionTimestamp when takenAt is missing or not an RFC 3339 time', () => {
    const pod = handBuilt().pods[0] as PodRecord;
    expect((toApiObject('Pod', pod, { source: 'live' }).metadata as Record<string, unknown>)['deletionTimestamp']).toBe(EPOCH);
    expect((toApiObject('Pod', pod, { source: 'live', takenAt: 'yesterday' }).metadata as Record<string, unknown>)['deletionTimestamp']).toBe(EPOCH);
  });

  it('keeps nil distinct from empty: selector, node Ready, slice conditions and port names, policy peers', () => {
    expect(find(items, 'Service', 'external')['spec']).not.toHaveProperty('selector');
    expect(find(items, 'Service', 'manual')['spec']).toMatchObject({ selector: {} });
    expect(find(items, 'Service', 'hl')['spec']).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
    expect(find(items, 'Node', 'n2')['status']).toMatchObject({ conditions: [{ type: 'Ready', status: 'False' }] });
    expect(find(items, 'Node', 'n3')).not.toHaveProperty('status');
    const slice = find(items, 'EndpointSlice', 'lb-abc') as Item & { endpoints: Record<string, unknown>[]; ports: unknown[] };
    expect(slice.metadata['labels']).toEqual({ 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'lb' });
    expect(slice.endpoints.map((e) => e['conditions'])).toEqual([{ ready: true, serving: true, terminating: false }, { ready: false }, undefined]);
    expect(slice.endpoints.map((e) => e['hints'])).toEqual([{ forNodes: [{ name: 'n1' }], forZones: [{ name: 'z1' }, { name: 'z2' }] }, { forNodes: [] }, { forZones: [] }]);
    expect(slice.ports).toEqual([{ protocol: 'TCP' }, { name: '', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP', appProtocol: 'dns' }]);
    const np = find(items, 'NetworkPolicy', 'all')['spec'] as { ingress: Record<string, unknown>[]; egress: Record<string, unknown>[] };
    expect(np.ingress[0]).toEqual({});
    expect(np.ingress[1]).toEqual({ ports: [], from: [] });
    expect(np.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }, { ports: [] }]);
    expect(find(items, 'NetworkPolicy', 'deny')['spec']).toEqual({ podSelector: {} });
  });

  it('writes only the records: no env, args, managedFields, resourceVersion or other status', () => {
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      }
    };
    for (const t of [text, ...DEMO_NAMES.map((n) => serializeSnapshot(loadDemo(n)))]) walk(JSON.parse(t));
    for (const k of ['managedFields', 'env', 'envFrom', 'args', 'command', 'resourceVersion', 'generation', 'nodeInfo', 'images', 'finalizers', 'lastTransitionTime', 'message', 'reason', 'volumes', 'containerStatuses', 'capacity']) {
      expect(keys).not.toContain(k);
    }
    // The only images are the placeholder.
    expect(new Set(text.match(/"image":"[^"]*"/g))).toEqual(new Set([`"image":"${PLACEHOLDER_IMAGE}"`]));
  });
});

describe('serializeSnapshot of canary-laden input', () => {
  const CANARY = 'CANARY';
  const noisyMeta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: `uid-${name}`,
    resourceVersion: `${CANARY}-RV`,
    generation: 7,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: name },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': `{"${CANARY}-LAST-APPLIED":1}`,
      'example.com/secret': `${CANARY}-ANNOTATION`,
      ...((extra['annotations'] as Record<string, string>) ?? {}),
    },
    managedFields: [{ manager: `${CANARY}-MF`, fieldsV1: { [`f:${CANARY}`]: {} } }],
    finalizers: [`${CANARY}-FINALIZER`],
  });
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: `${CANARY}-LIST-RV` },
    items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: noisyMeta('shop'), spec: { finalizers: [`${CANARY}-NSF`] }, status: { phase: 'Active' } },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: noisyMeta('n1'),
        spec: { podCIDR: '10.244.1.0/24', providerID: `${CANARY}-PROVIDER`, taints: [{ key: `${CANARY}-TAINT`, effect: 'NoSchedule' }] },
        status: {
          addresses: [{ type: 'InternalIP', address: '192.168.1.11' }],
          conditions: [{ type: 'Ready', status: 'True', message: `${CANARY}-COND-MSG`, reason: `${CANARY}-REASON` }],
          nodeInfo: { kernelVersion: `${CANARY}-KERNEL` },
          images: [{ names: [`${CANARY}-NODE-IMAGE`] }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { ...noisyMeta('p', 'shop'), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true, blockOwnerDeletion: true }] },
        spec: {
          nodeName: 'n1',
          serviceAccountName: `${CANARY}-SA`,
          volumes: [{ name: 'v', secret: { secretName: `${CANARY}-SECRET-VOL` } }],
          initContainers: [{ name: 'init', image: `${CANARY}-INIT-IMAGE`, ports: [{ containerPort: 1 }] }],
          containers: [
            {
              name: 'c',
              image: `${CANARY}-IMAGE`,
              command: [`${CANARY}-CMD`],
              args: [`${CANARY}-ARG`],
              env: [{ name: 'PASSWORD', value: `${CANARY}-ENV` }],
              envFrom: [{ secretRef: { name: `${CANARY}-ENVFROM` } }],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              readinessProbe: { exec: { command: [`${CANARY}-PROBE`] } },
            },
          ],
        },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', message: `${CANARY}-POD-COND` }],
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }],
          hostIP: '192.168.1.11',
          containerStatuses: [{ name: 'c', image: `${CANARY}-STATUS-IMAGE`, imageID: `${CANARY}-IMAGEID` }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: noisyMeta('web', 'shop'),
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], selector: { app: 'p' }, ports: [{ port: 80, targetPort: 'http' }] },
        status: { conditions: [{ type: 'x', status: 'True', message: `${CANARY}-SVC-COND` }] },
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { ...noisyMeta('web-abc', 'shop'), labels: { 'kubernetes.io/service-name': 'web', [`${CANARY}-label`]: 'x' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, deprecatedTopology: { [`${CANARY}-TOPO`]: 'x' } }],
        ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: noisyMeta('ing', 'shop', { annotations: { [INGRESS_CLASS_ANNOTATION]: 'nginx', 'nginx.ingress.kubernetes.io/configuration-snippet': `${CANARY}-SNIPPET` } }),
        spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: noisyMeta('nginx', undefined, { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } }),
        spec: { controller: 'k8s.io/ingress-nginx' },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: noisyMeta('np', 'shop'),
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] },
      },
      { apiVersion: 'v1', kind: 'Secret', metadata: noisyMeta('s', 'shop'), data: { password: `${CANARY}-SECRET-DATA` } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: noisyMeta('cm', 'shop'), data: { k: `${CANARY}-CM` } },
    ],
  };

  it('contains none of the canaries, and still round-trips', () => {
    expect(JSON.stringify(list)).toContain(CANARY);
    const parsed = parseSnapshot(JSON.stringify(list));
    const text = serializeSnapshot(parsed.snapshot);
    expect(text).not.toContain(CANARY);
    expect(text.toLowerCase()).not.toContain(CANARY.toLowerCase());
    expect(parseSnapshot(text).snapshot).toStrictEqual(parsed.snapshot);
    const kinds = itemsOf(text).map((i) => i.kind as SnapshotKind);
    expect(kinds).toEqual(['Namespace', 'Node', 'Pod', 'Service', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy']);
    // The two mapped annotations survive as the only ones.
    expect(find(itemsOf(text), 'Ingress', 'ing').metadata['annotations']).toEqual({ [INGRESS_CLASS_ANNOTATION]: 'nginx' });
    expect(find(itemsOf(text), 'IngressClass', 'nginx').metadata['annotations']).toEqual({ [DEFAULT_CLASS_ANNOTATION]: 'true' });
  });
});
