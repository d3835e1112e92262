import { sql, type Kysely } from 'kysely';

/**
 * A client's history reads what sync and import already record about it
 * (sync_items, import_batch_items) instead of copying it into the activity
 * log. Two additions make that possible: the old → new values of the fields a
 * sync changed, and a way to find an import's items by client without reading
 * every batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_items').addColumn('changes', 'text').execute();
  await db.schema
    .createIndex('import_batch_items_by_client_id')
    .ifNotExists()
    .on('import_batch_items')
    .column('client_id')
    // Partial like the other child-column indexes: horse rows carry no client.
    .where(sql.ref('client_id'), 'is not', null)
    .execute();
}
