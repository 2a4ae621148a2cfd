import { expect, type Page } from '@playwright/test';

/** Collects console errors and page errors; call `assertClean()` at the end of a test. */
export function guardConsole(page: Page): { assertClean: () => void } {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { assertClean: () => expect(problems, problems.join('\n')).toEqual([]) };
}
