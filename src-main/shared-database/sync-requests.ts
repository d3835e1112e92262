import type { SyncTrigger } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { seatsDb } from './seats-tables';

/** Request rows are announced on this channel: `{id, event: 'new' | 'claimed' | 'finished'}`. */
export const REQUESTS_CHANNEL = 'equineops_sync_requests';

export type RequestOutcome = 'finished' | 'refused' | 'skipped' | 'unanswered';

export interface SyncRequest {
  id: number;
  realmId: string;
  trigger: SyncTrigger;
  mode: 'auto' | 'full';
  slot: string | null;
  requestedBy: string | null;
  claimedAt: string | null;
  runId: number | null;
  outcome: RequestOutcome | null;
  message: string | null;
}

export interface NewSyncRequest {
  realmId: string;
  trigger: SyncTrigger;
  mode: 'auto' | 'full';
  /** A nightly slot: one row per company and slot, however many computers' schedules fire. */
  slot: string | null;
  computerId: string;
  requestedBy: string | null;
  now: Date;
}

/** The new request's id; null when this night's slot was already requested by another computer. */
export async function insertRequest(db: Db, request: NewSyncRequest): Promise<number | null> {
  const row = await seatsDb(db)
    .insertInto('sync_requests')
    .values({
      realm_id: request.realmId,
      trigger: request.trigger,
      mode: request.mode,
      slot: request.slot,
      requested_by_computer: request.computerId,
      requested_by: request.requestedBy,
      requested_at: request.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['realm_id', 'slot']).where('slot', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The oldest open request for the company, claimed for this computer. `for
 * update skip locked`: two claimers (a notification and the poll) never take
 * the same row.
 */
export async function claimNextRequest(
  db: Db,
  realmId: string,
  computerId: string,
  now: Date,
): Promise<SyncRequest | null> {
  return seatsDb(db)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('sync_requests')
        .selectAll()
        .where('realm_id', '=', realmId)
        .where('outcome', 'is', null)
        .where('claimed_at', 'is', null)
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      const claimedAt = now.toISOString();
      await trx
        .updateTable('sync_requests')
        .set({ claimed_by: computerId, claimed_at: claimedAt })
        .where('id', '=', row.id)
        .execute();
      return toRequest({ ...row, claimed_at: claimedAt });
    });
}

export async function finishRequest(
  db: Db,
  id: number,
  outcome: Exclude<RequestOutcome, 'unanswered'>,
  result: { runId: number | null; message: string | null; now: Date },
): Promise<void> {
  await seatsDb(db)
    .updateTable('sync_requests')
    .set({
      outcome,
      run_id: result.runId,
      message: result.message,
      finished_at: result.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** The asker gives up on a request nobody claimed; false when the sync computer claimed it meanwhile. */
export async function giveUpUnclaimed(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await seatsDb(db)
    .updateTable('sync_requests')
    .set({ outcome: 'unanswered', finished_at: now.toISOString() })
    .where('id', '=', id)
    .where('claimed_at', 'is', null)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function readRequest(db: Db, id: number): Promise<SyncRequest | null> {
  const row = await seatsDb(db)
    .selectFrom('sync_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

function toRequest(row: {
  id: number;
  realm_id: string;
  trigger: string;
  mode: string;
  slot: string | null;
  requested_by: string | null;
  claimed_at: string | null;
  run_id: number | null;
  outcome: string | null;
  message: string | null;
}): SyncRequest {
  return {
    id: row.id,
    realmId: row.realm_id,
    trigger: row.trigger as SyncTrigger,
    mode: row.mode === 'full' ? 'full' : 'auto',
    slot: row.slot,
    requestedBy: row.requested_by,
    claimedAt: row.claimed_at,
    runId: row.run_id,
    outcome: row.outcome as RequestOutcome | null,
    message: row.message,
  };
}
