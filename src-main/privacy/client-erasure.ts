import { confirmsErasureName, type ErasureResult } from '../../src-shared/contract';
import { runClientWrite } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import type { CoreContext } from '../core-context';
import { isPostgres, jsonInt, textPosition } from '../db/dialect';
import { dropDeletedRowCopies, overwriteFreedPages } from '../db/erased-rows';
import { eraseFromIndex, removeDocumentSearchRows } from '../db/search-index';
import type { ClientDocuments } from '../documents/client-documents';
import { allDocumentRows } from '../documents/documents-repository';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import { dayKey } from '../backup/backup-retention';
import { readOrganizationSettings } from '../settings/settings-repository';

export const ERASURE_ACTION = 'client.erased';

/**
 * The right to erasure. Removes the client and everything held about it:
 * notes (and the copies a merge made of them on another client), documents
 * (and their files when no other document uses them),
 * preferences, portal settings, horse links, merges and dismissals, its
 * search rows, the activity and access entries about it, sync and import
 * items naming it. What stays is one tombstone in the activity log, "A client
 * was erased by X on D", with no personal data. SQLite's secure_delete
 * overwrites the freed pages, FTS5's secure-delete drops the words from the
 * index, and a checkpoint empties the WAL, so the data file itself keeps no trace.
 * On a shared PostgreSQL database the rows are deleted and the tables
 * vacuumed; the server's backups and WAL archive are its administrator's.
 *
 * A QuickBooks client's contact details belong to QuickBooks: everything local
 * goes the same way, and the result tells staff to delete or anonymize the
 * customer there; the next sync then finds nothing to keep (deleted) or brings
 * back only what QuickBooks still holds, as a new client.
 */
export async function eraseClient(
  ctx: CoreContext,
  documents: ClientDocuments,
  clientId: number,
  confirmName: string,
): Promise<ErasureResult> {
  const client = await getClient(ctx.db, clientId);
  if (!confirmsErasureName(confirmName, client.displayName)) {
    throw new AppError(
      'validation',
      `Type the client's name exactly as shown (${client.displayName}) to erase it.`,
      { fields: { confirmName: 'The name does not match' } },
    );
  }
  const { timeZone } = await readOrganizationSettings(ctx.db);
  const hashes = await runClientWrite(
    ctx,
    ['clients', 'horses', 'notes', 'portal', 'preferences'],
    async (w) => {
      await overwriteFreedPages(w.trx, true);
      const docs = await allDocumentRows(w.trx, clientId);
      await removeDocumentSearchRows(
        w.trx,
        docs.map((d) => d.id),
      );
      await eraseFromIndex(w.trx, [clientId]);
      // Entries about it, by id (its own, a merge that archived it) or by its name in the words.
      await w.trx
        .deleteFrom('activity')
        .where((eb) =>
          eb.or([
            eb('client_id', '=', clientId),
            eb(jsonInt(w.trx, 'detail', 'archivedClientId'), '=', clientId),
          ]),
        )
        .execute();
      const naming = await w.trx
        .selectFrom('activity')
        .select(['id', 'summary'])
        .where(textPosition(w.trx, 'summary', client.displayName), '>', 0)
        .execute();
      // The name as a whole word: erasing "Avery Barn" leaves "Avery Barnes" its history.
      const ids = naming.filter((row) => namesClient(row.summary, client.displayName));
      for (let i = 0; i < ids.length; i += 500)
        await w.trx
          .deleteFrom('activity')
          .where(
            'id',
            'in',
            ids.slice(i, i + 500).map((r) => r.id),
          )
          .execute();
      await w.trx.deleteFrom('sync_items').where('client_id', '=', clientId).execute();
      if (client.qbId !== null)
        await w.trx.deleteFrom('sync_items').where('qb_id', '=', client.qbId).execute();
      await w.trx.deleteFrom('import_batch_items').where('client_id', '=', clientId).execute();
      // Copies of its notes that a merge put on the kept client are its words too: free text
      // cannot be reliably anonymized, so they go with it (the kept client's own notes stay).
      await w.trx.deleteFrom('staff_notes').where('copied_from_client_id', '=', clientId).execute();
      // Cascades: notes, horse links, portal, preferences, documents, access log, merges, dismissals.
      await w.trx.deleteFrom('clients').where('id', '=', clientId).execute();
      await w.record({
        action: ERASURE_ACTION,
        summary: `A client was erased by ${w.actor} on ${dayKey(w.now, timeZone)}`,
        clientId: null,
        detail: { source: client.source },
      });
      await overwriteFreedPages(w.trx, false);
      return docs.map((d) => d.content_hash);
    },
  );
  // Tombstone-level, like the activity line: the id that no longer exists, never the name.
  log.info('privacy', `client ${clientId} erased (${client.source}, ${hashes.length} documents)`);
  await documents.removeUnreferenced(hashes);
  await dropOldCopies(ctx);
  return {
    source: client.source,
    message:
      client.source === 'quickbooks'
        ? 'Everything EquineOps held about this client is erased. Its contact details come from QuickBooks: delete or anonymize the customer in QuickBooks too, or the next sync brings back what QuickBooks still holds.'
        : isPostgres(ctx.db)
          ? "The client and everything held about it are erased from the shared database. The server's own backups and logs made before now still hold it until they roll over: ask whoever runs the server how long they are kept."
          : 'The client and everything held about it are erased. Backups made before now still hold it until they are pruned (see Settings → Data).',
  };
}

/** Tables an erasure deletes rows from, whose old copies are then cleared. */
const ERASED_TABLES = [
  'clients',
  'clients_search',
  'documents_search',
  'client_documents',
  'staff_notes',
  'activity',
  'sync_items',
  'import_batch_items',
  'access_log',
];

/** After the commit, the deleted rows' old copies go too (db/erased-rows.ts); the erasure stands either way. */
async function dropOldCopies(ctx: CoreContext): Promise<void> {
  await dropDeletedRowCopies(ctx.db, ERASED_TABLES).catch((error: unknown) => {
    log.warn(
      'privacy',
      `clearing old copies after an erasure failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** The name stands in the text as itself, not inside a longer word or name. */
function namesClient(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
