import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './src/cli/chromiumArgs';

/**
 * End-to-end tests in the system Chromium (Playwright cannot download browsers here). WebGPU
 * runs on SwiftShader, a software GPU: keep sizes small and one test at a time.
 */

// E2E_PORT / E2E_DIST let two runs share a checkout (each builds into its own folder).
export const PORT = Number(process.env.E2E_PORT ?? 4183);
const DIST = process.env.E2E_DIST ?? 'dist';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    colorScheme: 'light',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    command: `npm run build -- --outDir ${DIST} && npx vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
