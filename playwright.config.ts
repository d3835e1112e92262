import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

// The shared-database specs need the throwaway cluster of scripts/with-postgres.sh. Without
// one they are left out, said once (as the unit tests' run-if-postgres.mjs does), unless CI
// requires them (EQUINEOPS_REQUIRE_POSTGRES=1), where their failure is the point.
const POSTGRES_SPECS = [
  '**/shared-database.spec.ts',
  '**/staff-name-per-computer.spec.ts',
  '**/move-to-shared-database.spec.ts',
];
const postgresMissing =
  !process.env.EQUINEOPS_TEST_POSTGRES_URL && process.env.EQUINEOPS_REQUIRE_POSTGRES !== '1';
if (postgresMissing && process.env.TEST_WORKER_INDEX === undefined)
  console.log(
    "PostgreSQL e2e skipped: no test server. Run `bash scripts/with-postgres.sh npm test` (needs Debian's postgresql).",
  );

export default defineConfig({
  testDir: 'tests/e2e',
  testIgnore: postgresMissing ? POSTGRES_SPECS : [],
  outputDir: 'test-results/e2e-artifacts',
  // Two cores: one browser at a time keeps runs stable.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
