import type { Selectable } from 'kysely';
import type { Db } from '../db/open-database';
import type { ClientPreferencesTable, PortalSettingsTable } from '../db/schema';

/**
 * Portal and preference rows as stored, for a merge to carry over and for
 * "Undo merge" to put back exactly (including "there was no row"). The
 * clients/ repositories read these rows with defaults filled in, which would
 * lose that difference, so the merge works on the raw rows here.
 */

export type PortalRow = Selectable<PortalSettingsTable>;
export type PreferencesRow = Selectable<ClientPreferencesTable>;

export async function readPortalRow(db: Db, clientId: number): Promise<PortalRow | null> {
  const row = await db
    .selectFrom('portal_settings')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ?? null;
}

export async function readPreferencesRow(db: Db, clientId: number): Promise<PreferencesRow | null> {
  const row = await db
    .selectFrom('client_preferences')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ?? null;
}

/** Writes `row` as the client's portal settings, or removes them when `row` is null. */
export async function replacePortalRow(
  db: Db,
  clientId: number,
  row: Omit<PortalRow, 'client_id'> | null,
): Promise<void> {
  await db.deleteFrom('portal_settings').where('client_id', '=', clientId).execute();
  if (row)
    await db
      .insertInto('portal_settings')
      .values({ ...row, client_id: clientId })
      .execute();
}

/** Writes `row` as the client's preferences, or removes them when `row` is null. */
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

export function withoutClientId<T extends { client_id: number }>(row: T): Omit<T, 'client_id'> {
  const { client_id: _ignored, ...rest } = row;
  return rest;
}
