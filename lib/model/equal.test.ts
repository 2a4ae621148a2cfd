import { describe, expect, it } from 'vitest';
import { recordsEqual } from './equal';

describe('recordsEqual', () => {
  it('compares JSON-shaped records by value, ignoring key order', () => {
    expect(recordsEqual({ a: 1, b: [1, { c: 'x' }], d: null }, { d: null, b: [1, { c: 'x' }], a: 1 })).toBe(true);
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: [1] }, { a: { 0: 1 } }],
    [{ a: null }, { a: {} }],
    [{ labels: { app: 'web' } }, { labels: { app: 'web', tier: 'front' } }],
  ])('tells %j from %j', (a, b) => {
    expect(recordsEqual(a, b)).toBe(false);
    expect(recordsEqual(b, a)).toBe(false);
  });
});
