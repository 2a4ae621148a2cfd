/**
 * Findings (diagnostics): stable codes, severity and the element they concern.
 * The codes are a public interface (CLI `check --json`, badges): add codes freely, never rename one.
 */
import { connectToService, eligibleEndpoints } from './eligibility';
import { ingressId, networkPolicyId, nodeId } from './ids';
import { resolveIngressBackend, resolveIngressClass, tlsCovers } from './ingress';
import { canonicalIP, familyOf, inCidr, isIP } from './ip';
import { formatSelector, selectorMatches } from './labels';
import { effectiveTypes } from './network-policy';
import { portKey, type ServiceView, type Topology } from './topology';
import type { Finding, Severity } from './types';

/** The minor version of a `v1.MINOR.PATCH` server version (1.x only), or undefined. */
function serverMinor(version: string | undefined): number | undefined {
  const m = version ? /^v?1\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

function f(code: string, severity: Severity, subject: string, message: string, related: string[] = [], fix?: string): Finding {
  return { code, severity, subject, message, related, ...(fix ? { fix } : {}) };
}

function serviceFindings(topo: Topology, view: ServiceView): Finding[] {
  const out: Finding[] = [];
  const s = view.record;
  const id = view.id;
  if (s.type === 'ExternalName') {
    const target = s.externalName ?? '';
    if (isIP(target)) {
      out.push(f('D-EXTERNALNAME-IP', 'error', id, `externalName ${target} is an IP address; it is treated as a DNS name and will not resolve`, [], 'use a Service without a selector and a hand-written EndpointSlice for that address'));
    }
    if (s.ports.some((p) => p.appProtocol === 'http' || p.appProtocol === 'https' || p.name.startsWith('http'))) {
      out.push(f('D-EXTERNALNAME-HTTP', 'warning', id, `HTTP(S) clients send "${s.name}" as Host/SNI to ${target}, which may reject it`));
    }
    return out;
  }
  const selectorEmpty = s.selector !== null && Object.keys(s.selector).length === 0;
  if (selectorEmpty) {
    out.push(f('D-EMPTY-SELECTOR', 'info', id, 'an empty selector {} selects nothing here (unlike NetworkPolicy): endpoints must be written by hand'));
  }
  const hasSelector = s.selector !== null && !selectorEmpty;
  if (hasSelector && view.selectedPods.length === 0) {
    out.push(f('D-SELECTOR-NO-PODS', 'error', id, `selector ${formatSelector(s.selector)} matches no pod in namespace ${s.namespace}`, [], 'check the selector against the pod labels'));
  }
  if (s.headless && !hasSelector && s.ports.some((p) => p.targetPort !== p.port)) {
    out.push(f('D-HEADLESS-TARGETPORT-IGNORED', 'warning', id, 'targetPort is ignored on a headless Service without a selector: URLs use the port of the hand-written EndpointSlice'));
  }
  if (view.backends.source === 'inferred') {
    out.push(f('D-ENDPOINTS-INFERRED', 'info', id, 'no EndpointSlice is readable for this Service: endpoints are inferred from the selector, not what the proxy uses'));
  }
  // No ready endpoints (for a Service that has a way to get endpoints).
  const anyPortOk = s.ports.some((sp) => eligibleEndpoints(topo, id, { port: sp }).outcome === 'OK');
  if (s.ports.length > 0 && !anyPortOk && (hasSelector ? view.selectedPods.length > 0 : true)) {
    const notReady = view.backends.endpoints.filter((b) => !b.ready).flatMap((b) => (b.podId ? [b.podId] : []));
    out.push(f('D-NO-READY-ENDPOINTS', 'error', id, `no ready endpoints: connections to ${s.clusterIPs[0] ?? s.name} are refused${s.headless ? ' (headless: the name does not resolve)' : ''}`, notReady));
  }
  for (const sp of s.ports) {
    const key = portKey(sp);
    // Named targetPort missing on some selected pods (D-NAMEDPORT-MISSING).
    if (typeof sp.targetPort === 'string') {
      const missing = view.selectedPods.filter((pid) => {
        const pod = topo.pods.get(pid);
        return pod && !pod.ports.some((p) => p.name === sp.targetPort && p.protocol === sp.protocol);
      });
      if (missing.length > 0) {
        out.push(f('D-NAMEDPORT-MISSING', 'warning', id, `named targetPort "${sp.targetPort}" is missing on ${missing.length} selected pod${missing.length > 1 ? 's' : ''}: they never receive traffic on port ${sp.port}`, missing, `add a container port named "${sp.targetPort}" or use a numeric targetPort`));
      }
    }
    // Numeric targetPort not declared by pods that declare ports (D-TARGETPORT-UNDECLARED, §2.2).
    if (typeof sp.targetPort === 'number') {
      const undeclared = view.backends.endpoints.filter((b) => {
        const pod = b.podId ? topo.pods.get(b.podId) : undefined;
        const port = b.ports.get(key);
        return pod && port !== undefined && pod.ports.length > 0 && !pod.ports.some((p) => p.containerPort === port && p.protocol === sp.protocol);
      });
      if (undeclared.length > 0) {
        const pod = topo.pods.get(undeclared[0]?.podId as string);
        const declared = [...new Set(pod?.ports.map((p) => p.containerPort))];
        out.push(
          f(
            'D-TARGETPORT-UNDECLARED',
            'warning',
            id,
            `port ${sp.port} forwards to targetPort ${sp.targetPort}, but ${undeclared.length > 1 ? `${undeclared.length} pods declare` : `pod ${pod?.name} declares`} only ${declared.join(', ')}: connections through the Service are assumed refused`,
            undeclared.flatMap((b) => (b.podId ? [b.podId] : [])),
            declared.length === 1 ? `targetPort: ${declared[0]}` : undefined,
          ),
        );
      }
    }
    // ETP Local with nodes lacking endpoints.
    if (s.externalTrafficPolicy === 'Local' && (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.externalIPs.length > 0)) {
      const usable = eligibleEndpoints(topo, id, { port: sp }).usable;
      if (usable.length > 0 && usable.every((b) => b.nodeName === undefined)) {
        out.push(f('D-LOCAL-NO-NODENAME', 'error', id, 'externalTrafficPolicy Local, but no endpoint has a nodeName: no node ever counts one as local, so every node drops external traffic', [], 'set nodeName on the endpoints or use externalTrafficPolicy: Cluster'));
      } else if (usable.length > 0) {
        const without = [...topo.nodes.keys()].filter((n) => connectToService(topo, id, { port: sp, localNode: n }).eligibility.outcome !== 'OK');
        if (without.length > 0) {
          out.push(f('D-ETP-LOCAL-NODES-WITHOUT-ENDPOINTS', 'info', id, `externalTrafficPolicy Local: node${without.length > 1 ? 's' : ''} ${without.join(', ')} ${without.length > 1 ? 'have' : 'has'} no ready local endpoint and drop external traffic on port ${sp.nodePort ?? sp.port}`, without.map(nodeId)));
        }
      }
    }
  }
  if (s.internalTrafficPolicy === 'Local') {
    const usable = s.ports[0] ? eligibleEndpoints(topo, id, { port: s.ports[0] }).usable : [];
    if (usable.length > 0 && usable.every((b) => b.nodeName === undefined)) {
      out.push(f('D-LOCAL-NO-NODENAME', 'error', id, 'internalTrafficPolicy Local, but no endpoint has a nodeName: every in-cluster client is dropped'));
    }
  }
  if (s.type === 'LoadBalancer' && s.lbIngress.length === 0) {
    out.push(f('D-LB-PENDING', 'warning', id, `LoadBalancer is <pending>${s.loadBalancerClass ? `: class ${s.loadBalancerClass} has not provisioned it` : ': no load balancer implementation has reported an address'}`, [], 'install a cloud controller or a bare-metal implementation such as MetalLB; the NodePorts work meanwhile'));
  }
  if (s.loadBalancerIP) out.push(f('D-LB-IP-DEPRECATED', 'info', id, 'spec.loadBalancerIP is deprecated since v1.24 and provider-specific; the status address is authoritative'));
  if (s.externalIPs.length > 0) {
    // E23: a warning from v1.36 (deprecation, KEP-5707) or when the version is unknown; before that, the
    // field is not deprecated yet and the entry is an info about the security risk.
    const minor = serverMinor(topo.snapshot.meta.serverVersion);
    const deprecated = minor === undefined || minor >= 36;
    out.push(
      f(
        'D-EXTERNALIPS',
        deprecated ? 'warning' : 'info',
        id,
        `spec.externalIPs (${s.externalIPs.join(', ')}) ${deprecated ? 'is deprecated since v1.36 and' : 'is deprecated from v1.36 and already'} a security risk (CVE-2020-8554); the administrator must route these addresses`,
      ),
    );
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === false && s.ports.some((p) => p.nodePort)) {
    out.push(f('D-NODEPORTS-KEPT', 'info', id, 'allocateLoadBalancerNodePorts is false, but node ports allocated before are still set and keep working'));
  }
  if (view.backends.nilPortSlices.length > 0) {
    out.push(f('D-NIL-PORT', 'warning', id, `EndpointSlice ${view.backends.nilPortSlices.join(', ')} has a port entry without name or port: "all ports (ignored by kube-proxy)"; it serves no Service port`));
  }
  for (const ex of view.backends.excluded) {
    out.push(f('D-ENDPOINT-INVALID', 'error', id, `endpoint ${ex.address} in EndpointSlice ${ex.slice} is excluded: ${ex.reason}`));
  }
  if (view.backends.fqdnSlices.length > 0) {
    out.push(f('D-FQDN-SLICE', 'info', id, `EndpointSlice ${view.backends.fqdnSlices.join(', ')} has addressType FQDN (deprecated): shown, never routed`));
  }
  // Mismatch between slices and selector (§4.6 a, c).
  if (view.backends.source === 'slices' && hasSelector) {
    const inSlices = new Set(view.backends.endpoints.flatMap((b) => (b.podId ? [b.podId] : [])));
    for (const pid of view.selectedPods) {
      const pod = topo.pods.get(pid);
      if (!pod || inSlices.has(pid)) continue;
      // The controller leaves out pods without an IP and finished pods by design: not a mismatch.
      if (pod.podIPs.length === 0 || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      const reason = pod.nodeName && !topo.nodes.has(pod.nodeName) ? `its node ${pod.nodeName} is unknown` : 'the controller has not caught up (or the slice is stale)';
      out.push(f('D-POD-NOT-IN-SLICES', 'info', id, `selected pod ${pod.name} is in no EndpointSlice: ${reason}`, [pid]));
    }
    for (const b of view.backends.endpoints) {
      if (!b.podId && !b.external && topo.podsByIP.get(canonicalIP(b.address)) === undefined) {
        out.push(f('D-STALE-ENDPOINT', 'warning', id, `endpoint ${b.address} belongs to no current pod`));
      }
    }
  }
  return out;
}

/**
 * D-NODEPORT-CONFLICT (E33): node ports are allocated cluster-wide by number, so no two Services can hold
 * the same one (the API server rejects the second, "provided port is already allocated"). A snapshot that
 * shows it was merged by hand. One Service may reuse its own nodePort for TCP and UDP ports.
 */
function nodePortFindings(topo: Topology): Finding[] {
  const owners = new Map<number, string[]>();
  for (const view of topo.services.values()) {
    if (view.record.type !== 'NodePort' && view.record.type !== 'LoadBalancer') continue;
    for (const np of new Set(view.record.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : [])))) {
      const list = owners.get(np);
      if (list) list.push(view.id);
      else owners.set(np, [view.id]);
    }
  }
  const out: Finding[] = [];
  for (const [np, ids] of owners) {
    if (ids.length < 2) continue;
    out.push(f('D-NODEPORT-CONFLICT', 'error', ids[1] as string, `nodePort ${np} is claimed by ${ids.length} Services (${ids.map((i) => i.slice(4)).join(', ')}): node ports are unique cluster-wide, so the API server rejects all but one; this snapshot cannot come from one cluster`, ids));
  }
  return out;
}

function podFindings(topo: Topology): Finding[] {
  const out: Finding[] = [];
  // node|port|protocol → claims; hostIP unset, 0.0.0.0 or :: claims every address of the node ('*').
  const hostPorts = new Map<string, { pid: string; ip: string }[]>();
  for (const [pid, pod] of topo.pods) {
    if (!pod.hostNetwork) {
      for (const ip of pod.podIPs) {
        const owner = topo.nodeByAddress.get(canonicalIP(ip));
        if (owner) out.push(f('D-POD-IP-IS-NODE-IP', 'warning', pid, `pod ${pod.name} is not hostNetwork but its IP ${ip} is an address of node ${owner}`, [nodeId(owner)]));
      }
      const node = pod.nodeName ? topo.nodes.get(pod.nodeName) : undefined;
      if (node && node.record.podCIDRs.length > 0) {
        for (const ip of pod.podIPs) {
          const fam = familyOf(ip);
          const cidrs = node.record.podCIDRs.filter((c) => familyOf(c.split('/')[0] as string) === fam);
          if (cidrs.length > 0 && !cidrs.some((c) => inCidr(ip, c))) {
            out.push(f('D-POD-IP-OUTSIDE-CIDR', 'info', pid, `pod IP ${ip} is outside node ${node.record.name}'s pod CIDR ${cidrs.join(', ')} (fine for VPC-native CNIs; varies by implementation)`));
          }
        }
      }
    }
    if (pod.hostNetwork && pod.dnsPolicy === 'ClusterFirst') {
      out.push(f('D-HOSTNET-DNS', 'warning', pid, `hostNetwork pod ${pod.name} uses dnsPolicy ClusterFirst: cluster names do not resolve in it`, [], 'dnsPolicy: ClusterFirstWithHostNet'));
    }
    for (const p of pod.ports) {
      if (!p.hostPort) continue;
      if (pod.nodeName && pod.phase === 'Running') {
        out.push(f('D-HOSTPORT-PINNED', 'info', pid, `hostPort ${p.hostPort} exists only on ${pod.nodeName}, where the pod runs now; it moves when the pod is rescheduled`, [nodeId(pod.nodeName)], 'prefer a NodePort Service'));
      }
      if (pod.nodeName && !pod.terminating && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') {
        const key = `${pod.nodeName}|${p.hostPort}|${p.protocol}`;
        const ip = !p.hostIP || p.hostIP === '0.0.0.0' || p.hostIP === '::' ? '*' : canonicalIP(p.hostIP);
        const list = hostPorts.get(key);
        if (list) list.push({ pid, ip });
        else hostPorts.set(key, [{ pid, ip }]);
      }
    }
  }
  for (const [key, claims] of hostPorts) {
    // Two claims clash on the same address, or when either takes every address (scheduler NodePorts / kubelet admission).
    const clash = (a: { ip: string }, b: { ip: string }): boolean => a.ip === '*' || b.ip === '*' || a.ip === b.ip;
    const pids = [...new Set(claims.filter((c, i) => claims.some((d, j) => i !== j && c.pid !== d.pid && clash(c, d))).map((c) => c.pid))];
    if (pids.length < 2) continue;
    const [node, port, proto] = key.split('|');
    out.push(f('D-HOSTPORT-CONFLICT', 'error', pids[1] as string, `hostPort ${port}/${proto} is claimed by ${pids.length} pods on node ${node}: only one can run there; the others stay Pending`, pids));
  }
  return out;
}

function nodeFindings(topo: Topology): Finding[] {
  const out: Finding[] = [];
  for (const n of topo.nodes.values()) {
    if (n.internalIPs.length === 0 && n.externalIPs.length === 0) {
      out.push(f('D-NODE-NO-ADDRESS', 'warning', n.id, `node ${n.record.name} reports no IP address: it yields no NodePort or hostPort URLs`));
    }
    if (n.record.ready !== true) out.push(f('D-NODE-NOT-READY', 'warning', n.id, `node ${n.record.name} is NotReady`));
  }
  return out;
}

function ingressFindings(topo: Topology): Finding[] {
  const out: Finding[] = [];
  const defaults = topo.snapshot.ingressClasses.filter((c) => c.isDefault);
  if (defaults.length > 1) {
    out.push(f('D-MULTIPLE-DEFAULT-CLASSES', 'warning', `ingclass:${defaults[0]?.name}`, `${defaults.length} IngressClasses are marked default (${defaults.map((c) => c.name).join(', ')}): new Ingresses without a class are rejected`));
  }
  const claims = new Map<string, string[]>();
  for (const ing of topo.snapshot.ingresses) {
    const id = ingressId(ing.namespace, ing.name);
    const cls = resolveIngressClass(topo, ing);
    if (cls.warning) out.push(f('D-INGRESS-CLASS-MISSING', 'warning', id, cls.warning));
    if (ing.classSource === 'annotation') out.push(f('D-INGRESS-CLASS-ANNOTATION', 'info', id, 'the kubernetes.io/ingress.class annotation is deprecated; use spec.ingressClassName'));
    const backends = [...ing.rules.flatMap((r) => r.paths.map((p) => p.backend)), ...(ing.defaultBackend ? [ing.defaultBackend] : [])];
    const seen = new Set<string>();
    for (const b of backends) {
      if (!b.service) continue;
      const key = `${b.service.name}:${b.service.port.number ?? b.service.port.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const res = resolveIngressBackend(topo, ing, b);
      if (res.outcome === 'HTTP_5XX' && res.reason && (!res.servicePort || !topo.services.has(res.serviceId ?? ''))) {
        out.push(f('D-INGRESS-BACKEND-MISSING', 'error', id, `${res.reason}: requests routed there get HTTP ${res.httpStatus ?? 503}`, res.serviceId ? [res.serviceId] : []));
      } else if (res.outcome === 'HTTP_5XX') {
        out.push(f('D-INGRESS-BACKEND-NO-ENDPOINTS', 'warning', id, `${res.reason ?? 'the backend has no endpoints'}: requests routed there get HTTP ${res.httpStatus ?? 503}`, res.serviceId ? [res.serviceId] : []));
      }
    }
    const ruleHosts = ing.rules.flatMap((r) => (r.host ? [r.host] : []));
    for (const t of ing.tls) {
      for (const h of t.hosts) {
        if (!ruleHosts.some((r) => tlsCovers(h, r) || h === r)) out.push(f('D-TLS-HOST-NO-RULE', 'warning', id, `TLS host ${h} matches no rule host`));
      }
    }
    if (ing.rules.some((r) => !r.host) && ing.tls.length > 0) {
      out.push(f('D-TLS-DEFAULT-RULE', 'info', id, 'TLS on a rule without a host is not defined by the API (varies by implementation)'));
    }
    if (ing.lbIngress.length === 0) out.push(f('D-INGRESS-NO-ADDRESS', 'warning', id, 'the Ingress has no address: no controller has admitted it yet'));
    for (const r of ing.rules) {
      for (const p of r.paths) {
        const key = `${r.host ?? '*'}|${p.path}|${p.pathType}`;
        const list = claims.get(key);
        if (list) {
          if (!list.includes(id)) list.push(id);
        } else claims.set(key, [id]);
      }
    }
  }
  for (const [key, ids] of claims) {
    if (ids.length < 2) continue;
    const [host, path] = key.split('|');
    out.push(f('D-INGRESS-DUPLICATE-RULE', 'warning', ids[1] as string, `${ids.length} Ingresses claim host ${host} path ${path}: how they merge varies by implementation`, ids));
  }
  return out;
}

function policyFindings(topo: Topology): Finding[] {
  const out: Finding[] = [];
  // D-POLICY-SERVICE-PORT: an egress rule allowing pods behind a Service on the Service port, not the targetPort.
  for (const p of topo.snapshot.networkPolicies) {
    if (!effectiveTypes(p).includes('Egress')) continue;
    for (const r of p.egress) {
      if (!r.ports || !r.peers) continue;
      for (const view of topo.services.values()) {
        for (const sp of view.record.ports) {
          if (typeof sp.targetPort === 'number' && sp.targetPort === sp.port) continue;
          const podsMatched = view.selectedPods.some((pid) => {
            const pod = topo.pods.get(pid);
            return pod && r.peers?.some((peer) => peer.podSelector && (peer.namespaceSelector || pod.namespace === p.namespace) && selectorMatches(peer.podSelector, pod.labels));
          });
          if (!podsMatched) continue;
          const names = r.ports.some((pp) => pp.port === sp.port && pp.protocol === sp.protocol);
          const target = view.backends.endpoints.find((b) => b.ports.has(portKey(sp)))?.ports.get(portKey(sp));
          const allowsTarget = r.ports.some((pp) => pp.port === undefined || pp.port === target || pp.port === sp.targetPort);
          if (names && !allowsTarget && target !== undefined) {
            out.push(f('D-POLICY-SERVICE-PORT', 'warning', networkPolicyId(p.namespace, p.name), `egress allows ${view.record.name}'s pods on the Service port ${sp.port}, but policies match pod ports after DNAT: use ${target}`, [view.id]));
          }
        }
      }
    }
    for (const r of [...p.ingress, ...p.egress]) {
      for (const peer of r.peers ?? []) {
        if (!peer.ipBlock) continue;
        for (const view of topo.services.values()) {
          if (view.record.clusterIPs.some((ip) => inCidr(ip, peer.ipBlock?.cidr ?? ''))) {
            out.push(f('D-POLICY-IPBLOCK-SERVICE-CIDR', 'info', networkPolicyId(p.namespace, p.name), `ipBlock ${peer.ipBlock.cidr} covers Service ClusterIPs: whether it matches before or after Service NAT is undefined`));
            break;
          }
        }
      }
    }
  }
  if (topo.settings.policyEnforcement === 'off' && topo.snapshot.networkPolicies.length > 0) {
    out.push(f('D-POLICY-NOT-ENFORCED', 'info', networkPolicyId(topo.snapshot.networkPolicies[0]?.namespace ?? '', topo.snapshot.networkPolicies[0]?.name ?? ''), 'NetworkPolicies are declared but not enforced (setting: enforcement off)'));
  }
  return out;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every finding of the topology, errors first, then by subject and code. */
export function findingsFor(topo: Topology): Finding[] {
  const out: Finding[] = [];
  for (const view of topo.services.values()) out.push(...serviceFindings(topo, view));
  out.push(...nodePortFindings(topo), ...podFindings(topo), ...nodeFindings(topo), ...ingressFindings(topo), ...policyFindings(topo));
  const seen = new Set<string>();
  return out
    .filter((x) => {
      const key = `${x.code}|${x.subject}|${x.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.subject.localeCompare(b.subject) || a.code.localeCompare(b.code));
}

