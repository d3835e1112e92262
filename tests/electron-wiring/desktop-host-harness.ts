import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { RunningDesktopHost } from '../../src-main/platform/electron/desktop-host';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { FakeScheduleTimer } from '../../src-main/sync/scheduler/fake-schedule-timer';
import { resetSingleInstanceLock } from '../support/electron-double/electron';

export type ElectronDouble = typeof import('../support/electron-double/electron');
export type UpdaterDouble = typeof import('../support/electron-double/electron-updater');

/** One temp "computer": the data, logs and documents folders, and a built app's out/ folder. */
export interface Machine {
  root: string;
  dataDir: string;
  logsDir: string;
  documentsDir: string;
  outDir: string;
  remove(): void;
}

export function createMachine(): Machine {
  const root = mkdtempSync(join(tmpdir(), 'equineops-wiring-'));
  const folder = (...parts: string[]) => {
    const dir = join(root, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const outDir = folder('app', 'out', 'main');
  // The host refuses to start without a CommonJS preload beside the main bundle.
  writeFileSync(join(folder('app', 'out', 'preload'), 'index.cjs'), '');
  folder('app', 'out', 'renderer');
  return {
    root,
    dataDir: folder('user-data'),
    logsDir: join(root, 'logs'),
    documentsDir: folder('documents'),
    outDir,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface LaunchedHost {
  electron: ElectronDouble;
  updater: UpdaterDouble;
  /** null when the launch found another copy running and quit. */
  running: RunningDesktopHost | null;
  timer: FakeScheduleTimer;
  quit(): Promise<void>;
}

export const CATCH_UP_DELAY_MS = 30_000;

/**
 * Starts the real desktop host (platform/electron/desktop-host.ts) as a new
 * process would: a fresh copy of every module, so a second launch has its own
 * `app` and meets the first one only through the single-instance lock.
 */
export async function launchDesktopHost(
  machine: Machine,
  options: {
    env?: Record<string, string>;
    packaged?: boolean;
    before?: (e: ElectronDouble) => void;
  } = {},
): Promise<LaunchedHost> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as ElectronDouble;
  const updater = (await import('electron-updater')) as unknown as UpdaterDouble;
  electron.app.setPath('logs', machine.logsDir);
  electron.app.setPath('documents', machine.documentsDir);
  electron.app.isPackaged = options.packaged ?? false;
  options.before?.(electron);
  const { startDesktopHost } = await import('../../src-main/platform/electron/desktop-host');
  const timer = new FakeScheduleTimer(new Date('2026-03-02T15:00:00Z'));
  const host = startDesktopHost({
    outDir: machine.outDir,
    env: { EQUINEOPS_USER_DATA_DIR: machine.dataDir, ...options.env },
    core: { scheduler: { timer, catchUpDelayMs: CATCH_UP_DELAY_MS }, dailyBackups: false },
    secrets: createMemorySecretStoreForTests(),
    clock: timer,
  });
  const running = await host.ready;
  return {
    electron,
    updater,
    running,
    timer,
    async quit() {
      if (electron.app.hasQuit) return;
      electron.app.quit();
      await electron.app.whenQuit();
    },
  };
}

export function forgetSingleInstanceLock(): void {
  resetSingleInstanceLock();
}

/** Waits for something the host does after an await (a settings read, a refresh). */
export async function eventually(check: () => boolean, what: string): Promise<void> {
  // Generous: CI machines are slow and shared; the check returns as soon as it holds.
  for (let i = 0; i < 1000; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting: ${what}`);
}
