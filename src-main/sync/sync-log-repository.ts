import { sql, type Selectable, type SqlBool } from 'kysely';
import type {
  SyncCounts,
  SyncItem,
  SyncItemAction,
  SyncKind,
  SyncResult,
  SyncRun,
  SyncTrigger,
} from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { SyncItemsTable, SyncRunsTable } from '../db/schema';
import { parseSyncChanges } from '../activity/sync-changes';
import { redactSecrets } from '../secret-redaction';

export const ZERO_COUNTS: SyncCounts = {
  created: 0,
  updated: 0,
  deactivated: 0,
  reactivated: 0,
  deleted: 0,
  unchanged: 0,
  errors: 0,
};

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    deactivated: a.deactivated + b.deactivated,
    reactivated: a.reactivated + b.reactivated,
    deleted: a.deleted + b.deleted,
    unchanged: a.unchanged + b.unchanged,
    errors: a.errors + b.errors,
  };
}

export interface NewSyncItem {
  qbId: string | null;
  clientId: number | null;
  clientName: string | null;
  action: SyncItemAction;
  message: string;
  detail?: string | null;
  /** JSON of the fields changed, old → new (activity/sync-changes.ts), for the client's history. */
  changes?: string | null;
}

export async function insertRun(
  db: Db,
  trigger: SyncTrigger,
  realmId: string | null,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('sync_runs')
    .values({
      trigger,
      realm_id: realmId,
      kind: null,
      result: 'running',
      started_at: now.toISOString(),
      finished_at: null,
      message: null,
      detail: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setRunKind(db: Db, runId: number, kind: SyncKind): Promise<void> {
  await db.updateTable('sync_runs').set({ kind }).where('id', '=', runId).execute();
}

/**
 * Adds a page's counts to its run, inside the page's transaction, so counts
 * never disagree with the data. Returns the run's clients created so far.
 */
export async function addRunCounts(
  db: Db,
  runId: number,
  counts: SyncCounts,
  fetched: number,
): Promise<number> {
  const run = await db
    .updateTable('sync_runs')
    .set((eb) => ({
      created: eb('created', '+', counts.created),
      updated: eb('updated', '+', counts.updated),
      deactivated: eb('deactivated', '+', counts.deactivated),
      reactivated: eb('reactivated', '+', counts.reactivated),
      deleted: eb('deleted', '+', counts.deleted),
      unchanged: eb('unchanged', '+', counts.unchanged),
      errors: eb('errors', '+', counts.errors),
      fetched: eb('fetched', '+', fetched),
    }))
    .where('id', '=', runId)
    .returning('created')
    .executeTakeFirstOrThrow();
  return run.created;
}

export async function insertItems(
  db: Db,
  runId: number,
  at: Date,
  items: readonly NewSyncItem[],
): Promise<void> {
  const when = at.toISOString();
  // ~8 values a row: well under SQLite's limit on variables in one statement.
  for (let start = 0; start < items.length; start += 500) {
    await db
      .insertInto('sync_items')
      .values(
        items.slice(start, start + 500).map((item) => ({
          run_id: runId,
          at: when,
          qb_id: item.qbId,
          client_id: item.clientId,
          client_name: item.clientName,
          action: item.action,
          message: item.message,
          // Detail quotes QuickBooks, which may quote a token; messages are the app's own words.
          detail: item.detail ? redactSecrets(item.detail) : null,
        })),
      )
      .execute();
  }
}

export async function finishRun(
  db: Db,
  runId: number,
  result: Exclude<SyncResult, 'running'>,
  now: Date,
  failure: { message: string; detail: string | null } | null,
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      result,
      finished_at: now.toISOString(),
      message: failure ? redactSecrets(failure.message) : null,
      detail: failure?.detail ? redactSecrets(failure.detail) : null,
    })
    .where('id', '=', runId)
    .execute();
}

/**
 * Runs a killed process left "running": they ended when the process did. On a
 * shared database another computer's run is "running" too while it goes, so
 * there this is called only while holding the company's sync lock
 * (shared-database/sync-lock.ts), when no live run can exist.
 */
export async function closeInterruptedRuns(db: Db, exceptRunId: number | null): Promise<void> {
  let query = db
    .updateTable('sync_runs')
    .set({
      result: 'failed',
      message:
        'This sync stopped before it finished (EquineOps was closed). The next sync carried on where it stopped.',
    })
    .where('result', '=', 'running');
  if (exceptRunId !== null) query = query.where('id', '!=', exceptRunId);
  await query.execute();
}

export function toSyncRun(row: Selectable<SyncRunsTable>): SyncRun {
  const started = Date.parse(row.started_at);
  const finished = row.finished_at ? Date.parse(row.finished_at) : null;
  return {
    id: row.id,
    trigger: row.trigger as SyncTrigger,
    kind: (row.kind as SyncKind | null) ?? null,
    result: row.result as SyncResult,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: finished === null ? null : Math.max(0, finished - started),
    counts: {
      created: row.created,
      updated: row.updated,
      deactivated: row.deactivated,
      reactivated: row.reactivated,
      deleted: row.deleted,
      unchanged: row.unchanged,
      errors: row.errors,
    },
    fetched: row.fetched,
    // Also on the way out: runs stored before redaction by shape existed may hold a token.
    message: row.message === null ? null : redactSecrets(row.message),
    detail: row.detail === null ? null : redactSecrets(row.detail),
  };
}

export async function getRun(db: Db, runId: number): Promise<SyncRun | undefined> {
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  return row ? toSyncRun(row) : undefined;
}

export async function listRuns(
  db: Db,
  offset: number,
  limit: number,
): Promise<{ total: number; runs: SyncRun[] }> {
  const { total } = await db
    .selectFrom('sync_runs')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return { total: Number(total), runs: rows.map(toSyncRun) };
}

/** True once a run for this QuickBooks company has finished: connecting to it again is a reconnect. */
export async function hasSyncedCompany(db: Db, realmId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sync_runs')
    .select('id')
    .where('realm_id', '=', realmId)
    .where('result', 'in', ['success', 'partial'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function latestRun(db: Db): Promise<SyncRun | null> {
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toSyncRun(row) : null;
}

/** When the last run that finished (with or without customer errors) ended. */
export async function lastCompletedAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('sync_runs')
    .select('finished_at')
    .where('result', 'in', ['success', 'partial'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.finished_at ?? null;
}

function toSyncItem(row: Selectable<SyncItemsTable>): SyncItem {
  return {
    id: row.id,
    runId: row.run_id,
    at: row.at,
    qbId: row.qb_id,
    clientId: row.client_id,
    clientName: row.client_name,
    action: row.action as SyncItemAction,
    message: row.message,
    detail: row.detail === null ? null : redactSecrets(row.detail),
    changes: parseSyncChanges(row.changes),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listItems(
  db: Db,
  filter: {
    runId: number;
    errorsOnly: boolean;
    offset: number;
    limit: number;
    /** Words found in the client's name, the QuickBooks ID, the message, or the client's email. */
    search?: string;
  },
): Promise<{ total: number; items: SyncItem[] }> {
  let base = db.selectFrom('sync_items').where('sync_items.run_id', '=', filter.runId);
  if (filter.errorsOnly) base = base.where('sync_items.action', '=', 'error');
  // Every word must match somewhere; the run's rows are few enough (one per customer) to scan.
  for (const word of (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
    const pattern = `%${escapeLike(word)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(sync_items.client_name) like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(sync_items.message) like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(sync_items.qb_id) like ${pattern} escape '\\'`,
        eb(
          'sync_items.client_id',
          'in',
          eb
            .selectFrom('clients')
            .select('clients.id')
            .where(sql<SqlBool>`lower(clients.email) like ${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('sync_items')
    .orderBy('sync_items.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return { total: Number(total), items: rows.map(toSyncItem) };
}

/** A client's own sync lines, newest first: the source of its history's sync entries. */
export interface ClientSyncLine {
  id: number;
  run_id: number;
  at: string;
  action: string;
  message: string;
  changes: string | null;
}

const CLIENT_HISTORY_ACTIONS = [
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'deleted',
  'error',
] as const;

export async function listClientSyncLines(
  db: Db,
  clientId: number,
  limit: number,
): Promise<ClientSyncLine[]> {
  return db
    .selectFrom('sync_items')
    .select(['id', 'run_id', 'at', 'action', 'message', 'changes'])
    .where('client_id', '=', clientId)
    .where('action', 'in', CLIENT_HISTORY_ACTIONS)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Inactive QuickBooks clients this run created. A first sync writes one summary
 * line instead of one per customer, so the clients' own rows say which came from
 * it: created in the run's company while it ran. Inactive clients already in the
 * list before the run are not counted.
 */
export async function countCreatedInactive(db: Db, run: SyncRun): Promise<number> {
  if (run.counts.created === 0) return 0;
  const row = await sql<{ n: number }>`
    select count(*) as n from clients c
    join sync_runs r on r.id = ${run.id}
    where c.source = 'quickbooks' and c.active = 0
      and c.realm_id = r.realm_id
      and c.created_at >= r.started_at
      and c.created_at <= coalesce(r.finished_at, c.created_at)`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
