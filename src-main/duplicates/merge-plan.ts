import type { Selectable } from 'kysely';
import type {
  CarryOver,
  DuplicateReason,
  MergeOutcome,
  MergePreview,
  MergeSideCounts,
} from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientsTable } from '../db/schema';
import { AppError, notFound } from '../errors';
import { readPortalRow, type PortalRow } from '../clients/portal-repository';
import { readPreferencesRow, type PreferencesRow } from '../clients/preferences-repository';
import { countDocuments } from '../documents/documents-repository';
import { toDuplicateSide } from './duplicate-scan';
import { emailKeys, nameKey, phoneKeys } from './match-keys';

/** One client of a merge, with everything a merge can move. */
export interface MergeSide {
  client: Selectable<ClientsTable>;
  links: { horseId: number; role: string; linkedAt: string }[];
  noteIds: number[];
  /** Documents on the profile; the merge moves these and any removed ones still in their undo window. */
  documentCount: number;
  portal: PortalRow | null;
  preferences: PreferencesRow | null;
}

export async function readMergeSide(db: Db, clientId: number): Promise<MergeSide> {
  const client = await db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!client) throw notFound('This client');
  const links = await db
    .selectFrom('client_horses')
    .select(['horse_id as horseId', 'role', 'linked_at as linkedAt'])
    .where('client_id', '=', clientId)
    .orderBy('horse_id')
    .execute();
  const notes = await db
    .selectFrom('staff_notes')
    .select('id')
    .where('client_id', '=', clientId)
    // A deleted note is not copied: it goes with its undo window.
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    client,
    links,
    noteIds: notes.map((n) => n.id),
    documentCount: await countDocuments(db, clientId),
    portal: await readPortalRow(db, clientId),
    preferences: await readPreferencesRow(db, clientId),
  };
}

/** Refuses pairs a merge is not for; the messages say what to do instead. */
export function checkMergeable(keep: MergeSide, archive: MergeSide): void {
  if (keep.client.id === archive.client.id) {
    throw new AppError('validation', 'Choose two different clients to merge.');
  }
  if (keep.client.source === archive.client.source) {
    throw new AppError(
      'conflict',
      'A merge joins a QuickBooks client and a custom client. These two come from the same place.',
    );
  }
  for (const side of [keep, archive]) {
    if (side.client.archived_at !== null || side.client.merged_into_id !== null) {
      throw new AppError(
        'conflict',
        `${side.client.display_name} is archived. Restore the client before merging it.`,
      );
    }
  }
}

function portalOutcome(keep: MergeSide, archive: MergeSide): CarryOver {
  if (archive.portal?.enabled !== 1) return 'nothing_to_carry';
  if (keep.portal?.enabled === 1) return 'kept_has_own';
  // The portal signs in with the client's email: without one the access would be unusable.
  if (emailKeys(keep.client.email).length === 0) return 'needs_email';
  return 'carried';
}

function preferencesOutcome(keep: MergeSide, archive: MergeSide): CarryOver {
  if (archive.preferences === null) return 'nothing_to_carry';
  if (keep.preferences !== null) return 'kept_has_own';
  return 'carried';
}

/** What keeping `keep` and archiving `archive` would do. */
export function planMerge(keep: MergeSide, archive: MergeSide): MergeOutcome {
  const keptHorses = new Set(keep.links.map((l) => l.horseId));
  const alreadyLinked = archive.links.filter((l) => keptHorses.has(l.horseId)).length;
  return {
    keepClientId: keep.client.id,
    archiveClientId: archive.client.id,
    horsesToMove: archive.links.length - alreadyLinked,
    horsesAlreadyLinked: alreadyLinked,
    notesToCopy: archive.noteIds.length,
    documentsToMove: archive.documentCount,
    portal: portalOutcome(keep, archive),
    preferences: preferencesOutcome(keep, archive),
  };
}

function counts(side: MergeSide): MergeSideCounts {
  return {
    horses: side.links.length,
    notes: side.noteIds.length,
    documents: side.documentCount,
    portalEnabled: side.portal?.enabled === 1,
    hasPreferences: side.preferences !== null,
  };
}

/** Why these two were paired, recomputed for the pair alone. */
export function reasonsFor(
  a: Selectable<ClientsTable>,
  b: Selectable<ClientsTable>,
): DuplicateReason[] {
  const shares = (x: string[], y: string[]) => x.some((k) => y.includes(k));
  const reasons: DuplicateReason[] = [];
  // Every address of a QuickBooks customer's email box, as the duplicates list compares them.
  if (shares(emailKeys(a.email, a.other_emails), emailKeys(b.email, b.other_emails)))
    reasons.push('email');
  if (shares(phoneKeys(a.phone, a.mobile), phoneKeys(b.phone, b.mobile))) reasons.push('phone');
  const name = nameKey(a.display_name);
  if (name !== null && name === nameKey(b.display_name)) reasons.push('name');
  return reasons;
}

/** Both clients side by side, with what each choice of client to keep would move. */
export async function buildMergePreview(
  db: Db,
  pair: { quickbooksClientId: number; manualClientId: number },
): Promise<MergePreview> {
  const quickbooks = await readMergeSide(db, pair.quickbooksClientId);
  const manual = await readMergeSide(db, pair.manualClientId);
  if (quickbooks.client.source !== 'quickbooks' || manual.client.source !== 'manual') {
    throw new AppError('validation', 'A merge joins a QuickBooks client and a custom client.');
  }
  return {
    quickbooks: { ...toDuplicateSide(quickbooks.client), counts: counts(quickbooks) },
    manual: { ...toDuplicateSide(manual.client), counts: counts(manual) },
    reasons: reasonsFor(quickbooks.client, manual.client),
    keepQuickBooks: planMerge(quickbooks, manual),
    keepManual: planMerge(manual, quickbooks),
  };
}
