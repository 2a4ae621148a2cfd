/**
 * npm run bench:review — the incident-review work on synthetic clusters (1k, 10k, 150k pods; see
 * synthetic-cluster.ts): SVG export of the drawn graph (detail or aggregated, as the dashboard draws it),
 * redaction of the snapshot (createRedactor + snapshot), diffSnapshots between the cluster and a copy
 * with 1% of its pods removed, and serializeSnapshot (Save snapshot). Prints median figures of `--runs`;
 * asserts nothing.
 *
 * Usage: node --import tsx scripts/bench/bench-review.ts [--sizes 1000,10000,150000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { diffGraphSnapshot } from '../../lib/graph/diff-view';
import { toCytoscapeElements } from '../../lib/graph/elements';
import { legendEntries } from '../../lib/graph/style';
import { graphToSvg } from '../../lib/graph/svg-export';
import { diffSnapshots, diffSize } from '../../lib/model/diff';
import { createRedactor } from '../../lib/model/redact';
import { buildTopology } from '../../lib/model/topology';
import { parseSnapshot } from '../../lib/snapshot/parse';
import { serializeSnapshot } from '../../lib/snapshot/serialize';
import { syntheticCluster } from './synthetic-cluster';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
const sizes = (values.sizes ?? '1000,10000,150000').split(',').map(Number);
const runs = Number(values.runs ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

const legend = legendEntries('light').map((entry) => ({ entry, label: entry.label }));
const caption = { title: 'kubepath — bench', rows: [{ label: 'Cluster', value: 'bench' }], redacted: false };

console.log('pods     elements  svg ms  svg KiB  redact ms  diff ms (changes)  diff graph ms  save ms  save MiB');
for (const pods of sizes) {
  const { snapshot } = parseSnapshot(syntheticCluster({ pods }).text);
  // "after": every 100th pod gone (a rollout scaled down), endpoints as they were (the diff must find them lost or stale).
  const after = { ...snapshot, pods: snapshot.pods.filter((_, i) => i % 100 !== 0) };
  const topo = buildTopology(snapshot);
  const model = toCytoscapeElements(topo);
  const svg: number[] = [];
  const red: number[] = [];
  const dif: number[] = [];
  const dgraph: number[] = [];
  const save: number[] = [];
  let svgBytes = 0;
  let changes = 0;
  let saveBytes = 0;
  for (let r = 0; r < runs; r++) {
    const s = time(() => graphToSvg({ elements: model.elements, theme: 'light', caption, legend }));
    svg.push(s.ms);
    svgBytes = s.value.length;
    red.push(time(() => createRedactor([snapshot]).snapshot(snapshot)).ms);
    const d = time(() => diffSnapshots(snapshot, after));
    dif.push(d.ms);
    changes = diffSize(d.value);
    dgraph.push(time(() => toCytoscapeElements(buildTopology(diffGraphSnapshot(snapshot, after)))).ms);
    const w = time(() => serializeSnapshot(snapshot));
    save.push(w.ms);
    saveBytes = w.value.length;
  }
  console.log(
    [
      String(pods).padEnd(8),
      `${model.elements.length} ${model.mode === 'aggregated' ? 'agg' : 'det'}`.padEnd(9),
      median(svg).toFixed(0).padStart(6),
      (svgBytes / 1024).toFixed(0).padStart(8),
      median(red).toFixed(0).padStart(10),
      `${median(dif).toFixed(0)} (${changes})`.padStart(18),
      median(dgraph).toFixed(0).padStart(14),
      median(save).toFixed(0).padStart(8),
      (saveBytes / 1024 / 1024).toFixed(1).padStart(9),
    ].join(' '),
  );
}
