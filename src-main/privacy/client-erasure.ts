import { sql } from 'kysely';
import { confirmsErasureName, type ErasureResult } from '../../src-shared/contract';
import { runClientWrite } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import type { CoreContext } from '../core-context';
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
      await sql`pragma secure_delete = 1`.execute(w.trx);
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
            eb(sql<number>`json_extract(detail, '$.archivedClientId')`, '=', clientId),
          ]),
        )
        .execute();
      const naming = await w.trx
        .selectFrom('activity')
        .select(['id', 'summary'])
        .where(sql<number>`instr(summary, ${client.displayName})`, '>', 0)
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
      await sql`pragma secure_delete = 0`.execute(w.trx);
      return docs.map((d) => d.content_hash);
    },
  );
  // Tombstone-level, like the activity line: the id that no longer exists, never the name.
  log.info('privacy', `client ${clientId} erased (${client.source}, ${hashes.length} documents)`);
  await documents.removeUnreferenced(hashes);
  // The old pages are still in the write-ahead log until it is copied back and emptied.
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db).catch(() => undefined);
  return {
    source: client.source,
    message:
      client.source === 'quickbooks'
        ? 'Everything EquineOps held about this client is erased. Its contact details come from QuickBooks: delete or anonymize the customer in QuickBooks too, or the next sync brings back what QuickBooks still holds.'
        : 'The client and everything held about it are erased. Backups made before now still hold it until they are pruned (see Settings → Data).',
  };
}

/** The name stands in the text as itself, not inside a longer word or name. */
function namesClient(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
