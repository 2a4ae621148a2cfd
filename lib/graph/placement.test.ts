import { describe, expect, it } from 'vitest';
import type { GraphNode } from './elements';
import { placeAdded, type PlacedBox } from './placement';

const n = (id: string, x: number, y: number, parent?: string, w = 100, h = 40): GraphNode => ({
  group: 'nodes',
  data: { id, kind: parent ? 'pod' : 'svc', band: parent ? 'nodes' : 'services', label: id, lines: [id], w, h, ...(parent ? { parent } : {}) },
  classes: '',
  position: { x, y },
});

function overlap(a: PlacedBox, b: PlacedBox): boolean {
  return Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;
}

describe('placeAdded', () => {
  // Node n1 holds three pods in a 2-column grid that the user has moved to (1000, 1000).
  const current = new Map<string, PlacedBox>([
    ['pod:a', { x: 1000, y: 1000, w: 100, h: 40, parent: 'node:n1' }],
    ['pod:b', { x: 1112, y: 1000, w: 100, h: 40, parent: 'node:n1' }],
    ['pod:c', { x: 1000, y: 1054, w: 100, h: 40, parent: 'node:n1' }],
    ['svc:x', { x: 300, y: 200, w: 100, h: 40 }],
  ]);

  it('puts a new pod in the first free cell of its node, where the node is now', () => {
    const p = placeAdded([n('pod:d', 0, 0, 'node:n1')], current).get('pod:d');
    expect(p).toEqual({ x: 1112, y: 1054 });
  });

  it('starts other new boxes at their preset position, moved right until they overlap nothing', () => {
    const out = placeAdded([n('svc:y', 310, 200), n('svc:z', 700, 200)], current);
    const y = out.get('svc:y') as { x: number; y: number };
    expect(overlap({ ...y, w: 100, h: 40 }, current.get('svc:x') as PlacedBox)).toBe(false);
    expect(y.y).toBe(200);
    expect(out.get('svc:z')).toEqual({ x: 700, y: 200 });
  });

  it('moves a new node together with its new pods', () => {
    const out = placeAdded([n('node:n2', 1050, 1020), n('pod:e', 1000, 1000, 'node:n2'), n('pod:f', 1112, 1000, 'node:n2')], current);
    expect(out.has('node:n2')).toBe(false); // a compound takes its place from its children
    const e = out.get('pod:e') as { x: number; y: number };
    const f = out.get('pod:f') as { x: number; y: number };
    expect(f.x - e.x).toBe(112);
    for (const b of current.values()) {
      expect(overlap({ ...e, w: 100, h: 40 }, b)).toBe(false);
      expect(overlap({ ...f, w: 100, h: 40 }, b)).toBe(false);
    }
  });
});
