import { defineConfig } from 'vitest/config';
import { postgresOnlyTests } from './tests/support/postgres-only-tests';

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-shared/**/*.test.ts',
      'qbo-sandbox/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'src-renderer/**/*.test.ts',
    ],
    // Run by vitest.postgres.config.ts, beside a PostgreSQL server.
    exclude: ['**/node_modules/**', ...postgresOnlyTests],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Machine-readable results are what .ci/run counts.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
