import type { Selectable } from 'kysely';
import { DOCUMENT_UNDO_DAYS, type ClientDocument } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientDocumentsTable } from '../db/schema';
import { removeDocumentSearchRows, saveDocumentSearchRow } from '../db/search-index';
import { notFound } from '../errors';

type DocumentRow = Selectable<ClientDocumentsTable>;

function toDocument(row: DocumentRow): ClientDocument {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    type: row.type,
    sizeBytes: row.size_bytes,
    addedAt: row.added_at,
    addedBy: row.added_by,
    visibleInPortal: row.visible_in_portal === 1,
  };
}

export interface NewDocument {
  clientId: number;
  hash: string;
  name: string;
  type: string;
  size: number;
  addedBy: string;
}

export async function insertDocument(db: Db, doc: NewDocument, now: Date): Promise<ClientDocument> {
  const row = await db
    .insertInto('client_documents')
    .values({
      client_id: doc.clientId,
      content_hash: doc.hash,
      name: doc.name,
      type: doc.type,
      size_bytes: doc.size,
      added_at: now.toISOString(),
      added_by: doc.addedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await saveDocumentSearchRow(db, row.id, row.name);
  return toDocument(row);
}

/** A client's documents (not the removed ones), newest first. */
export async function listDocuments(db: Db, clientId: number): Promise<ClientDocument[]> {
  const rows = await db
    .selectFrom('client_documents')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('removed_at', 'is', null)
    .orderBy('added_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDocument);
}

/** A document staff can see (not removed), with its content hash. */
export async function getDocument(db: Db, id: number): Promise<ClientDocument & { hash: string }> {
  const row = await db
    .selectFrom('client_documents')
    .selectAll()
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('This document');
  return { ...toDocument(row), hash: row.content_hash };
}

export async function renameDocument(db: Db, id: number, name: string): Promise<ClientDocument> {
  await db.updateTable('client_documents').set({ name }).where('id', '=', id).execute();
  await saveDocumentSearchRow(db, id, name);
  return getDocument(db, id);
}

export async function setVisibleInPortal(
  db: Db,
  id: number,
  visible: boolean,
): Promise<ClientDocument> {
  await db
    .updateTable('client_documents')
    .set({ visible_in_portal: visible ? 1 : 0 })
    .where('id', '=', id)
    .execute();
  return getDocument(db, id);
}

export async function markDocumentRemoved(
  db: Db,
  id: number,
  by: string,
  now: Date,
): Promise<ClientDocument> {
  const doc = await getDocument(db, id);
  await db
    .updateTable('client_documents')
    .set({ removed_at: now.toISOString(), removed_by: by })
    .where('id', '=', id)
    .execute();
  await removeDocumentSearchRows(db, [id]);
  return doc;
}

/** A removed document still inside its undo window, or null. */
export async function findRestorableDocument(
  db: Db,
  id: number,
  now: Date,
): Promise<DocumentRow | null> {
  const row = await db
    .selectFrom('client_documents')
    .selectAll()
    .where('id', '=', id)
    .where('removed_at', 'is not', null)
    .where('removed_at', '>', undoWindowStart(now))
    .executeTakeFirst();
  return row ?? null;
}

export async function unmarkDocumentRemoved(db: Db, id: number): Promise<ClientDocument> {
  await db
    .updateTable('client_documents')
    .set({ removed_at: null, removed_by: null })
    .where('id', '=', id)
    .execute();
  const doc = await getDocument(db, id);
  await saveDocumentSearchRow(db, id, doc.name);
  return doc;
}

function undoWindowStart(now: Date): string {
  return new Date(now.getTime() - DOCUMENT_UNDO_DAYS * 86_400_000).toISOString();
}

/**
 * Deletes the rows of documents removed longer ago than the undo window and
 * returns their content hashes: the callers delete the files no row uses any more.
 */
export async function purgeRemovedDocuments(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .deleteFrom('client_documents')
    .where('removed_at', 'is not', null)
    .where('removed_at', '<=', undoWindowStart(now))
    .returning('content_hash')
    .execute();
  return rows.map((r) => r.content_hash);
}

/** Of these hashes, the ones no document row (removed-but-undoable ones included) refers to. */
export async function unreferencedHashes(db: Db, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return [];
  const used = await db
    .selectFrom('client_documents')
    .select('content_hash')
    .distinct()
    .where('content_hash', 'in', unique)
    .execute();
  const usedSet = new Set(used.map((r) => r.content_hash));
  return unique.filter((h) => !usedSet.has(h));
}

/** Every row of a client, removed ones too: for an export and an erasure. */
export async function allDocumentRows(db: Db, clientId: number): Promise<DocumentRow[]> {
  return db
    .selectFrom('client_documents')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute();
}

/** How many documents the client's profile lists (removed ones not counted). */
export async function countDocuments(db: Db, clientId: number): Promise<number> {
  const row = await db
    .selectFrom('client_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a client's documents (removed ones too, so their undo still works) to another client. */
export async function moveDocuments(
  db: Db,
  fromClientId: number,
  toClientId: number,
): Promise<number[]> {
  const rows = await db
    .updateTable('client_documents')
    .set({ client_id: toClientId })
    .where('client_id', '=', fromClientId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Moves these documents back to `clientId` if they are still on `fromClientId`; returns those it moved. */
export async function moveDocumentsBack(
  db: Db,
  ids: readonly number[],
  fromClientId: number,
  clientId: number,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('client_documents')
    .set({ client_id: clientId })
    .where('id', 'in', ids)
    .where('client_id', '=', fromClientId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
