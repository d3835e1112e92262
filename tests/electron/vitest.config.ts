import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The Electron host's own tests (`npm run test:electron`). Kept out of the
 * main unit run: they need an Electron binary, which these machines cannot
 * download, and report themselves as skipped when it is missing.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['tests/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-electron.json' }]],
  },
});
