import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Documents on a client and the access log (issue 18).
 *
 * `client_documents` holds what staff see (name, type, size, who added it);
 * the bytes live once per content hash under the data folder's `documents/`
 * (documents/document-blobs.ts). A removed document keeps its row, marked,
 * until its undo window passes, so its file is kept as long as undo can need it.
 *
 * `access_log` records who opened a profile or a document and who exported a
 * client's data; it goes with the client (cascade) and is pruned by age.
 *
 * `documents_search` finds a client by a document's name (db/search-index.ts);
 * secure-delete so a removed or erased name leaves nothing in the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('client_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('visible_in_portal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('client_documents_by_client')
    .on('client_documents')
    .columns(['client_id', 'removed_at'])
    .execute();
  await db.schema
    .createIndex('client_documents_by_hash')
    .on('client_documents')
    .column('content_hash')
    .execute();

  await db.schema
    .createTable('access_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('document_id', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('access_log_by_client')
    .on('access_log')
    .columns(['client_id', 'at'])
    .execute();
  await db.schema.createIndex('access_log_by_time').on('access_log').column('at').execute();

  if (isPostgres(db)) {
    await sql`create table documents_search (document_id integer primary key, doc tsvector not null)`.execute(
      db,
    );
    await sql`create index documents_search_doc on documents_search using gin (doc)`.execute(db);
    return;
  }
  await sql`
    create virtual table documents_search using fts5(
      name,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    )`.execute(db);
  await sql`insert into documents_search (documents_search, rank) values ('secure-delete', 1)`.execute(
    db,
  );
}
