import type { MergeRecord } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { notFound } from '../errors';
import { readMergeChanges, type MergeChanges } from './merge-changes';

/** The merge history: every merge with what it changed, and whether it was undone. */

export async function insertMerge(
  db: Db,
  merge: { keptClientId: number; archivedClientId: number; by: string; changes: MergeChanges },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('client_merges')
    .values({
      kept_client_id: merge.keptClientId,
      archived_client_id: merge.archivedClientId,
      merged_at: now.toISOString(),
      merged_by: merge.by,
      changes: JSON.stringify(merge.changes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markMergeUndone(db: Db, id: number, by: string, now: Date): Promise<void> {
  await db
    .updateTable('client_merges')
    .set({ undone_at: now.toISOString(), undone_by: by })
    .where('id', '=', id)
    .execute();
}

function selectMerges(db: Db) {
  return db
    .selectFrom('client_merges as m')
    .innerJoin('clients as kept', 'kept.id', 'm.kept_client_id')
    .innerJoin('clients as archived', 'archived.id', 'm.archived_client_id')
    .selectAll('m')
    .select(['kept.display_name as kept_name', 'archived.display_name as archived_name']);
}

type MergeRow = Awaited<ReturnType<ReturnType<typeof selectMerges>['executeTakeFirstOrThrow']>>;

export interface StoredMerge {
  record: MergeRecord;
  changes: MergeChanges;
}

/**
 * A merge can be undone only while no later merge of either client stands:
 * undoing out of order would hand back horses or notes a later merge moved on.
 */
async function laterMergeBlocking(db: Db, row: MergeRow): Promise<string | null> {
  if (row.undone_at !== null) return null;
  const clientIds = [row.kept_client_id, row.archived_client_id];
  const later = await selectMerges(db)
    .where('m.id', '>', row.id)
    .where('m.undone_at', 'is', null)
    .where((eb) =>
      eb.or([eb('m.kept_client_id', 'in', clientIds), eb('m.archived_client_id', 'in', clientIds)]),
    )
    .orderBy('m.id', 'desc')
    .executeTakeFirst();
  if (!later) return null;
  return `Undo the later merge of ${later.archived_name} into ${later.kept_name} first.`;
}

async function toStoredMerge(db: Db, row: MergeRow): Promise<StoredMerge> {
  const changes = readMergeChanges(row.changes);
  return {
    changes,
    record: {
      id: row.id,
      keptClientId: row.kept_client_id,
      keptClientName: row.kept_name,
      archivedClientId: row.archived_client_id,
      archivedClientName: row.archived_name,
      mergedAt: row.merged_at,
      mergedBy: row.merged_by,
      horsesMoved: changes.addedHorseIds.length,
      notesCopied: changes.copiedNoteIds.length,
      portalCarried: changes.portal.carried,
      preferencesCarried: changes.preferences.carried,
      undoneAt: row.undone_at,
      undoBlockedBy: await laterMergeBlocking(db, row),
    },
  };
}

export async function getMerge(db: Db, id: number): Promise<StoredMerge> {
  const row = await selectMerges(db).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('This merge');
  return toStoredMerge(db, row);
}

/** Newest first; with a client, only the merges it took part in. */
export async function listMerges(
  db: Db,
  filter: { clientId?: number | undefined; limit: number },
): Promise<MergeRecord[]> {
  let query = selectMerges(db).orderBy('m.id', 'desc').limit(filter.limit);
  const clientId = filter.clientId;
  if (clientId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('m.kept_client_id', '=', clientId), eb('m.archived_client_id', '=', clientId)]),
    );
  }
  const rows = await query.execute();
  const records: MergeRecord[] = [];
  for (const row of rows) records.push((await toStoredMerge(db, row)).record);
  return records;
}
