import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const CHROMIUM = process.env.KUBEPATH_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.KUBEPATH_E2E_PORT ?? 3107);

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['integration/**'],
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // The production server, exactly as `npm start` runs it (it builds first when needed).
    command: `node scripts/start.mjs`,
    env: { PORT: String(PORT), KUBEPATH_HOST: '127.0.0.1' },
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
