import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import {
  ensurePrivateFolder,
  ensurePrivateFile,
  repairDatabaseFileModes,
} from '../data-folder/private-files';
import { createAppSqliteDialect } from './sqlite-dialect';
import type { Database } from './schema';
import { migrations } from './migrations';
import { restoreDeferredIndexes } from './deferred-indexes';
import { runMigrations, type UpgradePlan } from './migration-runner';
import { dataFileFailure } from './sqlite-failures';
import type { StorageKind } from './dialect';
import type { DatabaseTarget } from './database-target';
import { openPostgres } from './postgres/open-postgres';

export type Db = Kysely<Database>;

/**
 * WAL pages (of 4 KiB) after which the database worker copies the WAL back
 * into the file. SQLite's default, 1,000, made a checkpoint every other page
 * of a 50,000-customer sync; 4,000 (16 MiB) cut the sync's write time by a tenth.
 */
const WORKER_CHECKPOINT_PAGES = 4000;

export interface OpenedDatabase {
  db: Db;
  kind: StorageKind;
  /**
   * The raw handle, for the few SQLite-only statements that live in db/
   * (online backup, integrity check, pragmas). On PostgreSQL it throws.
   */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Runs once before the first pending migration of a file that already has
   * steps (never for a new file): a backup of it as it was. Throwing stops
   * the upgrade and the open.
   */
  beforeUpgrade?(sqlite: SQLite.Database, plan: UpgradePlan): Promise<void>;
  /** How long a call waits for another connection's write lock before it fails (default 60 s). */
  busyWaitMs?: number;
}

/**
 * Opens (creating if needed) the data file, turns on WAL and foreign keys, and
 * runs every pending migration, each in one transaction with its bookkeeping
 * row (migration-runner.ts). A file written by a newer version of the app is
 * refused rather than guessed at. The folder is made 0700 and the file 0600.
 * SQLite failures (disk full, read-only, locked, damaged) come out as an
 * AppError saying so (sqlite-failures.ts).
 */
export async function openDatabase(
  file: string,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  let sqlite: SQLite.Database | undefined;
  try {
    if (file !== ':memory:') {
      ensurePrivateFolder(dirname(file));
      // Created 0600 before SQLite sees it; its -wal and -shm take the same mode.
      ensurePrivateFile(file);
    }
    sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    // Checkpoints (copying the WAL back into the file) are the database worker's job;
    // this connection answers the UI and only steps in if the WAL grows very large.
    sqlite.pragma(`wal_autocheckpoint = ${4 * WORKER_CHECKPOINT_PAGES}`);
    if (file !== ':memory:') repairDatabaseFileModes(file);
  } catch (error) {
    sqlite?.close();
    throw dataFileFailure(error, file) ?? error;
  }
  const handle = sqlite;
  let reader: SQLite.Database | undefined;
  try {
    // Reads outside a write go here, so they never queue behind a write waiting for the lock.
    if (file !== ':memory:') reader = new SQLite(file);
  } catch (error) {
    handle.close();
    throw dataFileFailure(error, file) ?? error;
  }
  const db = new Kysely<Database>({
    dialect: createAppSqliteDialect(handle, {
      asyncBusy: true,
      busyWaitMs: options.busyWaitMs,
      reader,
    }),
  });
  try {
    await migrateToLatest(db, {
      beforeUpgrade: options.beforeUpgrade && ((plan) => options.beforeUpgrade!(handle, plan)),
    });
    // A first sync killed half-way left the Clients list's indexes set aside: build them now.
    restoreDeferredIndexes(handle);
  } catch (error) {
    await db.destroy();
    throw dataFileFailure(error, file) ?? error;
  }
  return { db, kind: 'sqlite', sqlite: handle, close: () => db.destroy() };
}

/** Opens this computer's file or the shared PostgreSQL database, migrated to the newest step. */
export async function openDatabaseTarget(
  target: DatabaseTarget,
  options: OpenDatabaseOptions & { applicationName?: string } = {},
): Promise<OpenedDatabase> {
  if (target.kind === 'sqlite') return openDatabase(target.file, options);
  return openPostgres(target, {
    max: 4,
    applicationName: options.applicationName ?? 'EquineOps',
  });
}

export async function migrateToLatest(
  db: Kysely<Database>,
  options: { beforeUpgrade?: (plan: UpgradePlan) => Promise<void> } = {},
): Promise<string[]> {
  return runMigrations(db as unknown as Kysely<unknown>, migrations, options);
}

/**
 * A second connection to a file openDatabase already brought up to date: the
 * database worker's. Same pragmas, no migrations; it may block while waiting
 * for the write lock, since nothing waits on its thread but its own queue.
 */
export function openConnection(file: string): OpenedDatabase {
  const sqlite = new SQLite(file, { fileMustExist: true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 30000');
  sqlite.pragma(`wal_autocheckpoint = ${WORKER_CHECKPOINT_PAGES}`);
  const db = new Kysely<Database>({
    dialect: createAppSqliteDialect(sqlite, { asyncBusy: false }),
  });
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}
