/**
 * Projection: raw Kubernetes API objects (parsed JSON, never trusted) → kubepath records.
 *
 * Only the fields of the allowlist (quality-and-scale.md §1.5) are read; nothing else is copied, so
 * annotations, env, args, managedFields and secrets cannot leak past this file. The input is never
 * written to (it may be frozen), and every map built from cluster data has a null prototype.
 */
import type {
  ContainerPortRecord,
  EndpointPortRecord,
  EndpointRecord,
  EndpointSliceRecord,
  IngressBackendRecord,
  IngressClassRecord,
  IngressRecord,
  IPFamily,
  LabelSelector,
  Labels,
  LoadBalancerIngressRecord,
  NamespaceRecord,
  NetworkPolicyPeerRecord,
  NetworkPolicyPortRecord,
  NetworkPolicyRecord,
  NetworkPolicyRuleRecord,
  NodeRecord,
  OwnerRef,
  PodRecord,
  Protocol,
  ServicePortRecord,
  ServiceRecord,
  ServiceType,
  SnapshotKind,
} from './records';

/** A field that is missing or of the wrong type, named by its JSON path inside the object. */
export class ProjectionError extends Error {
  constructor(
    /** Dotted path inside the object, e.g. `spec.ports[0].port`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ProjectionError';
  }
}

type Json = unknown;
type Obj = Readonly<Record<string, Json>>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads an own property only: inherited names such as `constructor` are never consulted. */
function get(o: Obj | undefined, key: string): Json {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function obj(o: Obj | undefined, key: string, path: string): Obj | undefined {
  const v = get(o, key);
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new ProjectionError(path, `expected an object, got ${describe(v)}`);
  return v;
}

function arr(o: Obj | undefined, key: string, path: string): readonly Json[] {
  const v = get(o, key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ProjectionError(path, `expected a list, got ${describe(v)}`);
  return v;
}

function optStr(o: Obj | undefined, key: string, path: string): string | undefined {
  const v = get(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ProjectionError(path, `expected a string, got ${describe(v)}`);
  return v;
}

function reqStr(o: Obj | undefined, key: string, path: string): string {
  const v = optStr(o, key, path);
  if (v === undefined || v === '') throw new ProjectionError(path, 'is required');
  return v;
}

function optInt(o: Obj | undefined, key: string, path: string): number | undefined {
  const v = get(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ProjectionError(path, `expected an integer, got ${describe(v)}`);
  }
  return v;
}

function reqPort(o: Obj | undefined, key: string, path: string): number {
  const v = optInt(o, key, path);
  if (v === undefined) throw new ProjectionError(path, 'is required');
  if (v < 1 || v > 65535) throw new ProjectionError(path, `port ${v} is outside 1–65535`);
  return v;
}

function optBool(o: Obj | undefined, key: string, path: string): boolean | undefined {
  const v = get(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ProjectionError(path, `expected true or false, got ${describe(v)}`);
  return v;
}

function strList(o: Obj | undefined, key: string, path: string): string[] {
  return arr(o, key, path).map((v, i) => {
    if (typeof v !== 'string') throw new ProjectionError(`${path}[${i}]`, `expected a string, got ${describe(v)}`);
    return v;
  });
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

/**
 * Copies a string map, rejecting prototype-polluting keys (`__proto__`, `constructor`, `prototype`).
 * A plain object, not a null-prototype one: V8 keeps null-prototype objects in dictionary mode,
 * which cost 2.4× the memory per label map (docs/BENCHMARKS.md); every reader uses own-property
 * checks (lib/model/labels.ts), so inherited names are never read as labels.
 */
function stringMap(o: Obj | undefined, key: string, path: string): Labels {
  const src = obj(o, key, path);
  const out: Record<string, string> = {};
  if (!src) return out;
  for (const k of Object.keys(src)) {
    if (FORBIDDEN_KEYS.has(k)) throw new ProjectionError(`${path}.${k}`, 'forbidden key');
    const v = src[k];
    if (typeof v !== 'string') throw new ProjectionError(`${path}.${k}`, `expected a string, got ${describe(v)}`);
    out[k] = v;
  }
  return out;
}

function protocol(o: Obj | undefined, path: string): Protocol {
  const p = optStr(o, 'protocol', `${path}.protocol`) ?? 'TCP';
  if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw new ProjectionError(`${path}.protocol`, `unknown protocol ${p}`);
  return p;
}

/**
 * An object name (or a reference to one) as the API server stores it: every name is a URL path segment,
 * so it is never empty, `.` or `..`, and never contains `/` or `%` (apimachinery's
 * `path.IsValidPathSegmentName`, applied to every kind). A file with such a name was not read from a
 * cluster; element IDs (`pod:<ns>/<name>`) could not name it, so it is refused with the field's path.
 */
function objectName(value: string, path: string): string {
  if (value === '' || value === '.' || value === '..' || value.includes('/') || value.includes('%')) {
    throw new ProjectionError(path, `${JSON.stringify(value.slice(0, 80))} is not a name the API server accepts (names never contain "/" or "%" and are not "", "." or "..")`);
  }
  return value;
}

function meta(o: Obj, namespaced: boolean): { uid: string; name: string; namespace: string; labels: Labels; createdAt?: string } {
  const m = obj(o, 'metadata', 'metadata');
  if (!m) throw new ProjectionError('metadata', 'is required');
  const name = objectName(reqStr(m, 'name', 'metadata.name'), 'metadata.name');
  const namespace = namespaced ? objectName(reqStr(m, 'namespace', 'metadata.namespace'), 'metadata.namespace') : '';
  // Objects from `kubectl create --dry-run` or hand-written files may lack a uid: derive a stable one.
  const uid = optStr(m, 'uid', 'metadata.uid') ?? `nouid:${namespace}/${name}`;
  const createdAt = optStr(m, 'creationTimestamp', 'metadata.creationTimestamp');
  return { uid, name, namespace, labels: stringMap(m, 'labels', 'metadata.labels'), ...(createdAt ? { createdAt } : {}) };
}

function annotation(o: Obj, key: string): string | undefined {
  const m = obj(o, 'metadata', 'metadata');
  const a = obj(m, 'annotations', 'metadata.annotations');
  const v = get(a, key);
  return typeof v === 'string' ? v : undefined;
}

function conditionTrue(status: Obj | undefined, type: string, path: string): boolean | null {
  for (const [i, c] of arr(status, 'conditions', `${path}.conditions`).entries()) {
    if (!isObj(c)) throw new ProjectionError(`${path}.conditions[${i}]`, 'expected an object');
    if (get(c, 'type') === type) return get(c, 'status') === 'True';
  }
  return null;
}

function labelSelector(o: Obj | undefined, key: string, path: string): LabelSelector | undefined {
  const s = obj(o, key, path);
  if (!s) return undefined;
  return {
    matchLabels: stringMap(s, 'matchLabels', `${path}.matchLabels`),
    matchExpressions: arr(s, 'matchExpressions', `${path}.matchExpressions`).map((e, i) => {
      const p = `${path}.matchExpressions[${i}]`;
      if (!isObj(e)) throw new ProjectionError(p, 'expected an object');
      const operator = reqStr(e, 'operator', `${p}.operator`);
      if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
        throw new ProjectionError(`${p}.operator`, `unknown operator ${operator}`);
      }
      return { key: reqStr(e, 'key', `${p}.key`), operator, values: strList(e, 'values', `${p}.values`) };
    }),
  };
}

function lbIngress(status: Obj | undefined, path: string): LoadBalancerIngressRecord[] {
  const lb = obj(status, 'loadBalancer', `${path}.loadBalancer`);
  return arr(lb, 'ingress', `${path}.loadBalancer.ingress`).map((e, i) => {
    const p = `${path}.loadBalancer.ingress[${i}]`;
    if (!isObj(e)) throw new ProjectionError(p, 'expected an object');
    const ip = optStr(e, 'ip', `${p}.ip`);
    const hostname = optStr(e, 'hostname', `${p}.hostname`);
    const ipMode = optStr(e, 'ipMode', `${p}.ipMode`);
    if (ipMode !== undefined && ipMode !== 'VIP' && ipMode !== 'Proxy') {
      throw new ProjectionError(`${p}.ipMode`, `unknown ipMode ${ipMode}`);
    }
    const ports = arr(e, 'ports', `${p}.ports`).map((pp, j) => {
      const q = `${p}.ports[${j}]`;
      if (!isObj(pp)) throw new ProjectionError(q, 'expected an object');
      const error = optStr(pp, 'error', `${q}.error`);
      return { port: reqPort(pp, 'port', `${q}.port`), protocol: protocol(pp, q), ...(error ? { error } : {}) };
    });
    return {
      ...(ip ? { ip } : {}),
      ...(hostname ? { hostname: hostname.toLowerCase().replace(/\.$/, '') } : {}),
      ...(ipMode ? { ipMode } : {}),
      ports,
    };
  });
}

export function projectNamespace(o: Obj): NamespaceRecord {
  const { uid, name, labels } = meta(o, false);
  return { uid, name, labels };
}

export function projectNode(o: Obj): NodeRecord {
  const { uid, name, labels } = meta(o, false);
  const spec = obj(o, 'spec', 'spec');
  const status = obj(o, 'status', 'status');
  const addresses = arr(status, 'addresses', 'status.addresses').map((a, i) => {
    const p = `status.addresses[${i}]`;
    if (!isObj(a)) throw new ProjectionError(p, 'expected an object');
    return { type: reqStr(a, 'type', `${p}.type`), address: reqStr(a, 'address', `${p}.address`) };
  });
  let podCIDRs = strList(spec, 'podCIDRs', 'spec.podCIDRs');
  const single = optStr(spec, 'podCIDR', 'spec.podCIDR');
  if (podCIDRs.length === 0 && single) podCIDRs = [single];
  return {
    uid,
    name,
    labels,
    addresses,
    podCIDRs,
    ready: conditionTrue(status, 'Ready', 'status'),
    unschedulable: optBool(spec, 'unschedulable', 'spec.unschedulable') ?? false,
  };
}

function ownerOf(o: Obj): OwnerRef | undefined {
  const m = obj(o, 'metadata', 'metadata');
  const refs = arr(m, 'ownerReferences', 'metadata.ownerReferences').filter(isObj);
  const ref = refs.find((r) => get(r, 'controller') === true) ?? refs[0];
  if (!ref) return undefined;
  const kind = get(ref, 'kind');
  const name = get(ref, 'name');
  const uid = get(ref, 'uid');
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { kind, name, uid: typeof uid === 'string' ? uid : '' };
}

export function projectPod(o: Obj): PodRecord {
  const { uid, name, namespace, labels } = meta(o, true);
  const m = obj(o, 'metadata', 'metadata');
  const spec = obj(o, 'spec', 'spec');
  const status = obj(o, 'status', 'status');
  const ports: ContainerPortRecord[] = [];
  for (const [ci, c] of arr(spec, 'containers', 'spec.containers').entries()) {
    const cp = `spec.containers[${ci}]`;
    if (!isObj(c)) throw new ProjectionError(cp, 'expected an object');
    const container = optStr(c, 'name', `${cp}.name`) ?? `container-${ci}`;
    for (const [pi, p] of arr(c, 'ports', `${cp}.ports`).entries()) {
      const pp = `${cp}.ports[${pi}]`;
      if (!isObj(p)) throw new ProjectionError(pp, 'expected an object');
      const portName = optStr(p, 'name', `${pp}.name`);
      const hostPort = optInt(p, 'hostPort', `${pp}.hostPort`);
      const hostIP = optStr(p, 'hostIP', `${pp}.hostIP`);
      ports.push({
        container,
        ...(portName ? { name: portName } : {}),
        containerPort: reqPort(p, 'containerPort', `${pp}.containerPort`),
        protocol: protocol(p, pp),
        ...(hostPort ? { hostPort } : {}),
        ...(hostIP && hostIP !== '0.0.0.0' && hostIP !== '::' ? { hostIP } : {}),
      });
    }
  }
  const ips = (key: string, single: string): string[] => {
    const list = arr(status, key, `status.${key}`).map((e, i) => {
      if (!isObj(e)) throw new ProjectionError(`status.${key}[${i}]`, 'expected an object');
      return reqStr(e, 'ip', `status.${key}[${i}].ip`);
    });
    const one = optStr(status, single, `status.${single}`);
    return list.length === 0 && one ? [one] : list;
  };
  const nodeNameRaw = optStr(spec, 'nodeName', 'spec.nodeName');
  const nodeName = nodeNameRaw ? objectName(nodeNameRaw, 'spec.nodeName') : undefined;
  const hostname = optStr(spec, 'hostname', 'spec.hostname');
  const subdomain = optStr(spec, 'subdomain', 'spec.subdomain');
  const owner = ownerOf(o);
  return {
    uid,
    namespace,
    name,
    labels,
    ...(owner ? { owner } : {}),
    ...(nodeName ? { nodeName } : {}),
    hostNetwork: optBool(spec, 'hostNetwork', 'spec.hostNetwork') ?? false,
    phase: optStr(status, 'phase', 'status.phase') ?? 'Unknown',
    ready: conditionTrue(status, 'Ready', 'status') === true,
    terminating: get(m, 'deletionTimestamp') !== undefined && get(m, 'deletionTimestamp') !== null,
    podIPs: ips('podIPs', 'podIP'),
    hostIPs: ips('hostIPs', 'hostIP'),
    ports,
    ...(hostname ? { hostname } : {}),
    ...(subdomain ? { subdomain } : {}),
    dnsPolicy: optStr(spec, 'dnsPolicy', 'spec.dnsPolicy') ?? 'ClusterFirst',
  };
}

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function projectService(o: Obj): ServiceRecord {
  const { uid, name, namespace, labels, createdAt } = meta(o, true);
  const spec = obj(o, 'spec', 'spec');
  const status = obj(o, 'status', 'status');
  const type = (optStr(spec, 'type', 'spec.type') ?? 'ClusterIP') as ServiceType;
  if (!SERVICE_TYPES.includes(type)) throw new ProjectionError('spec.type', `unknown Service type ${String(type)}`);
  const ports: ServicePortRecord[] = arr(spec, 'ports', 'spec.ports').map((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (!isObj(p)) throw new ProjectionError(pp, 'expected an object');
    const port = reqPort(p, 'port', `${pp}.port`);
    const tp = get(p, 'targetPort');
    let targetPort: number | string = port;
    if (typeof tp === 'number') {
      if (!Number.isInteger(tp) || tp < 0 || tp > 65535) throw new ProjectionError(`${pp}.targetPort`, `bad port ${tp}`);
      // targetPort 0 is how some tools write "unset": the API defaults it to `port`.
      targetPort = tp === 0 ? port : tp;
    } else if (typeof tp === 'string' && tp !== '') {
      targetPort = /^\d+$/.test(tp) ? Number(tp) : tp;
    } else if (tp !== undefined && tp !== null && tp !== '') {
      throw new ProjectionError(`${pp}.targetPort`, `expected a number or a name, got ${describe(tp)}`);
    }
    const nodePort = optInt(p, 'nodePort', `${pp}.nodePort`);
    const appProtocol = optStr(p, 'appProtocol', `${pp}.appProtocol`);
    return {
      name: optStr(p, 'name', `${pp}.name`) ?? '',
      protocol: protocol(p, pp),
      port,
      targetPort,
      ...(nodePort ? { nodePort } : {}),
      ...(appProtocol ? { appProtocol } : {}),
    };
  });
  const clusterIP = optStr(spec, 'clusterIP', 'spec.clusterIP');
  let clusterIPs = strList(spec, 'clusterIPs', 'spec.clusterIPs');
  if (clusterIPs.length === 0 && clusterIP) clusterIPs = [clusterIP];
  const headless = clusterIP === 'None' || clusterIPs[0] === 'None';
  if (headless || type === 'ExternalName') clusterIPs = [];
  let ipFamilies = strList(spec, 'ipFamilies', 'spec.ipFamilies') as IPFamily[];
  for (const [i, f] of ipFamilies.entries()) {
    if (f !== 'IPv4' && f !== 'IPv6') throw new ProjectionError(`spec.ipFamilies[${i}]`, `unknown family ${f}`);
  }
  if (ipFamilies.length === 0) ipFamilies = clusterIPs.map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4'));
  if (ipFamilies.length === 0 && type !== 'ExternalName') ipFamilies = ['IPv4'];
  const selectorRaw = get(spec, 'selector');
  const selector = selectorRaw === undefined || selectorRaw === null ? null : stringMap(spec, 'selector', 'spec.selector');
  const policy = (key: string): 'Cluster' | 'Local' => {
    const v = optStr(spec, key, `spec.${key}`);
    if (v === undefined || v === 'Cluster') return 'Cluster';
    // "Global" is the pre-1.18 spelling of Cluster for externalTrafficPolicy.
    if (v === 'Global') return 'Cluster';
    if (v === 'Local') return 'Local';
    throw new ProjectionError(`spec.${key}`, `unknown policy ${v}`);
  };
  const sa = optStr(spec, 'sessionAffinity', 'spec.sessionAffinity') ?? 'None';
  if (sa !== 'None' && sa !== 'ClientIP') throw new ProjectionError('spec.sessionAffinity', `unknown value ${sa}`);
  const sac = obj(spec, 'sessionAffinityConfig', 'spec.sessionAffinityConfig');
  const timeout = optInt(obj(sac, 'clientIP', 'spec.sessionAffinityConfig.clientIP'), 'timeoutSeconds', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds');
  const ipFamilyPolicy = optStr(spec, 'ipFamilyPolicy', 'spec.ipFamilyPolicy') as ServiceRecord['ipFamilyPolicy'];
  const externalName = optStr(spec, 'externalName', 'spec.externalName');
  const healthCheckNodePort = optInt(spec, 'healthCheckNodePort', 'spec.healthCheckNodePort');
  const loadBalancerClass = optStr(spec, 'loadBalancerClass', 'spec.loadBalancerClass');
  const loadBalancerIP = optStr(spec, 'loadBalancerIP', 'spec.loadBalancerIP');
  const alloc = optBool(spec, 'allocateLoadBalancerNodePorts', 'spec.allocateLoadBalancerNodePorts');
  return {
    uid,
    namespace,
    name,
    labels,
    type,
    selector,
    clusterIPs,
    headless,
    ipFamilies,
    ...(ipFamilyPolicy ? { ipFamilyPolicy } : {}),
    ports,
    ...(externalName ? { externalName } : {}),
    externalIPs: strList(spec, 'externalIPs', 'spec.externalIPs'),
    externalTrafficPolicy: policy('externalTrafficPolicy'),
    internalTrafficPolicy: policy('internalTrafficPolicy'),
    ...(healthCheckNodePort ? { healthCheckNodePort } : {}),
    sessionAffinity: sa,
    ...(timeout !== undefined ? { sessionAffinityTimeoutSeconds: timeout } : {}),
    ...(loadBalancerClass ? { loadBalancerClass } : {}),
    ...(loadBalancerIP ? { loadBalancerIP } : {}),
    loadBalancerSourceRanges: strList(spec, 'loadBalancerSourceRanges', 'spec.loadBalancerSourceRanges'),
    ...(alloc !== undefined ? { allocateLoadBalancerNodePorts: alloc } : {}),
    publishNotReadyAddresses: optBool(spec, 'publishNotReadyAddresses', 'spec.publishNotReadyAddresses') ?? false,
    lbIngress: lbIngress(status, 'status'),
    ...(createdAt ? { createdAt } : {}),
  };
}

export function projectEndpointSlice(o: Obj): EndpointSliceRecord {
  const { uid, name, namespace, labels } = meta(o, true);
  const addressType = reqStr(o, 'addressType', 'addressType');
  if (addressType !== 'IPv4' && addressType !== 'IPv6' && addressType !== 'FQDN') {
    throw new ProjectionError('addressType', `unknown address type ${addressType}`);
  }
  const endpoints: EndpointRecord[] = arr(o, 'endpoints', 'endpoints').map((e, i) => {
    const p = `endpoints[${i}]`;
    if (!isObj(e)) throw new ProjectionError(p, 'expected an object');
    const c = obj(e, 'conditions', `${p}.conditions`);
    const cond = (k: string): boolean | null => optBool(c, k, `${p}.conditions.${k}`) ?? null;
    const tr = obj(e, 'targetRef', `${p}.targetRef`);
    const hints = obj(e, 'hints', `${p}.hints`);
    const hintNames = (key: string): string[] | undefined => {
      const list = get(hints, key);
      if (!Array.isArray(list)) return undefined;
      return list.map((h, j) => reqStr(isObj(h) ? h : undefined, 'name', `${p}.hints.${key}[${j}].name`));
    };
    const nodeNameRaw = optStr(e, 'nodeName', `${p}.nodeName`);
    const nodeName = nodeNameRaw ? objectName(nodeNameRaw, `${p}.nodeName`) : undefined;
    const zone = optStr(e, 'zone', `${p}.zone`);
    const hostname = optStr(e, 'hostname', `${p}.hostname`);
    const forNodes = hintNames('forNodes');
    const forZones = hintNames('forZones');
    const addresses = strList(e, 'addresses', `${p}.addresses`);
    if (addresses.length === 0) throw new ProjectionError(`${p}.addresses`, 'needs at least one address');
    return {
      addresses,
      ready: cond('ready'),
      serving: cond('serving'),
      terminating: cond('terminating'),
      ...(nodeName ? { nodeName } : {}),
      ...(zone ? { zone } : {}),
      ...(hostname ? { hostname } : {}),
      ...(tr
        ? {
            targetRef: {
              kind: optStr(tr, 'kind', `${p}.targetRef.kind`) ?? '',
              name: optStr(tr, 'name', `${p}.targetRef.name`) ?? '',
              ...(optStr(tr, 'namespace', `${p}.targetRef.namespace`) ? { namespace: optStr(tr, 'namespace', '') as string } : {}),
              ...(optStr(tr, 'uid', `${p}.targetRef.uid`) ? { uid: optStr(tr, 'uid', '') as string } : {}),
            },
          }
        : {}),
      ...(forNodes ? { hintsForNodes: forNodes } : {}),
      ...(forZones ? { hintsForZones: forZones } : {}),
    };
  });
  const ports: EndpointPortRecord[] = arr(o, 'ports', 'ports').map((pp, i) => {
    const p = `ports[${i}]`;
    if (!isObj(pp)) throw new ProjectionError(p, 'expected an object');
    const nameV = get(pp, 'name');
    if (nameV !== undefined && nameV !== null && typeof nameV !== 'string') throw new ProjectionError(`${p}.name`, 'expected a string');
    const appProtocol = optStr(pp, 'appProtocol', `${p}.appProtocol`);
    return {
      name: typeof nameV === 'string' ? nameV : null,
      port: optInt(pp, 'port', `${p}.port`) ?? null,
      protocol: protocol(pp, p),
      ...(appProtocol ? { appProtocol } : {}),
    };
  });
  const serviceName = labels['kubernetes.io/service-name'];
  const managedBy = labels['endpointslice.kubernetes.io/managed-by'];
  return {
    uid,
    namespace,
    name,
    ...(serviceName ? { serviceName } : {}),
    ...(managedBy ? { managedBy } : {}),
    addressType,
    endpoints,
    ports,
  };
}

function ingressBackend(b: Obj | undefined, path: string): IngressBackendRecord | undefined {
  if (!b) return undefined;
  const svc = obj(b, 'service', `${path}.service`);
  if (svc) {
    const port = obj(svc, 'port', `${path}.service.port`);
    const number = optInt(port, 'number', `${path}.service.port.number`);
    const pname = optStr(port, 'name', `${path}.service.port.name`);
    return {
      service: {
        name: reqStr(svc, 'name', `${path}.service.name`),
        port: { ...(number !== undefined ? { number } : {}), ...(pname ? { name: pname } : {}) },
      },
    };
  }
  const res = obj(b, 'resource', `${path}.resource`);
  if (res) {
    const apiGroup = optStr(res, 'apiGroup', `${path}.resource.apiGroup`);
    return {
      resource: {
        ...(apiGroup ? { apiGroup } : {}),
        kind: reqStr(res, 'kind', `${path}.resource.kind`),
        name: reqStr(res, 'name', `${path}.resource.name`),
      },
    };
  }
  throw new ProjectionError(path, 'needs a service or a resource backend');
}

function normaliseHost(h: string): string {
  return h.toLowerCase().replace(/\.$/, '');
}

export function projectIngress(o: Obj): IngressRecord {
  const { uid, name, namespace } = meta(o, true);
  const spec = obj(o, 'spec', 'spec');
  const status = obj(o, 'status', 'status');
  const specClass = optStr(spec, 'ingressClassName', 'spec.ingressClassName');
  const annClass = annotation(o, 'kubernetes.io/ingress.class');
  const className = specClass ?? annClass;
  const defaultBackend = ingressBackend(obj(spec, 'defaultBackend', 'spec.defaultBackend'), 'spec.defaultBackend');
  const rules = arr(spec, 'rules', 'spec.rules').map((r, i) => {
    const p = `spec.rules[${i}]`;
    if (!isObj(r)) throw new ProjectionError(p, 'expected an object');
    const host = optStr(r, 'host', `${p}.host`);
    const http = obj(r, 'http', `${p}.http`);
    const paths = arr(http, 'paths', `${p}.http.paths`).map((q, j) => {
      const qp = `${p}.http.paths[${j}]`;
      if (!isObj(q)) throw new ProjectionError(qp, 'expected an object');
      const pathType = optStr(q, 'pathType', `${qp}.pathType`) ?? 'ImplementationSpecific';
      if (pathType !== 'Exact' && pathType !== 'Prefix' && pathType !== 'ImplementationSpecific') {
        throw new ProjectionError(`${qp}.pathType`, `unknown path type ${pathType}`);
      }
      const backend = ingressBackend(obj(q, 'backend', `${qp}.backend`), `${qp}.backend`);
      if (!backend) throw new ProjectionError(`${qp}.backend`, 'is required');
      return { path: optStr(q, 'path', `${qp}.path`) ?? '/', pathType, backend } as const;
    });
    return { ...(host ? { host: normaliseHost(host) } : {}), paths };
  });
  const tls = arr(spec, 'tls', 'spec.tls').map((t, i) => {
    const p = `spec.tls[${i}]`;
    if (!isObj(t)) throw new ProjectionError(p, 'expected an object');
    const secretName = optStr(t, 'secretName', `${p}.secretName`);
    return { hosts: strList(t, 'hosts', `${p}.hosts`).map(normaliseHost), ...(secretName ? { secretName } : {}) };
  });
  return {
    uid,
    namespace,
    name,
    ...(className ? { className } : {}),
    classSource: specClass ? 'spec' : annClass ? 'annotation' : 'none',
    ...(defaultBackend ? { defaultBackend } : {}),
    rules,
    tls,
    lbIngress: lbIngress(status, 'status'),
  };
}

export function projectIngressClass(o: Obj): IngressClassRecord {
  const { uid, name } = meta(o, false);
  const spec = obj(o, 'spec', 'spec');
  const params = obj(spec, 'parameters', 'spec.parameters');
  return {
    uid,
    name,
    controller: optStr(spec, 'controller', 'spec.controller') ?? '',
    isDefault: annotation(o, 'ingressclass.kubernetes.io/is-default-class') === 'true',
    ...(params
      ? {
          parameters: {
            kind: reqStr(params, 'kind', 'spec.parameters.kind'),
            name: reqStr(params, 'name', 'spec.parameters.name'),
            ...(optStr(params, 'apiGroup', 'spec.parameters.apiGroup') ? { apiGroup: optStr(params, 'apiGroup', '') as string } : {}),
            ...(optStr(params, 'namespace', 'spec.parameters.namespace') ? { namespace: optStr(params, 'namespace', '') as string } : {}),
            ...(optStr(params, 'scope', 'spec.parameters.scope') ? { scope: optStr(params, 'scope', '') as string } : {}),
          },
        }
      : {}),
  };
}

function policyRules(spec: Obj | undefined, key: 'ingress' | 'egress'): NetworkPolicyRuleRecord[] {
  const peerKey = key === 'ingress' ? 'from' : 'to';
  return arr(spec, key, `spec.${key}`).map((r, i) => {
    const p = `spec.${key}[${i}]`;
    if (!isObj(r)) throw new ProjectionError(p, 'expected an object');
    const peersRaw = get(r, peerKey);
    const portsRaw = get(r, 'ports');
    const peers: NetworkPolicyPeerRecord[] | null =
      peersRaw === undefined || peersRaw === null
        ? null
        : arr(r, peerKey, `${p}.${peerKey}`).map((peer, j) => {
            const pp = `${p}.${peerKey}[${j}]`;
            if (!isObj(peer)) throw new ProjectionError(pp, 'expected an object');
            const podSelector = labelSelector(peer, 'podSelector', `${pp}.podSelector`);
            const namespaceSelector = labelSelector(peer, 'namespaceSelector', `${pp}.namespaceSelector`);
            const ib = obj(peer, 'ipBlock', `${pp}.ipBlock`);
            return {
              ...(podSelector ? { podSelector } : {}),
              ...(namespaceSelector ? { namespaceSelector } : {}),
              ...(ib ? { ipBlock: { cidr: reqStr(ib, 'cidr', `${pp}.ipBlock.cidr`), except: strList(ib, 'except', `${pp}.ipBlock.except`) } } : {}),
            };
          });
    const ports: NetworkPolicyPortRecord[] | null =
      portsRaw === undefined || portsRaw === null
        ? null
        : arr(r, 'ports', `${p}.ports`).map((pt, j) => {
            const pp = `${p}.ports[${j}]`;
            if (!isObj(pt)) throw new ProjectionError(pp, 'expected an object');
            const port = get(pt, 'port');
            const endPort = optInt(pt, 'endPort', `${pp}.endPort`);
            if (port !== undefined && port !== null && typeof port !== 'number' && typeof port !== 'string') {
              throw new ProjectionError(`${pp}.port`, 'expected a number or a name');
            }
            return {
              protocol: protocol(pt, pp),
              ...(typeof port === 'number' || typeof port === 'string' ? { port: typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port } : {}),
              ...(endPort !== undefined ? { endPort } : {}),
            };
          });
    return { peers, ports };
  });
}

export function projectNetworkPolicy(o: Obj): NetworkPolicyRecord {
  const { uid, name, namespace, createdAt } = meta(o, true);
  const spec = obj(o, 'spec', 'spec');
  // A plain `{}` like every other projected map (see stringMap), so a missing and an empty podSelector
  // give the same record.
  const podSelector = labelSelector(spec, 'podSelector', 'spec.podSelector') ?? { matchLabels: {}, matchExpressions: [] };
  const policyTypes = strList(spec, 'policyTypes', 'spec.policyTypes');
  for (const [i, t] of policyTypes.entries()) {
    if (t !== 'Ingress' && t !== 'Egress') throw new ProjectionError(`spec.policyTypes[${i}]`, `unknown policy type ${t}`);
  }
  return {
    uid,
    namespace,
    name,
    podSelector,
    policyTypes: policyTypes as ('Ingress' | 'Egress')[],
    ingress: policyRules(spec, 'ingress'),
    egress: policyRules(spec, 'egress'),
    ...(createdAt ? { createdAt } : {}),
  };
}

/** The projector for each kind, keyed by the API `kind`. */
export const PROJECTORS: { readonly [K in SnapshotKind]: (o: Obj) => unknown } = {
  Namespace: projectNamespace,
  Node: projectNode,
  Pod: projectPod,
  Service: projectService,
  EndpointSlice: projectEndpointSlice,
  Ingress: projectIngress,
  IngressClass: projectIngressClass,
  NetworkPolicy: projectNetworkPolicy,
};

export { isObj };
export type { Obj };
