import { defineConfig } from 'vitest/config';

// Integration tests against a real control plane (etcd + kube-apiserver + kube-controller-manager
// + kwok, built from Go modules: docs/cluster-harness.md). One control plane per run, started by
// the globalSetup (which builds the binaries on first use); every test file works in its own
// namespace. Run with `npm run test:integration`.
export default defineConfig({
  test: {
    include: ['e2e/integration/**/*.test.ts'],
    globalSetup: ['e2e/integration/global-setup.ts'],
    setupFiles: ['e2e/integration/setup.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2, // 2-core machines: the control plane needs the rest
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
