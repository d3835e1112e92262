import { spawn } from 'node:child_process';
import type { ElectronApplication, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';
import { launchBuiltApp, repoRoot, type LaunchedApp } from './launch-built-app';

/*
 * The Electron-only wiring of the nightly sync (docs/schedule-tray-notifications.md):
 * the tray and its menu, OS notifications that open the Sync Log when clicked,
 * powerMonitor's resume, the taskbar progress bar, closing into the tray, and
 * the single-instance lock. Needs an Electron binary and `npm run build`;
 * without the binary the file is skipped and says why. The rules behind these
 * (menu text, messages, the schedule) are tested in plain Node beside their modules.
 */
const electron = findElectronBinary();
const skipReason = electron.found ? '' : ` (skipped: ${electron.reason})`;
if (!electron.found) console.info(`Electron tray tests skipped: ${electron.reason}.`);

interface TestHooks {
  trayMenu(): { kind: string; label?: string; enabled?: boolean }[];
  nextRunAt(): string | null;
  notify(notification: { title: string; body: string; action?: string }): void;
}

describe.skipIf(!electron.found)(
  `Electron tray, notifications and power events${skipReason}`,
  () => {
    let app: ElectronApplication;
    let page: Page;
    let launched: LaunchedApp | undefined;
    let env: Record<string, string>;

    beforeAll(async () => {
      if (!electron.found) return;
      launched = await launchBuiltApp(electron.path, { EQUINEOPS_TEST_HOOKS: '1' });
      ({ app, page, env } = launched);
    });

    afterAll(async () => {
      await launched?.close();
    });

    const hooks = <T>(fn: (h: TestHooks) => T) =>
      app.evaluate((_electron, body) => {
        const h = (globalThis as unknown as { __equineopsTest: TestHooks }).__equineopsTest;
        return new Function('h', `return (${body})(h)`)(h) as unknown;
      }, fn.toString()) as Promise<T>;

    it('puts EquineOps in the tray with Sync Customers Now, Open EquineOps and Quit under a status line', async () => {
      await expect
        .poll(() => hooks((h) => h.trayMenu().map((i) => i.label ?? i.kind)))
        .toEqual([
          'QuickBooks not connected',
          'separator',
          'Sync Customers Now',
          'Open EquineOps',
          'separator',
          'Quit',
        ]);
      const syncNow = (await hooks((h) => h.trayMenu())).find(
        (i) => i.label === 'Sync Customers Now',
      );
      // Not connected yet: nothing to sync.
      expect(syncNow?.enabled).toBe(false);
    });

    it('opens the Sync Log when a sync notification is clicked', async () => {
      // A desktop without a notification daemon shows none (the Sync Log still has the result).
      if (!(await app.evaluate(({ Notification }) => Notification.isSupported()))) return;
      await app.evaluate(({ Notification }) => {
        const original = Notification.prototype.show;
        Notification.prototype.show = function (this: Electron.Notification) {
          original.call(this);
          setTimeout(() => this.emit('click'), 50);
        };
      });
      await hooks((h) =>
        h.notify({ title: 'Customer sync finished', body: '3 new.', action: 'open-sync-log' }),
      );
      await expect
        .poll(() =>
          page.evaluate(
            () => (globalThis as unknown as { location: { hash: string } }).location.hash,
          ),
        )
        .toBe('#/settings/integrations/sync-log');
    });

    it('plans the nightly run and re-plans it when the computer wakes', async () => {
      const before = await hooks((h) => h.nextRunAt());
      expect(before).not.toBeNull();
      await app.evaluate(({ powerMonitor }) => powerMonitor.emit('resume'));
      await expect.poll(() => hooks((h) => h.nextRunAt())).toBe(before);
    });

    it('shows sync progress on the taskbar and clears it at the end', async () => {
      const calls = await app.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0]!;
        const seen: number[] = [];
        const original = window.setProgressBar.bind(window);
        window.setProgressBar = (value: number, options?: Electron.ProgressBarOptions) => {
          seen.push(value);
          original(value, options);
        };
        (globalThis as unknown as { __progress: number[] }).__progress = seen;
        return seen.length;
      });
      expect(calls).toBe(0);
      // Without QuickBooks a sync fails at once: the bar is still cleared.
      await page.evaluate(() =>
        (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api[
          'sync.run'
        ]?.({ trigger: 'manual' }),
      );
      await expect
        .poll(() =>
          app.evaluate(() => (globalThis as unknown as { __progress: number[] }).__progress.at(-1)),
        )
        .toBe(-1);
    });

    it('keeps running in the tray when the window is closed, and a second launch brings it back', async () => {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()),
        )
        .toBe(false);
      if (!electron.found) return;
      const second = spawn(electron.path, [repoRoot], { env, stdio: 'ignore' });
      const code = await new Promise<number | null>((done) => second.on('exit', done));
      expect(code).toBe(0);
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()),
        )
        .toBe(true);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      );
    });
  },
);
