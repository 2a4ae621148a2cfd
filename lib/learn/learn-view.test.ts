import { describe, expect, it } from 'vitest';
import { LEARN_TOURS, isTourId, learnHighlights, stepAt, stepIndex } from './learn-view';
import type { Tour } from './tours';

const tour: Tour = {
  id: 'ips',
  titleKey: 'tour.title.ips',
  steps: ['a', 'b', 'c'].map((id) => ({ id, titleKey: 't', textKey: 'x', params: {}, highlight: [] })),
};

describe('learn view', () => {
  it('lists default first and recognises tour IDs', () => {
    expect(LEARN_TOURS[0]).toBe('default');
    expect(isTourId('path-2')).toBe(true);
    expect(isTourId('path-5')).toBe(false);
    expect(isTourId(undefined)).toBe(false);
  });
  it('finds steps by ID, falling back to the first', () => {
    expect(stepIndex(tour, 'c')).toBe(2);
    expect(stepIndex(tour, undefined)).toBe(0);
    expect(stepIndex(tour, 'gone')).toBe(0);
  });
  it('steps within the tour', () => {
    expect(stepAt(tour, 0, -1)?.id).toBe('a');
    expect(stepAt(tour, 1, 1)?.id).toBe('c');
    expect(stepAt(tour, 2, 1)?.id).toBe('c');
    expect(stepAt({ ...tour, steps: [] }, 0)).toBeUndefined();
  });
  it('maps highlights to visible elements', () => {
    const model = { representative: (id: string) => (id.startsWith('pod:') ? 'node:n1' : id === 'gone' ? undefined : id) };
    expect([...learnHighlights(model, ['pod:a/b', 'node:n1', 'svc:a/s', 'gone'])]).toEqual(['node:n1', 'svc:a/s']);
  });
});
