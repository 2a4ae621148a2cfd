/**
 * Access points: every URL by which a Service (or a pod) is reachable, from where, and whether it
 * really works (networking-semantics.md §3).
 */
import type { IPFamily, PodRecord, ServicePortRecord, ServiceRecord } from '../snapshot/records';
import { connectToService, endpointRef, type ConnectResult } from './eligibility';
import { podId } from './ids';
import { ingressAccessPoints } from './ingress';
import { familyOf, isIP } from './ip';
import { labelValue } from './labels';
import { portKey, type NodeView, type ServiceView, type Topology } from './topology';
import type { AccessPoint, Badge } from './types';
import { copyCommand, formatUrl, schemeFor } from './urls';

function portLabel(p: ServicePortRecord): string {
  return p.name || String(p.port);
}

function entry(base: Omit<AccessPoint, 'badges' | 'notes' | 'reaches'> & Partial<Pick<AccessPoint, 'badges' | 'notes' | 'reaches'>>): AccessPoint {
  // A reachable entry carries no reason. (Built without `delete`, which would put every entry
  // object into V8's slow dictionary mode: it doubled the time for clusters with 10⁶ entries.)
  const { reason, ...rest } = base;
  const badges = base.badges && base.badges.length > 1 ? [...new Set(base.badges)] : (base.badges ?? []);
  return { ...rest, ...(reason !== undefined && !base.reachable ? { reason } : {}), badges, notes: base.notes ?? [], reaches: base.reaches ?? [] };
}

function fromConnect(c: ConnectResult): Pick<AccessPoint, 'reachable' | 'outcome' | 'reaches'> & { reason?: string } {
  return { reachable: c.reachable, outcome: c.outcome, reaches: c.reaches, ...(c.reason ? { reason: c.reason } : {}) };
}

const sortedNodes = new WeakMap<Topology, NodeView[]>();

/** The topology's nodes in name order, computed once per topology. */
function nodesByName(topo: Topology): NodeView[] {
  let list = sortedNodes.get(topo);
  if (!list) {
    list = [...topo.nodes.values()].sort((a, b) => (a.record.name < b.record.name ? -1 : a.record.name > b.record.name ? 1 : 0));
    sortedNodes.set(topo, list);
  }
  return list;
}

/** Nodes that hold an eligible endpoint under Local scope for this port (ETP Local). */
function nodesWithLocalEndpoints(topo: Topology, view: ServiceView, sp: ServicePortRecord, family?: IPFamily): string[] {
  // Only nodes that host an endpoint of this port can have a local one: check those, not every node.
  const key = portKey(sp);
  const candidates = new Set(view.backends.endpoints.flatMap((b) => (b.nodeName && b.ports.has(key) && topo.nodes.has(b.nodeName) ? [b.nodeName] : [])));
  return [...candidates].sort().filter(
    (n) => connectToService(topo, view.id, { port: sp, localNode: n, ...(family ? { family } : {}) }).eligibility.outcome === 'OK',
  );
}

/**
 * Ready endpoints on a node, summed over the Service's ports: the `localEndpoints` count kube-proxy's
 * health-check server reports (`pkg/proxy/endpointschangetracker.go` LocalReadyEndpoints counts only
 * endpoints that are local AND ready, so terminating endpoints never count, §3.4 / E14).
 */
export function localReadyEndpoints(view: ServiceView, nodeName: string, family?: IPFamily): number {
  let n = 0;
  for (const sp of view.record.ports) {
    const key = portKey(sp);
    n += view.backends.endpoints.filter((b) => b.ready && b.nodeName === nodeName && b.ports.has(key) && (family === undefined || b.family === family)).length;
  }
  return n;
}

/** Nodes that pass an ETP Local health check (at least one local ready endpoint), in name order. */
export function healthyNodes(topo: Topology, view: ServiceView, family?: IPFamily): string[] {
  return [...topo.nodes.keys()].sort().filter((n) => localReadyEndpoints(view, n, family) > 0);
}

export interface HealthCheckEntry {
  node: string;
  /** `http://<node address>:<healthCheckNodePort>/healthz`. */
  url: string;
  /** 200 with at least one local ready endpoint, else 503 (kube-proxy also answers 503 when it is itself unhealthy). */
  status: 200 | 503;
  localEndpoints: number;
  scope: 'operator';
  badges: Badge[];
  notes: string[];
}

/**
 * The health-check node port of a LoadBalancer Service with ETP Local, per node (§3.4, E13/E14), for the
 * debug drawer: the LB keeps only the nodes answering 200 in its pool. Empty for every other Service.
 */
export function healthCheckNodePorts(topo: Topology, serviceIdOrView: string | ServiceView): HealthCheckEntry[] {
  const view = typeof serviceIdOrView === 'string' ? topo.services.get(serviceIdOrView) : serviceIdOrView;
  if (!view) return [];
  const s = view.record;
  if (s.type !== 'LoadBalancer' || s.externalTrafficPolicy !== 'Local' || !s.healthCheckNodePort) return [];
  const family = s.ipFamilies[0];
  const out: HealthCheckEntry[] = [];
  for (const n of [...topo.nodes.values()].sort((a, b) => a.record.name.localeCompare(b.record.name))) {
    const address = n.internalIPs.find((a) => familyOf(a) === family) ?? n.externalIPs.find((a) => familyOf(a) === family);
    if (!address) continue;
    const local = localReadyEndpoints(view, n.record.name, family);
    const terminatingOnly = local === 0 && view.backends.endpoints.some((b) => b.nodeName === n.record.name && b.serving && b.terminating);
    out.push({
      node: n.record.name,
      url: formatUrl('http', address, s.healthCheckNodePort, '/healthz'),
      status: local > 0 ? 200 : 503,
      localEndpoints: local,
      scope: 'operator',
      badges: ['debugging-only'],
      notes: [
        `{"service": "${s.namespace}/${s.name}", "localEndpoints": ${local}}`,
        ...(terminatingOnly ? ['only terminating endpoints here: the node still forwards to them, but answers 503 so the LB drains it'] : []),
        ...(local === 0 ? ['the load balancer removes this node from its pool'] : []),
      ],
    });
  }
  return out;
}

function affinityNote(s: ServiceRecord): string[] {
  return s.sessionAffinity === 'ClientIP'
    ? [`sessionAffinity ClientIP: sticky per client IP for ${s.sessionAffinityTimeoutSeconds ?? 10800} s; each node keeps its own affinity table (per node)`]
    : [];
}

/** The verdict for traffic from outside the cluster to an address the Service owns on every node (LB IP, externalIP). */
function externalVerdict(topo: Topology, view: ServiceView, sp: ServicePortRecord, family?: IPFamily): ConnectResult {
  const s = view.record;
  const fam = family ? { family } : {};
  if (s.externalTrafficPolicy === 'Local') {
    const nodes = nodesWithLocalEndpoints(topo, view, sp, family);
    if (nodes.length === 0) {
      const any = connectToService(topo, view.id, { port: sp, ...fam });
      if (any.outcome === 'OK') {
        const c = connectToService(topo, view.id, { port: sp, localNode: '', ...fam });
        return { ...c, reason: `externalTrafficPolicy is Local and no node has a ready local endpoint${any.eligibility.eligible.every((b) => !b.nodeName) ? ' (its endpoints have no nodeName)' : ''}: every node drops the traffic` };
      }
      return any;
    }
    const results = nodes.map((n) => connectToService(topo, view.id, { port: sp, localNode: n, ...fam }));
    const ok = results.find((r) => r.outcome === 'OK');
    return ok ?? (results[0] as ConnectResult);
  }
  return connectToService(topo, view.id, { port: sp, ...fam });
}

/** All access points of one Service. */
export function accessPointsForService(topo: Topology, serviceIdOrView: string | ServiceView): AccessPoint[] {
  const view = typeof serviceIdOrView === 'string' ? topo.services.get(serviceIdOrView) : serviceIdOrView;
  if (!view) return [];
  const s = view.record;
  const zone = topo.settings.dnsZone;
  const dnsName = `${s.name}.${s.namespace}.svc.${zone}`;
  const out: AccessPoint[] = [];

  if (s.type === 'ExternalName') {
    const target = s.externalName ?? '';
    const looksIP = isIP(target);
    out.push(
      entry({
        kind: 'ExternalName',
        url: dnsName,
        scope: 'cluster-dns',
        reachable: !looksIP && target !== '',
        outcome: looksIP ? 'NXDOMAIN' : 'OK',
        ...(looksIP ? { reason: `externalName ${target} is an IP address, which is treated as a DNS name and will not resolve` } : {}),
        notes: [
          `CNAME ${target}`,
          'no proxy, no port mapping: clients reach the external host on the port they choose',
          ...(s.ports.length > 0 ? [`ports ${s.ports.map((p) => p.port).join(', ')} are informational only`] : []),
        ],
        reaches: target ? [target] : [],
      }),
    );
    return out;
  }

  const inferredBadge: Badge[] = view.backends.source === 'inferred' ? ['inferred-endpoints'] : [];

  for (const sp of s.ports) {
    const sch = schemeFor(sp);
    const label = portLabel(sp);
    const cluster = connectToService(topo, view.id, { port: sp });
    const itpNote =
      s.internalTrafficPolicy === 'Local'
        ? [`internalTrafficPolicy Local: works only from clients on nodes with a ready local endpoint (${nodesWithLocalEndpoints(topo, view, sp).join(', ') || 'none'})`]
        : [];

    if (!s.headless) {
      // C-1: one entry per (clusterIPs[i], port), primary family first (U-4).
      for (const ip of s.clusterIPs) {
        const family = familyOf(ip);
        const c = connectToService(topo, view.id, { port: sp, ...(family ? { family } : {}) });
        const url = formatUrl(sch.scheme, ip, sp.port);
        out.push(
          entry({
            kind: 'ClusterIP',
            url,
            scope: 'cluster',
            ...fromConnect(c),
            ...(family ? { family } : {}),
            protocol: sp.protocol,
            servicePort: label,
            badges: [...c.badges, ...sch.badges],
            notes: [...sch.notes, 'reachable only from pods and nodes of this cluster; ping proves nothing', ...itpNote, ...affinityNote(s)],
            ...(copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: ip, dialPort: sp.port }) ? { command: copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: ip, dialPort: sp.port }) as string } : {}),
          }),
        );
      }
      const srv = sp.name ? [`SRV _${sp.name}._${sp.protocol.toLowerCase()}.${dnsName} → port ${sp.port}`] : [];
      out.push(
        entry({
          kind: 'ClusterDNS',
          url: formatUrl(sch.scheme, dnsName, sp.port),
          scope: 'cluster-dns',
          ...fromConnect(cluster),
          protocol: sp.protocol,
          servicePort: label,
          badges: [...cluster.badges, ...sch.badges],
          notes: [
            `resolves to ${s.clusterIPs.join(', ')}`,
            `short names: ${s.name} (same namespace), ${s.name}.${s.namespace} (other namespaces)`,
            ...srv,
            ...itpNote,
            ...affinityNote(s),
          ],
        }),
      );
    } else {
      // §3.2: DNS answers with ready endpoints; no proxy hop; ports are the endpoint ports.
      const key = portKey(sp);
      const published = view.backends.endpoints.filter((b) => b.ready && b.ports.has(key));
      const ports = [...new Set(published.map((b) => b.ports.get(key) as number))];
      const epPort = ports.length === 1 ? (ports[0] as number) : sp.port;
      out.push(
        entry({
          kind: 'HeadlessDNS',
          url: formatUrl(sch.scheme, dnsName, epPort),
          scope: 'cluster-dns',
          reachable: published.length > 0,
          outcome: published.length > 0 ? 'OK' : 'NXDOMAIN',
          ...(published.length === 0 ? { reason: 'a headless Service with no ready endpoints has no DNS records: the name does not resolve (NXDOMAIN)' } : {}),
          protocol: sp.protocol,
          servicePort: label,
          reaches: published.map((b) => endpointRef(b.address, b.ports.get(key) as number)),
          badges: [...inferredBadge, ...sch.badges],
          notes: [
            `headless: resolves to the pod IPs (${published.map((b) => b.address).join(', ') || 'none'}); the client picks one, no proxy`,
            ...(ports.length > 1 ? [`endpoints listen on different ports (${ports.join(', ')})`] : []),
          ],
        }),
      );
      for (const b of published.filter((x) => x.hostname)) {
        out.push(
          entry({
            kind: 'HeadlessDNS',
            url: formatUrl(sch.scheme, `${b.hostname}.${dnsName}`, b.ports.get(key) as number),
            scope: 'cluster-dns',
            reachable: true,
            outcome: 'OK',
            protocol: sp.protocol,
            servicePort: label,
            family: b.family,
            ...(b.podId ? { pod: b.podId } : {}),
            reaches: [endpointRef(b.address, b.ports.get(key) as number)],
            badges: [...inferredBadge, ...sch.badges],
            notes: ['stable per-pod name'],
          }),
        );
      }
    }

    // Pod IPs of the endpoints (§3.3 / §3.2 per-endpoint URLs).
    const key = portKey(sp);
    for (const b of view.backends.endpoints) {
      const port = b.ports.get(key);
      if (port === undefined) continue;
      const pod = b.podId ? topo.pods.get(b.podId) : undefined;
      const declared = pod ? pod.ports.length === 0 || pod.ports.some((p) => p.containerPort === port && p.protocol === sp.protocol) : true;
      const notes: string[] = ['no load balancing; the address changes when the pod is recreated'];
      if (!b.ready) notes.push(b.terminating ? 'terminating: Service traffic only as a last resort' : 'not ready: the Service sends it no traffic');
      if (b.external) notes.push('external endpoint (outside the pod network)');
      if (pod?.hostNetwork) notes.push('hostNetwork pod: this is a node address');
      out.push(
        entry({
          kind: 'PodIP',
          url: formatUrl(sch.scheme, b.address, port),
          scope: 'cluster',
          reachable: declared,
          outcome: declared ? 'OK' : 'REFUSED',
          ...(declared ? {} : { reason: `pod ${pod?.name ?? ''} does not declare port ${port}: assumed nothing listens there` }),
          family: b.family,
          protocol: sp.protocol,
          servicePort: label,
          ...(b.podId ? { pod: b.podId } : {}),
          ...(b.nodeName ? { node: b.nodeName } : {}),
          reaches: [endpointRef(b.address, port)],
          badges: [...inferredBadge, ...(declared ? [] : (['assumed'] as Badge[])), ...(pod && pod.ports.length === 0 ? (['unverified-port'] as Badge[]) : [])],
          notes,
        }),
      );
    }

    // NodePort (§3.4), on every node address of the Service's families.
    if (sp.nodePort && (s.type === 'NodePort' || s.type === 'LoadBalancer')) {
      const cache = { verdicts: new Map<string, ConnectResult>(), hinted: view.backends.endpoints.some((b) => b.hintsForNodes !== undefined || b.hintsForZones !== undefined) };
      for (const n of nodesByName(topo)) out.push(...nodePortEntries(topo, view, sp, n, cache));
    }

    // LoadBalancer (§3.5).
    if (s.type === 'LoadBalancer') out.push(...loadBalancerEntries(topo, view, sp));

    // externalIPs (§3.6).
    for (const ip of s.externalIPs) {
      const family = familyOf(ip);
      const c = externalVerdict(topo, view, sp, family);
      const url = formatUrl(sch.scheme, ip, sp.port);
      out.push(
        entry({
          kind: 'ExternalIP',
          url,
          scope: 'admin-routed',
          ...fromConnect(c),
          ...(family ? { family } : {}),
          protocol: sp.protocol,
          servicePort: label,
          badges: [...c.badges, 'deprecated', 'admin-routed', 'security'],
          notes: [
            'works only where the administrator routes this IP to a node; Kubernetes neither allocates nor announces it',
            'spec.externalIPs is deprecated since v1.36; anyone who may edit Services can use it to intercept traffic (CVE-2020-8554)',
            ...(s.externalTrafficPolicy === 'Local' ? ['externalTrafficPolicy Local applies to external clients'] : []),
            ...affinityNote(s),
          ],
          ...(copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: ip, dialPort: sp.port }) ? { command: copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: ip, dialPort: sp.port }) as string } : {}),
        }),
      );
    }
  }

  // hostPort and hostNetwork of the pods behind the Service (§3.8, §3.9).
  const podIds = new Set<string>([...view.selectedPods, ...view.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : []))]);
  for (const pid of [...podIds].sort()) {
    const pod = topo.pods.get(pid);
    if (pod) out.push(...hostEntries(topo, pod));
  }

  // Ingress URLs that lead to this Service (§3.10).
  for (const ing of topo.snapshot.ingresses) {
    if (ing.namespace !== s.namespace) continue;
    for (const ap of ingressAccessPoints(topo, ing)) {
      if (ap.backendService !== view.id) continue;
      const { backendService: _unused, ...rest } = ap;
      void _unused;
      out.push(rest);
    }
  }
  return out;
}

/**
 * NodePort rows of one node. `verdicts` caches connection verdicts across the nodes of one Service
 * port: under ETP Cluster (and without topology hints) every node gets the same verdict, and a
 * Service with thousands of nodes would otherwise recompute it per row.
 */
function nodePortEntries(topo: Topology, view: ServiceView, sp: ServicePortRecord, n: NodeView, cache: { verdicts: Map<string, ConnectResult>; hinted: boolean }): AccessPoint[] {
  const s = view.record;
  const out: AccessPoint[] = [];
  const sch = schemeFor(sp);
  const scheme = sch.scheme === 'http' || sch.scheme === 'https' || sch.scheme === 'ws' || sch.scheme === 'wss' ? sch.scheme : sp.protocol.toLowerCase();
  const addrs = [
    ...n.internalIPs.map((a) => ({ address: a, type: 'InternalIP' })),
    ...n.externalIPs.map((a) => ({ address: a, type: 'ExternalIP' })),
  ].filter((a) => {
    const f = familyOf(a.address);
    return f !== undefined && s.ipFamilies.includes(f);
  });
  const nodePort = sp.nodePort as number;
  for (const a of addrs) {
    const family = familyOf(a.address) as IPFamily;
    const local = s.externalTrafficPolicy === 'Local';
    const { verdicts, hinted } = cache;
    const key = `${family}|${local ? n.record.name : ''}|${hinted ? n.record.name : ''}`;
    let c = verdicts.get(key);
    if (!c) {
      c = connectToService(topo, view.id, { port: sp, family, ...(local ? { localNode: n.record.name } : {}), ...(hinted ? { decidingNode: n.record.name } : {}) });
      verdicts.set(key, c);
    }
    const badges: Badge[] = [...c.badges];
    const notes: string[] = [];
    if (n.record.ready !== true) {
      badges.push('node-not-ready');
      notes.push('node is NotReady');
    }
    const excluded = labelValue(n.record.labels, 'node.kubernetes.io/exclude-from-external-load-balancers') !== undefined;
    if (excluded) notes.push('node is excluded from external load balancers');
    if (n.record.ready !== true || excluded) {
      badges.push('varies');
      notes.push('the LB pool may exclude this node (varies by implementation)');
    }
    if (a.type === 'InternalIP' && n.externalIPs.length === 0) {
      badges.push('route-needed');
      notes.push('reachable only if your network routes to it');
    }
    if (local && c.outcome === 'OK') notes.push('externalTrafficPolicy Local: the client IP is kept');
    if (!local && c.outcome === 'OK') notes.push('externalTrafficPolicy Cluster: any node forwards (with SNAT, the pod sees a node address)');
    if (local) notes.push('in-cluster clients get Cluster semantics on this address (varies by implementation)');
    if (s.allocateLoadBalancerNodePorts === false) notes.push('kept from before allocateLoadBalancerNodePorts was turned off');
    notes.push(...affinityNote(s));
    const url = formatUrl(scheme, a.address, nodePort);
    const command = copyCommand({ scheme, url, protocol: sp.protocol, dialAddress: a.address, dialPort: nodePort });
    out.push(
      entry({
        kind: 'NodePort',
        url,
        scope: `node:${n.record.name}`,
        ...fromConnect(c),
        node: n.record.name,
        family,
        protocol: sp.protocol,
        addressType: a.type,
        servicePort: portLabel(sp),
        badges: [...badges, ...sch.badges],
        notes,
        ...(command ? { command } : {}),
      }),
    );
  }
  return out;
}

function loadBalancerEntries(topo: Topology, view: ServiceView, sp: ServicePortRecord): AccessPoint[] {
  const s = view.record;
  const sch = schemeFor(sp);
  const out: AccessPoint[] = [];
  const scopeNote =
    s.loadBalancerSourceRanges.length > 0 ? [`from ${s.loadBalancerSourceRanges.join(', ')} only, if the platform enforces it`] : [];
  const deprecatedIP = s.loadBalancerIP ? [`loadBalancerIP ${s.loadBalancerIP} requested (deprecated since v1.24); the status address is authoritative`] : [];
  if (s.lbIngress.length === 0) {
    const fallback = sp.nodePort ? ` Until then the NodePort ${sp.nodePort} on every node works as a fallback.` : '';
    out.push(
      entry({
        kind: 'LoadBalancer',
        url: formatUrl(sch.scheme, '<pending>', sp.port),
        scope: 'lb',
        reachable: false,
        outcome: 'NO_ADDRESS',
        reason: s.loadBalancerClass
          ? `<pending>: load balancer class "${s.loadBalancerClass}" has not provisioned an address.${fallback}`
          : `<pending>: no load balancer implementation has reported an address (Kubernetes itself ships none; a cloud integration or MetalLB is needed).${fallback}`,
        protocol: sp.protocol,
        servicePort: portLabel(sp),
        badges: [],
        notes: [...(s.createdAt ? [`pending since ${s.createdAt}`] : []), ...scopeNote, ...deprecatedIP],
      }),
    );
    return out;
  }
  for (const ing of s.lbIngress) {
    const address = ing.ip ?? ing.hostname;
    if (!address) continue;
    const family = ing.ip ? familyOf(ing.ip) : undefined;
    const c = externalVerdict(topo, view, sp, family);
    const notes: string[] = [...scopeNote, ...deprecatedIP];
    const badges: Badge[] = [...c.badges, ...sch.badges];
    if (ing.ip) {
      notes.push(ing.ipMode === 'Proxy' ? 'ipMode Proxy: in-cluster clients also go through the load balancer' : 'ipMode VIP: in-cluster clients are short-circuited on their own node');
    } else {
      notes.push('DNS-based load balancer: the name resolves outside the cluster; in-cluster traffic goes through the LB (varies by implementation)');
      badges.push('varies');
    }
    if (s.allocateLoadBalancerNodePorts === false && !sp.nodePort) notes.push('no node ports: the LB sends traffic straight to pod IPs (varies by implementation)');
    notes.push(...affinityNote(s));
    if (s.externalTrafficPolicy === 'Local') {
      const nodes = healthyNodes(topo, view, family);
      notes.push(`externalTrafficPolicy Local: only nodes with a ready local endpoint pass the health check (${nodes.join(', ') || 'none'}); the client IP is kept`);
    }
    const portErr = ing.ports.find((p) => p.port === sp.port && p.protocol === sp.protocol && p.error);
    const url = formatUrl(sch.scheme, address, sp.port);
    const base = fromConnect(c);
    out.push(
      entry({
        kind: 'LoadBalancer',
        url,
        scope: 'lb',
        ...base,
        ...(portErr ? { reachable: false, outcome: 'DROP' as const, reason: `the load balancer reports an error on this port: ${portErr.error}` } : {}),
        ...(family ? { family } : {}),
        protocol: sp.protocol,
        servicePort: portLabel(sp),
        badges,
        notes,
        ...(copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: address, dialPort: sp.port }) ? { command: copyCommand({ scheme: sch.scheme, url, protocol: sp.protocol, dialAddress: address, dialPort: sp.port }) as string } : {}),
      }),
    );
  }
  return out;
}

/** hostPort (§3.8) and hostNetwork (§3.9) entries of one pod. */
export function hostEntries(topo: Topology, pod: PodRecord): AccessPoint[] {
  const out: AccessPoint[] = [];
  const pid = podId(pod.namespace, pod.name);
  if (!pod.nodeName || pod.phase !== 'Running') return out;
  const node = topo.nodes.get(pod.nodeName);
  const nodeName = pod.nodeName;
  const hostAddrs = pod.hostIPs.length > 0 ? [...pod.hostIPs] : [...(node?.internalIPs ?? [])];
  const extAddrs = (node?.externalIPs ?? []).filter((a) => !hostAddrs.includes(a));
  if (pod.hostNetwork) {
    const ports = pod.ports.length > 0 ? pod.ports : [];
    for (const p of ports) {
      for (const address of [...hostAddrs, ...extAddrs]) {
        const url = formatUrl(p.protocol.toLowerCase(), address, p.containerPort);
        out.push(
          entry({
            kind: 'HostNetwork',
            url,
            scope: `node:${nodeName}`,
            reachable: true,
            outcome: 'OK',
            node: nodeName,
            pod: pid,
            protocol: p.protocol,
            ...(familyOf(address) ? { family: familyOf(address) as IPFamily } : {}),
            reaches: [endpointRef(address, p.containerPort)],
            badges: ['varies'],
            notes: [
              'the pod shares the node network namespace: only this node answers, port clashes with node daemons are possible',
              ...(pod.dnsPolicy === 'ClusterFirst' ? ['dnsPolicy ClusterFirst on a hostNetwork pod: cluster names do not resolve inside it (use ClusterFirstWithHostNet)'] : []),
            ],
            command: `nc -v${p.protocol === 'UDP' ? 'zu' : 'z'} ${address} ${p.containerPort}`,
          }),
        );
      }
    }
    return out;
  }
  for (const p of pod.ports) {
    if (!p.hostPort) continue;
    const addrs = p.hostIP ? [p.hostIP] : [...hostAddrs, ...extAddrs];
    const target = pod.podIPs.find((ip) => !p.hostIP || familyOf(ip) === familyOf(p.hostIP));
    for (const address of addrs) {
      const url = formatUrl(p.protocol.toLowerCase(), address, p.hostPort);
      const notes = [
        `portmap DNAT to ${target ? endpointRef(target, p.containerPort) : `the pod's port ${p.containerPort}`}`,
        'only on this node; moves when the pod is rescheduled; no load balancing across replicas',
      ];
      if (node && node.internalIPs.includes(address) && node.externalIPs.length === 0) notes.push('reachable only if your network routes to it');
      out.push(
        entry({
          kind: 'HostPort',
          url,
          scope: `node:${nodeName}`,
          reachable: pod.podIPs.length > 0,
          outcome: pod.podIPs.length > 0 ? 'OK' : 'REFUSED',
          ...(pod.podIPs.length === 0 ? { reason: 'the pod has no IP yet' } : {}),
          node: nodeName,
          pod: pid,
          protocol: p.protocol,
          ...(familyOf(address) ? { family: familyOf(address) as IPFamily } : {}),
          reaches: target ? [endpointRef(target, p.containerPort)] : [],
          badges: ['varies', ...(node && node.internalIPs.includes(address) && node.externalIPs.length === 0 ? (['route-needed'] as Badge[]) : [])],
          notes,
          command: `nc -v${p.protocol === 'UDP' ? 'zu' : 'z'} ${address} ${p.hostPort}`,
        }),
      );
    }
  }
  return out;
}

/** Pod-level entries (§3.3 PodIP by declared port, hostPort, hostNetwork). */
export function accessPointsForPod(topo: Topology, pod: PodRecord): AccessPoint[] {
  const out: AccessPoint[] = [];
  const pid = podId(pod.namespace, pod.name);
  if (pod.podIPs.length > 0 && !pod.hostNetwork) {
    const ports = pod.ports.length > 0 ? pod.ports : undefined;
    for (const ip of pod.podIPs) {
      const family = familyOf(ip);
      if (!ports) {
        out.push(
          entry({
            kind: 'PodIP',
            url: `tcp://${ip.includes(':') ? `[${ip}]` : ip}:<any listening port>`,
            scope: 'cluster',
            reachable: true,
            outcome: 'OK',
            pod: pid,
            ...(pod.nodeName ? { node: pod.nodeName } : {}),
            ...(family ? { family } : {}),
            badges: ['unverified-port'],
            notes: ['ports not declared'],
          }),
        );
        continue;
      }
      for (const p of ports) {
        out.push(
          entry({
            kind: 'PodIP',
            url: formatUrl(p.protocol.toLowerCase(), ip, p.containerPort),
            scope: 'cluster',
            reachable: true,
            outcome: 'OK',
            pod: pid,
            ...(pod.nodeName ? { node: pod.nodeName } : {}),
            ...(family ? { family } : {}),
            protocol: p.protocol,
            reaches: [endpointRef(ip, p.containerPort)],
            notes: ['no load balancing; the address changes when the pod is recreated'],
          }),
        );
      }
    }
  }
  out.push(...hostEntries(topo, pod));
  return out;
}

/** Every Service's access points, in namespace/name order. */
export function allServiceAccessPoints(topo: Topology): { service: ServiceRecord; id: string; accessPoints: AccessPoint[] }[] {
  return [...topo.services.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((v) => ({ service: v.record, id: v.id, accessPoints: accessPointsForService(topo, v) }));
}
