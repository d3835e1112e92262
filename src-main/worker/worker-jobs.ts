import type SQLite from 'better-sqlite3';
import { runWriteTransaction, type WriteBy } from '../clients/client-write';
import { takeBulkWriteLock } from '../db/postgres/bulk-write-lock';
import { mergeClients } from '../duplicates/client-merge';
import { undoMerge } from '../duplicates/merge-undo';
import { undoImport } from '../import/import-undo';
import type { Db } from '../db/open-database';
import { deferClientIndexes, restoreDeferredIndexes } from '../db/deferred-indexes';
import { findManualMatchesFor, listDuplicatePairs } from '../duplicates/duplicate-scan';
import { customerBatchApplier, type CustomerBatch } from '../sync/customer-apply';
import type { StorageKind } from '../db/dialect';
import { databaseWriteMark } from '../db/postgres/database-write-mark';
import type { StagedPages } from '../sync/staged-pages';
import { localQuickBooksClients } from '../sync/local-quickbooks-clients';
import { insertItems } from '../sync/sync-log-repository';
import { possibleDuplicateItems } from '../sync/possible-duplicates';
import type { ImportField, MappedRows } from '../../src-shared/contract';
import type { ImportUploads } from '../import/import-uploads';
import { countColors } from '../import/classify-import-row';
import {
  classifyMappedRows,
  commitImport,
  type BulkIndexes,
  type CommitInput,
} from '../import/import-commit';

/**
 * New clients from which an import builds the Clients list's indexes after
 * inserting (when they are also at least half as many as the clients there
 * are): 9 indexes filled row by row cost about 1 s more at 50,000 rows than
 * building each once.
 */
const BULK_IMPORT_CLIENTS = 5_000;

/** The worker's own connection, and the prepared writers made on it. */
export interface WorkerConnection {
  db: Db;
  kind: StorageKind;
  /** The raw SQLite handle, for the few SQLite-only steps (kind 'sqlite'); throws on PostgreSQL. */
  sqlite: SQLite.Database;
  /** The sync page writer of this connection's dialect. */
  customers(): ReturnType<typeof customerBatchApplier>;
  /** Full-pass pages parsed here and waiting for their turn. */
  pages: StagedPages;
  /** Files' rows sent ahead in chunks for an import. */
  uploads: ImportUploads;
  /** Counts connections opened: a restore swaps the file under the same uploads. */
  generation: number;
}

/**
 * Everything the database worker does. Each job gets the worker's connection
 * and plain data (staff writes carry their actor and time: WriteBy), and
 * returns plain data: no ports, no events. The main thread emits those once a
 * job has committed.
 */
export const workerJobs = {
  /** Starts a full pass: the company's clients to check off, and no pages left from an interrupted one. */
  'sync.localClients': (c: WorkerConnection, input: { realmId: string }) => {
    c.pages.clear();
    return localQuickBooksClients(c.db, input.realmId);
  },

  'sync.readPage': async (c: WorkerConnection, input: { text: string }) =>
    c.pages.stage(input.text),

  'sync.applyBatch': async (c: WorkerConnection, batch: CustomerBatch) =>
    c
      .customers()
      .apply(
        batch.staged
          ? { ...batch, customers: [...c.pages.take(batch.staged), ...batch.customers] }
          : batch,
      ),

  /** A QuickBooks customer this run brought in or changed that matches a custom client goes in the Sync Log. */
  'sync.noteDuplicates': async (
    c: WorkerConnection,
    input: { runId: number; at: string; clientIds: number[] },
  ) => {
    const pairs = await findManualMatchesFor(c.db, input.clientIds);
    await insertItems(c.db, input.runId, new Date(input.at), possibleDuplicateItems(pairs));
    return { noted: pairs.length };
  },

  /** After a sync that failed half-way: the Clients list's indexes a first sync set aside, built now. */
  'sync.restoreIndexes': async (c: WorkerConnection) => ({
    // A shared database never sets them aside (db/postgres/customer-page-writes.ts).
    rebuilt: c.kind === 'sqlite' ? restoreDeferredIndexes(c.sqlite) : 0,
  }),

  'duplicates.list': (c: WorkerConnection, input: { limit: number }) =>
    listDuplicatePairs(c.db, input.limit),

  'import.stageRows': async (
    c: WorkerConnection,
    input: { uploadId: string | null; fields: ImportField[]; rows: string[][] },
  ) => c.uploads.stage(input.uploadId, input.fields, input.rows),

  'import.preview': async (c: WorkerConnection, input: MappedRows) => {
    const rows = input.uploadId ? c.uploads.get(input.uploadId, input.fields) : input.rows;
    const state = await databaseState(c, c.db);
    const result = await classifyMappedRows(c.db, { ...input, rows });
    if (input.uploadId) c.uploads.rememberPreview(input.uploadId, input, state, result);
    const { classified } = result;
    return { rows: classified, counts: countColors(classified, new Set(input.excluded)) };
  },

  'import.commit': async (c: WorkerConnection, input: CommitInput & WriteBy) => {
    const uploadId = input.uploadId;
    const rows = uploadId ? c.uploads.get(uploadId, input.fields) : input.rows;
    const summary = await commitImport(
      c.db,
      { ...input, rows },
      {
        indexes: bulkIndexes(c),
        unchangedPreview: async (trx) =>
          uploadId
            ? c.uploads.unchangedPreview(uploadId, input, await databaseState(c, trx))
            : null,
      },
    );
    if (uploadId) c.uploads.drop(uploadId);
    return summary;
  },

  'import.undo': (c: WorkerConnection, input: WriteBy & { batchId: number }) =>
    undoImport(c.db, input),

  'duplicates.merge': async (
    c: WorkerConnection,
    input: WriteBy & { keepClientId: number; archiveClientId: number },
  ) =>
    (
      await runWriteTransaction(c.db, input, async (w) => {
        await takeBulkWriteLock(w.trx);
        return mergeClients(w, input.keepClientId, input.archiveClientId);
      })
    ).result,

  'duplicates.undoMerge': (c: WorkerConnection, input: WriteBy & { mergeId: number }) =>
    undoMerge(c.db, input),
};

/**
 * Whether anything was written to the database since. SQLite: another
 * connection's commit moves data_version, one of this connection's moves
 * total_changes(). PostgreSQL (asked on `db`, inside the commit's
 * transaction): see database-write-mark.ts.
 */
async function databaseState(c: WorkerConnection, db: Db): Promise<string> {
  if (c.kind === 'postgres') return `${c.generation}:${await databaseWriteMark(db)}`;
  const version = c.sqlite.pragma('data_version', { simple: true }) as number;
  const own = c.sqlite.prepare('select total_changes() as n').get() as { n: number };
  return `${c.generation}:${version}:${own.n}`;
}

/**
 * Index hooks for an import on the worker's own connection; a small import
 * leaves them alone, and a shared database always does: dropping an index
 * there would lock every other computer out of the clients table.
 */
function bulkIndexes(c: WorkerConnection): BulkIndexes | undefined {
  if (c.kind === 'postgres') return undefined;
  return {
    setAside: (newClients) => {
      if (newClients < BULK_IMPORT_CLIENTS) return false;
      const { n } = c.sqlite.prepare('select count(*) as n from clients').get() as { n: number };
      if (newClients * 2 < n) return false;
      deferClientIndexes(c.sqlite);
      return true;
    },
    // Also builds any a first sync still under way set aside: they are needed either way.
    rebuild: () => void restoreDeferredIndexes(c.sqlite),
  };
}

export type WorkerJobs = typeof workerJobs;
export type WorkerJobName = keyof WorkerJobs;
export type WorkerJobInput<J extends WorkerJobName> = Parameters<WorkerJobs[J]>[1];
export type WorkerJobOutput<J extends WorkerJobName> = Awaited<ReturnType<WorkerJobs[J]>>;
