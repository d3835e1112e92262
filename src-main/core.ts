import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { mergeHandlers, type Handlers } from './api/handlers';
import { clientsHandlers } from './clients/clients-handlers';
import { purgeDeletedNotes } from './clients/notes-repository';
import type { CoreContext } from './core-context';
import { protectDataFolder } from './data-folder/private-files';
import type { Db } from './db/open-database';
import type { DatabaseTarget } from './db/database-target';
import { DataSafety } from './backup/data-safety';
import type { CurrentDatabase } from './db/current-database';
import { duplicatesHandlers } from './duplicates/duplicates-handlers';
import { ClientDocuments } from './documents/client-documents';
import { documentsHandlers } from './documents/documents-handlers';
import { privacyHandlers } from './privacy/privacy-handlers';
import { startPrivacyUpkeep } from './privacy/privacy-upkeep';
import { importHandlers } from './import/import-handlers';
import { AppError } from './errors';
import { EventBus } from './events';
import { DatabaseWorker } from './worker/database-worker';
import type { Ports } from './platform/ports';
import { QuickBooksConnection } from './quickbooks/connection-service';
import type { OAuthExchanges } from './quickbooks/oauth/intuit-oauth-client';
import { loadQuickBooksConfig, type QuickBooksConfig } from './quickbooks/quickbooks-config';
import { quickbooksHandlers } from './quickbooks/quickbooks-handlers';
import { readStaffName } from './settings/settings-repository';
import { loadThisComputer, registerComputer } from './shared-database/computer-identity';
import { chooseDatabase } from './shared-database/database-choice';
import { SyncCoordinator, type SeatsOptions } from './shared-database/sync-coordinator';
import { settingsHandlers } from './settings/settings-handlers';
import { syncHandlers } from './sync/sync-handlers';
import { SyncService, type SyncOptions } from './sync/sync-service';
import { NightlyScheduler } from './sync/scheduler/nightly-scheduler';
import { nodeScheduleTimer, type ScheduleTimer } from './sync/scheduler/schedule-timer';
import { rememberingNotifier } from './notifications/remembering-notifier';
import { notifySyncResults } from './notifications/sync-notifications';
import { desktopSettingsHandlers } from './settings/desktop-settings';
import { diagnosticsHandlers } from './diagnostics/diagnostics-handlers';
import { layoutHandlers } from './layout/layout-handlers';

export interface CoreOptions {
  /** Folder for the data file: Electron's userData, or the browser host's --data-dir. */
  dataDir: string;
  ports: Ports;
  host: 'electron' | 'browser';
  version?: string;
  /**
   * Intuit app keys; by default read from the environment or quickbooks.json in
   * the data folder (see README). `null` means not configured.
   */
  quickbooks?: QuickBooksConfig | null;
  /** Only for tests that exercise failures Intuit's library cannot be made to produce. */
  oauth?: OAuthExchanges;
  /**
   * Start the database worker with the core rather than at the first sync or
   * import (the hosts do; tests that never need it leave it off).
   */
  warmWorker?: boolean;
  /** Sync tuning for tests and benchmarks (page size, concurrency, retry waits). */
  sync?: SyncOptions;
  /**
   * The nightly 2:00 AM sync and its catch-up. On by default with node-schedule;
   * tests pass a fake timer (sync/scheduler/fake-schedule-timer.ts) or false.
   */
  scheduler?: { timer?: ScheduleTimer; catchUpDelayMs?: number } | false;
  /** Daily backups: on by default with node-schedule; tests pass a fake timer or false. */
  dailyBackups?: { timer?: ScheduleTimer } | false;
  /** How long start-up waits for another program's lock on the file (tests shorten it). */
  lockWaitMs?: number;
  /** The host's log folder, for the support bundle and About (default: `<dataDir>/logs`). */
  logDir?: string;
  /**
   * Where the client list lives: by default this computer's file in dataDir;
   * a shared PostgreSQL database for several office computers (issue 17).
   */
  database?: DatabaseTarget;
  /** Several computers on a shared database: presence window, answer timeout (tests shorten them). */
  seats?: SeatsOptions;
}

export interface Core {
  /** Always the current connection, also after a restore replaced the file. */
  db: Db;
  /** The connection holder: a second connection (the database worker) hooks onReplace to close and reopen. */
  database: CurrentDatabase;
  /** Backups (daily and before changes), restore and the start-up check. */
  backups: DataSafety;
  events: EventBus;
  handlers: Handlers;
  dispatcher: Dispatcher;
  context: CoreContext;
  quickbooks: QuickBooksConnection;
  /** Customer sync: run(trigger), lastSuccessfulSyncAt(); 'sync.finished' on events tells when a run ends. */
  sync: SyncService;
  /** The nightly sync; null when turned off in CoreOptions. */
  scheduler: NightlyScheduler | null;
  /** Sync-finished notifications; `idle()` resolves once the last one was handed to the notifier. */
  syncNotices: { idle(): Promise<void> };
  /** Documents on clients (files by content hash under the data folder). */
  documents: ClientDocuments;
  close(): Promise<void>;
}

export const DATA_FILE_NAME = 'equineops.sqlite';

/** The whole app as a plain Node object; hosts only carry calls and events to it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  protectDataFolder(options.dataDir, dataFile);
  const database =
    options.database ??
    (await chooseDatabase({
      env: process.env,
      dataDir: options.dataDir,
      secrets: options.ports.databaseSecrets,
      dataFile,
    }));
  const shared = database.kind === 'postgres' ? database : undefined;
  const data = new DataSafety({
    dataFile,
    shared,
    dataDir: options.dataDir,
    clock: options.ports.clock,
    daily:
      options.dailyBackups === false
        ? false
        : { timer: options.dailyBackups?.timer ?? nodeScheduleTimer },
    busyTimeoutMs: options.lockWaitMs,
  });
  const db = data.database.db;
  const events = new EventBus();
  const notifier = rememberingNotifier(options.ports.notifier, options.ports.clock);
  const worker = new DatabaseWorker(shared ?? { kind: 'sqlite', file: dataFile });
  if (options.warmWorker) worker.warmUp();
  // A restore moves the file: the worker's connection closes first; its next job opens the new file.
  data.database.onReplace({
    beforeReplace: () => worker.pause(),
    afterReplace: () => worker.resume(),
  });
  // Settings → Data moved the list, joined a shared one or went back to the file: called while the worker is paused.
  data.onSwitch((target) => worker.retarget(target));
  const computer = loadThisComputer(options.dataDir);
  const context: CoreContext = {
    computer,
    db,
    worker,
    ports: { ...options.ports, notifier },
    events,
    host: options.host,
    version: options.version ?? '0.1.0',
    dataFile,
    backups: data,
    actor: () => readStaffName(db, computer.id),
    openExternalUrl: async (url) => {
      if (!/^https?:\/\//i.test(url)) {
        throw new AppError('validation', 'Only web addresses (http or https) can be opened.');
      }
      await options.ports.openExternal.open(url);
    },
  };
  const config =
    options.quickbooks !== undefined
      ? options.quickbooks
      : loadQuickBooksConfig(process.env, join(options.dataDir, 'quickbooks.json'));
  // Several computers on a shared database; none on this computer's own file. Settings → Data
  // can switch while the app runs, so the connection and the sync read the current one.
  let seats = shared ? new SyncCoordinator(context, shared, options.seats, data.health) : null;
  const quickbooks = new QuickBooksConnection(context, config, options.oauth, () => seats);
  const sync = new SyncService(context, quickbooks, options.sync, () => seats);
  // Runs while the worker is paused, before the new database is in use; whenOpen then starts the new coordinator.
  data.onSwitch(async (target) => {
    await seats?.stop();
    seats =
      target.kind === 'postgres'
        ? new SyncCoordinator(context, target, options.seats, data.health)
        : null;
  });
  quickbooks.onConnected = () => void sync.run('initial').catch(() => undefined);
  const syncNotices = notifySyncResults({
    events,
    notifier,
    connectionExpired: async () => (await quickbooks.status()).state === 'reconnect_required',
  });
  let scheduler: ReturnType<typeof startScheduler> | null = null;
  const documents = new ClientDocuments(context);
  const privacyUpkeep = startPrivacyUpkeep(context, documents);
  // Started once the file is open: at once, or after a choice on the recovery screen.
  await data.open(async () => {
    await registerComputer(db, computer, context.version, options.ports.clock.now());
    await seats?.start(sync, quickbooks);
    // Deleted notes past their undo window go at start-up (and with each later delete).
    await purgeDeletedNotes(db, options.ports.clock.now());
    await privacyUpkeep.run();
    if (options.scheduler !== false && !scheduler)
      scheduler = startScheduler(context, quickbooks, sync, options.scheduler);
  });
  const handlers = data.guard(
    mergeHandlers(
      clientsHandlers(context),
      settingsHandlers(context),
      quickbooksHandlers(quickbooks),
      syncHandlers(db, sync),
      duplicatesHandlers(context),
      importHandlers(context),
      documentsHandlers(context, documents),
      privacyHandlers(context, { documents, backupFiles: () => data.store.fileNames() }),
      desktopSettingsHandlers(context),
      diagnosticsHandlers(context, {
        dataDir: options.dataDir,
        logDir: options.logDir ?? join(options.dataDir, 'logs'),
      }),
      layoutHandlers(context, join(options.dataDir, 'table-layout.json')),
      data.handlers(context, {
        syncRunning: () => sync.isRunning(),
        workerBusy: () => worker.busy(),
        // Move my data there holds the worker's jobs while it copies the file.
        holdWorker: async () => {
          await worker.pause();
          return () => worker.resume();
        },
      }),
    ),
  );
  return {
    db,
    database: data.database,
    backups: data,
    events,
    handlers,
    dispatcher: createDispatcher(handlers, {
      dataFile,
      // Read when a call fails, so a failure names the database in use after a switch too.
      get database() {
        return data.current.kind === 'postgres' ? data.current : undefined;
      },
    }),
    context,
    quickbooks,
    sync,
    get scheduler() {
      return scheduler?.scheduler ?? null;
    },
    syncNotices,
    documents,
    close: async () => {
      privacyUpkeep.stop();
      scheduler?.stop();
      syncNotices.stop();
      await sync.close();
      await scheduler?.scheduler.settled();
      await seats?.stop();
      quickbooks.close();
      await worker.close();
      await data.close();
    },
  };
}

/**
 * The nightly sync, planned from the organization's time zone and the Customer
 * Sync switch, and planned again whenever either changes.
 */
function startScheduler(
  context: CoreContext,
  quickbooks: QuickBooksConnection,
  sync: SyncService,
  options: { timer?: ScheduleTimer; catchUpDelayMs?: number } = {},
): { scheduler: NightlyScheduler; stop(): void } {
  const scheduler = new NightlyScheduler({
    clock: context.ports.clock,
    power: context.ports.power,
    timer: options.timer ?? nodeScheduleTimer,
    catchUpDelayMs: options.catchUpDelayMs,
    readPlan: async () => {
      const status = await quickbooks.status();
      return {
        timeZone: status.schedule.timeZone,
        customerSyncEnabled: status.customerSyncEnabled,
        connection: status.state,
      };
    },
    lastSuccessfulSyncAt: () => sync.lastSuccessfulSyncAt(),
    runSync: (trigger, slot) => sync.run(trigger, { slot }),
    // The Integrations page shows the next run: refetch the status when it moves.
    onNextRunChanged: () => context.events.emit('data.changed', { tables: ['connection'] }),
  });
  const stopListening = context.events.subscribe((event, payload) => {
    const settingsChanged =
      event === 'data.changed' && (payload as { tables: string[] }).tables.includes('settings');
    if (event === 'quickbooks.changed' || settingsChanged) void scheduler.reschedule();
  });
  void scheduler.start();
  return {
    scheduler,
    stop: () => {
      stopListening();
      scheduler.stop();
    },
  };
}
