import type { DataTable } from '../../src-shared/contract';
import { recordActivity, type ActivityRecord } from '../activity/activity-log';
import type { CoreContext } from '../core-context';
import type { Db } from '../db/open-database';
import { retryOnceOnConflict } from '../db/storage-failures';

export interface ClientWrite {
  /** The transaction: every query of the write goes through it. */
  trx: Db;
  now: Date;
  actor: string;
  /** Adds the audit entry for this write, inside the same transaction. */
  record(entry: Omit<ActivityRecord, 'actor'>): Promise<void>;
}

/** Who does a write and when: plain data, so a write can run on another thread's connection. */
export interface WriteBy {
  actor: string;
  now: Date;
}

/**
 * One write and its activity entries in one transaction on `db`, with no
 * events: for work that may run on the database worker. `recorded` says
 * whether it wrote an audit entry (a write without one changed nothing).
 * On a shared database a transaction another computer's clashed with is run
 * once more from the start, so `write` must touch nothing but the
 * transaction (the server rolled the first run back whole).
 */
export async function runWriteTransaction<T>(
  db: Db,
  by: WriteBy,
  write: (w: ClientWrite) => Promise<T>,
): Promise<{ result: T; recorded: boolean }> {
  return retryOnceOnConflict(async () => {
    let recorded = false;
    const result = await db.transaction().execute((trx) =>
      write({
        trx,
        now: by.now,
        actor: by.actor,
        record: async (entry) => {
          recorded = true;
          await recordActivity(trx, by.now, { actor: by.actor, ...entry });
        },
      }),
    );
    return { result, recorded };
  });
}

/** Who is acting now, read before any transaction. */
export async function currentWriter(ctx: CoreContext): Promise<WriteBy> {
  // Read before the transaction: the SQLite driver has a single connection, and
  // a query on ctx.db while the transaction holds it would wait forever.
  return { actor: await ctx.actor(), now: ctx.ports.clock.now() };
}

/** Tells the renderer which tables a committed write changed. */
export function emitTablesChanged(ctx: CoreContext, tables: readonly DataTable[]): void {
  ctx.events.emit('data.changed', { tables: [...new Set<DataTable>([...tables, 'activity'])] });
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
  const { result, recorded } = await runWriteTransaction(ctx.db, await currentWriter(ctx), write);
  if (recorded) emitTablesChanged(ctx, tables);
  return result;
}
