/**
 * Output types of the networking model: outcomes, hops, path results (networking-semantics.md §0.4–0.5),
 * access points (§3) and findings.
 */
import type { IPFamily, Protocol } from '../snapshot/records';

/** How a simulated connection ends (§0.4). */
export type Outcome = 'OK' | 'DROP' | 'REFUSED' | 'NXDOMAIN' | 'HTTP_404' | 'HTTP_5XX' | 'NO_ADDRESS';

/** An address rewrite or other transformation at a hop (§0.5). */
export type Transform =
  | { kind: 'DNAT'; to: string }
  | { kind: 'SNAT'; to: string }
  | { kind: 'ENCAP'; outer: string }
  | { kind: 'DECAP' }
  | { kind: 'L7_NEW_CONNECTION' }
  | { kind: 'DNS_ANSWER'; records: string[] };

export type HopComponent =
  | 'client'
  | 'dns'
  | 'cloud-lb'
  | 'netfilter'
  | 'pod-network'
  | 'bridge'
  | 'overlay'
  | 'portmap'
  | 'l7-proxy'
  | 'pod'
  | 'host-process'
  | 'policy'
  | 'router'
  | 'external-lb';

export type Badge =
  | 'varies'
  | 'to-confirm'
  | 'assumed'
  | 'inferred-endpoints'
  | 'deprecated'
  | 'admin-routed'
  | 'security'
  | 'node-not-ready'
  | 'route-needed'
  | 'unverified-port'
  | 'debugging-only'
  | 'looks-like-http';

export interface Hop {
  step: number;
  component: HopComponent;
  /** Node name, "outside" or "cloud". */
  location: string;
  /** Packet source after this hop. */
  src: string;
  /** Packet destination after this hop. */
  dst: string;
  /** [] = unchanged. */
  transforms: Transform[];
  /** Why: the field, policy or selection rule that decided this hop. */
  basis?: string;
  /** Model IDs this hop concerns (for highlighting on the graph): nodes, pods, services, LBs, ingresses. */
  elements: string[];
  /** Stable key of the teaching text for this hop type (§7.1), e.g. `T-DNAT`. */
  teach?: string;
}

export type Flow = '①' | '②' | '③' | '④';

export interface PathResult {
  flow: Flow;
  /** Variant ID from the spec, e.g. `F1-local`, `F2-literal`. */
  variant: string;
  hops: Hop[];
  /** Endpoint refs (`address:port`, with pod ID where known) the selection step may pick. */
  eligible: string[];
  backendSees?: { src: string; dst: string };
  outcome: Outcome;
  /** HTTP status carried with HTTP_5XX / HTTP_404. */
  httpStatus?: number;
  badges: Badge[];
  /** Sentences explaining the outcome, in order. */
  notes: string[];
}

/** Scope labels of §3.0: where an access point is reachable from. */
export type Scope = 'cluster' | 'cluster-dns' | `node:${string}` | 'all-nodes' | 'lb' | 'admin-routed' | 'edge' | 'operator';

export type AccessKind =
  | 'ClusterIP'
  | 'ClusterDNS'
  | 'HeadlessDNS'
  | 'PodIP'
  | 'NodePort'
  | 'LoadBalancer'
  | 'ExternalIP'
  | 'ExternalName'
  | 'HostPort'
  | 'HostNetwork'
  | 'Ingress';

export interface AccessPoint {
  kind: AccessKind;
  /** The URL to dial (U-1…U-6); `<pending>` stands in for an address that does not exist yet. */
  url: string;
  scope: Scope;
  /** Does it work for a client in its scope, per the model? */
  reachable: boolean;
  /** Why not (when `reachable` is false), in one sentence. */
  reason?: string;
  outcome: Outcome;
  /** The node an address belongs to (NodePort, hostPort, hostNetwork rows). */
  node?: string;
  family?: IPFamily;
  protocol?: Protocol;
  /** Address type of a node address used (InternalIP / ExternalIP). */
  addressType?: string;
  /** The Service port (name or number) this entry belongs to. */
  servicePort?: string;
  /** The pod an entry belongs to (PodIP, hostPort, hostNetwork, per-pod DNS). */
  pod?: string;
  /** The Ingress an entry comes from. */
  ingress?: string;
  /** Endpoints finally reached, as `address:port`. */
  reaches: string[];
  badges: Badge[];
  /** Extra facts: SRV names, CNAME target, dial hints (`curl --resolve …`), caveats. */
  notes: string[];
  /** A ready-to-copy command (U-8). */
  command?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable code, e.g. `D-TARGETPORT-UNDECLARED`. */
  code: string;
  severity: Severity;
  /** The model ID the finding is about (badge placement). */
  subject: string;
  message: string;
  /** Other IDs involved (pods lacking a port, the conflicting pod …). */
  related: string[];
  /** A suggested fix, when there is one. */
  fix?: string;
}

/** Settings the model takes as arguments (it reads no environment). */
export interface ModelSettings {
  /** Cluster DNS zone; the API does not expose it. */
  dnsZone: string;
  /** NetworkPolicy enforcement: not discoverable from the API (NP-1). */
  policyEnforcement: 'on' | 'off' | 'unknown';
  /** "Service CIDR is advertised to my network" (C-2, F2-advertised). */
  serviceCidrAdvertised: boolean;
  /** Address used for the external client in traces. */
  externalClient: string;
}

export const DEFAULT_SETTINGS: ModelSettings = {
  dnsZone: 'cluster.local',
  policyEnforcement: 'on',
  serviceCidrAdvertised: false,
  externalClient: '198.51.100.50',
};
