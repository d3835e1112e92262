import { sql, type Kysely } from 'kysely';
import { storageKind } from '../dialect';

/**
 * PostgreSQL only: trigram indexes behind the substring searches
 * (`lower(x) like '%word%'`): horses by name (horses-repository.ts), Sync Log
 * items by client name, message, QuickBooks ID and the client's email
 * (sync-log-repository.ts). Without them every such search reads the whole
 * table, which on a shared server means every computer's searches do.
 *
 * The results do not change: the columns are `collate "C"`, so lower() and
 * like compare bytes as SQLite does; the index only finds the rows faster.
 * Client search does not use trigrams (it is full-text, db/search-index.ts):
 * infix matches would find clients FTS5 does not.
 *
 * pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, the
 * role the README asks for, may create it. On SQLite this step does nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (storageKind(db) !== 'postgres') return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  const indexes: [name: string, table: string, column: string][] = [
    ['horses_name_trgm', 'horses', 'name'],
    ['sync_items_client_name_trgm', 'sync_items', 'client_name'],
    ['sync_items_message_trgm', 'sync_items', 'message'],
    ['sync_items_qb_id_trgm', 'sync_items', 'qb_id'],
    ['clients_email_trgm', 'clients', 'email'],
  ];
  for (const [name, table, column] of indexes)
    await sql`create index ${sql.id(name)} on ${sql.id(table)} using gin (lower(${sql.id(column)}) gin_trgm_ops)`.execute(
      db,
    );
}
