/**
 * The graph's look as data: one palette per theme and the cytoscape stylesheet built from it. The
 * legend (components/legend.tsx) draws its swatches from the same palette, so the two cannot drift.
 *
 * Settings follow quality-and-scale.md §3.6: straight edges, no arrows except on path overlays,
 * labels gated by `min-zoomed-font-size`, no animation.
 */
import type { StylesheetJson } from 'cytoscape';

export type Theme = 'light' | 'dark';

export interface Palette {
  background: string;
  text: string;
  mutedText: string;
  node: { fill: string; border: string };
  pod: { fill: string; border: string };
  service: { fill: string; border: string };
  lb: { fill: string; border: string };
  ingress: { fill: string; border: string };
  client: { fill: string; border: string };
  aggregate: { fill: string; border: string };
  edge: {
    ready: string;
    notReady: string;
    terminating: string;
    inferred: string;
    selector: string;
    lbNode: string;
    drop: string;
    client: string;
    ingress: string;
    aggregate: string;
  };
  finding: { error: string; warning: string; info: string };
  highlight: { path: string; pathDone: string; match: string; focus: string; dead: string; learn: string };
  /** Diff mode (issue 6): elements added, removed (drawn as ghosts) and changed since the base snapshot. */
  diff: { added: string; removed: string; changed: string };
}

export const PALETTES: Record<Theme, Palette> = {
  light: {
    background: '#ffffff',
    text: '#0f172a',
    mutedText: '#475569',
    node: { fill: '#f1f5f9', border: '#64748b' },
    pod: { fill: '#e0f2fe', border: '#0369a1' },
    service: { fill: '#f3e8ff', border: '#7e22ce' },
    lb: { fill: '#fef3c7', border: '#b45309' },
    ingress: { fill: '#dcfce7', border: '#15803d' },
    client: { fill: '#ffffff', border: '#334155' },
    aggregate: { fill: '#e2e8f0', border: '#475569' },
    edge: {
      ready: '#0369a1',
      notReady: '#d97706',
      terminating: '#9333ea',
      inferred: '#64748b',
      selector: '#94a3b8',
      lbNode: '#b45309',
      drop: '#dc2626',
      client: '#334155',
      ingress: '#15803d',
      aggregate: '#94a3b8',
    },
    finding: { error: '#dc2626', warning: '#d97706', info: '#2563eb' },
    highlight: { path: '#ea580c', pathDone: '#fb923c', match: '#e11d48', focus: '#0f172a', dead: '#dc2626', learn: '#7c3aed' },
    diff: { added: '#16a34a', removed: '#dc2626', changed: '#d97706' },
  },
  dark: {
    background: '#020617',
    text: '#e2e8f0',
    mutedText: '#94a3b8',
    node: { fill: '#0f172a', border: '#94a3b8' },
    pod: { fill: '#082f49', border: '#38bdf8' },
    service: { fill: '#2e1065', border: '#c084fc' },
    lb: { fill: '#451a03', border: '#fbbf24' },
    ingress: { fill: '#052e16', border: '#4ade80' },
    client: { fill: '#1e293b', border: '#cbd5e1' },
    aggregate: { fill: '#1e293b', border: '#94a3b8' },
    edge: {
      ready: '#38bdf8',
      notReady: '#fbbf24',
      terminating: '#c084fc',
      inferred: '#94a3b8',
      selector: '#64748b',
      lbNode: '#fbbf24',
      drop: '#f87171',
      client: '#cbd5e1',
      ingress: '#4ade80',
      aggregate: '#64748b',
    },
    finding: { error: '#f87171', warning: '#fbbf24', info: '#60a5fa' },
    highlight: { path: '#fb923c', pathDone: '#fdba74', match: '#fb7185', focus: '#f8fafc', dead: '#f87171', learn: '#a78bfa' },
    diff: { added: '#4ade80', removed: '#f87171', changed: '#fbbf24' },
  },
};

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** The cytoscape stylesheet for a theme. */
export function graphStyle(theme: Theme): StylesheetJson {
  const p = PALETTES[theme];
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'font-family': FONT,
        'font-size': 10,
        'line-height': 1.3,
        color: p.text,
        'min-zoomed-font-size': 4,
        'border-width': 1.5,
        'background-color': p.node.fill,
        'border-color': p.node.border,
        'z-index-compare': 'manual',
        'z-index': 2,
      },
    },
    {
      // Containers (a Node around its pods, an expanded aggregate around its members) are plain boxes
      // drawn beneath their members, not cytoscape compound nodes: with compounds every style property
      // applied to any element dirtied the styles of its whole family, and the first frame of a 1k-pod
      // cluster took 2.5 times as long (measured). The graph view moves members with their container.
      selector: 'node.container',
      style: {
        'text-valign': 'top',
        'text-margin-y': -4,
        'font-size': 12,
        'line-height': 1.33,
        'background-opacity': 0.6,
        'z-index-compare': 'manual',
        'z-index': 0,
      },
    },
    { selector: 'node.collapsed', style: { 'text-valign': 'center', 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node[kind = "node"]', style: { 'background-color': p.node.fill, 'border-color': p.node.border, 'font-weight': 'bold' } },
    { selector: 'node[kind = "node"].not-ready', style: { 'border-style': 'dashed', 'border-color': p.finding.warning } },
    { selector: 'node[kind = "pod"]', style: { 'background-color': p.pod.fill, 'border-color': p.pod.border } },
    { selector: 'node.pod.not-ready', style: { 'border-style': 'dashed', 'border-color': p.edge.notReady } },
    { selector: 'node.pod.terminating', style: { 'border-style': 'dotted', 'border-color': p.edge.terminating } },
    { selector: 'node.pod.host-port', style: { 'border-width': 3 } },
    { selector: 'node.pod.host-network', style: { 'border-width': 3, 'border-style': 'double', shape: 'rectangle' } },
    // A Service is a virtual box: no interface owns its ClusterIP (spec §1.6).
    { selector: 'node[kind = "svc"]', style: { 'background-color': p.service.fill, 'border-color': p.service.border, 'border-style': 'dashed', 'border-width': 2 } },
    { selector: 'node.svc.external-name', style: { 'border-style': 'dotted' } },
    // Headless: no ClusterIP, DNS answers with the pod IPs; a fainter box.
    { selector: 'node.svc.headless', style: { 'background-opacity': 0.35 } },
    { selector: 'node[kind = "lb"]', style: { 'background-color': p.lb.fill, 'border-color': p.lb.border, shape: 'cut-rectangle' } },
    { selector: 'node.lb.pending, node.ing.pending', style: { 'border-style': 'dashed', color: p.mutedText } },
    { selector: 'node[kind = "ing"]', style: { 'background-color': p.ingress.fill, 'border-color': p.ingress.border, shape: 'cut-rectangle' } },
    { selector: 'node[kind = "ext"]', style: { 'background-color': p.client.fill, 'border-color': p.client.border, shape: 'ellipse', 'border-width': 2 } },
    { selector: 'node.aggregate', style: { 'background-color': p.aggregate.fill, 'border-color': p.aggregate.border } },
    { selector: 'node[kind = "agg-ns"]', style: { 'border-color': p.service.border } },
    { selector: 'node.finding-info', style: { 'border-color': p.finding.info, 'border-width': 3 } },
    { selector: 'node.finding-warning', style: { 'border-color': p.finding.warning, 'border-width': 3 } },
    { selector: 'node.finding-error', style: { 'border-color': p.finding.error, 'border-width': 4 } },
    {
      selector: 'edge',
      style: {
        'curve-style': 'straight',
        'z-index-compare': 'manual',
        'z-index': 1,
        width: 1.5,
        'line-color': p.edge.ready,
        'target-arrow-shape': 'none',
        opacity: 0.85,
      },
    },
    // Edge labels (port, count) only where they help: aggregates, and the focused neighbourhood. Labels on
    // every edge cost a sixth of the first frame of a 1k-pod cluster.
    {
      selector: 'edge.aggregate, edge.labelled',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 8,
        color: p.mutedText,
        'text-background-color': p.background,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 9,
      },
    },
    { selector: 'edge.endpoint.ready', style: { 'line-color': p.edge.ready } },
    { selector: 'edge.not-ready', style: { 'line-color': p.edge.notReady, 'line-style': 'dashed' } },
    { selector: 'edge.terminating', style: { 'line-color': p.edge.terminating, 'line-style': 'dotted', width: 2 } },
    { selector: 'edge.inferred', style: { 'line-color': p.edge.inferred, 'line-style': 'dashed', 'line-dash-pattern': [2, 4] } },
    { selector: 'edge.selector-only', style: { 'line-color': p.edge.selector, 'line-style': 'dotted' } },
    { selector: 'edge.lb-node, edge.lb-direct', style: { 'line-color': p.edge.lbNode } },
    { selector: 'edge.drop', style: { 'line-color': p.edge.drop, 'line-style': 'dashed' } },
    { selector: 'edge.client-lb, edge.client-ing', style: { 'line-color': p.edge.client } },
    { selector: 'edge.pending', style: { 'line-style': 'dashed', opacity: 0.5 } },
    { selector: 'edge.ing-svc', style: { 'line-color': p.edge.ingress, width: 2 } },
    { selector: 'edge.aggregate', style: { 'line-color': p.edge.aggregate, width: 'mapData(count, 1, 200, 1, 6)' } },
    // Diff marks sit under the interactive highlights: a focused or traced element still shows as such.
    { selector: 'node.diff-added', style: { 'border-color': p.diff.added, 'border-width': 4, 'border-style': 'solid', 'overlay-color': p.diff.added, 'overlay-opacity': 0.15, 'overlay-padding': 4 } },
    { selector: 'node.diff-changed', style: { 'border-color': p.diff.changed, 'border-width': 4, 'border-style': 'solid', 'overlay-color': p.diff.changed, 'overlay-opacity': 0.15, 'overlay-padding': 4 } },
    { selector: 'node.diff-removed', style: { 'border-color': p.diff.removed, 'border-width': 3, 'border-style': 'dashed', opacity: 0.55 } },
    { selector: 'edge.diff-removed', style: { opacity: 0.3 } },
    // Highlights (focus, search, path) come last so they win.
    { selector: '.dim', style: { opacity: 0.15 } },
    { selector: 'node.match', style: { 'overlay-color': p.highlight.match, 'overlay-opacity': 0.25, 'overlay-padding': 6, 'border-color': p.highlight.match, 'border-width': 4 } },
    { selector: 'node.learn', style: { 'overlay-color': p.highlight.learn, 'overlay-opacity': 0.2, 'overlay-padding': 6, 'border-color': p.highlight.learn, 'border-width': 4 } },
    { selector: 'node.focus', style: { 'border-color': p.highlight.focus, 'border-width': 4 } },
    { selector: 'node.hop-done', style: { 'border-color': p.highlight.pathDone, 'border-width': 3 } },
    { selector: 'node.hop-current', style: { 'border-color': p.highlight.path, 'border-width': 5, 'overlay-color': p.highlight.path, 'overlay-opacity': 0.2, 'overlay-padding': 4 } },
    {
      selector: 'edge.path',
      style: {
        'line-color': p.highlight.pathDone,
        width: 3,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.highlight.pathDone,
        'arrow-scale': 1.2,
        label: 'data(label)',
        'font-size': 11,
        'font-weight': 'bold',
        color: p.highlight.path,
        'min-zoomed-font-size': 0,
        'z-index': 3,
        opacity: 1,
      },
    },
    { selector: 'edge.path.current', style: { 'line-color': p.highlight.path, 'target-arrow-color': p.highlight.path, width: 5 } },
    { selector: 'edge.path.dead', style: { 'line-style': 'dashed', 'line-color': p.highlight.dead, 'target-arrow-color': p.highlight.dead } },
  ];
}

/** Legend entries: what each swatch means, drawn from the same palette. */
export interface LegendEntry {
  /** Message key suffix: the UI shows `ui.legend.<id>` (the label is the English text, for non-UI use). */
  id: string;
  label: string;
  kind: 'box' | 'line';
  fill?: string;
  stroke: string;
  dash?: 'solid' | 'dashed' | 'dotted';
}

export function legendEntries(theme: Theme): LegendEntry[] {
  const p = PALETTES[theme];
  return [
    { id: 'node', label: 'Node (NodeIP, pod CIDR)', kind: 'box', fill: p.node.fill, stroke: p.node.border },
    { id: 'pod', label: 'Pod (PodIP)', kind: 'box', fill: p.pod.fill, stroke: p.pod.border },
    { id: 'service', label: 'Service (virtual: ClusterIP, ports)', kind: 'box', fill: p.service.fill, stroke: p.service.border, dash: 'dashed' },
    { id: 'lb', label: 'Cloud load balancer', kind: 'box', fill: p.lb.fill, stroke: p.lb.border },
    { id: 'ingress', label: 'Ingress entry point', kind: 'box', fill: p.ingress.fill, stroke: p.ingress.border },
    { id: 'aggregate', label: 'Aggregate (click to expand)', kind: 'box', fill: p.aggregate.fill, stroke: p.aggregate.border },
    { id: 'ready', label: 'Service → ready endpoint', kind: 'line', stroke: p.edge.ready },
    { id: 'notReady', label: 'not-ready endpoint', kind: 'line', stroke: p.edge.notReady, dash: 'dashed' },
    { id: 'terminating', label: 'terminating endpoint (fallback only)', kind: 'line', stroke: p.edge.terminating, dash: 'dotted' },
    { id: 'inferred', label: 'inferred from selector (no EndpointSlice)', kind: 'line', stroke: p.edge.inferred, dash: 'dashed' },
    { id: 'selector', label: 'selected by selector, not an endpoint', kind: 'line', stroke: p.edge.selector, dash: 'dotted' },
    { id: 'lbNode', label: 'LB → node port', kind: 'line', stroke: p.edge.lbNode },
    { id: 'drop', label: 'LB → node without local endpoint (drops)', kind: 'line', stroke: p.edge.drop, dash: 'dashed' },
    { id: 'ingressService', label: 'Ingress → Service', kind: 'line', stroke: p.edge.ingress },
    { id: 'path', label: 'traced path hop', kind: 'line', stroke: p.highlight.path },
    { id: 'learn', label: 'Learn mode: what the step talks about', kind: 'box', fill: p.background, stroke: p.highlight.learn },
    { id: 'finding', label: 'finding: error / warning / note', kind: 'box', fill: p.background, stroke: p.finding.error },
  ];
}

/** Diff-mode legend entries (shown only while comparing). */
export function diffLegendEntries(theme: Theme): LegendEntry[] {
  const p = PALETTES[theme];
  return [
    { id: 'diffAdded', label: 'added since the base', kind: 'box', fill: p.background, stroke: p.diff.added },
    { id: 'diffChanged', label: 'changed since the base', kind: 'box', fill: p.background, stroke: p.diff.changed },
    { id: 'diffRemoved', label: 'removed since the base (ghost)', kind: 'box', fill: p.background, stroke: p.diff.removed, dash: 'dashed' },
  ];
}
