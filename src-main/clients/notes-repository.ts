import type { StaffNote } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { StaffNotesTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { notFound } from '../errors';

/** Staff notes: EquineOps only, never sent to QuickBooks. */

function toNote(row: Selectable<StaffNotesTable>): StaffNote {
  return {
    id: row.id,
    clientId: row.client_id,
    author: row.author,
    body: row.body,
    createdAt: row.created_at,
    copiedFromClientId: row.copied_from_client_id,
  };
}

/** Newest first, as the profile shows them. */
export async function listNotes(db: Db, clientId: number): Promise<StaffNote[]> {
  const rows = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toNote);
}

export async function getNote(db: Db, id: number): Promise<StaffNote> {
  const row = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This note');
  return toNote(row);
}

export async function insertNote(
  db: Db,
  note: { clientId: number; author: string; body: string; copiedFromClientId?: number | null },
  now: Date,
): Promise<StaffNote> {
  const row = await db
    .insertInto('staff_notes')
    .values({
      client_id: note.clientId,
      author: note.author,
      body: note.body,
      created_at: now.toISOString(),
      copied_from_client_id: note.copiedFromClientId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toNote(row);
}

export async function deleteNote(db: Db, id: number): Promise<void> {
  await db.deleteFrom('staff_notes').where('id', '=', id).execute();
}
