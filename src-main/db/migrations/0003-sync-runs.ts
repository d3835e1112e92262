import type { Kysely } from 'kysely';

/**
 * The Sync Log (runs and their per-customer items) and the sync cursor per
 * QuickBooks company. The cursor is saved in the same transaction as the data
 * it covers, so a killed sync resumes where its last page ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('realm_id', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('detail', 'text')
    .execute();

  await db.schema
    .createTable('sync_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) =>
      c.notNull().references('sync_runs.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('qb_id', 'text')
    .addColumn('client_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('client_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('sync_items_by_run')
    .on('sync_items')
    .columns(['run_id', 'action', 'id'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('realm_id', 'text', (c) => c.primaryKey())
    /** QuickBooks time the next change list starts from (CDC changedSince). */
    .addColumn('changed_since', 'text')
    .addColumn('last_full_at', 'text')
    /** A full pass under way: QuickBooks time it began, and the last customer Id applied. */
    .addColumn('full_started_at', 'text')
    .addColumn('full_after_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
