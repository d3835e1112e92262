import type { Selectable } from 'kysely';
import type { ClientPreferences } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientPreferencesTable } from '../db/schema';
import type { LastSave } from './edit-conflict';

/** The row as stored, less its version bookkeeping; null when nobody has saved preferences for the client. */
export type PreferencesRow = Omit<Selectable<ClientPreferencesTable>, 'row_version' | 'updated_by'>;

/** What a client has until someone saves preferences for them. */
export const defaultPreferences: ClientPreferences = {
  contactMethod: 'email',
  newsletter: false,
  remindersEnabled: true,
  notes: '',
};

export async function readPreferences(db: Db, clientId: number): Promise<ClientPreferences> {
  const row = await readPreferencesRow(db, clientId);
  if (!row) return { ...defaultPreferences };
  return {
    contactMethod: asContactMethod(row.contact_method),
    newsletter: row.newsletter === 1,
    remindersEnabled: row.reminders_enabled === 1,
    notes: row.notes,
  };
}

/** The version a save of the client's preferences must send: 0 while none are saved. */
export async function readPreferencesVersion(db: Db, clientId: number): Promise<number> {
  const row = await db
    .selectFrom('client_preferences')
    .select('row_version')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.row_version ?? 0;
}

/** Who saved the preferences last and when, for a refused save; null when none are saved. */
export async function readPreferencesLastSave(db: Db, clientId: number): Promise<LastSave | null> {
  const row = await db
    .selectFrom('client_preferences')
    .select(['updated_by', 'updated_at'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? { updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
}

/**
 * Saves the preferences only while the row is still at `version` (0: none
 * saved yet; undefined: whatever is there). The version is the check in the
 * statement itself (`where row_version = ?`; an insert that finds a row
 * already there does nothing), so two computers saving at once cannot both
 * pass it. False when someone else's save came first.
 */
export async function savePreferences(
  db: Db,
  clientId: number,
  preferences: ClientPreferences,
  by: { now: Date; actor: string },
  version: number | undefined,
): Promise<boolean> {
  const values = {
    contact_method: preferences.contactMethod,
    newsletter: preferences.newsletter ? 1 : 0,
    reminders_enabled: preferences.remindersEnabled ? 1 : 0,
    notes: preferences.notes,
    updated_at: by.now.toISOString(),
    updated_by: by.actor,
  };
  if (version === 0 || version === undefined) {
    const inserted = await db
      .insertInto('client_preferences')
      .values({ client_id: clientId, ...values, row_version: 1 })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    if (version === 0) return false;
  }
  let update = db
    .updateTable('client_preferences')
    .set((eb) => ({ ...values, row_version: eb('row_version', '+', 1) }))
    .where('client_id', '=', clientId);
  if (version !== undefined) update = update.where('row_version', '=', version);
  const updated = await update.executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The stored row without its version bookkeeping: what a merge carries and its undo compares. */
export async function readPreferencesRow(db: Db, clientId: number): Promise<PreferencesRow | null> {
  const row = await db
    .selectFrom('client_preferences')
    .select([
      'client_id',
      'contact_method',
      'newsletter',
      'reminders_enabled',
      'notes',
      'updated_at',
    ])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Writes `row` as the client's preferences exactly, or removes them when `row`
 * is null (a merge and its undo). The version still moves on past the one
 * replaced, so a preferences form open on the client is refused, not overwritten.
 */
export async function replacePreferencesRow(
  db: Db,
  clientId: number,
  row: Omit<PreferencesRow, 'client_id'> | null,
  actor: string,
): Promise<void> {
  const before = await readPreferencesVersion(db, clientId);
  await db.deleteFrom('client_preferences').where('client_id', '=', clientId).execute();
  if (row)
    await db
      .insertInto('client_preferences')
      .values({ ...row, client_id: clientId, row_version: before + 1, updated_by: actor })
      .execute();
}

function asContactMethod(value: string): ClientPreferences['contactMethod'] {
  return value === 'phone' || value === 'text' || value === 'none' ? value : 'email';
}
