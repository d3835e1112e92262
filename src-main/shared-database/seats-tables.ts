import type { Generated } from 'kysely';
import type { Db } from '../db/open-database';

/** What migration 0013 added, typed here so the shared schema file stays with its owner. */
export type SeatsTables = {
  connection: { sync_computer_id: string | null; sync_computer_name: string | null };
  computers: { left_at: string | null };
  sync_requests: {
    id: Generated<number>;
    realm_id: string;
    trigger: string;
    mode: string;
    /** The nightly 2:00 AM this request stands for (ISO); null for "Sync Now". */
    slot: string | null;
    requested_by_computer: string;
    requested_by: string | null;
    requested_at: string;
    claimed_by: string | null;
    claimed_at: string | null;
    run_id: number | null;
    finished_at: string | null;
    /** null while open; then 'finished', 'refused', 'skipped' or 'unanswered'. */
    outcome: string | null;
    message: string | null;
  };
};

/** The app's database with 0013's additions visible to kysely's types. */
export function seatsDb(db: Db) {
  return db.withTables<SeatsTables>();
}
