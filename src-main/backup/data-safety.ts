import { join } from 'node:path';
import {
  DataTable,
  type DatabaseHealth,
  type DatabaseStatus,
  type Method,
  type MoveResult,
} from '../../src-shared/contract';
import { CallGate } from '../api/call-gate';
import type { HandlerGroup, Handlers } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { CurrentDatabase } from '../db/current-database';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { describeTarget, type DatabaseTarget, type PostgresTarget } from '../db/database-target';
import { openPostgres } from '../db/postgres/open-postgres';
import { connectFailure, connectionFacts, pingDatabase } from '../db/postgres/server-check';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { ConnectionHealth, isConnectionLoss } from '../shared-database/connection-health';
import { testConnection } from '../shared-database/connection-test';
import { choiceFromTarget, writeDatabaseChoice } from '../shared-database/database-choice';
import { DatabasePasswords } from '../shared-database/database-password';
import { moveToShared, type MoveInput } from '../shared-database/move-to-shared';
import {
  sharedDatabaseHandlers,
  type DatabaseSwitch,
} from '../shared-database/shared-database-handlers';
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
  // Settings → Data's shared database: a move or a switch takes the gate itself.
  'database.status',
  'database.test',
  'database.move',
  'database.use',
  'database.useLocal',
  'database.retry',
];

/** Application name a computer's connections show in pg_stat_activity. */
const APPLICATION_NAME = 'EquineOps';

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
  /** Tests: how long a lost connection waits between tries (default 1, 2, 5, then 10 s). */
  retryDelaysMs?: readonly number[];
  /** Tests only: runs inside a move's transaction just before the counts are compared. */
  beforeMoveVerify?: MoveInput['beforeVerify'];
}

/** What the restore needs to know about the rest of the app. */
export interface RunningWork {
  syncRunning(): boolean;
  /** The database worker has a job queued or running. */
  workerBusy(): boolean;
  /**
   * Holds the database worker's jobs (a scheduled sync's next page, say)
   * until the returned function is called: a move copies the file as it is,
   * so nothing may write to it meanwhile.
   */
  holdWorker?(): Promise<() => void>;
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
  /** The shared database's connection: lost (the banner, retries) or ok. */
  readonly health: ConnectionHealth;
  private readonly startUp: DataFileStartUp;
  private readonly daily: DailyBackups | null;
  private onOpened: () => Promise<void> = async () => undefined;
  private readonly log: (message: string) => void;
  /** The database in use: the file, or a shared database (Settings → Data can change it while the app runs). */
  private target: DatabaseTarget;
  /** Why the shared database could not be opened at start-up (the waiting screen says it). */
  private startFailure: StartFailure | null = null;
  /** The shared database this computer went back to its file from (this session): the form starts with it. */
  private lastShared: PostgresTarget | null = null;
  /** The keychain of shared-database passwords (set once handlers() ran). */
  private passwords: DatabasePasswords | null = null;
  private events: EventBus | null = null;
  private readonly switchListeners = new Set<(target: DatabaseTarget) => Promise<void> | void>();

  constructor(private readonly options: DataSafetyOptions) {
    this.target = options.shared ?? { kind: 'sqlite', file: options.dataFile };
    this.health = new ConnectionHealth({
      clock: options.clock,
      delaysMs: options.retryDelaysMs,
      server: () => (this.target.kind === 'postgres' ? serverName(this.target) : null),
      probe: () => this.probe(),
      onChange: (health) => this.events?.emit('database.status', this.withReason(health)),
      onBack: () => this.events?.emit('data.changed', { tables: [...DataTable.options] }),
    });
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
        if (this.target.kind === 'sqlite') void this.daily?.start();
      },
      busyTimeoutMs: options.busyTimeoutMs,
    });
    this.daily =
      options.daily === false
        ? null
        : new DailyBackups({
            clock: options.clock,
            timer: options.daily.timer,
            timeZone,
            dailyTimes: () => this.store.takenTimes('daily'),
            // Backups of a shared database are the server's job.
            takeDaily: async () => {
              if (this.target.kind === 'sqlite')
                await this.store.take(this.database.sqlite(), 'daily');
            },
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
    if (this.target.kind === 'postgres') {
      const target = this.target;
      let opened: OpenedDatabase;
      try {
        opened = await openPostgres(target, { max: 4, applicationName: APPLICATION_NAME });
      } catch (error) {
        // The server is down, or refuses: a waiting screen (retry, or this computer's own file), not a crash.
        this.startFailure = startFailure(error, target);
        this.log(`the shared database could not be opened: ${this.startFailure.words}`);
        this.database.markUnavailable(lostMessage(target));
        this.health.lostAtStart();
        return;
      }
      this.database.use(opened);
      await whenOpen();
      return;
    }
    await this.store.removeUnfinished().catch(() => undefined);
    await this.startUp.open();
  }

  /** The database in use now. */
  get current(): DatabaseTarget {
    return this.target;
  }

  /**
   * Called when Settings → Data switches database (a move, a join, back to
   * the file), after every other connection closed (the hooks' beforeReplace)
   * and before they reopen: the database worker follows the new target here.
   */
  onSwitch(listener: (target: DatabaseTarget) => Promise<void> | void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /** A copy before an import, an undo of one, or a merge; the work does not start without it. */
  async beforeChange(change: 'import' | 'merge'): Promise<void> {
    if (this.target.kind === 'postgres') return;
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
    this.events = ctx.events;
    const passwords = new DatabasePasswords(ctx.ports.databaseSecrets);
    this.passwords = passwords;
    const change: DatabaseSwitch = {
      status: () => this.status(),
      moveTo: (target) => this.moveTo(target, passwords, work),
      join: (target) => this.join(target, passwords),
      useLocal: () => this.useLocal(passwords),
      retry: (password) => this.retry(password),
    };
    return {
      ...backupHandlers(ctx, this.store, restore, () => this.target),
      ...recoveryHandlers(this.startUp, ctx.events),
      ...sharedDatabaseHandlers(passwords, change),
    };
  }

  /**
   * Every call passes the gate, so a restore swaps the file with no call
   * half-way through it; and on a shared database a call that finds the server
   * out of reach turns the banner on and says, in words, that nothing was saved.
   */
  guard(handlers: Handlers): Handlers {
    const gated = this.gate.wrap(handlers, SWAPS);
    const watched: Record<string, unknown> = {};
    for (const [method, handler] of Object.entries(gated) as [
      Method,
      (input: unknown) => unknown,
    ][]) {
      watched[method] = async (input: unknown) => {
        try {
          return await handler(input);
        } catch (error) {
          const target = this.target;
          if (target.kind !== 'postgres') throw error;
          const lost = this.health.notice(error) || (this.health.isLost && !this.database.isOpen);
          if (!lost) throw error;
          throw new AppError('database_unavailable', lostMessage(target), {
            detail: error instanceof Error ? error.message : String(error),
            cause: error,
          });
        }
      };
    }
    return watched as Handlers;
  }

  /** Settings → Data: which database, its server and the connection's state. */
  async status(): Promise<DatabaseStatus> {
    const target = this.target;
    const health = this.withReason(this.health.health);
    if (target.kind === 'sqlite')
      return {
        kind: 'sqlite',
        source: 'local',
        shared: null,
        serverVersion: null,
        encrypted: null,
        dataFile: this.options.dataFile,
        health,
        ...(this.lastShared ? { lastShared: choiceFromTarget(this.lastShared) } : {}),
      };
    let facts: { serverVersion: string; encrypted: boolean } | null = null;
    if (!this.health.isLost && this.database.isOpen)
      facts = await connectionFacts(this.database.db).catch((error: unknown) => {
        this.health.notice(error);
        return null;
      });
    return {
      kind: 'postgres',
      source: target.source,
      shared: choiceFromTarget(target),
      serverVersion: facts?.serverVersion ?? null,
      encrypted: facts?.encrypted ?? null,
      dataFile: this.options.dataFile,
      health: this.withReason(this.health.health),
    };
  }

  /** "Move my data there": copy, check, then use the shared database. Nothing else runs meanwhile. */
  private async moveTo(
    target: PostgresTarget,
    passwords: DatabasePasswords,
    work: RunningWork,
  ): Promise<MoveResult> {
    this.refuseIfManaged();
    if (this.target.kind !== 'sqlite' || !this.database.isOpen)
      throw new AppError(
        'validation',
        'Only this computer’s own file can be moved. Go back to it first (“Use this computer’s own file”).',
      );
    // What is written to the file after the copy began would not be in the shared database.
    const busy = () => {
      if (work.syncRunning())
        return 'A QuickBooks sync is running. Move the data when it has finished; nothing was changed.';
      if (work.workerBusy() || this.gate.isRunning(LONG_WRITES))
        return 'An import or a merge is running. Move the data when it has finished; nothing was changed.';
      return null;
    };
    const refusal = busy();
    if (refusal) throw new AppError('conflict', refusal);
    return this.gate.alone(async () => {
      const release = (await work.holdWorker?.()) ?? (() => undefined);
      try {
        const late = busy();
        if (late) throw new AppError('conflict', late);
        return await this.moveHeld(target, passwords);
      } finally {
        release();
      }
    });
  }

  private async moveHeld(
    target: PostgresTarget,
    passwords: DatabasePasswords,
  ): Promise<MoveResult> {
    const before = await passwords.read(target);
    // The keychain first: if it cannot keep the password, nothing is copied.
    await passwords.save(target, target.password ?? '');
    let moved: Awaited<ReturnType<typeof moveToShared>>;
    try {
      moved = await moveToShared({
        dataFile: this.options.dataFile,
        dataDir: this.options.dataDir,
        target,
        applicationName: APPLICATION_NAME,
        beforeVerify: this.options.beforeMoveVerify,
      });
    } catch (error) {
      if (before === null) await passwords.forget(target).catch(() => undefined);
      else await passwords.save(target, before).catch(() => undefined);
      throw error;
    }
    writeDatabaseChoice(this.options.dataDir, choiceFromTarget(target));
    await this.switchTo(target, moved.opened);
    return moved.result;
  }

  /** "Use this shared list": another computer's list, after the same checks as Test connection. */
  private async join(
    target: PostgresTarget,
    passwords: DatabasePasswords,
  ): Promise<DatabaseStatus> {
    this.refuseIfManaged();
    const tested = await testConnection(target);
    if (!tested.canJoin) {
      const problems = tested.checks.filter((c) => !c.ok).map((c) => c.message);
      throw new AppError(
        'validation',
        problems.length > 0
          ? problems.join(' ')
          : 'This database holds no EquineOps list yet: move this computer’s data there instead.',
      );
    }
    return this.gate.alone(async () => {
      await passwords.save(target, target.password ?? '');
      const opened = await openPostgres(target, { max: 4, applicationName: APPLICATION_NAME });
      writeDatabaseChoice(this.options.dataDir, choiceFromTarget(target));
      await this.switchTo(target, opened);
      return this.status();
    });
  }

  /** "Use this computer's own file": the file as it was before the shared database; the shared list stays on the server. */
  private async useLocal(passwords: DatabasePasswords): Promise<DatabaseStatus> {
    this.refuseIfManaged();
    const old = this.target;
    if (old.kind === 'sqlite') return this.status();
    return this.gate.alone(async () => {
      const opened = await this.openWithUpgradeBackup(this.options.dataFile);
      writeDatabaseChoice(this.options.dataDir, null);
      await passwords.forget(old).catch(() => undefined);
      // IT's own address is not for the form (it would only be refused there).
      if (old.source !== 'environment') this.lastShared = old;
      await this.switchTo({ kind: 'sqlite', file: this.options.dataFile }, opened);
      return this.status();
    });
  }

  private async switchTo(target: DatabaseTarget, opened: OpenedDatabase): Promise<void> {
    await this.database.replace(async () => {
      for (const listener of this.switchListeners) await listener(target);
      return opened;
    });
    this.target = target;
    this.startFailure = null;
    this.health.reset();
    if (target.kind === 'postgres') await this.daily?.stop();
    else void this.daily?.start();
    // What start-up does once the database is open (this computer's row, clean-ups, the schedule): all repeatable.
    await this.onOpened();
    this.events?.emit('data.changed', { tables: [...DataTable.options] });
  }

  /** A lost connection's probe; when the database never opened, opening it is the probe. */
  private async probe(): Promise<void> {
    const target = this.target;
    if (target.kind !== 'postgres') return;
    if (this.database.isOpen) {
      await pingDatabase(this.database.db);
      return;
    }
    let opened: OpenedDatabase;
    try {
      opened = await openPostgres(target, { max: 4, applicationName: APPLICATION_NAME });
    } catch (error) {
      this.startFailure = startFailure(error, target);
      throw error;
    }
    if (this.target !== target) {
      await opened.close();
      return;
    }
    this.database.use(opened);
    this.startFailure = null;
    await this.onOpened();
  }

  private withReason(health: DatabaseHealth): DatabaseHealth {
    return health.neverOpened && this.startFailure
      ? { ...health, reason: this.startFailure.words, reasonCode: this.startFailure.code }
      : health;
  }

  /**
   * The waiting screen's Retry. With a password (typed there when none was
   * saved or the server refused it): tried now, and kept in the keychain only
   * once the database opened with it.
   */
  private async retry(password?: string): Promise<DatabaseHealth> {
    const target = this.target;
    if (password === undefined || target.kind !== 'postgres' || this.database.isOpen)
      return this.withReason(await this.health.retryNow());
    const before = target.password;
    // In place: the sync coordinator and the worker were given this same target at start-up.
    target.password = password;
    const health = await this.health.retryNow();
    if (health.state === 'ok') {
      await this.passwords?.save(target, password);
    } else {
      target.password = before;
    }
    return this.withReason(health);
  }

  private refuseIfManaged(): void {
    if (this.target.kind === 'postgres' && this.target.source === 'environment')
      throw new AppError(
        'validation',
        'Your IT administrator set the shared database for this computer (EQUINEOPS_DATABASE_URL). Ask them to change it.',
      );
  }

  /** Resolves once the daily check and any copy being written have ended (tests, shutdown). */
  async settled(): Promise<void> {
    await this.daily?.idle();
    await this.store.idle();
  }

  async close(): Promise<void> {
    this.health.stop();
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

/** "equineops on db.barn.local:5432" */
function serverName(target: PostgresTarget): string {
  return `${target.database} on ${target.host}:${target.port}`;
}

/** What every call says while the shared database cannot be reached. */
function lostMessage(target: PostgresTarget): string {
  return `The shared database (${serverName(target)}) cannot be reached. Nothing was saved; EquineOps keeps trying, and what you typed is still there to save again.`;
}

interface StartFailure {
  words: string;
  code: NonNullable<DatabaseHealth['reasonCode']>;
}

/**
 * Why start-up could not open the shared database, for the waiting screen:
 * nothing was attempted yet, so no "nothing was changed"; a missing or refused
 * password is entered right there (Settings cannot be reached from it).
 */
function startFailure(error: unknown, target: PostgresTarget): StartFailure {
  const server = capitalized(describeTarget(target));
  const code = postgresCodeOf(error);
  if (code === 'NO_PASSWORD')
    return {
      code: 'password_missing',
      words: `${server} asks for the password of the user ${target.user}, and none is saved on this computer. Enter it below: it is kept in this computer’s keychain.`,
    };
  if (code === '28P01')
    return {
      code: 'password_refused',
      words: `${server} refused the password of the user ${target.user}. Enter the right one below (whoever runs the server knows it).`,
    };
  return { code: 'other', words: withoutNothingChanged(failureWords(error, target)) };
}

function failureWords(error: unknown, target: PostgresTarget): string {
  if (error instanceof AppError) return error.message;
  return isConnectionLoss(error)
    ? connectFailure(error, target)
    : `${describeTarget(target)} could not be opened: ${connectFailure(error, target)}`;
}

/** The code pg-failures.ts put first in the error's detail ("28P01: password authentication failed…"). */
function postgresCodeOf(error: unknown): string | null {
  const detail = error instanceof AppError ? error.options.detail : undefined;
  return detail?.match(/^([A-Z0-9_]+):/)?.[1] ?? null;
}

/** The call-time words say "…, so nothing was changed."; at start-up nothing had been tried. */
function withoutNothingChanged(words: string): string {
  return words.replace(/, so nothing was changed\./g, '.');
}

function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
