import { join } from 'node:path';
import type { Method } from '../../src-shared/contract';
import { CallGate } from '../api/call-gate';
import type { HandlerGroup, Handlers } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { CurrentDatabase } from '../db/current-database';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import type { PostgresTarget } from '../db/database-target';
import { openPostgres } from '../db/postgres/open-postgres';
import { DocumentBlobs } from '../documents/document-blobs';
import { log } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import type { Clock } from '../platform/ports';
import { DataFileStartUp } from '../recovery/data-file-start-up';
import { recoveryHandlers } from '../recovery/recovery-handlers';
import { readOrganizationSettings } from '../settings/settings-repository';
import type { ScheduleTimer } from '../sync/scheduler/schedule-timer';
import { backupHandlers } from './backup-handlers';
import { BackupStore } from './backup-store';
import { DailyBackups } from './daily-backups';
import type { RestoreDeps } from './database-restore';

export const BACKUPS_FOLDER_NAME = 'backups';

/** The calls that change many clients at once: a restore waits for none of them to run. */
const LONG_WRITES: readonly Method[] = [
  'import.commit',
  'import.undo',
  'duplicates.merge',
  'duplicates.undoMerge',
];

/** Calls that replace the file themselves, so the gate must not hold them. */
const SWAPS: readonly Method[] = [
  'backups.restore',
  'recovery.restoreBackup',
  'recovery.startNew',
  'recovery.retry',
  'app.status',
];

export interface DataSafetyOptions {
  dataFile: string;
  /**
   * A shared PostgreSQL database instead of the file: no backups here (they are
   * the server's job), no recovery screen, no file to check.
   */
  shared?: PostgresTarget;
  dataDir: string;
  clock: Clock;
  /** Daily backups: on by default (node-schedule); tests pass a fake timer or false. */
  daily: { timer: ScheduleTimer } | false;
  /** How long start-up waits for another program's lock before showing the recovery screen. */
  busyTimeoutMs?: number;
  log?: (message: string) => void;
}

/** What the restore needs to know about the rest of the app. */
export interface RunningWork {
  syncRunning(): boolean;
  /** The database worker has a job queued or running. */
  workerBusy(): boolean;
}

/**
 * Everything that keeps the client database safe, in one place for core.ts:
 * the swappable connection, backups (daily and before changes), restore, and
 * the start-up check with its recovery screen.
 */
export class DataSafety {
  readonly database = new CurrentDatabase();
  readonly store: BackupStore;
  readonly gate = new CallGate();
  private readonly startUp: DataFileStartUp;
  private readonly daily: DailyBackups | null;
  private onOpened: () => Promise<void> = async () => undefined;
  private readonly log: (message: string) => void;

  constructor(private readonly options: DataSafetyOptions) {
    this.log = options.log ?? ((message) => log.error('backup', message));
    const timeZone = async () => (await readOrganizationSettings(this.database.db)).timeZone;
    this.store = new BackupStore(
      join(options.dataDir, BACKUPS_FOLDER_NAME),
      options.clock,
      timeZone,
      DocumentBlobs.inDataFolder(options.dataDir),
    );
    this.startUp = new DataFileStartUp({
      dataFile: options.dataFile,
      store: this.store,
      database: this.database,
      open: (file) => this.openWithUpgradeBackup(file),
      onOpened: async () => {
        await this.onOpened();
        // Not awaited: start-up does not wait for today's copy (close() does).
        void this.daily?.start();
      },
      busyTimeoutMs: options.busyTimeoutMs,
    });
    this.daily =
      options.daily === false || options.shared
        ? null
        : new DailyBackups({
            clock: options.clock,
            timer: options.daily.timer,
            timeZone,
            dailyTimes: () => this.store.takenTimes('daily'),
            takeDaily: () => this.store.take(this.database.sqlite(), 'daily'),
            onError: (error) => this.log(`daily backup failed: ${describeUnexpected(error)}`),
          });
  }

  get inRecovery(): boolean {
    return this.startUp.inRecovery;
  }

  /**
   * Opens the data file at start. `whenOpen` starts what needs the database
   * (schedules, clean-ups); in recovery it runs once staff have chosen.
   */
  async open(whenOpen: () => Promise<void>): Promise<void> {
    this.onOpened = whenOpen;
    if (this.options.shared) {
      this.database.use(
        await openPostgres(this.options.shared, { max: 4, applicationName: 'EquineOps' }),
      );
      await whenOpen();
      return;
    }
    await this.store.removeUnfinished().catch(() => undefined);
    await this.startUp.open();
  }

  /** A copy before an import, an undo of one, or a merge; the work does not start without it. */
  async beforeChange(change: 'import' | 'merge'): Promise<void> {
    if (this.options.shared) return;
    await this.store.take(
      this.database.sqlite(),
      change === 'import' ? 'before-import' : 'before-merge',
    );
  }

  handlers(ctx: CoreContext, work: RunningWork): HandlerGroup {
    const restore: RestoreDeps = {
      store: this.store,
      database: this.database,
      dataFile: this.options.dataFile,
      // A backup older than this version is upgraded; it is itself the copy from before.
      open: (file) => openDatabase(file),
      alone: (swap) => this.gate.alone(swap),
      busyReason: () => {
        if (work.syncRunning())
          return 'A QuickBooks sync is running. Restore when it has finished; nothing was changed.';
        if (work.workerBusy() || this.gate.isRunning(LONG_WRITES))
          return 'An import or a merge is running. Restore when it has finished; nothing was changed.';
        return null;
      },
    };
    return {
      ...backupHandlers(ctx, this.store, restore),
      ...recoveryHandlers(this.startUp, ctx.events),
    };
  }

  /** Every call passes the gate, so a restore swaps the file with no call half-way through it. */
  guard(handlers: Handlers): Handlers {
    return this.gate.wrap(handlers, SWAPS);
  }

  /** Resolves once the daily check and any copy being written have ended (tests, shutdown). */
  async settled(): Promise<void> {
    await this.daily?.idle();
    await this.store.idle();
  }

  async close(): Promise<void> {
    await this.daily?.stop();
    await this.store.idle();
    await this.database.close();
  }

  /** Before the first pending step of an upgrade of an existing file, a copy of it as it was. */
  private openWithUpgradeBackup(file: string): Promise<OpenedDatabase> {
    return openDatabase(file, {
      beforeUpgrade: async (sqlite) => {
        await this.store.take(sqlite, 'before-upgrade');
      },
    });
  }
}
