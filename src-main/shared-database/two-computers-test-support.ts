import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../qbo-sandbox/index';
import type { SyncRun } from '../../src-shared/contract';
import { createCore, type Core } from '../core';
import type { PostgresTarget } from '../db/database-target';
import { freshPostgresTarget } from '../db/testing/test-database';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import type { OpenExternal, SecretStore } from '../platform/ports';
import { sandboxQuickBooksConfig, type QuickBooksConfig } from '../quickbooks/quickbooks-config';
import { saveStaffName, writeSettings } from '../settings/settings-repository';
import { FakeScheduleTimer } from '../sync/scheduler/fake-schedule-timer';
import type { SyncOptions } from '../sync/sync-service';
import { COMPUTER_NAME_FILE_NAME } from './computer-identity';
import type { SeatsOptions } from './sync-coordinator';

/**
 * TEST SUPPORT. One office computer of several: its own data folder (so its
 * own computer id and name), its own keychain, its own schedule clock, on the
 * shared PostgreSQL database.
 */
export interface OfficeComputer {
  name: string;
  core: Core;
  dataDir: string;
  secrets: SecretStore;
  timer: FakeScheduleTimer;
  /** Connect QuickBooks here (the sandbox approves), waiting for the connection. */
  connect(): Promise<void>;
  /** EquineOps quits here (a clean close), or starts again on the same folder. */
  close(): Promise<void>;
  start(): Promise<Core>;
}

export interface Office {
  target: PostgresTarget;
  sandbox: RunningSandbox;
  config: QuickBooksConfig;
  computers: OfficeComputer[];
  dispose(): Promise<void>;
}

export const SCHEDULE_START = '2026-06-10T12:00:00.000Z';

export interface OfficeOptions {
  seats?: SeatsOptions;
  scheduler?: boolean;
  sync?: SyncOptions;
  sandbox?: SandboxOptions;
}

export async function createOffice(names: string[], options: OfficeOptions = {}): Promise<Office> {
  const target = await freshPostgresTarget();
  const sandbox = await startSandbox({
    port: 0,
    customers: 20,
    seed: 1,
    autoApprove: true,
    ...options.sandbox,
  });
  const config = sandboxQuickBooksConfig(sandbox);
  const computers: OfficeComputer[] = [];
  for (const name of names) computers.push(await officeComputer(name, target, config, options));
  return {
    target,
    sandbox,
    config,
    computers,
    async dispose() {
      for (const computer of computers) await computer.close();
      await sandbox.close();
      for (const computer of computers) rmSync(computer.dataDir, { recursive: true, force: true });
    },
  };
}

async function officeComputer(
  name: string,
  target: PostgresTarget,
  config: QuickBooksConfig,
  options: OfficeOptions,
): Promise<OfficeComputer> {
  const dataDir = mkdtempSync(join(tmpdir(), `equineops-seat-${name}-`));
  writeFileSync(join(dataDir, COMPUTER_NAME_FILE_NAME), `${name}\n`);
  const secrets = createMemorySecretStoreForTests();
  const timer = new FakeScheduleTimer(new Date(SCHEDULE_START));
  const ports = createNodePorts({ clock: timer, secrets, launchBrowser: false });
  const approvingBrowser: OpenExternal = {
    open: async (url) => {
      // fetch follows the sandbox's redirect to the app's loopback callback.
      void fetch(url).catch(() => undefined);
    },
  };
  let open: Core | null = null;
  const computer: OfficeComputer = {
    name,
    get core() {
      if (!open) throw new Error(`${name} is closed`);
      return open;
    },
    dataDir,
    secrets,
    timer,
    async start() {
      const core = await createCore({
        dataDir,
        database: target,
        host: 'browser',
        quickbooks: config,
        ports: { ...ports, openExternal: approvingBrowser },
        scheduler: options.scheduler ? { timer, catchUpDelayMs: 60 * 60_000 } : false,
        seats: options.seats,
        sync: options.sync,
      });
      open = core;
      await writeSettings(core.db, { organizationName: 'Sunny Acres Barn' });
      await saveStaffName(core.db, core.context.computer.id, `Staff at ${name}`);
      if (core.scheduler) {
        const scheduler = core.scheduler;
        timer.settle = () => scheduler.settled();
        await scheduler.settled();
      }
      return core;
    },
    async connect() {
      const core = computer.core;
      const connected = new Promise<void>((resolve, reject) => {
        const stop = core.events.subscribe((event, payload, meta) => {
          if (event !== 'quickbooks.changed' || meta.remote) return;
          const status = payload as { state: string; detail: string | null };
          if (status.state === 'connected') {
            stop();
            resolve();
          } else if (status.state === 'not_connected' && status.detail) {
            stop();
            reject(new Error(status.detail));
          }
        });
      });
      const started = await core.dispatcher.invoke('quickbooks.connect', {});
      if (!started.ok) throw new Error(started.error.message);
      await connected;
      // Connecting starts the initial sync; let it finish so tests start from a quiet office.
      if (core.sync.isRunning()) await core.sync.run('initial');
    },
    async close() {
      const core = open;
      open = null;
      await core?.close();
    },
  };
  await computer.start();
  return computer;
}

/** Resolves with the next sync.finished this computer's screens are told about (local or from another computer). */
export function nextFinishedRun(core: Core): Promise<SyncRun> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'sync.finished') return;
      stop();
      resolve(payload as SyncRun);
    });
  });
}
