import type { ClientPreferences } from '../../src-shared/contract';
import type { Db } from '../db/open-database';

/** What a client has until someone saves preferences for them. */
export const defaultPreferences: ClientPreferences = {
  contactMethod: 'email',
  newsletter: false,
  remindersEnabled: true,
  notes: '',
};

export async function readPreferences(db: Db, clientId: number): Promise<ClientPreferences> {
  const row = await db
    .selectFrom('client_preferences')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
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

function asContactMethod(value: string): ClientPreferences['contactMethod'] {
  return value === 'phone' || value === 'text' || value === 'none' ? value : 'email';
}
