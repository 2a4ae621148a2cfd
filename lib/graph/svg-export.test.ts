import type { Document, Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { findingsFor } from '../model/findings';
import { buildTopology } from '../model/topology';
import { backend, controllerSlices, ingress, node, pod, referenceFixture, snapshot, svc } from '../model/test-builders';
import { tracePath } from '../model/trace';
import type { ClusterSnapshot } from '../snapshot/records';
import { toCytoscapeElements, type GraphElement, type GraphModel, type GraphNode } from './elements';
import { pathKeep, pathOverlay } from './highlight';
import { NODE_LINE_HEIGHT } from './layout';
import { legendEntries } from './style';
import { graphToSvg, xmlEscape, type SvgExportInput } from './svg-export';
import { parseSvg, svgProblems, walkElements as walk } from '../../e2e/svg-safety';

function graph(snap: ClusterSnapshot): GraphModel {
  const topo = buildTopology(snap);
  return toCytoscapeElements(topo, { findings: findingsFor(topo) });
}

const legend = legendEntries('light').map((entry) => ({ entry, label: entry.label }));

function input(m: GraphModel, o: Partial<SvgExportInput> = {}): SvgExportInput {
  return {
    elements: m.elements,
    theme: 'light',
    caption: { title: 'kubepath — shop demo', rows: [{ label: 'context', value: 'demo:shop' }, { label: 'exported at', value: '2025-01-01T00:00:00Z' }], redacted: false },
    legend,
    ...o,
  };
}

/** Parses strictly: any warning or error fails. */
function parse(svg: string): Document {
  const { doc, problems } = parseSvg(svg);
  expect(problems).toEqual([]);
  return doc;
}

/** The document uses the fixed vocabulary only, and no attribute that can run script or carry style. */
function expectSafe(doc: Document): void {
  expect(svgProblems(doc)).toEqual([]);
}

function viewBox(doc: Document): { x: number; y: number; w: number; h: number } {
  const [x, y, w, h] = (doc.documentElement?.getAttribute('viewBox') ?? '').split(' ').map(Number) as [number, number, number, number];
  return { x, y, w, h };
}

describe('graphToSvg: the shop demo', () => {
  const m = graph(loadDemo('shop'));
  const svg = graphToSvg(input(m));
  const doc = parse(svg);
  const nodes = m.elements.filter((e): e is GraphNode => e.group === 'nodes');

  it('is a complete, sized SVG document using the safe vocabulary only', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const root = doc.documentElement as Element;
    expect(root.localName).toBe('svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(0);
    expectSafe(doc);
  });

  it('carries the caption, the legend and every node\'s first label line', () => {
    const all = doc.documentElement?.textContent ?? '';
    expect(all).toContain('kubepath — shop demo');
    expect(all).toContain('exported at');
    expect(all).toContain('2025-01-01T00:00:00Z');
    for (const l of legend) expect(all).toContain(l.label);
    for (const nd of nodes) expect(all, nd.data.id).toContain(nd.data.lines[0] as string);
    expect(all).not.toContain('REDACTED');
  });

  it('has a viewBox covering every node box and container label', () => {
    const vb = viewBox(doc);
    for (const nd of nodes) {
      const { x, y } = nd.position;
      const { w, h } = nd.data;
      const top = nd.classes.includes('container') ? y - h / 2 - nd.data.lines.length * NODE_LINE_HEIGHT : y - h / 2;
      expect(x - w / 2 >= vb.x && x + w / 2 <= vb.x + vb.w && top >= vb.y && y + h / 2 <= vb.y + vb.h, nd.data.id).toBe(true);
    }
  });

  it('follows dragged positions and resized boxes', () => {
    const first = nodes.find((nd) => nd.data.kind === 'pod') as GraphNode;
    const moved = graphToSvg(input(m, { boxes: new Map([[first.data.id, { x: 99_000, y: 77_000, w: 300, h: 90 }]]) }));
    const vb = viewBox(parse(moved));
    expect(vb.x + vb.w).toBeGreaterThanOrEqual(99_150);
    expect(vb.y + vb.h).toBeGreaterThanOrEqual(77_045);
  });

  it('is deterministic', () => {
    expect(graphToSvg(input(m))).toBe(svg);
    expect(graphToSvg(input(m, { theme: 'dark' }))).not.toBe(svg);
  });

  it('watermarks a redacted export on the picture and in the caption', () => {
    const red = parse(graphToSvg(input(m, { caption: { title: 't', rows: [], redacted: true } })));
    const texts: string[] = [];
    walk(red, (e) => {
      if (e.localName === 'text' && e.textContent === 'REDACTED') texts.push(e.textContent);
    });
    expect(texts.length).toBeGreaterThanOrEqual(2);
  });
});

describe('graphToSvg: highlights', () => {
  const topo = buildTopology(referenceFixture({ add: ['shop'] }));
  const m = toCytoscapeElements(topo, {});
  const r = tracePath(topo, { path: 1, to: 'svc:demo/web' });
  const path = pathOverlay(m, r, 2); // hop 2 (LB → node) current, hop 1 done
  const keep = pathKeep(m, r);
  const svg = graphToSvg(input(m, { highlight: { path, keep, focus: 'svc:demo/web', diff: new Map([['pod:demo/web-1', 'added'], ['svc:demo/api', 'removed']]) } }));
  const doc = parse(svg);

  it('draws the path overlay with arrows to generated markers, and dims the rest', () => {
    expectSafe(doc);
    const arrows: Element[] = [];
    walk(doc, (e) => {
      if (e.localName === 'line' && e.getAttribute('marker-end')) arrows.push(e);
    });
    expect(arrows).toHaveLength(path.edges.length);
    expect(arrows.map((a) => `${a.getAttribute('stroke')} ${a.getAttribute('stroke-width')} ${a.getAttribute('marker-end')}`)).toEqual([
      '#fb923c 3 url(#kp-arrow-done)',
      '#ea580c 5 url(#kp-arrow-current)',
    ]);
    expect(svg).toContain('opacity="0.25"');
    expect(svg).toContain('stroke="#16a34a" stroke-width="4"'); // added
    expect(svg).toContain('stroke="#dc2626" stroke-width="3" stroke-dasharray="6 3"'); // removed
  });
});

describe('graphToSvg: hostile cluster text', () => {
  const P = {
    img: '<img src=x onerror=alert(1)>',
    js: 'javascript:alert(1)',
    text: '</text><script>alert(1)</script>',
    svg: '"/><svg onload=alert(1)>',
    cdata: ']]>',
  };
  const nodeName = P.svg;
  const pods = [pod({ name: P.text, node: nodeName, ip: '10.244.1.5', labels: { app: 'x' }, ports: [80] }), pod({ name: `rtl\u202Egnp.exe\u0000\u0001${P.cdata}`, node: nodeName, ip: '10.244.1.6', labels: { app: 'x' }, ports: [80] })];
  const services = [svc({ name: P.img, clusterIP: '10.96.0.20', ports: [{ port: 80 }], selector: { app: 'x' } })];
  const snap = snapshot({
    nodes: [node({ name: nodeName, ip: '192.168.1.11', podCIDR: '10.244.1.0/24' })],
    pods,
    services,
    slices: services.flatMap((s) => controllerSlices(s, pods)),
    ingresses: [ingress({ name: 'evil', rules: [{ host: P.js, paths: [{ path: `/${P.text}`, backend: backend(P.img, 80) }] }], lb: '203.0.113.9' })],
  });
  const m = graph(snap);
  const caption = { title: `kubepath — ${P.text}`, rows: [{ label: 'context', value: `${P.img}\u0000\uFFFE\uD800${P.svg}` }], redacted: false };
  const svg = graphToSvg(input(m, { caption, highlight: { focus: `svc:demo/${P.img}` } }));
  const doc = parse(svg);

  it('parses, keeps the safe vocabulary and contains no markup from the payloads', () => {
    expectSafe(doc);
    expect(svg).not.toMatch(/<script|<img|<svg onload|<\/text><script/i);
    expect(svg.match(/<svg/g)).toHaveLength(1);
    // Nothing XML 1.0 forbids made it into the file.
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(svg)).toBe(false);
  });

  it('shows the payloads as text', () => {
    const all = doc.documentElement?.textContent ?? '';
    expect(all).toContain(`demo/${P.text}`);
    expect(all).toContain(`demo/${P.img}`);
    expect(all).toContain(P.svg);
    expect(all).toContain(P.js);
    expect(all).toContain('rtl\\u{202e}gnp.exe\\u{0}\\u{1}]]>'); // bidi override and controls shown, not obeyed
    expect(all).not.toContain('\u202E');
    expect(all).toContain(`kubepath — ${P.text}`);
    expect(all).toContain(P.img);
  });
});

describe('xmlEscape', () => {
  it('escapes markup characters and drops what XML 1.0 forbids', () => {
    expect(xmlEscape(`<a href="x" b='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; b=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt;');
    expect(xmlEscape('a\u0000b\u0001c\td\ne\uFFFEf\uD800g\uDC00h\uD83D\uDE00\uDE00\uD83D')).toBe('abc\td\nefgh\uD83D\uDE00');
  });
});

describe('graphToSvg: scale', () => {
  it('renders 10k elements quickly', () => {
    const elements: GraphElement[] = [];
    for (let i = 0; i < 6000; i++) {
      elements.push({ group: 'nodes', data: { id: `pod:ns/p-${i}`, kind: 'pod', band: 'nodes', label: `ns/p-${i}`, lines: [`ns/p-${i}`, `10.0.${i >> 8}.${i & 255}`], w: 176, h: 40 }, classes: 'pod', position: { x: (i % 80) * 200, y: Math.floor(i / 80) * 60 } });
    }
    for (let i = 1; i < 4000; i++) {
      elements.push({ group: 'edges', data: { id: `e${i}`, source: `pod:ns/p-${i - 1}`, target: `pod:ns/p-${i}`, kind: 'endpoint', state: 'ready', label: '80/TCP' }, classes: 'endpoint ready' });
    }
    const t0 = performance.now();
    const out = graphToSvg({ elements, theme: 'dark', caption: { title: 'big', rows: [], redacted: true }, legend });
    const ms = performance.now() - t0;
    expect(out.length).toBeGreaterThan(1_000_000);
    expect(ms).toBeLessThan(1000);
  });
});
