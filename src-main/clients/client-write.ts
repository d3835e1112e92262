import type { DataTable } from '../../src-shared/contract';
import { recordActivity, type ActivityRecord } from '../activity/activity-log';
import type { CoreContext } from '../core-context';
import type { Db } from '../db/open-database';

export interface ClientWrite {
  /** The transaction: every query of the write goes through it. */
  trx: Db;
  now: Date;
  actor: string;
  /** Adds the audit entry for this write, inside the same transaction. */
  record(entry: Omit<ActivityRecord, 'actor'>): Promise<void>;
}

/**
 * Runs one staff edit: its queries and its activity entry in one transaction,
 * then, after commit, tells the renderer which tables changed. A write that
 * records no activity changed nothing, so it emits nothing.
 */
export async function runClientWrite<T>(
  ctx: CoreContext,
  tables: DataTable[],
  write: (w: ClientWrite) => Promise<T>,
): Promise<T> {
  // Read before the transaction: the SQLite driver has a single connection, and
  // a query on ctx.db while the transaction holds it would wait forever.
  const actor = await ctx.actor();
  const now = ctx.ports.clock.now();
  let recorded = false;
  const result = await ctx.db.transaction().execute((trx) =>
    write({
      trx,
      now,
      actor,
      record: async (entry) => {
        recorded = true;
        await recordActivity(trx, now, { actor, ...entry });
      },
    }),
  );
  if (recorded)
    ctx.events.emit('data.changed', { tables: [...new Set<DataTable>([...tables, 'activity'])] });
  return result;
}
