import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * The lock every long write job takes first on a shared database (a sync
 * page, an import and its undo, a merge and its undo), held until its
 * transaction ends. Two computers' bulk writes then run one after the other
 * instead of tripping over the same rows half-way. Staff edits do not take
 * it: they are short and never wait behind a 50,000-customer page for long.
 */
export const BULK_WRITE_LOCK = sql`pg_advisory_xact_lock(hashtextextended('equineops:bulk', 0))`;

/**
 * Takes the bulk-write lock inside `trx` on PostgreSQL; nothing on SQLite,
 * where a write transaction already holds the whole file.
 */
// Kysely<any>: import, merge and their undo pass their own transaction types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function takeBulkWriteLock(trx: Kysely<any>): Promise<void> {
  if (isPostgres(trx)) await sql`select ${BULK_WRITE_LOCK}`.execute(trx);
}
