import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

/**
 * The Electron host's wiring (`npm run test:wiring`): the real host code
 * (src-main/platform/electron/*) started against a recording double of the
 * `electron` module, so it runs in CI where no Electron binary can be
 * downloaded. The real-binary tests stay in tests/electron.
 */
export default defineConfig({
  root,
  resolve: {
    alias: {
      electron: resolve(root, 'tests/support/electron-double/electron.ts'),
      'electron-updater': resolve(root, 'tests/support/electron-double/electron-updater.ts'),
    },
  },
  test: {
    include: ['tests/electron-wiring/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
    // electron-store imports electron itself: it must go through the alias too.
    server: { deps: { inline: ['electron-store'] } },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-wiring.json' }]],
  },
});
