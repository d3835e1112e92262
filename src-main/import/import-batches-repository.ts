import type { Insertable, Selectable } from 'kysely';
import type { ImportBatch } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ImportBatchItemsTable, ImportBatchesTable } from '../db/schema';
import { notFound } from '../errors';

/** The import history: one row per batch, and what each batch added. */

export type BatchCounts = Pick<
  Insertable<ImportBatchesTable>,
  'linked' | 'created' | 'skipped' | 'excluded' | 'horses_linked' | 'horses_created' | 'notes_added'
>;

export async function insertBatch(
  db: Db,
  batch: { fileName: string; actor: string; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('import_batches')
    .values({
      file_name: batch.fileName,
      actor: batch.actor,
      imported_at: batch.at.toISOString(),
      linked: 0,
      created: 0,
      skipped: 0,
      excluded: 0,
      horses_linked: 0,
      horses_created: 0,
      notes_added: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveBatchCounts(db: Db, id: number, counts: BatchCounts): Promise<void> {
  await db.updateTable('import_batches').set(counts).where('id', '=', id).execute();
}

export type BatchItem = Omit<ImportBatchItemsTable, 'batch_id'>;

// Five values a row: 500 rows stay well under SQLite's limit on bound values.
const ITEM_CHUNK = 500;

export async function insertBatchItems(
  db: Db,
  batchId: number,
  items: readonly BatchItem[],
): Promise<void> {
  for (let start = 0; start < items.length; start += ITEM_CHUNK) {
    await db
      .insertInto('import_batch_items')
      .values(
        items.slice(start, start + ITEM_CHUNK).map((item) => ({ batch_id: batchId, ...item })),
      )
      .execute();
  }
}

export async function listBatchItems(db: Db, batchId: number): Promise<BatchItem[]> {
  return db
    .selectFrom('import_batch_items')
    .select(['kind', 'client_id', 'horse_id', 'note_id'])
    .where('batch_id', '=', batchId)
    .execute();
}

/** One import item touching a client, with its batch's file, actor and time (for the client's history). */
export interface ClientImportLine {
  batch_id: number;
  kind: string;
  file_name: string;
  actor: string;
  imported_at: string;
  undone_at: string | null;
  horse_name: string | null;
}

/** Newest batch first; `limit` counts items, and one batch may hold several for the same client. */
export async function listClientImportLines(
  db: Db,
  clientId: number,
  limit: number,
): Promise<ClientImportLine[]> {
  return db
    .selectFrom('import_batch_items as i')
    .innerJoin('import_batches as b', 'b.id', 'i.batch_id')
    .leftJoin('horses as h', 'h.id', 'i.horse_id')
    .select([
      'i.batch_id',
      'i.kind',
      'b.file_name',
      'b.actor',
      'b.imported_at',
      'b.undone_at',
      'h.name as horse_name',
    ])
    .where('i.client_id', '=', clientId)
    .orderBy('i.batch_id', 'desc')
    .limit(limit)
    .execute();
}

export async function getBatch(db: Db, id: number): Promise<ImportBatch> {
  const row = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This import');
  return toBatch(row);
}

export async function listBatches(db: Db, limit = 50): Promise<ImportBatch[]> {
  const rows = await db
    .selectFrom('import_batches')
    .selectAll()
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toBatch);
}

export async function markBatchUndone(
  db: Db,
  id: number,
  undo: { at: Date; actor: string; detail: unknown },
): Promise<void> {
  await db
    .updateTable('import_batches')
    .set({
      undone_at: undo.at.toISOString(),
      undone_by: undo.actor,
      undo_detail: JSON.stringify(undo.detail),
    })
    .where('id', '=', id)
    .execute();
}

function toBatch(row: Omit<Selectable<ImportBatchesTable>, 'undo_detail'>): ImportBatch {
  return {
    id: row.id,
    fileName: row.file_name,
    actor: row.actor,
    importedAt: row.imported_at,
    linked: row.linked,
    created: row.created,
    skipped: row.skipped,
    excluded: row.excluded,
    horsesLinked: row.horses_linked,
    horsesCreated: row.horses_created,
    notesAdded: row.notes_added,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}
