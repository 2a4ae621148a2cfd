import { describe, expect, it } from 'vitest';
import { diffElements } from './diff';
import type { GraphElement, GraphNode } from './elements';

const n = (id: string, extra: Partial<GraphNode['data']> = {}, classes = 'pod'): GraphNode => ({
  group: 'nodes',
  data: { id, kind: 'pod', band: 'nodes', label: id, lines: [id], w: 10, h: 10, ...extra },
  classes,
  position: { x: 0, y: 0 },
});

describe('diffElements', () => {
  const prev = new Map<string, GraphElement>([
    ['a', n('a', { parent: 'p' })],
    ['b', n('b')],
    ['c', n('c')],
  ]);

  it('finds added, removed, changed (data or classes) and re-parented elements by ID', () => {
    const d = diffElements(prev, [n('a', { parent: 'q' }), n('b', { lines: ['b', '10.0.0.1'] }), n('d'), n('c', {}, 'pod not-ready')]);
    expect(d.added.map((e) => e.data.id)).toEqual(['d']);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((e) => e.data.id)).toEqual(['b', 'c']);
    expect(d.reparented).toEqual([{ id: 'a', parent: 'q' }]);
  });

  it('reports nothing for an identical model (positions do not count as changes)', () => {
    const same = [n('a', { parent: 'p' }), n('b'), { ...n('c'), position: { x: 99, y: 99 } }];
    expect(diffElements(prev, same)).toEqual({ added: [], removed: [], changed: [], reparented: [] });
  });

  it('removes what is missing, and an element that lost its parent moves to the root', () => {
    const d = diffElements(prev, [n('a')]);
    expect(d.removed.sort()).toEqual(['b', 'c']);
    expect(d.reparented).toEqual([{ id: 'a', parent: null }]);
  });
});
