import type { Db } from '../db/open-database';

/** Pairs staff marked "not a duplicate". They stay dismissed until one of the clients is deleted. */

export function pairKey(quickbooksClientId: number, manualClientId: number): string {
  return `${quickbooksClientId}:${manualClientId}`;
}

export async function dismissedPairKeys(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('duplicate_dismissals')
    .select(['quickbooks_client_id', 'manual_client_id'])
    .execute();
  return new Set(rows.map((r) => pairKey(r.quickbooks_client_id, r.manual_client_id)));
}

export async function saveDismissal(
  db: Db,
  pair: { quickbooksClientId: number; manualClientId: number },
  by: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('duplicate_dismissals')
    .values({
      quickbooks_client_id: pair.quickbooksClientId,
      manual_client_id: pair.manualClientId,
      dismissed_at: now.toISOString(),
      dismissed_by: by,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
