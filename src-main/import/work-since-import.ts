import type { KeptChange, KeptClient } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { jsonInt } from '../db/dialect';
import { chunks } from './bulk-writes';
import type { BatchItem } from './import-batches-repository';

/**
 * What staff did after an import, so undo takes back only what nobody has
 * touched since. Two sources, each enough on its own: the activity log
 * (every staff edit writes an entry, after the batch's own entry), and the
 * data itself (rows an import never writes, or that no longer hold what it
 * wrote), which also covers files edited by versions that logged less.
 */

const CHUNK = 500;
const AFTER = 'after the import';

/** Where the batch sits in the activity log: later entries are later work. */
export interface ImportMoment {
  batchId: number;
  importedAt: string;
  /** The batch's own 'import.commit' entry; null when the log has none (then the time decides). */
  commitActivityId: number | null;
}

export async function findImportMoment(
  db: Db,
  batch: { id: number; importedAt: string },
): Promise<ImportMoment> {
  const row = await db
    .selectFrom('activity')
    .select('id')
    .where('action', '=', 'import.commit')
    .where(jsonInt(db, 'detail', 'batchId'), '=', batch.id)
    .executeTakeFirst();
  return { batchId: batch.id, importedAt: batch.importedAt, commitActivityId: row?.id ?? null };
}

/** Phrases for each kind of staff work, keyed so the log and the data never say the same twice. */
const ACTIVITY_WORK: Record<string, { topic: string; phrase: string }> = {
  'client.update': { topic: 'contact', phrase: 'the contact details were changed' },
  'client.archive': { topic: 'archive', phrase: 'it was archived' },
  'client.restore': { topic: 'archive', phrase: 'it was restored from the archive' },
  'note.add': { topic: 'note', phrase: 'a note was added' },
  'note.delete': { topic: 'note', phrase: 'a note was deleted' },
  'note.restore': { topic: 'note', phrase: 'a note was restored' },
  'horse.link': { topic: 'horse', phrase: 'a horse was linked' },
  'horse.unlink': { topic: 'horse', phrase: 'a horse was unlinked' },
  'portal.update': { topic: 'portal', phrase: 'portal access was changed' },
  'preferences.update': { topic: 'preferences', phrase: 'the preferences were changed' },
  'client.merge': { topic: 'merge', phrase: 'it was merged' },
  'client.merge.undo': { topic: 'merge', phrase: 'it was merged' },
  'duplicate.dismiss': { topic: 'dismiss', phrase: 'it was marked as not a duplicate' },
};

class WorkReasons {
  private readonly byClient = new Map<number, Map<string, string>>();

  /** The first phrase for a topic stays: the data's (more precise) is added before the log's. */
  add(clientId: number, topic: string, phrase: string, when = ` ${AFTER}`): void {
    const topics = this.byClient.get(clientId) ?? new Map<string, string>();
    if (!topics.has(topic)) topics.set(topic, `${phrase}${when}`);
    this.byClient.set(clientId, topics);
  }

  has(clientId: number): boolean {
    return this.byClient.has(clientId);
  }

  reasonFor(clientId: number): string {
    return [...(this.byClient.get(clientId)?.values() ?? [])].join('; ');
  }
}

/**
 * The clients the batch created that staff have worked on since (any edit,
 * portal or preferences, horse, note, merge, archive, "not a duplicate",
 * later import), each with what was done. Undo keeps them as they are.
 */
export async function findWorkedOnClients(
  db: Db,
  moment: ImportMoment,
  createdClientIds: readonly number[],
  items: readonly BatchItem[],
): Promise<KeptClient[]> {
  const batchLinks = new Set(
    items.filter((i) => i.kind === 'link').map((i) => linkKey(i.client_id!, i.horse_id!)),
  );
  const batchNotes = new Set(items.filter((i) => i.kind === 'note').map((i) => i.note_id!));
  const reasons = new WorkReasons();
  const names = new Map<number, string>();
  const created = new Set(createdClientIds);

  // Read by batch (indexed) rather than by client: other batches are few, their items many.
  const laterImports = await db
    .selectFrom('import_batch_items as i')
    .innerJoin('import_batches as b', 'b.id', 'i.batch_id')
    .select('i.client_id')
    .where('i.batch_id', '>', moment.batchId)
    .where('i.kind', 'in', ['link', 'note'])
    .where('b.undone_at', 'is', null)
    .execute();
  for (const row of laterImports) {
    if (row.client_id !== null && created.has(row.client_id)) {
      reasons.add(row.client_id, 'import', 'a later import added to it', '');
    }
  }

  for (const chunk of chunks(createdClientIds, CHUNK)) {
    const clients = await db
      .selectFrom('clients')
      .select(['id', 'display_name', 'archived_at', 'merged_into_id', 'created_at', 'updated_at'])
      .where('id', 'in', chunk)
      .execute();
    for (const client of clients) {
      names.set(client.id, client.display_name);
      if (client.merged_into_id !== null) {
        reasons.add(client.id, 'merge', 'it was merged into another client');
      } else if (client.archived_at !== null) {
        reasons.add(client.id, 'archive', 'it was archived');
      }
      // The import writes both times alike; any later save of the client moves updated_at.
      if (client.updated_at !== client.created_at) {
        reasons.add(client.id, 'contact', 'the contact details were changed');
      }
    }

    const links = await db
      .selectFrom('client_horses')
      .innerJoin('horses', 'horses.id', 'client_horses.horse_id')
      .select([
        'client_horses.client_id',
        'client_horses.horse_id',
        'client_horses.role',
        'client_horses.linked_at',
        'horses.name',
      ])
      .where('client_horses.client_id', 'in', chunk)
      .execute();
    for (const link of links) {
      if (!batchLinks.has(linkKey(link.client_id, link.horse_id))) {
        reasons.add(link.client_id, 'horse', `a horse (${link.name}) was linked`);
      } else {
        const change = linkChange(link, moment.importedAt);
        if (change) reasons.add(link.client_id, 'horse', `${link.name}'s ${change}`);
      }
    }

    // Deleted notes count too: one staff deleted is still theirs to restore.
    const notes = await db
      .selectFrom('staff_notes')
      .select(['id', 'client_id'])
      .where('client_id', 'in', chunk)
      .execute();
    for (const note of notes) {
      if (!batchNotes.has(note.id)) reasons.add(note.client_id, 'note', 'a note was added');
    }

    // The import never writes portal or preference rows: any row is staff's.
    const portals = await db
      .selectFrom('portal_settings')
      .select(['client_id', 'enabled'])
      .where('client_id', 'in', chunk)
      .execute();
    for (const portal of portals) {
      reasons.add(
        portal.client_id,
        'portal',
        portal.enabled === 1 ? 'portal access was turned on' : 'portal access was changed',
      );
    }
    const preferences = await db
      .selectFrom('client_preferences')
      .select('client_id')
      .where('client_id', 'in', chunk)
      .execute();
    for (const row of preferences) {
      reasons.add(row.client_id, 'preferences', 'the preferences were changed');
    }

    const merges = await db
      .selectFrom('client_merges')
      .select(['kept_client_id', 'archived_client_id'])
      .where((eb) =>
        eb.or([eb('kept_client_id', 'in', chunk), eb('archived_client_id', 'in', chunk)]),
      )
      .execute();
    for (const merge of merges) {
      for (const id of [merge.kept_client_id, merge.archived_client_id]) {
        if (chunk.includes(id)) reasons.add(id, 'merge', 'it was merged');
      }
    }
    const dismissals = await db
      .selectFrom('duplicate_dismissals')
      .select('manual_client_id')
      .where('manual_client_id', 'in', chunk)
      .execute();
    for (const row of dismissals) {
      reasons.add(row.manual_client_id, 'dismiss', 'it was marked as not a duplicate');
    }

    let activity = db
      .selectFrom('activity')
      .select(['client_id', 'action', 'summary'])
      .where('client_id', 'in', chunk)
      .orderBy('id');
    activity =
      moment.commitActivityId !== null
        ? activity.where('id', '>', moment.commitActivityId)
        : activity.where('at', '>', moment.importedAt);
    for (const entry of await activity.execute()) {
      const work = ACTIVITY_WORK[entry.action];
      if (work) reasons.add(entry.client_id!, work.topic, work.phrase);
      else reasons.add(entry.client_id!, entry.action, `"${entry.summary}" was recorded`);
    }
  }

  return createdClientIds
    .filter((id) => names.has(id) && reasons.has(id))
    .map((clientId) => ({
      clientId,
      name: names.get(clientId)!,
      reason: reasons.reasonFor(clientId),
    }));
}

export interface LinkOnExistingClient {
  clientId: number;
  horseId: number;
}

/**
 * The horse links the batch added to clients that already existed (green
 * rows): each goes only while it still holds what the import wrote (role
 * Owner, linked at the import) and staff have not relinked or changed it
 * since. The others stay, and are named.
 */
export async function splitLinksOnExistingClients(
  db: Db,
  moment: ImportMoment,
  links: readonly LinkOnExistingClient[],
): Promise<{ remove: LinkOnExistingClient[]; kept: KeptChange[] }> {
  const remove: LinkOnExistingClient[] = [];
  const kept: KeptChange[] = [];
  for (const chunk of chunks(links, CHUNK)) {
    const clientIds = [...new Set(chunk.map((l) => l.clientId))];
    const rows = await db
      .selectFrom('client_horses')
      .innerJoin('horses', 'horses.id', 'client_horses.horse_id')
      .innerJoin('clients', 'clients.id', 'client_horses.client_id')
      .select([
        'client_horses.client_id',
        'client_horses.horse_id',
        'client_horses.role',
        'client_horses.linked_at',
        'horses.name as horse_name',
        'clients.display_name',
      ])
      .where('client_horses.client_id', 'in', clientIds)
      .execute();
    const current = new Map(rows.map((r) => [linkKey(r.client_id, r.horse_id), r]));

    let touched = db
      .selectFrom('activity')
      .select(['client_id', jsonInt(db, 'detail', 'horseId').as('horse_id')])
      .where('client_id', 'in', clientIds)
      .where('action', 'in', ['horse.link', 'horse.unlink']);
    touched =
      moment.commitActivityId !== null
        ? touched.where('id', '>', moment.commitActivityId)
        : touched.where('at', '>', moment.importedAt);
    const touchedSince = new Set(
      (await touched.execute()).map((r) => linkKey(r.client_id!, Number(r.horse_id))),
    );

    for (const link of chunk) {
      const row = current.get(linkKey(link.clientId, link.horseId));
      // Unlinked since: nothing of the import's is left to take back.
      if (!row) continue;
      const change =
        linkChange(row, moment.importedAt) ??
        (touchedSince.has(linkKey(link.clientId, link.horseId)) ? 'link was changed' : null);
      if (change === null) {
        remove.push(link);
      } else {
        kept.push({
          clientId: link.clientId,
          clientName: row.display_name,
          what: `${row.horse_name} (horse link)`,
          reason: `${row.horse_name}'s ${change} ${AFTER}`,
        });
      }
    }
  }
  return { remove, kept };
}

/** How a link differs from what the import wrote (role Owner, linked at the import), or null. */
function linkChange(link: { role: string; linked_at: string }, importedAt: string): string | null {
  if (link.role !== 'Owner') return `role was changed to ${link.role}`;
  if (link.linked_at !== importedAt) return 'link was made again';
  return null;
}

export function linkKey(clientId: number, horseId: number): string {
  return `${clientId}:${horseId}`;
}
