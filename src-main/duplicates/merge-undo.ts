import type { KeptChange, MergeRecord, MergeUndoResult } from '../../src-shared/contract';
import { runWriteTransaction, type WriteBy } from '../clients/client-write';
import { updateClientRow } from '../clients/clients-repository';
import { deleteHorseLink } from '../clients/horses-repository';
import { deleteNote } from '../clients/notes-repository';
import { readPortalRow, replacePortalRow } from '../clients/portal-repository';
import { readPreferencesRow, replacePreferencesRow } from '../clients/preferences-repository';
import { moveDocumentsBack } from '../documents/documents-repository';
import type { Db } from '../db/open-database';
import { jsonInt } from '../db/dialect';
import { takeBulkWriteLock } from '../db/postgres/bulk-write-lock';
import { AppError } from '../errors';
import { withoutClientId } from './client-merge';
import type { MergeChanges } from './merge-changes';
import { getMerge, markMergeUndone } from './merges-repository';

const AFTER = 'after the merge';

/**
 * Undoes a merge, putting back each piece only while it still holds what the
 * merge wrote: a moved horse link goes back to the archived client unless
 * staff unlinked it or changed it since (then it stays as they left it);
 * carried-over portal access and preferences give way to what the kept
 * client had, unless edited since; copied notes go; the archived client is
 * restored. What stayed is returned, with why. Plain data in, one transaction
 * on `db`: it can run on the database worker, and the caller tells the renderer.
 */
export async function undoMerge(
  db: Db,
  input: WriteBy & { mergeId: number },
): Promise<MergeUndoResult> {
  const { result } = await runWriteTransaction(db, input, async (w) => {
    await takeBulkWriteLock(w.trx);
    const { record, changes } = await getMerge(w.trx, input.mergeId);
    if (record.undoneAt !== null) {
      throw new AppError('conflict', 'This merge was already undone.');
    }
    if (record.undoBlockedBy !== null) {
      throw new AppError('conflict', record.undoBlockedBy);
    }
    const since = await workSinceMerge(w.trx, record);
    const kept: KeptChange[] = [];
    const keptId = record.keptClientId;
    const archivedId = record.archivedClientId;
    const onKept = { clientId: keptId, clientName: record.keptClientName };

    const moved = new Set(changes.addedHorseIds);
    const horseNames = await readHorseNames(
      w.trx,
      changes.removedLinks.map((l) => l.horseId),
    );
    for (const link of changes.removedLinks) {
      const name = horseNames.get(link.horseId) ?? 'A horse';
      if (moved.has(link.horseId)) {
        const now = await w.trx
          .selectFrom('client_horses')
          .select(['role', 'linked_at'])
          .where('client_id', '=', keptId)
          .where('horse_id', '=', link.horseId)
          .executeTakeFirst();
        if (!now) {
          kept.push({
            ...onKept,
            what: `${name} (horse link)`,
            reason: `${name} stays unlinked: it was unlinked from ${record.keptClientName} ${AFTER}`,
          });
          continue;
        }
        const unchanged =
          now.role === link.role &&
          now.linked_at === link.linkedAt &&
          !since.horses.has(link.horseId);
        if (!unchanged) {
          kept.push({
            ...onKept,
            what: `${name} (horse link)`,
            reason: `${name} stays with ${record.keptClientName}: its link was changed ${AFTER}`,
          });
          continue;
        }
        await deleteHorseLink(w.trx, keptId, link.horseId);
      }
      // A link staff made on the archived client since is theirs: it is not overwritten.
      await w.trx
        .insertInto('client_horses')
        .values({
          client_id: archivedId,
          horse_id: link.horseId,
          role: link.role,
          linked_at: link.linkedAt,
        })
        .onConflict((oc) => oc.columns(['client_id', 'horse_id']).doNothing())
        .execute();
    }

    // Notes are never edited: a copy is still what the merge wrote, and goes.
    for (const noteId of changes.copiedNoteIds) await deleteNote(w.trx, noteId);

    // Documents go back unless staff erased them since (renames and removals travel with them).
    await moveDocumentsBack(w.trx, changes.movedDocumentIds ?? [], keptId, archivedId);

    if (changes.portal.carried) {
      const written =
        changes.portal.written ?? (await rowWithoutClientId(readPortalRow(w.trx, archivedId)));
      const now = await rowWithoutClientId(readPortalRow(w.trx, keptId));
      if (sameRow(now, written) && !since.portal) {
        await replacePortalRow(w.trx, keptId, changes.portal.keptBefore);
      } else {
        kept.push({
          ...onKept,
          what: 'portal access',
          reason: `portal access was changed ${AFTER}`,
        });
      }
    }
    if (changes.preferences.carried) {
      const written =
        changes.preferences.written ??
        (await rowWithoutClientId(readPreferencesRow(w.trx, archivedId)));
      const now = await rowWithoutClientId(readPreferencesRow(w.trx, keptId));
      if (sameRow(now, written) && !since.preferences) {
        await replacePreferencesRow(w.trx, keptId, changes.preferences.keptBefore, w.actor);
      } else {
        kept.push({
          ...onKept,
          what: 'preferences',
          reason: `the preferences were changed ${AFTER}`,
        });
      }
    }

    await restoreArchivedClient(w.trx, record, changes, w);
    await markMergeUndone(w.trx, input.mergeId, w.actor, w.now);

    await w.record({
      action: 'client.merge.undo',
      summary:
        `Undid the merge of ${record.archivedClientName} into ${record.keptClientName}; ${record.archivedClientName} is restored` +
        (kept.length > 0 ? `. Kept as changed since: ${kept.map((k) => k.what).join(', ')}` : ''),
      clientId: keptId,
      detail: { mergeId: input.mergeId, archivedClientId: archivedId, kept },
    });
    return { ...(await getMerge(w.trx, input.mergeId)).record, kept };
  });
  return result;
}

/**
 * Staff edits to the kept client logged after the merge's own entry: a row
 * saved again with the same values is still an edit someone chose to make.
 */
async function workSinceMerge(
  db: Db,
  record: MergeRecord,
): Promise<{ horses: Set<number>; portal: boolean; preferences: boolean }> {
  const mergeEntry = await db
    .selectFrom('activity')
    .select('id')
    .where('action', '=', 'client.merge')
    .where(jsonInt(db, 'detail', 'mergeId'), '=', record.id)
    .executeTakeFirst();
  let query = db
    .selectFrom('activity')
    .select(['action', jsonInt(db, 'detail', 'horseId').as('horse_id')])
    .where('client_id', '=', record.keptClientId)
    .where('action', 'in', ['horse.link', 'horse.unlink', 'portal.update', 'preferences.update']);
  query = mergeEntry
    ? query.where('id', '>', mergeEntry.id)
    : query.where('at', '>', record.mergedAt);
  const entries = await query.execute();
  return {
    horses: new Set(
      entries.filter((e) => e.action.startsWith('horse.')).map((e) => Number(e.horse_id)),
    ),
    portal: entries.some((e) => e.action === 'portal.update'),
    preferences: entries.some((e) => e.action === 'preferences.update'),
  };
}

/** Back as it was, unless staff saved it since (then the later time stays). */
async function restoreArchivedClient(
  db: Db,
  record: MergeRecord,
  changes: MergeChanges,
  by: WriteBy,
): Promise<void> {
  const current = await db
    .selectFrom('clients')
    .select('updated_at')
    .where('id', '=', record.archivedClientId)
    .executeTakeFirstOrThrow();
  await updateClientRow(db, record.archivedClientId, {
    archived_at: changes.archivedBefore.archived_at,
    merged_into_id: changes.archivedBefore.merged_into_id,
    updated_at:
      current.updated_at === record.mergedAt
        ? changes.archivedBefore.updated_at
        : by.now.toISOString(),
    updated_by: by.actor,
  });
}

async function readHorseNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('horses')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function rowWithoutClientId<T extends { client_id: number }>(
  row: Promise<T | null>,
): Promise<Omit<T, 'client_id'> | null> {
  const value = await row;
  return value ? withoutClientId(value) : null;
}

function sameRow(a: object | null, b: object | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    (k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k],
  );
}
