import type { AppError } from '../errors';
import type { DatabaseTarget } from './database-target';
import { isPostgresConflict, isPostgresError, pgFailure } from './postgres/pg-failures';
import { sqliteFailure } from './sqlite-failures';

/**
 * A failure of wherever the client list lives, in words for office staff:
 * the local SQLite file (sqlite-failures.ts) or the shared PostgreSQL server
 * (postgres/pg-failures.ts). Which one is read from the error's shape, so a
 * caller that only knows "the database" (the dispatcher, the Sync Log) needs
 * no branch; the target only names the place. Null for anything else.
 */
export function storageFailure(error: unknown, where: StorageWhere): AppError | null {
  if (isPostgresError(error))
    return pgFailure(error, where.database?.kind === 'postgres' ? where.database : undefined);
  const file =
    where.database?.kind === 'sqlite'
      ? where.database.file
      : (where.dataFile ?? 'the client database file');
  return sqliteFailure(error, file);
}

export interface StorageWhere {
  /** The database the app uses (CoreOptions.database); absent means the local file. */
  database?: DatabaseTarget;
  /** The local data file, named when SQLite fails. */
  dataFile?: string;
}

/**
 * Runs `work` again once when the shared database ended it because another
 * computer's transaction clashed with it (a deadlock, or a serialization
 * failure): the server rolled it back whole, so a second run starts clean.
 * Only for work with no effect outside the database transaction it opens.
 * On SQLite these errors do not occur, so it is a plain call there.
 */
export async function retryOnceOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isPostgresConflict(error)) throw error;
    return work();
  }
}
