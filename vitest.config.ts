import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-shared/**/*.test.ts',
      'qbo-sandbox/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'src-renderer/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Machine-readable results are what .ci/run counts.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
