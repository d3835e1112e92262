import type { Client, ClientHistoryEntry } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { listClientImportLines, type ClientImportLine } from '../import/import-batches-repository';
import { listClientSyncLines, type ClientSyncLine } from '../sync/sync-log-repository';
import { listActivity } from './activity-log';
import { parseSyncChanges, type SyncChange } from './sync-changes';

/**
 * A client's history as the profile shows it: staff actions from the activity
 * log, and what sync and import did to the client read from their own records
 * (the Sync Log's lines for this client, the import batch's items). Nothing is
 * copied into the activity log, so the Sync Log and the history never disagree.
 */

export const SYNC_ACTOR = 'QuickBooks sync';

export async function clientHistory(
  db: Db,
  client: Client,
  limit: number,
): Promise<ClientHistoryEntry[]> {
  const staff = (await listActivity(db, { clientId: client.id, limit })).map(
    (a): ClientHistoryEntry => ({
      key: `staff-${a.id}`,
      at: a.at,
      actor: a.actor,
      source: 'staff',
      action: a.action,
      summary: a.summary,
      syncRunId: null,
    }),
  );
  const syncLines = await listClientSyncLines(db, client.id, limit);
  const sync = syncLines.flatMap(syncEntries);
  if (client.source === 'quickbooks' && !syncLines.some((l) => l.action === 'created')) {
    // A big first sync writes one summary line instead of one per customer: the client's own row says when.
    sync.push({
      key: 'sync-created',
      at: client.createdAt,
      actor: SYNC_ACTOR,
      source: 'sync',
      action: 'sync.created',
      summary: 'Added from QuickBooks',
      syncRunId: null,
    });
  }
  // One batch can hold many items for one client (horses, notes), so read more items than lines.
  const imports = importEntries(await listClientImportLines(db, client.id, limit * 20));
  return mergeNewestFirst([staff, sync, imports], limit);
}

/** Newest first; among lines of the same moment, the later-written first (keys are ordered within a source). */
export function mergeNewestFirst(
  sources: readonly ClientHistoryEntry[][],
  limit: number,
): ClientHistoryEntry[] {
  return sources
    .flat()
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.entry);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function changeSummary(change: SyncChange): string {
  const field = capitalized(change.label);
  if (change.before === null) return `${field} added from QuickBooks: ${change.after ?? ''}`;
  if (change.after === null) return `${field} removed in QuickBooks (was ${change.before})`;
  return `${field} updated from QuickBooks: ${change.before} → ${change.after}`;
}

/** One sync line, as one history line per field it changed (or its own words when none were kept). */
export function syncEntries(line: ClientSyncLine): ClientHistoryEntry[] {
  const base = { at: line.at, actor: SYNC_ACTOR, source: 'sync' as const, syncRunId: line.run_id };
  const changes = parseSyncChanges(line.changes);
  const entries: ClientHistoryEntry[] = [];
  const headline: Record<string, string> = {
    created: 'Added from QuickBooks',
    deactivated: 'Made inactive in QuickBooks; horses and notes kept',
    reactivated: 'Active again in QuickBooks',
    deleted: `${line.message.split(';')[0] ?? 'Deleted in QuickBooks'}; kept here as inactive`,
    error: `Not updated by the sync: ${line.message}`,
  };
  if (line.action in headline) {
    entries.push({
      ...base,
      key: `sync-${line.id}`,
      action: `sync.${line.action}`,
      summary: headline[line.action]!,
    });
  }
  changes.forEach((change, i) =>
    entries.push({
      ...base,
      key: `sync-${line.id}-${i}`,
      action: 'sync.updated',
      summary: changeSummary(change),
    }),
  );
  if (line.action === 'updated' && changes.length === 0) {
    entries.push({
      ...base,
      key: `sync-${line.id}`,
      action: 'sync.updated',
      summary: line.message.replace(/^Updated /, 'Updated from QuickBooks: '),
    });
  }
  return entries;
}

/** One history line per import batch: created or linked, with the horses and notes it brought. */
export function importEntries(lines: readonly ClientImportLine[]): ClientHistoryEntry[] {
  const byBatch = new Map<number, ClientImportLine[]>();
  for (const line of lines) {
    const batch = byBatch.get(line.batch_id);
    if (batch) batch.push(line);
    else byBatch.set(line.batch_id, [line]);
  }
  return [...byBatch.values()].map((batch) => {
    const first = batch[0]!;
    const created = batch.some((l) => l.kind === 'client');
    const horses = batch.filter((l) => l.kind === 'link' && l.horse_name).map((l) => l.horse_name!);
    const notes = batch.filter((l) => l.kind === 'note').length;
    const brought = [
      horses.length > 0 ? `${horses.length === 1 ? 'horse' : 'horses'} ${horses.join(', ')}` : null,
      notes > 0 ? `${notes} ${notes === 1 ? 'note' : 'notes'}` : null,
    ].filter(Boolean);
    const what = created
      ? `Created by importing ${first.file_name}`
      : `Linked by importing ${first.file_name}`;
    const undone = first.undone_at ? ' (import undone since)' : '';
    return {
      key: `import-${first.batch_id}`,
      at: first.imported_at,
      actor: first.actor,
      source: 'import',
      action: created ? 'import.created' : 'import.linked',
      summary: `${what}${brought.length > 0 ? `, with ${brought.join(' and ')}` : ''}${undone}`,
      syncRunId: null,
    };
  });
}
