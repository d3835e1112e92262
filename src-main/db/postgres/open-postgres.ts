import { sql } from 'kysely';
import { AppError } from '../../errors';
import { describeTarget, type PostgresTarget } from '../database-target';
import { migrateToLatest, type OpenedDatabase } from '../open-database';
import { createPostgresPool, postgresKysely, type PostgresPoolOptions } from './pg-connection';
import { pgFailure } from './pg-failures';

/**
 * Opens a pool on the shared database and, unless told not to (the database
 * worker: the main connection already did), runs every pending migration.
 * Migrating is also the first connection, so a server that cannot be
 * reached or refuses this user fails here, in words (pg-failures.ts).
 */
export async function openPostgres(
  target: PostgresTarget,
  options: PostgresPoolOptions & { migrate?: boolean },
): Promise<OpenedDatabase> {
  const pool = createPostgresPool(target, options);
  const db = postgresKysely(pool);
  try {
    if (options.migrate !== false) {
      const version = await sql<{
        n: number;
      }>`select current_setting('server_version_num')::integer as n`.execute(db);
      const tooOld = serverTooOld(version.rows[0]!.n, target);
      if (tooOld) throw tooOld;
      await migrateToLatest(db);
    }
  } catch (error) {
    await db.destroy();
    // Unreachable, a refused password or certificate, a missing privilege: said in words, naming the server.
    throw pgFailure(error, target) ?? error;
  }
  return {
    db,
    kind: 'postgres',
    get sqlite(): never {
      throw new AppError(
        'internal',
        'This needs the local data file, but EquineOps uses a shared PostgreSQL database.',
      );
    },
    close: () => db.destroy(),
  };
}

/** PostgreSQL 13 is the oldest the app's SQL runs on (pg_current_snapshot, hashtextextended, identity columns). */
export const OLDEST_SERVER = 130000;

/** Refuses, in words, a server older than the app's SQL needs; null when it is recent enough. */
export function serverTooOld(versionNumber: number, target: PostgresTarget): AppError | null {
  if (versionNumber >= OLDEST_SERVER) return null;
  const major = Math.floor(versionNumber / 10000);
  return new AppError(
    'database_unavailable',
    `${capital(describeTarget(target))} runs PostgreSQL ${major}, and EquineOps needs PostgreSQL 13 or newer, so nothing was changed. Ask whoever runs the server to upgrade it.`,
    { detail: `server_version_num ${versionNumber}` },
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
