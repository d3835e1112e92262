import type { ClassifiedRow, ImportSummary, MappedRows } from '../../src-shared/contract';
import { runWriteTransaction, type WriteBy } from '../clients/client-write';
import { foldForSort } from '../clients/sort-name';
import type { Db } from '../db/open-database';
import { takeBulkWriteLock } from '../db/postgres/bulk-write-lock';
import { refreshClientStatistics } from '../db/postgres/planner-statistics';
import { AppError } from '../errors';
import {
  findOrCreateHorses,
  insertHorseLinks,
  insertManualClients,
  insertStaffNotes,
} from './bulk-writes';
import { rowNumberOf } from '../../src-shared/import/row-numbers';
import { classifyImportRows, countColors } from './classify-import-row';
import { loadClientDirectory } from './client-directory';
import {
  insertBatch,
  insertBatchItems,
  saveBatchCounts,
  type BatchItem,
} from './import-batches-repository';
import { importRowReader, type ImportRow } from './import-row';

export interface ClassifiedImport {
  rows: ImportRow[];
  classified: ClassifiedRow[];
}

/** Reads and classifies the rows against the clients as they are now (one query, then maps). */
export async function classifyMappedRows(db: Db, input: MappedRows): Promise<ClassifiedImport> {
  const directory = await loadClientDirectory(db);
  const read = importRowReader(input.fields);
  const rows = input.rows.map(read);
  const resolutions = new Map(input.resolutions.map((r) => [r.index, r.clientId]));
  return {
    rows,
    classified: classifyImportRows(
      rows,
      directory,
      new Set(input.excluded),
      resolutions,
      input.numbering,
    ),
  };
}

export type CommitInput = MappedRows & { fileName: string };

/** New clients after which a shared database's planner statistics are refreshed (planner-statistics.ts). */
const STATISTICS_AFTER_CLIENTS = 1_000;

/**
 * Sets the clients table's secondary indexes aside while many new clients
 * are inserted, and builds them again before the transaction commits (the
 * database worker passes db/deferred-indexes.ts on its own connection).
 */
export interface BulkIndexes {
  /** Told how many clients are about to be created; true when it set the indexes aside. */
  setAside(newClients: number): boolean;
  rebuild(): void;
}

export interface CommitOptions {
  indexes?: BulkIndexes;
  /**
   * The preview's classification, when nothing in the database changed since
   * it was made (asked inside the transaction, on `trx`, after the bulk-write
   * lock, so no other bulk write can change it after).
   */
  unchangedPreview?: (trx: Db) => Promise<ClassifiedImport | null>;
}

/**
 * The import, in one transaction: green rows add their horses and notes to
 * the QuickBooks client they match and never touch its contact fields
 * (QuickBooks is the master); blue rows become manual clients; red and
 * unticked rows are skipped. The rows are classified inside the transaction,
 * against the clients as they are at this moment (or the preview is reused
 * when nothing was written since), so nothing the preview showed can have
 * changed under it. Everything added is recorded in the batch for undo.
 * Plain data in, plain result out: it runs on the database worker.
 */
export async function commitImport(
  db: Db,
  input: CommitInput & WriteBy,
  options: CommitOptions = {},
): Promise<ImportSummary> {
  const { indexes } = options;
  const { result } = await runWriteTransaction(db, input, async (w) => {
    await takeBulkWriteLock(w.trx);
    const { rows, classified } =
      (await options.unchangedPreview?.(w.trx)) ?? (await classifyMappedRows(w.trx, input));
    const excluded = new Set(input.excluded.filter((i) => i < rows.length));
    const counts = countColors(classified, excluded);
    // A row several QuickBooks customers could be is never linked by chance.
    if (counts.amber > 0) {
      // Named by their rows in the file, as the preview shows them (QuickBooks may have changed since it).
      const waiting = classified
        .filter((c) => c.color === 'amber' && !excluded.has(c.index))
        .map((c) => rowNumberOf(input.numbering, c.index));
      const named =
        waiting.length === 1
          ? `Row ${waiting[0]} shares its email`
          : `${waiting.length} rows (${waiting.slice(0, 5).join(', ')}${waiting.length > 5 ? ', …' : ''}) share their email`;
      throw new AppError(
        'validation',
        `${named} with several QuickBooks customers. ` +
          'Choose a customer for each (or import it as a new client), or untick it, then import again. Nothing was imported.',
      );
    }
    const batchId = await insertBatch(w.trx, {
      fileName: input.fileName,
      actor: w.actor,
      at: w.now,
    });

    const imported = classified.filter((c) => c.color !== 'red' && !excluded.has(c.index));
    const blue = imported.filter((c) => c.color === 'blue');
    const indexesAside = indexes?.setAside(blue.length) ?? false;
    const createdIds = await insertManualClients(
      w.trx,
      blue.map((c) => rows[c.index]!.fields),
      w.now,
    );
    const targetOf = new Map<number, number>();
    blue.forEach((c, i) => targetOf.set(c.index, createdIds[i]!));
    for (const c of imported) if (c.color === 'green') targetOf.set(c.index, c.matchClientId!);

    const horseNames = imported.flatMap((c) => rows[c.index]!.horses);
    const horses = await findOrCreateHorses(w.trx, horseNames, w.now);
    const wantedLinks = imported.flatMap((c) =>
      rows[c.index]!.horses.map((name) => ({
        clientId: targetOf.get(c.index)!,
        horseId: horses.idByName.get(foldForSort(name))!,
      })),
    );
    const links = await insertHorseLinks(w.trx, wantedLinks, w.now);
    const notes = imported
      .filter((c) => rows[c.index]!.notes !== null)
      .map((c) => ({ clientId: targetOf.get(c.index)!, body: rows[c.index]!.notes! }));
    const noteIds = await insertStaffNotes(w.trx, notes, w.actor, w.now);

    const items: BatchItem[] = [
      ...createdIds.map((id) => item('client', { client_id: id })),
      ...horses.created.map((id) => item('horse', { horse_id: id })),
      ...links.map((l) => item('link', { client_id: l.clientId, horse_id: l.horseId })),
      ...noteIds.map((id, i) => item('note', { note_id: id, client_id: notes[i]!.clientId })),
      // So a linked client's history says so even when its row brought no horse and no note.
      ...imported
        .filter((c) => c.color === 'green')
        .map((c) => item('match', { client_id: c.matchClientId })),
    ];
    await insertBatchItems(w.trx, batchId, items);
    if (indexesAside) indexes?.rebuild();
    if (createdIds.length >= STATISTICS_AFTER_CLIENTS) await refreshClientStatistics(w.trx);
    const summary: ImportSummary = {
      batchId,
      linked: counts.green,
      created: counts.blue,
      skipped: counts.red,
      excluded: excluded.size,
      horsesLinked: links.length,
      horsesCreated: horses.created.length,
      notesAdded: noteIds.length,
    };
    await saveBatchCounts(w.trx, batchId, {
      linked: summary.linked,
      created: summary.created,
      skipped: summary.skipped,
      excluded: summary.excluded,
      horses_linked: summary.horsesLinked,
      horses_created: summary.horsesCreated,
      notes_added: summary.notesAdded,
    });
    await w.record({
      action: 'import.commit',
      summary:
        `Imported ${input.fileName}: ${summary.linked} linked to QuickBooks clients, ` +
        `${summary.created} new manual clients, ${summary.skipped + summary.excluded} skipped`,
      detail: { ...summary },
    });
    return summary;
  });
  return result;
}

function item(kind: BatchItem['kind'], ids: Partial<Omit<BatchItem, 'kind'>>): BatchItem {
  return { kind, client_id: null, horse_id: null, note_id: null, ...ids };
}
