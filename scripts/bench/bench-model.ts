/**
 * npm run bench:model — parse + buildTopology + every access point + findings on synthetic clusters
 * (1k, 10k, 150k pods; a Service per 15 pods, a Node per 30 pods), and the heap retained by the
 * snapshot + topology. Prints figures; asserts nothing (targets in issue 2: 150k pods ≤ 2 s on one
 * core, ≤ 1 KiB retained per pod).
 *
 * Usage: node --expose-gc --import tsx scripts/bench/bench-model.ts [--sizes 1000,10000,150000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { accessPointsForService } from '../../lib/model/access-points';
import { findingsFor } from '../../lib/model/findings';
import { buildTopology } from '../../lib/model/topology';
import { parseSnapshot } from '../../lib/snapshot/parse';
import { syntheticCluster } from './synthetic-cluster';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
const sizes = (values.sizes ?? '1000,10000,150000').split(',').map(Number);
const runs = Number(values.runs ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc (npm run bench:model does)');
  process.exit(2);
}

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const kept: unknown[] = [];
const ms = (ns: bigint): number => Number(ns / 1000n) / 1000;

/** One measured run; the model is kept alive through `kept` so the caller can weigh it. */
function runOnce(text: string, pods: number): { times: number[]; apCount: number } {
  const t0 = process.hrtime.bigint();
  const { snapshot } = parseSnapshot(text, { byteLength: Buffer.byteLength(text) });
  const t1 = process.hrtime.bigint();
  const topo = buildTopology(snapshot);
  const t2 = process.hrtime.bigint();
  let apCount = 0;
  for (const view of topo.services.values()) apCount += accessPointsForService(topo, view).length;
  const t3 = process.hrtime.bigint();
  const findings = findingsFor(topo);
  const t4 = process.hrtime.bigint();
  if (topo.pods.size !== pods || findings.length < 0) throw new Error('unexpected model size');
  kept.push(topo);
  return { times: [ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t0)], apCount };
}

console.log(`node ${process.version}, ${runs} run(s) per size, median reported`);
console.log('pods     services  nodes  input MiB  parse ms  topology ms  access pts ms (count)  findings ms  total ms  retained KiB/pod');
for (const pods of sizes) {
  const { text, counts } = syntheticCluster({ pods });
  const totals: number[][] = [];
  let retainedPerPod = 0;
  let apCount = 0;
  for (let r = 0; r < runs; r++) {
    const before = heap();
    const result = runOnce(text, pods);
    // runOnce's frame is gone: only `kept` references the snapshot and topology now.
    const after = heap();
    kept.length = 0;
    totals.push(result.times);
    apCount = result.apCount;
    retainedPerPod = (after - before) / pods / 1024;
  }
  const median = (i: number): number => {
    const v = totals.map((t) => t[i] as number).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)] as number;
  };
  console.log(
    [
      String(pods).padEnd(8),
      String(counts.services).padEnd(9),
      String(counts.nodes).padEnd(6),
      (Buffer.byteLength(text) / 1024 / 1024).toFixed(1).padStart(9),
      median(0).toFixed(0).padStart(9),
      median(1).toFixed(0).padStart(12),
      `${median(2).toFixed(0)} (${apCount})`.padStart(22),
      median(3).toFixed(0).padStart(12),
      median(4).toFixed(0).padStart(9),
      retainedPerPod.toFixed(2).padStart(17),
    ].join('  '),
  );
}
