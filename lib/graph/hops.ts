/**
 * Text for the hop list of a traced path: each address rewrite in the form the issue shows
 * (`DNAT 10.96.100.10:8080 → 10.244.2.7:80`, `SNAT → 192.168.1.12`), outcomes in words, and the
 * trainee explanation of each hop type (networking-semantics.md §7.1, kubepath's own wording).
 */
import type { Hop, Outcome, PathResult, Transform } from '../model/types';

/** One transform as text; `before` is the destination the packet had before this hop (for DNAT). */
export function transformText(t: Transform, before?: string): string {
  switch (t.kind) {
    case 'DNAT':
      return before && before !== t.to ? `DNAT ${before} → ${t.to}` : `DNAT → ${t.to}`;
    case 'SNAT':
      return `SNAT → ${t.to}`;
    case 'ENCAP':
      return `ENCAP ${t.outer}`;
    case 'DECAP':
      return 'DECAP';
    case 'L7_NEW_CONNECTION':
      return 'L7 proxy: new connection';
    case 'DNS_ANSWER':
      return t.records.length > 0 ? `DNS answer ${t.records.join(', ')}` : 'DNS answer: no such name';
  }
}

/** The transforms of every hop as text, resolving each DNAT's original destination from the hop before. */
export function hopTransforms(result: PathResult): string[][] {
  return result.hops.map((h, i) => {
    const before = i > 0 ? result.hops[i - 1]?.dst : undefined;
    return h.transforms.map((t) => transformText(t, before));
  });
}

/** `netfilter@n1`, `client@outside`. */
export function hopTitle(h: Hop): string {
  return h.location ? `${h.component}@${h.location}` : h.component;
}

export const OUTCOME_TEXT: Record<Outcome, string> = {
  OK: 'OK: a backend accepts the connection',
  DROP: 'DROP: packets are discarded silently (the client times out)',
  REFUSED: 'REFUSED: connection refused',
  NXDOMAIN: 'NXDOMAIN: the name does not exist',
  HTTP_404: 'HTTP 404: no rule matched',
  HTTP_5XX: 'HTTP 5xx: the rule matched but its backend failed',
  NO_ADDRESS: 'NO ADDRESS: nothing to dial yet',
};

/** Trainee explanations per hop type, keyed like `Hop.teach` (networking-semantics.md §7.1). */
export const TEACH: Record<string, string> = {
  'T-LB-ADDR':
    'This address belongs to a load balancer that was built outside Kubernetes, usually by the cloud provider. Kubernetes only records it in the Service\'s status. "Pending" means no controller has reported an address yet: none is installed for this Service\'s class, or it is still working, or it failed (check the Service\'s events).',
  'T-LB-NODE':
    'Most load balancers send traffic to the nodes, and the nodes pass it on to pods; some send it straight to pod IPs. With the default Cluster policy every healthy node is a valid target; with Local, nodes without a ready pod fail the health check on purpose and stop receiving traffic.',
  'T-HEALTH':
    'The load balancer keeps asking each node "can you serve this Service?" on a dedicated port. Under the Local policy, only nodes with a ready local pod say yes.',
  'T-NODEPORT':
    'A NodePort is one port number, 30000–32767 by default, opened on every node for this Service. Whichever node you pick hands the connection to a ready pod, possibly on another node, unless the Local policy makes pod-less nodes drop it.',
  'T-DNAT':
    "The node's kernel just swapped the destination from the Service address to one pod's IP and target port. kube-proxy wrote that rule earlier; it never touches the packet itself.",
  'T-SNAT':
    "The node also swapped the sender's address for one of its own addresses, so the reply must come back through it. That is why the application logs a node-side address instead of the real client.",
  'T-CLUSTERIP':
    'A ClusterIP is a stand-in address that exists only as rules on the nodes. It works from pods and nodes, only on the ports the Service lists, and only while the Service has pods it may use (normally ready ones).',
  'T-DNS':
    'The pod asked the cluster DNS for the Service name and got the ClusterIP back (or the pod IPs, for a headless Service). A bare name works in the same namespace; elsewhere add the namespace.',
  'T-TARGETPORT':
    'Clients dial the Service port; the target port is where the pod really listens. A named target port is looked up in each pod, and pods without that name are skipped.',
  'T-ENDPOINTS':
    'These are the pod addresses the Service can use right now, read from its EndpointSlices. Normally only ready pods are picked (a Service that publishes not-ready addresses counts every pod as ready); terminating ones are used only when nothing ready is left.',
  'T-BRIDGE':
    'Both pods live on the same node, so the packet only crosses a virtual switch inside that machine. Old diagrams call it docker0; current clusters use a bridge or routes managed by the network plugin.',
  'T-OVERLAY':
    'The packet has to reach another node. Depending on the network plugin it is wrapped inside a packet between the two node IPs, or routed as is, but the pod addresses inside never change.',
  'T-HOSTPORT':
    'This port exists only on the node where this one pod runs, and leads straight to it. Move the pod and the address moves; there is no load balancing across copies.',
  'T-HOSTNET':
    "This pod shares the node's own network stack, so its IP is the node's IP and its ports are the node's ports. Fine for network agents, unusual for applications.",
  'T-EXTIP':
    'Whoever wrote this Service declared that this extra address belongs to it; the network administrator must route it to the nodes, and Kubernetes does not manage or check it. The field is deprecated from v1.36.',
  'T-EXTNAME':
    'This Service is only a DNS alias for another host name. Nothing is proxied and no port is translated; the client talks to that host directly.',
  'T-INGRESS':
    'The Ingress controller is a reverse proxy running in pods. It reads the host name and path, picks a Service from the Ingress rules, and opens a fresh connection to one of its pods.',
  'T-GATEWAY':
    "A listener is a port, protocol and optional host name that the gateway proxy serves; routes attach to it and say where requests go. A route attaches only if its host names overlap the listener's and its namespace is allowed.",
  'T-NETPOL':
    'Once a policy selects a pod for a direction, only traffic that some policy allows gets through. A connection must be allowed both leaving the sender and entering the receiver.',
  'T-PORTFWD':
    'kubectl port-forward tunnels from your machine to a single pod through the API server. It skips the Service and its load balancing, so use it for debugging only.',
};
