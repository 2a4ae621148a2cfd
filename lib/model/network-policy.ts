/**
 * NetworkPolicy evaluation for paths ③ and ④ (networking-semantics.md §5).
 * Policies only add allowances (NP-3); a connection needs egress at the source AND ingress at the
 * destination (NP-4); a pod may always talk to itself and to its own node (NP-5).
 */
import type { LabelSelector, NetworkPolicyPeerRecord, NetworkPolicyPortRecord, NetworkPolicyRecord, NetworkPolicyRuleRecord, PodRecord, Protocol } from '../snapshot/records';
import { networkPolicyId } from './ids';
import { canonicalIP, inCidr } from './ip';
import { selectorMatches } from './labels';
import type { Topology } from './topology';

/** One end of a connection as policy sees it. */
export interface PolicyPeer {
  /** The pod, when the end is a pod (not hostNetwork). */
  pod?: PodRecord;
  /** The address the packet carries for this end (after DNAT for the destination, NP-7). */
  ip: string;
  /** A process in a node's own network namespace (a node, or a hostNetwork pod). */
  nodeName?: string;
  /**
   * Destination only: the Service address the client dialled before DNAT (③). An ipBlock that covers it
   * but not `ip` may or may not match: undefined (NP-8).
   */
  serviceIP?: string;
}

export interface DirectionVerdict {
  /** The pod is isolated in this direction (some policy selects it for that type). */
  isolated: boolean;
  allowed: boolean | 'undetermined';
  /** Policies that select the pod in this direction. */
  policies: string[];
  /** Policies whose rules allow this connection. */
  allowedBy: string[];
}

export interface PolicyVerdict {
  allowed: boolean | 'undetermined';
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** One sentence for the hop list. */
  reason: string;
  /** Enforcement setting in effect (NP-1). */
  enforcement: 'on' | 'off' | 'unknown';
}

/** NP-2: `policyTypes` default to Ingress, plus Egress when the policy has egress rules. */
export function effectiveTypes(p: NetworkPolicyRecord): ('Ingress' | 'Egress')[] {
  if (p.policyTypes.length > 0) return [...p.policyTypes];
  return p.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(p: NetworkPolicyRecord, pod: PodRecord): boolean {
  return p.namespace === pod.namespace && selectorMatches(p.podSelector, pod.labels);
}

function peerMatches(topo: Topology, policy: NetworkPolicyRecord, peer: NetworkPolicyPeerRecord, other: PolicyPeer): boolean | 'undetermined' {
  if (peer.ipBlock) {
    const block = peer.ipBlock;
    const covers = (ip: string): boolean => inCidr(ip, block.cidr) && !block.except.some((c) => inCidr(ip, c));
    if (topo.serviceByClusterIP.has(canonicalIP(other.ip))) return 'undetermined';
    if (covers(other.ip)) return true;
    // NP-8: whether the ipBlock sees the Service address (before NAT) or the endpoint (after) is undefined.
    if (other.serviceIP !== undefined && covers(other.serviceIP)) return 'undetermined';
    return false;
  }
  const pod = other.pod;
  if (!pod || pod.hostNetwork) return false;
  if (peer.namespaceSelector) {
    const nsLabels = topo.namespaces.get(pod.namespace);
    if (!nsLabels || !selectorMatches(peer.namespaceSelector, nsLabels)) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  }
  if (peer.podSelector) return pod.namespace === policy.namespace && selectorMatches(peer.podSelector, pod.labels);
  return false;
}

function portMatches(ports: readonly NetworkPolicyPortRecord[] | null, port: number, protocol: Protocol, dstPod: PodRecord | undefined): boolean {
  if (ports === null || ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      // Named ports are pod ports of the destination (NP-7).
      const cp = dstPod?.ports.find((c) => c.name === p.port && c.protocol === protocol);
      return cp?.containerPort === port;
    }
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

function ruleAllows(topo: Topology, policy: NetworkPolicyRecord, rule: NetworkPolicyRuleRecord, other: PolicyPeer, port: number, protocol: Protocol, dstPod: PodRecord | undefined): boolean | 'undetermined' {
  if (!portMatches(rule.ports, port, protocol, dstPod)) return false;
  // `from`/`to` empty or missing: the rule matches every peer (NetworkPolicyIngressRule.from, NP-3).
  if (rule.peers === null || rule.peers.length === 0) return true;
  let undetermined = false;
  for (const peer of rule.peers) {
    const m = peerMatches(topo, policy, peer, other);
    if (m === true) return true;
    if (m === 'undetermined') undetermined = true;
  }
  return undetermined ? 'undetermined' : false;
}

function direction(topo: Topology, pod: PodRecord | undefined, type: 'Ingress' | 'Egress', other: PolicyPeer, port: number, protocol: Protocol, dstPod: PodRecord | undefined): DirectionVerdict {
  if (!pod || pod.hostNetwork) return { isolated: false, allowed: true, policies: [], allowedBy: [] };
  const policies = topo.snapshot.networkPolicies.filter((p) => selects(p, pod) && effectiveTypes(p).includes(type));
  if (policies.length === 0) return { isolated: false, allowed: true, policies: [], allowedBy: [] };
  const allowedBy: string[] = [];
  let undetermined = false;
  for (const p of policies) {
    for (const r of type === 'Ingress' ? p.ingress : p.egress) {
      const a = ruleAllows(topo, p, r, other, port, protocol, dstPod);
      if (a === true) {
        allowedBy.push(networkPolicyId(p.namespace, p.name));
        break;
      }
      if (a === 'undetermined') undetermined = true;
    }
  }
  return {
    isolated: true,
    allowed: allowedBy.length > 0 ? true : undetermined ? 'undetermined' : false,
    policies: policies.map((p) => networkPolicyId(p.namespace, p.name)),
    allowedBy,
  };
}

/** Evaluates policy for a connection `src → dst:port/protocol` (dst after DNAT). */
export function evaluatePolicy(topo: Topology, src: PolicyPeer, dst: PolicyPeer, port: number, protocol: Protocol): PolicyVerdict {
  const enforcement = topo.settings.policyEnforcement;
  const open: DirectionVerdict = { isolated: false, allowed: true, policies: [], allowedBy: [] };
  // NP-5: a pod talking to itself, and traffic between a pod and its own node, are always allowed.
  if (src.pod && dst.pod && src.pod.uid === dst.pod.uid) {
    return { allowed: true, egress: open, ingress: open, reason: 'a pod may always reach itself', enforcement };
  }
  const srcNode = src.nodeName ?? (src.pod?.hostNetwork ? src.pod.nodeName : undefined);
  const dstNode = dst.pod?.nodeName;
  const egress = direction(topo, src.pod, 'Egress', dst, port, protocol, dst.pod);
  let ingress = direction(topo, dst.pod, 'Ingress', src, port, protocol, dst.pod);
  if (srcNode !== undefined && srcNode === dstNode) ingress = { ...ingress, allowed: true };
  const both: boolean | 'undetermined' =
    egress.allowed === false || ingress.allowed === false ? false : egress.allowed === 'undetermined' || ingress.allowed === 'undetermined' ? 'undetermined' : true;
  let reason: string;
  if (both === true) {
    reason = egress.isolated || ingress.isolated ? `allowed by ${[...egress.allowedBy, ...ingress.allowedBy].join(', ')}` : 'no NetworkPolicy isolates either end';
    if (srcNode !== undefined && srcNode === dstNode && ingress.isolated) reason = 'traffic from the pod\'s own node is always allowed';
  } else if (both === 'undetermined') {
    reason = 'depends on whether an ipBlock sees the address before or after Service NAT, which is undefined (varies by implementation)';
  } else if (egress.allowed === false) {
    reason = `egress from the source is isolated by ${egress.policies.join(', ')} and no rule allows ${dst.ip}:${port}/${protocol}`;
  } else {
    reason = `ingress to the destination is isolated by ${ingress.policies.join(', ')} and no rule allows ${src.ip} on port ${port}/${protocol}`;
  }
  if (enforcement === 'off') {
    return { allowed: true, egress, ingress, reason: `policies declared, not enforced (enforcement off)${both === false ? `; if enforced: ${reason}` : ''}`, enforcement };
  }
  return { allowed: both, egress, ingress, reason, enforcement };
}

function selectorText(sel: LabelSelector): string {
  const parts = [
    ...Object.keys(sel.matchLabels).map((k) => `${k}=${sel.matchLabels[k]}`),
    ...sel.matchExpressions.map((e) => (e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator.toLowerCase()} (${e.values.join(', ')})`)),
  ];
  return parts.length === 0 ? '' : parts.join(', ');
}

/**
 * One peer element in words (NP-6). A namespaceSelector and a podSelector in the SAME element mean
 * AND; the text says so, so the UI can show which form was written.
 */
export function describePeer(peer: NetworkPolicyPeerRecord, policyNamespace: string): string {
  if (peer.ipBlock) {
    return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
  }
  const pods = peer.podSelector ? selectorText(peer.podSelector) : undefined;
  const nss = peer.namespaceSelector ? selectorText(peer.namespaceSelector) : undefined;
  if (peer.namespaceSelector && peer.podSelector) {
    return `pods ${pods ? `labelled ${pods}` : '(any)'} AND in namespaces ${nss ? `labelled ${nss}` : '(any)'} (both selectors in one element: both must match)`;
  }
  if (peer.namespaceSelector) return `all pods in namespaces ${nss ? `labelled ${nss}` : '(any)'}`;
  if (peer.podSelector) return `pods ${pods ? `labelled ${pods}` : '(any)'} in namespace ${policyNamespace}`;
  return 'no peer (empty element)';
}

/** The peers of one rule in words: separate elements are alternatives (OR); none means every peer. */
export function describeRulePeers(peers: readonly NetworkPolicyPeerRecord[] | null, policyNamespace: string): string {
  if (peers === null || peers.length === 0) return 'any peer';
  if (peers.length === 1) return describePeer(peers[0] as NetworkPolicyPeerRecord, policyNamespace);
  return peers.map((p) => `(${describePeer(p, policyNamespace)})`).join(' OR ');
}
