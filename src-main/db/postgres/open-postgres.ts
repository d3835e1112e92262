import { AppError } from '../../errors';
import type { PostgresTarget } from '../database-target';
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
    if (options.migrate !== false) await migrateToLatest(db);
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
