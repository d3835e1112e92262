import type { Kysely } from 'kysely';

/**
 * Duplicate clients: pairs staff said are not the same person, and every merge
 * with what it moved, so "Undo merge" can put each piece back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('quickbooks_client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('manual_client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addColumn('dismissed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', [
      'quickbooks_client_id',
      'manual_client_id',
    ])
    .execute();

  await db.schema
    .createTable('client_merges')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kept_client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('archived_client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    // JSON: the links moved, the notes copied, the rows carried and what they replaced.
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema
    .createIndex('client_merges_by_kept')
    .on('client_merges')
    .column('kept_client_id')
    .execute();
  await db.schema
    .createIndex('client_merges_by_archived')
    .on('client_merges')
    .column('archived_client_id')
    .execute();
}
