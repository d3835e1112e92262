import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  /** The environment it was started with, for a second launch of the same app. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the built app (`npm run build`) in a real Electron with a data folder
 * of its own, and waits for its first window.
 */
export async function launchBuiltApp(
  executablePath: string,
  extraEnv: Record<string, string> = {},
): Promise<LaunchedApp> {
  if (!existsSync(join(repoRoot, 'out/main/index.js'))) {
    throw new Error(
      'The Electron host is not built: run `npm run build` before `npm run test:electron`.',
    );
  }
  const userData = mkdtempSync(join(tmpdir(), 'equineops-electron-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    EQUINEOPS_USER_DATA_DIR: userData,
    ...extraEnv,
  };
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  const app = await _electron.launch({ executablePath, args: [repoRoot], env });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    env,
    close: async () => {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
