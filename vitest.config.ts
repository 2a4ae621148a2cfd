import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (architecture.md §6). Integration and e2e suites have their own configs.
export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'bin/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
