import type { Kysely } from 'kysely';

/**
 * Issue 17, several computers on one client list:
 * - `row_version` on the two things staff edit in a form, manual clients and
 *   preferences: a save names the version its form loaded, and one that
 *   another person's save has overtaken is refused rather than overwriting
 *   it; `updated_by` says who made the change that won.
 * - `computers`: each computer using the data, by the id in its data folder,
 *   with the staff name that signs its work (the shared `settings` row would
 *   sign everyone's notes with one name).
 * Portable kysely: the same step runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['clients', 'client_preferences']) {
    await db.schema
      .alterTable(table)
      .addColumn('row_version', 'integer', (col) => col.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
  }
  await db.schema
    .createTable('computers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text')
    .addColumn('app_version', 'text')
    .addColumn('last_seen_at', 'text')
    .execute();
}
