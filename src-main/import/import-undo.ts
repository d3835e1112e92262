import { sql } from 'kysely';
import type { ImportUndoResult, KeptClient } from '../../src-shared/contract';
import { runClientWrite } from '../clients/client-write';
import type { CoreContext } from '../core-context';
import type { Db } from '../db/open-database';
import { removeFromIndex } from '../db/search-index';
import { AppError } from '../errors';
import { chunks } from './bulk-writes';
import { getBatch, listBatchItems, markBatchUndone } from './import-batches-repository';

const CHUNK = 500;

/**
 * Undoes a batch: the manual clients it created go, unless staff have since
 * linked a horse, added a note or merged them (those stay, as they are, and
 * are named); the horse links and notes it added to other clients go; horses
 * it created go once nothing links to them.
 */
export async function undoImport(ctx: CoreContext, batchId: number): Promise<ImportUndoResult> {
  return runClientWrite(ctx, ['clients', 'horses', 'notes'], async (w) => {
    const batch = await getBatch(w.trx, batchId);
    if (batch.undoneAt !== null) {
      throw new AppError('conflict', `The import of ${batch.fileName} was already undone.`);
    }
    const items = await listBatchItems(w.trx, batchId);
    const createdClients = items.filter((i) => i.kind === 'client').map((i) => i.client_id!);
    const batchLinks = new Set(
      items.filter((i) => i.kind === 'link').map((i) => linkKey(i.client_id!, i.horse_id!)),
    );
    const batchNotes = new Set(items.filter((i) => i.kind === 'note').map((i) => i.note_id!));

    const kept = await findClientsToKeep(w.trx, createdClients, batchLinks, batchNotes);
    const keptIds = new Set(kept.map((k) => k.clientId));
    const removedClients = createdClients.filter((id) => !keptIds.has(id));

    // Links and notes on kept clients stay with them; on removed clients they go with the client.
    let linksRemoved = 0;
    const linksToDelete = items.filter((i) => i.kind === 'link' && !keptIds.has(i.client_id!));
    for (const chunk of chunks(linksToDelete, CHUNK)) {
      const pairs = chunk.map((l) => sql`(${l.client_id}, ${l.horse_id})`);
      const result =
        await sql`delete from client_horses where (client_id, horse_id) in (values ${sql.join(pairs)})`.execute(
          w.trx,
        );
      linksRemoved += Number(result.numAffectedRows ?? 0);
    }
    let notesRemoved = 0;
    const notesToDelete = items
      .filter((i) => i.kind === 'note' && !keptIds.has(i.client_id!))
      .map((i) => i.note_id!);
    for (const chunk of chunks(notesToDelete, CHUNK)) {
      const result = await w.trx
        .deleteFrom('staff_notes')
        .where('id', 'in', chunk)
        .executeTakeFirst();
      notesRemoved += Number(result.numDeletedRows);
    }
    let removed = 0;
    for (const chunk of chunks(removedClients, CHUNK)) {
      const result = await w.trx
        .deleteFrom('clients')
        .where('id', 'in', chunk)
        .where('source', '=', 'manual')
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
      await removeFromIndex(w.trx, chunk);
    }
    let horsesRemoved = 0;
    const createdHorses = items.filter((i) => i.kind === 'horse').map((i) => i.horse_id!);
    for (const chunk of chunks(createdHorses, CHUNK)) {
      const result = await w.trx
        .deleteFrom('horses')
        .where('id', 'in', chunk)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('client_horses')
                .select('client_id')
                .whereRef('client_horses.horse_id', '=', 'horses.id'),
            ),
          ),
        )
        .executeTakeFirst();
      horsesRemoved += Number(result.numDeletedRows);
    }

    const result: ImportUndoResult = { removed, kept, linksRemoved, notesRemoved, horsesRemoved };
    await markBatchUndone(w.trx, batchId, { at: w.now, actor: w.actor, detail: { kept } });
    await w.record({
      action: 'import.undo',
      summary:
        `Undid the import of ${batch.fileName}: removed ${removed} clients` +
        (kept.length > 0 ? `, kept ${kept.length} that staff have worked on since` : ''),
      detail: {
        batchId,
        removed,
        kept: kept.map((k) => k.clientId),
        linksRemoved,
        notesRemoved,
        horsesRemoved,
      },
    });
    return result;
  });
}

function linkKey(clientId: number, horseId: number): string {
  return `${clientId}:${horseId}`;
}

/** Created clients staff have since given a horse, a note, or merged: undo keeps them and says why. */
async function findClientsToKeep(
  db: Db,
  clientIds: readonly number[],
  batchLinks: ReadonlySet<string>,
  batchNotes: ReadonlySet<number>,
): Promise<KeptClient[]> {
  const reasons = new Map<number, string[]>();
  const add = (id: number, reason: string) => {
    const list = reasons.get(id) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(id, list);
  };
  const names = new Map<number, string>();
  for (const chunk of chunks(clientIds, CHUNK)) {
    const links = await db
      .selectFrom('client_horses')
      .innerJoin('horses', 'horses.id', 'client_horses.horse_id')
      .select(['client_horses.client_id', 'client_horses.horse_id', 'horses.name'])
      .where('client_horses.client_id', 'in', chunk)
      .execute();
    for (const link of links) {
      if (!batchLinks.has(linkKey(link.client_id, link.horse_id))) {
        add(link.client_id, `a horse (${link.name}) was linked since the import`);
      }
    }
    const notes = await db
      .selectFrom('staff_notes')
      .select(['id', 'client_id'])
      .where('client_id', 'in', chunk)
      .execute();
    for (const note of notes) {
      if (!batchNotes.has(note.id)) add(note.client_id, 'a staff note was added since the import');
    }
    const clients = await db
      .selectFrom('clients')
      .select(['id', 'display_name', 'merged_into_id'])
      .where('id', 'in', chunk)
      .execute();
    for (const client of clients) {
      names.set(client.id, client.display_name);
      if (client.merged_into_id !== null) add(client.id, 'it was merged into another client');
    }
  }
  return [...reasons.entries()]
    .filter(([id]) => names.has(id))
    .map(([clientId, list]) => ({
      clientId,
      name: names.get(clientId)!,
      reason: `Kept: ${list.join('; ')}`,
    }));
}
