import { sql, type Kysely } from 'kysely';

/**
 * CSV import batches and what each one added (clients created, horse links,
 * horses created, staff notes), so a batch can be undone from the import
 * history. Items carry plain ids, not foreign keys: a client staff deleted or
 * merged since must not block or cascade into the record of the import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('linked', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('excluded', 'integer', (c) => c.notNull())
    .addColumn('horses_linked', 'integer', (c) => c.notNull())
    .addColumn('horses_created', 'integer', (c) => c.notNull())
    .addColumn('notes_added', 'integer', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .addColumn('undo_detail', 'text')
    .execute();

  await db.schema
    .createTable('import_batch_items')
    .addColumn('batch_id', 'integer', (c) =>
      c.notNull().references('import_batches.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'integer')
    .addColumn('horse_id', 'integer')
    .addColumn('note_id', 'integer')
    .execute();
  await db.schema
    .createIndex('import_batch_items_by_batch')
    .on('import_batch_items')
    .columns(['batch_id', 'kind'])
    .execute();

  // Undo deletes the clients a batch created. SQLite checks every foreign key
  // pointing at a deleted client; without an index on the child column each
  // check scans the whole table, and 50,000 deletes take minutes instead of a second.
  const childColumns: [string, string][] = [
    ['clients', 'parent_id'],
    ['clients', 'merged_into_id'],
    ['staff_notes', 'copied_from_client_id'],
    ['sync_items', 'client_id'],
  ];
  for (const [table, column] of childColumns) {
    await db.schema
      .createIndex(`${table}_by_${column}`)
      .ifNotExists()
      .on(table)
      .column(column)
      // Partial: these columns are mostly null, so a 50,000-row import does not pay to index them.
      .where(sql.ref(column), 'is not', null)
      .execute();
  }
}
