import type { ImportUndoResult } from '../../src-shared/contract';
import { runWriteTransaction, type WriteBy } from '../clients/client-write';
import type { Db } from '../db/open-database';
import { takeBulkWriteLock } from '../db/postgres/bulk-write-lock';
import { refreshClientStatistics } from '../db/postgres/planner-statistics';
import { removeFromIndex } from '../db/search-index';
import { AppError } from '../errors';
import { chunks } from './bulk-writes';
import { getBatch, listBatchItems, markBatchUndone } from './import-batches-repository';
import {
  findImportMoment,
  findWorkedOnClients,
  splitLinksOnExistingClients,
} from './work-since-import';

const CHUNK = 500;

/**
 * Undoes a batch, taking back only what nobody has touched since: the manual
 * clients it created go unless staff have worked on them after the import
 * (those stay, as they are, and are named with what was done); the horse
 * links it added to existing clients go while they still hold what the
 * import wrote; its notes go; horses it created go once nothing links to
 * them. Plain data in, plain result out, one transaction on `db`: it can
 * run on the database worker, and the caller tells the renderer.
 */
export async function undoImport(
  db: Db,
  input: WriteBy & { batchId: number },
): Promise<ImportUndoResult> {
  const { result } = await runWriteTransaction(db, input, async (w) => {
    await takeBulkWriteLock(w.trx);
    const batchId = input.batchId;
    const batch = await getBatch(w.trx, batchId);
    if (batch.undoneAt !== null) {
      throw new AppError('conflict', `The import of ${batch.fileName} was already undone.`);
    }
    const items = await listBatchItems(w.trx, batchId);
    const moment = await findImportMoment(w.trx, batch);
    const createdClients = items.filter((i) => i.kind === 'client').map((i) => i.client_id!);
    const created = new Set(createdClients);

    const kept = await findWorkedOnClients(w.trx, moment, createdClients, items);
    const keptIds = new Set(kept.map((k) => k.clientId));
    const removedClients = createdClients.filter((id) => !keptIds.has(id));

    // Links on removed clients go with the client (cascade); on kept clients they stay.
    const linksOnExisting = items
      .filter((i) => i.kind === 'link' && !created.has(i.client_id!))
      .map((i) => ({ clientId: i.client_id!, horseId: i.horse_id! }));
    const links = await splitLinksOnExistingClients(w.trx, moment, linksOnExisting);
    let linksRemoved = 0;
    for (const chunk of chunks(links.remove, CHUNK)) {
      // A tuple list, not `in (values …)`: PostgreSQL would type untyped VALUES parameters as text.
      const deleted = await w.trx
        .deleteFrom('client_horses')
        .where((eb) =>
          eb(
            eb.refTuple('client_id', 'horse_id'),
            'in',
            chunk.map((l) => eb.tuple(l.clientId, l.horseId)),
          ),
        )
        .executeTakeFirst();
      linksRemoved += Number(deleted.numDeletedRows);
    }
    linksRemoved += await countLinksOf(w.trx, removedClients);

    // A note is never edited, so the import's notes are still what it wrote.
    let notesRemoved = 0;
    const notesToDelete = items
      .filter((i) => i.kind === 'note' && !keptIds.has(i.client_id!))
      .map((i) => i.note_id!);
    for (const chunk of chunks(notesToDelete, CHUNK)) {
      const deleted = await w.trx
        .deleteFrom('staff_notes')
        .where('id', 'in', chunk)
        .executeTakeFirst();
      notesRemoved += Number(deleted.numDeletedRows);
    }
    let removed = 0;
    for (const chunk of chunks(removedClients, CHUNK)) {
      const deleted = await w.trx
        .deleteFrom('clients')
        .where('id', 'in', chunk)
        .where('source', '=', 'manual')
        .executeTakeFirst();
      removed += Number(deleted.numDeletedRows);
      await removeFromIndex(w.trx, chunk);
    }
    // The list is looked at right after: a shared database plans by fresh statistics.
    if (removed >= 1_000) await refreshClientStatistics(w.trx);
    let horsesRemoved = 0;
    const createdHorses = items.filter((i) => i.kind === 'horse').map((i) => i.horse_id!);
    for (const chunk of chunks(createdHorses, CHUNK)) {
      const deleted = await w.trx
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
      horsesRemoved += Number(deleted.numDeletedRows);
    }

    const undo: ImportUndoResult = {
      removed,
      kept,
      keptLinks: links.kept,
      linksRemoved,
      notesRemoved,
      horsesRemoved,
    };
    await markBatchUndone(w.trx, batchId, {
      at: w.now,
      actor: w.actor,
      detail: { kept, keptLinks: links.kept },
    });
    const keptCount = kept.length + links.kept.length;
    await w.record({
      action: 'import.undo',
      summary:
        `Undid the import of ${batch.fileName}: removed ${removed} clients` +
        (keptCount > 0
          ? `, kept ${describeKept(kept.length, links.kept.length)} that staff have worked on since`
          : ''),
      detail: {
        batchId,
        removed,
        kept: kept.map((k) => k.clientId),
        keptLinks: links.kept.map((k) => k.clientId),
        linksRemoved,
        notesRemoved,
        horsesRemoved,
      },
    });
    return undo;
  });
  return result;
}

function describeKept(clients: number, links: number): string {
  const parts: string[] = [];
  if (clients > 0) parts.push(`${clients} ${clients === 1 ? 'client' : 'clients'}`);
  if (links > 0) parts.push(`${links} horse ${links === 1 ? 'link' : 'links'}`);
  return parts.join(' and ');
}

/** Links that go with the clients about to be removed (the delete cascades to them). */
async function countLinksOf(db: Db, clientIds: readonly number[]): Promise<number> {
  let count = 0;
  for (const chunk of chunks(clientIds, CHUNK)) {
    const row = await db
      .selectFrom('client_horses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('client_id', 'in', chunk)
      .executeTakeFirstOrThrow();
    count += Number(row.n);
  }
  return count;
}
