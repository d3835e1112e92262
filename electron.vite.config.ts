import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // The database worker's thread (src-main/worker/worker-entry.ts loads it from beside index.js).
          'db-worker': resolve(__dirname, 'src-main/worker/db-worker.ts'),
        },
        // electron-updater is loaded only when an update feed is configured (see auto-update.ts);
        // pg stays a package of its own (its optional pg-native is not bundleable).
        external: ['better-sqlite3', 'keytar', 'electron', 'electron-updater', 'pg'],
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload cannot be an ES module, and package.json says "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer loads faster minified.
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
