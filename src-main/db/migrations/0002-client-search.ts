import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';
import type { Db } from '../open-database';
import { rebuildClientSearchIndex } from '../search-index';

/**
 * FTS5 index over names, emails and phones. SQLite-only SQL stays in db/.
 * `phones` holds digit-only forms of phone and mobile (whole, without a leading
 * country 1, last seven) so "555 0142", "(555) 010-0142" and "5550100142" all match.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // A tsvector written by the app itself (db/search-index.ts), so PostgreSQL finds
    // exactly what FTS5 finds; a new database has no clients to index yet.
    await sql`create table clients_search (client_id integer primary key, doc tsvector not null)`.execute(
      db,
    );
    await sql`create index clients_search_doc on clients_search using gin (doc)`.execute(db);
    return;
  }
  await sql`
    create virtual table clients_search using fts5(
      name, company, email, phones,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    )`.execute(db);
  // Clients a file had before this step are indexed in the same transaction, so
  // a crash can never leave the step recorded with an empty index. The index
  // rows are computed in TypeScript (phone forms), from columns 0001 created;
  // a later step that changes those columns must rebuild the index itself.
  await rebuildClientSearchIndex(db as unknown as Db);
}
