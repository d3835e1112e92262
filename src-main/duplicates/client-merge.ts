import type { MergeRecord } from '../../src-shared/contract';
import type { ClientWrite } from '../clients/client-write';
import { updateClientRow } from '../clients/clients-repository';
import { deleteHorseLink, saveHorseLink } from '../clients/horses-repository';
import { insertNote } from '../clients/notes-repository';
import { replacePortalRow } from '../clients/portal-repository';
import { replacePreferencesRow } from '../clients/preferences-repository';
import { moveDocuments } from '../documents/documents-repository';
import type { MergeChanges } from './merge-changes';
import { checkMergeable, planMerge, readMergeSide } from './merge-plan';
import { getMerge, insertMerge } from './merges-repository';

/**
 * Merging a duplicate pair: the kept client takes the other's horse links
 * and documents, a copy of each staff note (marked with where it came from), and its portal
 * access and preferences where it has none; the other client is archived and
 * points at the kept one. Runs inside the caller's transaction (runClientWrite).
 */
export async function mergeClients(
  w: ClientWrite,
  keepClientId: number,
  archiveClientId: number,
): Promise<MergeRecord> {
  const keep = await readMergeSide(w.trx, keepClientId);
  const archive = await readMergeSide(w.trx, archiveClientId);
  checkMergeable(keep, archive);
  const plan = planMerge(keep, archive);
  const keptId = keep.client.id;
  const archivedId = archive.client.id;

  const keptHorses = new Set(keep.links.map((l) => l.horseId));
  const addedHorseIds: number[] = [];
  for (const link of archive.links) {
    await deleteHorseLink(w.trx, archivedId, link.horseId);
    if (keptHorses.has(link.horseId)) continue;
    // The link keeps its role and its date: the horse has been with this person since then.
    await saveHorseLink(w.trx, keptId, link.horseId, link.role, new Date(link.linkedAt));
    addedHorseIds.push(link.horseId);
  }

  const copiedNoteIds: number[] = [];
  const notes = await w.trx
    .selectFrom('staff_notes')
    .selectAll()
    .where('id', 'in', archive.noteIds.length > 0 ? archive.noteIds : [-1])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const note of notes) {
    // Copies keep author and date so the kept client's notes read in the order they were written.
    const copy = await insertNote(
      w.trx,
      { clientId: keptId, author: note.author, body: note.body, copiedFromClientId: archivedId },
      new Date(note.created_at),
    );
    copiedNoteIds.push(copy.id);
  }

  // Documents move as they are (removed ones too, so their undo still works).
  const movedDocumentIds = await moveDocuments(w.trx, archivedId, keptId);

  const portalCarried = plan.portal === 'carried' && archive.portal !== null;
  if (portalCarried && archive.portal) {
    await replacePortalRow(w.trx, keptId, withoutClientId(archive.portal));
  }
  const preferencesCarried = plan.preferences === 'carried' && archive.preferences !== null;
  if (preferencesCarried && archive.preferences) {
    await replacePreferencesRow(w.trx, keptId, withoutClientId(archive.preferences), w.actor);
  }

  await updateClientRow(w.trx, archivedId, {
    archived_at: w.now.toISOString(),
    merged_into_id: keptId,
    updated_at: w.now.toISOString(),
    updated_by: w.actor,
  });

  const changes: MergeChanges = {
    removedLinks: archive.links,
    addedHorseIds,
    copiedNoteIds,
    movedDocumentIds,
    portal: {
      carried: portalCarried,
      keptBefore: keep.portal ? withoutClientId(keep.portal) : null,
      written: portalCarried && archive.portal ? withoutClientId(archive.portal) : null,
    },
    preferences: {
      carried: preferencesCarried,
      keptBefore: keep.preferences ? withoutClientId(keep.preferences) : null,
      written:
        preferencesCarried && archive.preferences ? withoutClientId(archive.preferences) : null,
    },
    archivedBefore: {
      archived_at: archive.client.archived_at,
      merged_into_id: archive.client.merged_into_id,
      updated_at: archive.client.updated_at,
    },
  };
  const mergeId = await insertMerge(
    w.trx,
    { keptClientId: keptId, archivedClientId: archivedId, by: w.actor, changes },
    w.now,
  );
  await w.record({
    action: 'client.merge',
    summary: `Merged ${archive.client.display_name} into ${keep.client.display_name}: ${describeMerge(plan, addedHorseIds.length, copiedNoteIds.length, movedDocumentIds.length)}. ${archive.client.display_name} is archived.`,
    clientId: keptId,
    detail: {
      mergeId,
      archivedClientId: archivedId,
      horsesMoved: addedHorseIds.length,
      horsesAlreadyLinked: plan.horsesAlreadyLinked,
      notesCopied: copiedNoteIds.length,
      documentsMoved: movedDocumentIds.length,
      portal: plan.portal,
      preferences: plan.preferences,
    },
  });
  return (await getMerge(w.trx, mergeId)).record;
}

function describeMerge(
  plan: ReturnType<typeof planMerge>,
  horses: number,
  notes: number,
  documents: number,
): string {
  const parts = [
    `moved ${horses} ${horses === 1 ? 'horse' : 'horses'}`,
    `copied ${notes} ${notes === 1 ? 'note' : 'notes'}`,
  ];
  if (documents > 0) parts.push(`moved ${documents} ${documents === 1 ? 'document' : 'documents'}`);
  if (plan.portal === 'carried') parts.push('carried over portal access');
  if (plan.portal === 'kept_has_own') parts.push('both had portal access, kept its own');
  if (plan.preferences === 'carried') parts.push('carried over preferences');
  return parts.join(', ');
}

/**
 * Portal and preference rows move as stored, not as the clients/ repositories
 * read them with defaults filled in: "Undo merge" must put back "there was no row".
 */
export function withoutClientId<T extends { client_id: number }>(row: T): Omit<T, 'client_id'> {
  const { client_id: _ignored, ...rest } = row;
  return rest;
}
