import { spawn } from 'node:child_process';
import type { ElectronApplication, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannels, methods, type CallResult } from '../../src-shared/contract';
import { findElectronBinary } from './electron-binary';
import { launchBuiltApp, repoRoot, type LaunchedApp } from './launch-built-app';

/*
 * The Electron host's wiring, checked in a real Electron: the secure window,
 * the preload's contract-only `window.api`, IPC answered by the core, blocked
 * navigation and new windows, and the single-instance lock. Needs an Electron
 * binary and `npm run build`; without the binary the whole file is skipped
 * and says why.
 */
const electron = findElectronBinary();
const skipReason = electron.found ? '' : ` (skipped: ${electron.reason})`;
if (!electron.found) console.info(`Electron host tests skipped: ${electron.reason}.`);

type PageGlobals = {
  api?: Record<string, (input: unknown) => Promise<CallResult<unknown>>>;
  require?: unknown;
  process?: unknown;
  open(url: string): unknown;
  location: { href: string };
};

describe.skipIf(!electron.found)(`Electron host${skipReason}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let launched: LaunchedApp | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!electron.found) return;
    launched = await launchBuiltApp(electron.path, {});
    ({ app, page, env } = launched);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('runs the page sandboxed, context-isolated and without Node or <webview>', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown>;
      };
      return contents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return { require: typeof g.require, process: typeof g.process };
    });
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined' });
  });

  it('exposes exactly the contract calls and onEvent as window.api', async () => {
    const keys = await page.evaluate(() =>
      Object.keys((globalThis as unknown as PageGlobals).api ?? {}).sort(),
    );
    expect(keys).toEqual([...methods, 'onEvent'].sort());
  });

  it('answers a contract call over IPC from the core', async () => {
    const result = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).api?.['app.info']?.({}),
    );
    expect(result).toMatchObject({ ok: true, value: { host: 'electron' } });
    const refused = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).api?.['settings.update']?.({ staffName: '' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('registers one IPC handler per contract method', async () => {
    const channels = methods.map((m) => ipcChannels.call(m));
    const missing = await app.evaluate(({ ipcMain }, names) => {
      const registry = ipcMain as unknown as { _invokeHandlers?: Map<string, unknown> };
      return registry._invokeHandlers
        ? names.filter((n) => !registry._invokeHandlers?.has(n))
        : null;
    }, channels);
    // _invokeHandlers is Electron-internal; when it is absent the call test above still proves the wiring.
    if (missing !== null) expect(missing).toEqual([]);
  });

  it('opens no new window and does not navigate away from the app', async () => {
    const before = page.url();
    const opened = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).open('https://example.com/') === null,
    );
    expect(opened).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
    );
    expect(windows).toEqual([before]);
  });

  it('a second copy hands over to the running one and exits', async () => {
    if (!electron.found) return;
    const second = spawn(electron.path, [repoRoot], { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((done) => second.on('exit', done));
    expect(code).toBe(0);
    const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(count).toBe(1);
  });
});
