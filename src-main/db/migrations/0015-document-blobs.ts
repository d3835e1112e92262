import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Issue 17: document bytes in the shared database. On this computer's SQLite
 * file they stay files in the data folder (documents/document-blobs.ts); on a
 * shared PostgreSQL database every computer must open every document, so the
 * bytes live in the database, once per content hash, like the files.
 * Nothing to do on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createTable('document_blobs')
    .addColumn('content_hash', 'text', (c) => c.primaryKey())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .execute();
}
