import { sql } from 'kysely';
import { isPostgres } from './dialect';
import type { Db } from './open-database';

/**
 * What each database needs so that rows an erasure deletes leave no copy
 * behind (privacy/client-erasure.ts). The SQL lives here, not in the
 * feature: each side spells it its own way.
 */

/**
 * Inside the erasure's transaction: SQLite overwrites the pages it frees with
 * zeros while this is on. PostgreSQL has no such switch: dropDeletedRowCopies
 * frees the rows after the commit instead.
 */
export async function overwriteFreedPages(trx: Db, on: boolean): Promise<void> {
  if (isPostgres(trx)) return;
  await sql.raw(`pragma secure_delete = ${on ? 1 : 0}`).execute(trx);
}

/**
 * After the commit. SQLite: the old pages are still in the write-ahead log
 * until it is copied back and emptied. PostgreSQL: deleted rows stay in the
 * table files until a vacuum frees them (the app's user owns the tables; on
 * a server where it does not, the server skips them with a warning). The
 * server's WAL archive and backups are its administrator's to age out.
 */
export async function dropDeletedRowCopies(db: Db, tables: readonly string[]): Promise<void> {
  if (!isPostgres(db)) {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return;
  }
  // VACUUM cannot run in a transaction; on the pool a statement outside one commits on its own.
  await sql`vacuum ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}
