import type { Db } from '../db/open-database';

export type ConnectionState = 'connected' | 'reconnect_required' | 'disconnected';

export interface ConnectionRecord {
  realmId: string;
  companyName: string | null;
  environment: 'sandbox' | 'production';
  connectedAt: string;
  state: ConnectionState;
  stateDetail: string | null;
  refreshExpiresAt: string | null;
}

/** The connection row never holds tokens: those live only in the keychain. */
export async function readConnection(db: Db): Promise<ConnectionRecord | null> {
  const row = await db
    .selectFrom('connection')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    realmId: row.realm_id,
    companyName: row.company_name,
    environment: row.environment === 'production' ? 'production' : 'sandbox',
    connectedAt: row.connected_at,
    state: row.status as ConnectionState,
    stateDetail: row.status_detail,
    refreshExpiresAt: row.refresh_expires_at,
  };
}

export async function saveConnection(db: Db, record: ConnectionRecord, now: Date): Promise<void> {
  const values = {
    realm_id: record.realmId,
    company_name: record.companyName,
    environment: record.environment,
    connected_at: record.connectedAt,
    status: record.state,
    status_detail: record.stateDetail,
    refresh_expires_at: record.refreshExpiresAt,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('connection')
    .values(values)
    .onConflict((oc) => oc.column('realm_id').doUpdateSet(values))
    .execute();
}

export async function updateConnectionState(
  db: Db,
  realmId: string,
  patch: {
    state?: ConnectionState;
    stateDetail?: string | null;
    refreshExpiresAt?: string | null;
    companyName?: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('connection')
    .set({
      ...(patch.state !== undefined ? { status: patch.state } : {}),
      ...(patch.stateDetail !== undefined ? { status_detail: patch.stateDetail } : {}),
      ...(patch.refreshExpiresAt !== undefined
        ? { refresh_expires_at: patch.refreshExpiresAt }
        : {}),
      ...(patch.companyName !== undefined ? { company_name: patch.companyName } : {}),
      updated_at: now.toISOString(),
    })
    .where('realm_id', '=', realmId)
    .execute();
}
