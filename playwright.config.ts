import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_ADMIN } from './e2e/auth/e2e-admin';

// Debian's Chromium where installed (CI, these machines); Playwright's own browser elsewhere.
const systemChromium = '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT ?? 3123);
// Every browser-test run starts on an empty data folder, so the server generates the demo afresh.
const DATA_DIR = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'segmenta-e2e-'));
// A second server with sign-in required (e2e/auth/), on its own port and data folder.
const AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? PORT + 1);
const AUTH_DATA_DIR = process.env.E2E_AUTH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'segmenta-e2e-auth-'));
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: existsSync(systemChromium)
    ? {
        executablePath: systemChromium,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }
    : {},
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 60_000,
  // A server action or a re-render can take several seconds on a busy 2-core machine.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
  },
  projects: [
    { name: 'chromium', testIgnore: /[\\/]e2e[\\/]auth[\\/]/, use: chromium },
    { name: 'auth', testDir: 'e2e/auth', use: { ...chromium, baseURL: `http://127.0.0.1:${AUTH_PORT}` } },
  ],
  // Playwright starts these one after the other: the second reuses the first one's build.
  webServer: [
    {
      command: `npm run build && node scripts/next.mjs start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      env: { SEGMENTA_DATA_DIR: DATA_DIR },
      timeout: 600_000,
    },
    {
      command: `node scripts/next.mjs start -p ${AUTH_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${AUTH_PORT}/sign-in`,
      reuseExistingServer: !process.env.CI,
      env: {
        SEGMENTA_DATA_DIR: AUTH_DATA_DIR,
        SEGMENTA_AUTH: 'required',
        SEGMENTA_ADMIN_EMAIL: E2E_ADMIN.email,
        SEGMENTA_ADMIN_PASSWORD: E2E_ADMIN.password,
      },
      timeout: 240_000,
    },
  ],
});
