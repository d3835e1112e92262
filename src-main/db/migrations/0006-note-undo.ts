import { sql, type Kysely } from 'kysely';

/**
 * A deleted staff note is kept, marked deleted, so "Undo" can bring it back;
 * it is purged once its undo window has passed (clients/deleted-notes.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_notes').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('staff_notes').addColumn('deleted_by', 'text').execute();
  // Partial: only the few deleted notes are indexed, for the purge and the profile's list.
  await db.schema
    .createIndex('staff_notes_deleted')
    .on('staff_notes')
    .columns(['client_id', 'deleted_at'])
    .where(sql.ref('deleted_at'), 'is not', null)
    .execute();
}
