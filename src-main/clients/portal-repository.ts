import type { Selectable } from 'kysely';
import type { PortalSettings } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { PortalSettingsTable } from '../db/schema';

/** The row as stored; null when the client has never had portal settings saved. */
export type PortalRow = Selectable<PortalSettingsTable>;

/**
 * Portal access. The login is the client's email (for QuickBooks clients the
 * one QuickBooks holds), so it is read from the client, never stored twice.
 * A client without saved settings has the portal off. There is no invoice
 * setting: the app holds no invoices, all financial data stays in QuickBooks.
 */
export async function readPortal(
  db: Db,
  clientId: number,
  loginEmail: string | null,
): Promise<PortalSettings> {
  const row = await readPortalRow(db, clientId);
  if (!row) {
    return {
      enabled: false,
      loginEmail,
      canViewHorses: true,
      updatedAt: null,
    };
  }
  return {
    enabled: row.enabled === 1,
    loginEmail,
    canViewHorses: row.can_view_horses === 1,
    updatedAt: row.updated_at,
  };
}

export async function savePortal(
  db: Db,
  clientId: number,
  settings: { enabled: boolean; canViewHorses: boolean },
  now: Date,
): Promise<void> {
  const values = {
    enabled: settings.enabled ? 1 : 0,
    // The column outlives the removed "Can view invoices" (merge undo data names it); never on.
    can_view_invoices: 0,
    can_view_horses: settings.canViewHorses ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('portal_settings')
    .values({ client_id: clientId, ...values })
    .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
    .execute();
}

export async function readPortalRow(db: Db, clientId: number): Promise<PortalRow | null> {
  const row = await db
    .selectFrom('portal_settings')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Writes `row` as the client's portal settings exactly, or removes them when
 * `row` is null (a merge and its undo put back "there was no row" too).
 */
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
