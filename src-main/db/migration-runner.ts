import { isPostgres } from './dialect';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { AppError } from '../errors';

/**
 * Runs the numbered migrations, each in its own transaction together with its
 * bookkeeping row, so a crash or power cut at any statement leaves the file at
 * the last whole step and the next start simply carries on.
 *
 * kysely's Migrator cannot do this on SQLite: it wraps migrations in a
 * transaction only when the dialect's adapter says `supportsTransactionalDdl`,
 * and SqliteAdapter says false (kysely 0.29), so each DDL statement and the
 * bookkeeping row committed on their own. SQLite itself handles DDL inside a
 * transaction fine. The bookkeeping table stays kysely's `kysely_migration`
 * (same columns), so files written by earlier versions open unchanged.
 *
 * A migration runs inside that transaction, so it must not open one of its own
 * or change `PRAGMA foreign_keys` (a no-op inside a transaction).
 *
 * On a shared PostgreSQL database several computers may start at once: one
 * migrates while holding an advisory lock, the others wait and find nothing
 * left. A computer still running the older version keeps working until it
 * restarts, so steps only add (tables, nullable or defaulted columns,
 * indexes), never rename or drop; at its next start it finds steps it does
 * not know and refuses, saying to install the newer version there too.
 */
export const MIGRATION_TABLE = 'kysely_migration';

export interface UpgradePlan {
  /** Steps the file already has, in order. */
  applied: string[];
  /** Steps about to run, in order. */
  pending: string[];
}

export interface MigrateOptions {
  /**
   * Called once before the first pending step runs on a file that already has
   * steps (a new, empty file has nothing to lose). Taking a backup here is
   * the point; if it throws, nothing is upgraded and the error is the result.
   */
  beforeUpgrade?: (plan: UpgradePlan) => Promise<void>;
  /** The clock for the bookkeeping row (tests). */
  now?: () => Date;
}

interface MigrationTables {
  kysely_migration: { name: string; timestamp: string };
}

/** Brings the file to the newest step and returns the names of the steps that ran. */
export async function runMigrations(
  db: Kysely<unknown>,
  migrations: Readonly<Record<string, Migration>>,
  options: MigrateOptions = {},
): Promise<string[]> {
  if (!isPostgres(db)) return migrateOn(db, migrations, options);
  // Several computers may start at once on a shared database: one migrates, the
  // others wait on the lock and then find nothing left to do. The lock is a
  // session's, so everything runs on one pinned connection.
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtextextended('equineops:migrate', 0))`.execute(
      connection,
    );
    try {
      return await migrateOn(connection, migrations, options);
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended('equineops:migrate', 0))`.execute(
        connection,
      );
    }
  });
}

async function migrateOn(
  db: Kysely<unknown>,
  migrations: Readonly<Record<string, Migration>>,
  options: MigrateOptions,
): Promise<string[]> {
  const own = db as unknown as Kysely<MigrationTables>;
  // One statement, atomic on its own; the same columns kysely's Migrator created.
  // PostgreSQL refuses even an "if not exists" on a read-only server or without
  // CREATE on the schema, so there it is only sent when the table is missing:
  // a database already up to date then opens for reading, and writes say why they fail.
  if (!isPostgres(db) || !(await postgresTableExists(db, MIGRATION_TABLE)))
    await createMigrationTable(own);
  const known = Object.keys(migrations).sort();
  const plan = planUpgrade(
    known,
    await appliedMigrationNames(db),
    isPostgres(db) ? 'shared' : 'file',
  );
  if (plan.pending.length === 0) return [];
  if (plan.applied.length > 0) await options.beforeUpgrade?.(plan);

  const ran: string[] = [];
  for (const name of plan.pending) {
    const applied = await runStep(own, name, migrations[name]!, options.now);
    if (applied) ran.push(name);
  }
  return ran;
}

// The text as earlier versions wrote it: SQLite keeps a table's statement verbatim in the file.
async function createMigrationTable(db: Kysely<MigrationTables>): Promise<void> {
  await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (
    name varchar(255) not null primary key,
    timestamp varchar(255) not null
  )`.execute(db);
}

async function postgresTableExists(db: Kysely<unknown>, table: string): Promise<boolean> {
  const found = await sql<{
    found: boolean;
  }>`select to_regclass(${table}) is not null as found`.execute(db);
  return found.rows[0]?.found === true;
}

/** One step and its bookkeeping row in one transaction; false if another copy ran it first. */
async function runStep(
  own: Kysely<MigrationTables>,
  name: string,
  migration: Migration,
  now: (() => Date) | undefined,
): Promise<boolean> {
  try {
    return await own.transaction().execute(async (trx) => {
      // Another copy may have run this step while this one waited for the write lock.
      const done = await trx
        .selectFrom(MIGRATION_TABLE)
        .select('name')
        .where('name', '=', name)
        .executeTakeFirst();
      if (done) return false;
      await migration.up(trx);
      await trx
        .insertInto(MIGRATION_TABLE)
        .values({ name, timestamp: (now?.() ?? new Date()).toISOString() })
        .execute();
      return true;
    });
  } catch (error) {
    // The cause keeps SQLite's code, so a full disk still reads as one (sqlite-failures.ts).
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The client database could not be updated (step ${name}): ${reason}`, {
      cause: error,
    });
  }
}

/** The steps a file has, in the order they sort (= the order they ran). */
export async function appliedMigrationNames(db: Kysely<unknown>): Promise<string[]> {
  const rows = await (db as unknown as Kysely<MigrationTables>)
    .selectFrom(MIGRATION_TABLE)
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/**
 * What is left to run. A database with a step this version does not know was
 * written by a newer version: guessing at its shape could lose data, so it is
 * refused. A gap (a known step missing before applied ones) is refused too.
 * On a shared database the newer version is on another computer, so the
 * words say to install it here too.
 */
export function planUpgrade(
  known: readonly string[],
  applied: readonly string[],
  where: 'file' | 'shared' = 'file',
): UpgradePlan {
  const knownSet = new Set(known);
  const unknown = applied.filter((name) => !knownSet.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'database_too_new',
      where === 'shared'
        ? "Another computer updated EquineOps Client Sync to a newer version, and the shared database now holds that version's changes. Install the same version (or newer) on this computer too; nothing was changed."
        : 'This client database was last used by a newer version of EquineOps Client Sync. Install that version (or newer) to open it; nothing was changed.',
      { detail: `unknown migrations: ${unknown.join(', ')}` },
    );
  }
  const appliedSet = new Set(applied);
  const pending = known.filter((name) => !appliedSet.has(name));
  const lastApplied = applied.at(-1);
  const gap = lastApplied === undefined ? undefined : pending.find((name) => name < lastApplied);
  if (gap !== undefined) {
    throw new AppError(
      'database_damaged',
      where === 'shared'
        ? 'The shared database is missing an update step, so EquineOps cannot use it safely. Nothing was changed. Ask whoever runs the server to restore its backup.'
        : 'The client database is missing an update step, so it cannot be opened safely. Nothing was changed. Restore a backup (see README, "Your data").',
      { detail: `migration ${gap} is missing before ${lastApplied}` },
    );
  }
  return { applied: [...applied], pending };
}
