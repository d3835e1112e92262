import type { Selectable } from 'kysely';
import type { ClientPreferences } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientPreferencesTable } from '../db/schema';

/** The row as stored; null when nobody has saved preferences for the client. */
export type PreferencesRow = Selectable<ClientPreferencesTable>;

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

export async function savePreferences(
  db: Db,
  clientId: number,
  preferences: ClientPreferences,
  now: Date,
): Promise<void> {
  const values = {
    contact_method: preferences.contactMethod,
    newsletter: preferences.newsletter ? 1 : 0,
    reminders_enabled: preferences.remindersEnabled ? 1 : 0,
    notes: preferences.notes,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('client_preferences')
    .values({ client_id: clientId, ...values })
    .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
    .execute();
}

export async function readPreferencesRow(db: Db, clientId: number): Promise<PreferencesRow | null> {
  const row = await db
    .selectFrom('client_preferences')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ?? null;
}

/** Writes `row` as the client's preferences exactly, or removes them when `row` is null. */
export async function replacePreferencesRow(
  db: Db,
  clientId: number,
  row: Omit<PreferencesRow, 'client_id'> | null,
): Promise<void> {
  await db.deleteFrom('client_preferences').where('client_id', '=', clientId).execute();
  if (row)
    await db
      .insertInto('client_preferences')
      .values({ ...row, client_id: clientId })
      .execute();
}

function asContactMethod(value: string): ClientPreferences['contactMethod'] {
  return value === 'phone' || value === 'text' || value === 'none' ? value : 'email';
}
