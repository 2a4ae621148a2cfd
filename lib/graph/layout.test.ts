import { describe, expect, it } from 'vitest';
import { lane, measure, naturalCompare, naturalSortBy, place, shelfPack, type LayoutBox, type Position } from './layout';

describe('shelfPack', () => {
  it('packs left to right and wraps rows at the width', () => {
    const r = shelfPack([{ id: 'a', w: 100, h: 10 }, { id: 'b', w: 100, h: 30 }, { id: 'c', w: 100, h: 10 }], 230, 10, 5);
    expect(r.pos.get('a')).toEqual({ x: 0, y: 0 });
    expect(r.pos.get('b')).toEqual({ x: 110, y: 0 });
    expect(r.pos.get('c')).toEqual({ x: 0, y: 35 });
    expect(r.width).toBe(210);
    expect(r.height).toBe(45);
  });
});

describe('measure and place', () => {
  it('sizes a compound from its children and centres every box inside its parent', () => {
    const box: LayoutBox = {
      id: 'n',
      w: 50,
      h: 0,
      labelH: 20,
      maxInnerWidth: 250,
      children: ['a', 'b', 'c'].map((id) => ({ id, w: 100, h: 40, labelH: 0 })),
    };
    const size = measure(box);
    const out = new Map<string, Position>();
    place(box, 0, 0, out);
    const a = out.get('a') as Position;
    const c = out.get('c') as Position;
    expect(a.y).toBeGreaterThan(20);
    expect(c.y).toBeGreaterThan(a.y); // wrapped to a second row
    for (const id of ['a', 'b', 'c']) {
      const p = out.get(id) as Position;
      expect(p.x - 50).toBeGreaterThanOrEqual(0);
      expect(p.x + 50).toBeLessThanOrEqual(size.w);
      expect(p.y + 20).toBeLessThanOrEqual(size.h);
    }
  });
});

describe('lane', () => {
  const x = (r: ReturnType<typeof lane>, id: string): number => (r.pos.get(id) as Position).x;
  const y = (r: ReturnType<typeof lane>, id: string): number => (r.pos.get(id) as Position).y;

  it('puts items at their desired x when there is room, in that order, never overlapping', () => {
    const r = lane([{ id: 'c', w: 100, h: 20, desiredX: 500 }, { id: 'a', w: 100, h: 20, desiredX: 50 }, { id: 'b', w: 100, h: 20, desiredX: 60 }], 0, 1000, 0, 10, 10);
    expect(x(r, 'a')).toBe(50);
    expect(x(r, 'b')).toBe(160); // pushed right by a, keeping the gap
    expect(x(r, 'c')).toBe(500);
    expect(r.height).toBe(20);
  });

  it('pulls a row back inside the right edge instead of wrapping while it fits', () => {
    const r = lane([{ id: 'a', w: 100, h: 20, desiredX: 900 }, { id: 'b', w: 100, h: 20, desiredX: 950 }], 0, 500, 0, 10, 10);
    expect(x(r, 'b')).toBe(450);
    expect(x(r, 'a')).toBe(340);
    expect(y(r, 'a')).toBe(y(r, 'b'));
  });

  it('wraps when the items do not fit one row; items without a desired x come last', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, w: 100, h: 20, desiredX: i * 10 }));
    const r = lane([...items, { id: 'z', w: 100, h: 20 }], 0, 330, 0, 10, 10);
    expect(y(r, 's0')).toBe(y(r, 's2'));
    expect(y(r, 's3')).toBeGreaterThan(y(r, 's2'));
    expect(y(r, 'z')).toBe(y(r, 's3'));
    expect(x(r, 'z')).toBeGreaterThan(x(r, 's4'));
    for (const id of ['s0', 's1', 's2', 's3', 's4', 'z']) expect(x(r, id) + 50).toBeLessThanOrEqual(330);
    expect(r.height).toBe(50);
  });
});

describe('natural order', () => {
  it('sorts numbers inside names by value', () => {
    expect(['node-10', 'node-2', 'node-1'].sort(naturalCompare)).toEqual(['node-1', 'node-2', 'node-10']);
    expect(naturalSortBy([{ n: 'w-10' }, { n: 'w-9' }], (x) => x.n).map((x) => x.n)).toEqual(['w-9', 'w-10']);
  });
});
