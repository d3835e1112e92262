import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Brings PostgreSQL's statistics of the clients table and its search index
 * up to date after a bulk write. Right after thousands of rows arrive the
 * planner still believes the table nearly empty and picks plans that make
 * the Clients list search take seconds, until autovacuum catches up a
 * minute later: exactly when people look at the list. ANALYZE runs inside
 * the job's transaction and takes a lock that lets reads and writes go on.
 * SQLite plans without such statistics: nothing to do there.
 */
// Kysely<any>: the sync page's and the import's transactions have their own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function refreshClientStatistics(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`analyze clients, clients_search`.execute(db);
}
