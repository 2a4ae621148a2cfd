/**
 * npm run bench:live — live-cluster figures (issue 4). Prints, asserts nothing.
 *
 * 1. Ingest: paged LIST (limit 500) + projection of a recorded 10k-pod LIST replayed from loopback
 *    (kwok would need minutes to create 10k pods on this machine): CPU ms and retained heap per 1k pods.
 * 2. Event-to-browser latency: the production server on a real control plane (built from Go
 *    modules), an SSE client on /api/clusters/ctx:admin/events, and pod label patches at 200/s;
 *    latency = patch sent → delta carrying that label received. p50/p95/p99.
 *
 * Usage: node --expose-gc --import tsx scripts/bench/bench-live.ts [--pods 10000] [--rate 200] [--seconds 10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeHttp } from '../../lib/k8s/http';
import { kubeConfigFor, loadKubeconfig } from '../../lib/k8s/kubeconfig';
import { Reflector, type Record_ } from '../../lib/k8s/reflector';
import { RESOURCES } from '../../lib/k8s/resources';
import { createNode, startCluster, waitForNodeReady, waitForPodIP } from '../cluster/harness';

const { values } = parseArgs({ options: { pods: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' }, port: { type: 'string' } } });
const PODS = Number(values.pods ?? 10_000);
const RATE = Number(values.rate ?? 200);
const SECONDS = Number(values.seconds ?? 10);
const PORT = Number(values.port ?? 3177);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc (npm run bench:live does)');
  process.exit(2);
}

/** A typical pod as the API serves it: managedFields, annotations, env, probes, volumes, status. */
function typicalPod(i: number): unknown {
  const name = `app-${i % 700}-7d9c8b5f4-${i.toString(36).padStart(5, '0')}`;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace: `ns-${i % 20}`,
      uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-11-01T10:00:00Z',
      labels: { app: `app-${i % 700}`, 'pod-template-hash': '7d9c8b5f4', tier: 'backend', team: 'payments' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-01T09:59:00Z', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${i % 700}-7d9c8b5f4`, uid: `rs-${i % 700}`, controller: true, blockOwnerDeletion: true }],
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': {} }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:env': {}, 'f:image': {}, 'f:ports': {} } } } } },
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T10:00:05Z', fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': {}, 'f:startTime': {} } } },
      ],
    },
    spec: {
      nodeName: `node-${i % 334}`,
      serviceAccountName: 'default',
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/payments/app:1.42.0',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
          env: Array.from({ length: 8 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${k}-${'x'.repeat(20)}` })),
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
          livenessProbe: { httpGet: { path: '/live', port: 8080 }, periodSeconds: 10 },
          volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-01T10:00:05Z' }, { type: 'ContainersReady', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
      hostIP: `10.0.${(i % 334) >> 8}.${(i % 334) & 255}`,
      hostIPs: [{ ip: `10.0.${(i % 334) >> 8}.${(i % 334) & 255}` }],
      podIP: `10.${128 + ((i % 334) >> 8)}.${(i % 334) & 255}.${(i >> 8) & 255}`,
      podIPs: [{ ip: `10.${128 + ((i % 334) >> 8)}.${(i % 334) & 255}.${(i >> 8) & 255}` }],
      startTime: '2026-11-01T10:00:01Z',
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'registry.example.com/payments/app:1.42.0', imageID: 'registry.example.com/payments/app@sha256:0123456789abcdef', containerID: 'containerd://0123456789abcdef', started: true, state: { running: { startedAt: '2026-11-01T10:00:03Z' } } }],
    },
  };
}

async function ingestBench(): Promise<void> {
  // The recorded LIST, served in pages of 500 from loopback, exactly as the API server pages it.
  const pages: string[] = [];
  for (let start = 0; start < PODS; start += 500) {
    const items = Array.from({ length: Math.min(500, PODS - start) }, (_, k) => typicalPod(start + k));
    const next = start + 500 < PODS ? String(start + 500) : '';
    pages.push(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '99999', ...(next ? { continue: next } : {}) }, items }));
  }
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const idx = Number(u.searchParams.get('continue') ?? 0) / 500;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(pages[idx]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const kcPath = join(mkdtempSync(join(tmpdir(), 'kubepath-bench-')), 'config');
  writeFileSync(kcPath, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'replay', cluster: { server: `http://127.0.0.1:${port}` } }], users: [{ name: 'u', user: { token: 'replay' } }], contexts: [{ name: 'replay', context: { cluster: 'replay', user: 'u' } }], 'current-context': 'replay' }));
  const kc = kubeConfigFor(loadKubeconfig({ paths: [kcPath] }), 'replay');
  const kept: Record_[][] = [];
  /** One paged LIST; the records stay referenced from `kept` so the caller can weigh them. */
  async function listOnce(): Promise<number> {
    const records: Record_[] = [];
    const c0 = process.cpuUsage();
    const r = new Reflector({ http: new KubeHttp(kc), resource: RESOURCES.Pod, sink: { reset: (rs) => records.push(...rs), upsert: () => undefined, remove: () => undefined, status: () => undefined } });
    await r.listOnce();
    const c1 = process.cpuUsage(c0);
    if (records.length !== PODS) throw new Error(`listed ${records.length} pods, expected ${PODS}`);
    kept.push(records);
    return (c1.user + c1.system) / 1000;
  }
  const heap = (): number => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const cpu: number[] = [];
  const retainedRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const before = heap();
    cpu.push(await listOnce());
    retainedRuns.push(heap() - before);
    kept.length = 0;
  }
  retainedRuns.sort((a, b) => a - b);
  const retained = retainedRuns[1] as number;
  server.close();
  cpu.sort((a, b) => a - b);
  const median = cpu[1] as number;
  console.log(`ingest: ${PODS} typical pods, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${pages.length} pages of 500, replayed from loopback`);
  console.log(`  CPU (client side: HTTP, JSON.parse, projection), median of 3: ${median.toFixed(0)} ms total, ${(median / (PODS / 1000)).toFixed(1)} ms per 1k pods`);
  console.log(`  retained after GC (projected records): ${(retained / 1024 / 1024).toFixed(2)} MiB total, ${(retained / (PODS / 1000) / 1024 / 1024).toFixed(3)} MiB per 1k pods`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function latencyBench(): Promise<void> {
  const cluster = await startCluster({ log: () => undefined });
  let server: ChildProcess | undefined;
  try {
    const { admin } = cluster;
    await createNode(admin, { name: 'bench-1' });
    await waitForNodeReady(admin, 'bench-1');
    await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const podCount = 20;
    for (let i = 0; i < podCount; i++) {
      await admin.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'bench', labels: { app: 'bench' } }, spec: { nodeName: 'bench-1', containers: [{ name: 'c', image: 'example.invalid/p:1' }] } });
    }
    await waitForPodIP(admin, 'bench', `p${podCount - 1}`);
    server = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, PORT: String(PORT), KUBECONFIG: cluster.kubeconfigPath, KUBEPATH_HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = Date.now();
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${PORT}/api/clusters`);
        if (r.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() - started > 300_000) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const fromAck: number[] = [];
    const acked = new Map<string, number>();
    let snapshotSeen = false;
    const ac = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${PORT}/api/clusters/ctx:admin/events`, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    const reading = (async () => {
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let sep = buf.indexOf('\n\n');
        while (sep >= 0) {
          const frame = buf.slice(0, sep);
          buf = buf.slice(sep + 2);
          const now = Date.now();
          if (frame.includes('event: snapshot')) snapshotSeen = true;
          for (const m of frame.matchAll(/"seq":"(s\d+)"/g)) {
            const t = sent.get(m[1] as string);
            if (t !== undefined) {
              latencies.push(now - t);
              sent.delete(m[1] as string);
              const a = acked.get(m[1] as string);
              // The write's response can arrive after the event; then the event beat the ack.
              fromAck.push(a === undefined ? 0 : Math.max(0, now - a));
              acked.set(m[1] as string, -1);
            }
          }
          sep = buf.indexOf('\n\n');
        }
      }
    })();
    while (!snapshotSeen) await new Promise((r) => setTimeout(r, 50));
    const total = RATE * SECONDS;
    const t0 = Date.now();
    const inflight: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const seq = `s${i}`;
      sent.set(seq, Date.now());
      inflight.push(
        admin.mergePatch(`/api/v1/namespaces/bench/pods/p${i % podCount}`, { metadata: { labels: { seq } } }).then(() => {
          if (!acked.has(seq)) acked.set(seq, Date.now());
        }),
      );
      if (inflight.length > 64) await inflight.shift();
    }
    await Promise.all(inflight);
    const achieved = total / ((Date.now() - t0) / 1000);
    const deadline = Date.now() + 10_000;
    while (sent.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    await reading;
    latencies.sort((a, b) => a - b);
    console.log(`event-to-client latency: ${total} pod label patches at ${achieved.toFixed(0)}/s through the real API server (${cluster.version}), the production server and its SSE stream`);
    console.log(`  from the write being sent:      received ${latencies.length}/${total}; p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
    fromAck.sort((a, b) => a - b);
    console.log(`  from the API server's answer:   p50 ${percentile(fromAck, 50)} ms, p95 ${percentile(fromAck, 95)} ms, p99 ${percentile(fromAck, 99)} ms, max ${fromAck.at(-1)} ms`);
  } finally {
    server?.kill('SIGTERM');
    await cluster.stop();
  }
}

console.log(`node ${process.version}`);
await ingestBench();
await latencyBench();
