import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(e2eDir, '..');
const port = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;

// Every run starts from a fresh data folder: a new embedded PostgreSQL with the demo data.
// Playwright loads this file in the runner and in each worker; the folder is made once and shared through the env.
process.env.LOA_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'loa-e2e-'));
const dataDir = process.env.LOA_E2E_DATA_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // per checkout, so two runs on one machine never delete each other's traces
  outputDir: path.join(repoRoot, 'test-results'),
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: `node bin/loa serve --port ${port}`,
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { ...(process.env as Record<string, string>), LOA_DATA_DIR: dataDir, LOA_LOG_LEVEL: 'warn', LOA_FETCH_ALLOW: '127.0.0.1' },
  },
});
