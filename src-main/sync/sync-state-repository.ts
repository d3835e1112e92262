import type { Selectable } from 'kysely';
import type { Db } from '../db/open-database';
import type { SyncStateTable } from '../db/schema';

export type SyncState = Selectable<SyncStateTable>;

export async function readSyncState(db: Db, realmId: string): Promise<SyncState | null> {
  return (
    (await db
      .selectFrom('sync_state')
      .selectAll()
      .where('realm_id', '=', realmId)
      .executeTakeFirst()) ?? null
  );
}

/** Moves the cursor; called inside the transaction that applied the data it covers. */
export async function writeSyncState(
  db: Db,
  realmId: string,
  changes: Partial<Omit<SyncState, 'realm_id' | 'updated_at'>>,
  now: Date,
): Promise<void> {
  const values = { ...changes, updated_at: now.toISOString() };
  await db
    .insertInto('sync_state')
    .values({
      realm_id: realmId,
      changed_since: null,
      last_full_at: null,
      full_started_at: null,
      full_after_id: null,
      ...values,
    })
    .onConflict((oc) => oc.column('realm_id').doUpdateSet(values))
    .execute();
}
