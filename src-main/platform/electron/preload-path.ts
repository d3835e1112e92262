import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A sandboxed preload cannot be an ES module: Electron runs it as a plain
 * script. electron-vite emits `index.mjs` for an ESM package unless the
 * preload output format is set to "cjs", so an .mjs-only build is refused
 * here with the fix instead of opening a window with no `window.api`.
 */
export function resolvePreloadPath(preloadDir: string): string {
  for (const name of ['index.cjs', 'index.js']) {
    const candidate = join(preloadDir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `No CommonJS preload in ${preloadDir}. Set the preload build's output to ` +
      `{ format: 'cjs', entryFileNames: '[name].cjs' } in electron.vite.config.ts and rebuild.`,
  );
}
