import { defineConfig } from 'vitest/config';
import { sqliteOnlyTests } from './tests/support/sqlite-only-tests';

/**
 * The core's tests again, on PostgreSQL: every test core (createTestCore,
 * createSandboxedCore) gets its own database on the throwaway cluster that
 * `bash scripts/with-postgres.sh` starts. Run through scripts/run-if-postgres.mjs
 * by `npm test`; the tests that are about the SQLite file alone are listed in
 * tests/support/sqlite-only-tests.ts.
 */
export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...sqliteOnlyTests],
    environment: 'node',
    env: { EQUINEOPS_TEST_DATABASE: 'postgres' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-postgres.json' }]],
  },
});
