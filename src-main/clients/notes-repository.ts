import type { Selectable } from 'kysely';
import { NOTE_UNDO_DAYS, type DeletedNote, type StaffNote } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { StaffNotesTable } from '../db/schema';
import { notFound } from '../errors';

/**
 * Staff notes: EquineOps only, never sent to QuickBooks. A deleted note stays
 * in the table, marked deleted and hidden everywhere, until its undo window
 * (NOTE_UNDO_DAYS) has passed; then the purge removes it for good.
 */

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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Until when a note deleted at `deletedAt` can be brought back. */
export function restorableUntil(deletedAt: string): string {
  return new Date(new Date(deletedAt).getTime() + NOTE_UNDO_DAYS * DAY_MS).toISOString();
}

/** Notes deleted before this moment are past their undo window. */
function undoWindowStart(now: Date): string {
  return new Date(now.getTime() - NOTE_UNDO_DAYS * DAY_MS).toISOString();
}

function toDeletedNote(row: Selectable<StaffNotesTable>): DeletedNote {
  return {
    ...toNote(row),
    deletedAt: row.deleted_at!,
    deletedBy: row.deleted_by ?? '',
    restorableUntil: restorableUntil(row.deleted_at!),
  };
}

/** Newest first, as the profile shows them; deleted notes are not among them. */
export async function listNotes(db: Db, clientId: number): Promise<StaffNote[]> {
  const rows = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toNote);
}

/** A note as staff see it: a deleted note is not found. */
export async function getNote(db: Db, id: number): Promise<StaffNote> {
  const row = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
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

/** Staff's delete: hidden now, restorable within the undo window. */
export async function markNoteDeleted(
  db: Db,
  id: number,
  by: string,
  now: Date,
): Promise<DeletedNote> {
  const row = await db
    .updateTable('staff_notes')
    .set({ deleted_at: now.toISOString(), deleted_by: by })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('This note');
  return toDeletedNote(row);
}

/** A deleted note still inside its undo window, or undefined (never deleted, restored, or purged). */
export async function findRestorableNote(
  db: Db,
  id: number,
  now: Date,
): Promise<DeletedNote | undefined> {
  const row = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', '>=', undoWindowStart(now))
    .executeTakeFirst();
  return row ? toDeletedNote(row) : undefined;
}

export async function unmarkNoteDeleted(db: Db, id: number): Promise<StaffNote> {
  const row = await db
    .updateTable('staff_notes')
    .set({ deleted_at: null, deleted_by: null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toNote(row);
}

/** The client's deleted notes that can still be brought back, most recently deleted first. */
export async function listRestorableNotes(
  db: Db,
  clientId: number,
  now: Date,
): Promise<DeletedNote[]> {
  const rows = await db
    .selectFrom('staff_notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('deleted_at', '>=', undoWindowStart(now))
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDeletedNote);
}

/** Removes for good the notes whose undo window has passed; returns how many. */
export async function purgeDeletedNotes(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('staff_notes')
    .where('deleted_at', '<', undoWindowStart(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a note outright: only for undoing an import or a merge that wrote it. */
export async function deleteNote(db: Db, id: number): Promise<void> {
  await db.deleteFrom('staff_notes').where('id', '=', id).execute();
}
