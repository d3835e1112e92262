import type { Kysely } from 'kysely';

/**
 * Indexes a bulk load set aside (db/deferred-indexes.ts), with the SQL that
 * creates them again. A first sync of 50,000 customers builds the Clients
 * list's indexes once at its end instead of row by row; kept here, they are
 * rebuilt even if the app is killed half-way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deferred_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sql', 'text', (c) => c.notNull())
    .execute();
}
