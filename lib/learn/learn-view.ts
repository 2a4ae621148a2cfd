/**
 * Learn mode in the view (pure): which tour and step the URL names, stepping, and the step's element
 * IDs mapped to what the graph shows. No React, no i18n.
 */
import { TOUR_IDS, type Tour, type TourId, type TourStep } from './tours';

/** The tours the Learn panel lists, in order (`default` first). */
export const LEARN_TOURS: readonly TourId[] = ['default', ...TOUR_IDS];

export function isTourId(value: unknown): value is TourId {
  return typeof value === 'string' && (LEARN_TOURS as readonly string[]).includes(value);
}

/** The index of the step named `stepId` (0 when it is unset or not in this tour, e.g. after a data change). */
export function stepIndex(tour: Tour, stepId: string | undefined): number {
  if (!stepId) return 0;
  const i = tour.steps.findIndex((s) => s.id === stepId);
  return i < 0 ? 0 : i;
}

/** The step `delta` places from the one at `index`, clamped to the tour; undefined for an empty tour. */
export function stepAt(tour: Tour, index: number, delta = 0): TourStep | undefined {
  if (tour.steps.length === 0) return undefined;
  return tour.steps[Math.max(0, Math.min(tour.steps.length - 1, index + delta))];
}

/** Anything that maps a model element ID to the element that stands for it on screen. */
export interface Representer {
  representative(id: string): string | undefined;
}

/** The visible elements standing for a step's highlight IDs (IDs with nothing visible are left out). */
export function learnHighlights(model: Representer, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const rep = model.representative(id);
    if (rep) out.add(rep);
  }
  return out;
}
