import { sql } from 'kysely';
import type { SyncCounts } from '../../../src-shared/contract';
import { COMPARED_COLUMNS } from '../../quickbooks/mapping/customer-mapping';
import {
  WRITTEN_COLUMNS,
  type CustomerPageStatements,
  type CustomerPageWrites,
  type CustomerUpsert,
  type LocalRow,
} from '../../sync/customer-apply';
import { addRunCounts } from '../../sync/sync-log-repository';
import { BULK_WRITE_LOCK } from './bulk-write-lock';
import { refreshClientStatistics } from './planner-statistics';
import type { Db } from '../open-database';
import { clientSearchDocs, clientSearchRow } from '../search-index';
import { clientSearchDoc } from './tsvector-search';

/** The recordset column types of a customer row; every written column is text but `active`. */
const RECORD_COLUMNS = sql.raw(
  ['qb_id text', ...WRITTEN_COLUMNS.map((c) => `${c} ${c === 'active' ? 'integer' : 'text'}`)].join(
    ', ',
  ),
);
const COLUMN_LIST = sql.raw(WRITTEN_COLUMNS.join(', '));
const FROM_RECORD = sql.raw(WRITTEN_COLUMNS.map((c) => `r.${c}`).join(', '));
const UPDATE_SET = sql.raw(WRITTEN_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));
const LOCAL_COLUMNS = sql.raw(COMPARED_COLUMNS.join(', '));

/**
 * The page's customers in groups, each group's parents (when in this page)
 * in an earlier group: a group's upsert then finds them in the table and
 * writes parent_id with the row. QuickBooks lists a sub-customer close after
 * its parent, so most families share a page; without this, linkParents on the
 * last page rewrote every sub-customer once more, and a second write of a row
 * costs every one of the table's indexes again. A parent further away (or a
 * cycle) is left to linkParents, as before.
 */
export function parentsFirst<T extends { qbId: string; columns: { parent_qb_id: string | null } }>(
  rows: readonly T[],
): T[][] {
  const inPage = new Set(rows.map((row) => row.qbId));
  const placed = new Set<string>();
  const groups: T[][] = [];
  let left = [...rows];
  while (left.length > 0) {
    const ready = left.filter((row) => {
      const parent = row.columns.parent_qb_id;
      return parent === null || !inPage.has(parent) || placed.has(parent);
    });
    // Only a cycle leaves nothing ready: write the rest as they are.
    const group = ready.length > 0 && groups.length < 4 ? ready : left;
    groups.push(group);
    for (const row of group) placed.add(row.qbId);
    const taken = new Set(group);
    left = left.filter((row) => !taken.has(row));
  }
  return groups;
}

/** Each upserted customer's search text (clients_search.doc), by QuickBooks Id. */
function searchDocsByQbId(rows: readonly CustomerUpsert[]): Map<string, string> {
  return new Map(
    rows.map((u) => [u.qbId, clientSearchDoc(clientSearchRow({ id: 0, ...u.columns }))]),
  );
}

/**
 * Inserts or updates customers, parent_id resolved from parents already in
 * the table. A parent not there yet leaves an existing link as it was, for
 * linkParents on the last page to set.
 */
async function upsertRows(
  trx: Db,
  realmId: string,
  at: string,
  rows: readonly CustomerUpsert[],
): Promise<{ id: number; qb_id: string }[]> {
  const records = rows.map((u) => ({ ...u.columns, qb_id: u.qbId }));
  const result = await sql<{ id: number; qb_id: string }>`
    insert into clients (source, qb_id, realm_id, ${COLUMN_LIST}, parent_id, last_synced_at, created_at, updated_at)
    select 'quickbooks', r.qb_id, ${realmId}::text, ${FROM_RECORD}, p.id, ${at}::text, ${at}::text, ${at}::text
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${RECORD_COLUMNS})
      left join clients p
        on p.realm_id = ${realmId}::text and p.qb_id = r.parent_qb_id and p.source = 'quickbooks'
    on conflict (realm_id, qb_id) do update set
      ${UPDATE_SET}, last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at,
      parent_id = case when excluded.parent_id is not null or excluded.parent_qb_id is null
                       then excluded.parent_id else clients.parent_id end
    returning id, qb_id`.execute(trx);
  return result.rows;
}

/**
 * A sync page's statements on the shared PostgreSQL database: each list
 * travels as one jsonb parameter, so a page of 1,000 customers is one upsert,
 * one search-index upsert, one insert of its Sync Log lines and a few small
 * statements, on one connection of the worker's pool.
 *
 * The page's transaction first takes the bulk-write lock (bulk-write-lock.ts),
 * so another computer's import or sync page waits its turn instead of
 * failing on the same rows, and commits without waiting for the server's
 * disk flush (`synchronous_commit = off`): the cursor is saved in the same
 * transaction, so a page lost in a server crash is simply fetched again.
 * The Clients list's indexes are never set aside here: dropping an index locks
 * the whole shared table against every other computer.
 */
export function postgresCustomerPageWrites(db: Db): CustomerPageWrites {
  const statements = (
    trx: Db,
    // Search text built during this page's upsert, by client id.
    docByClient = new Map<number, string>(),
  ): CustomerPageStatements => ({
    loadLocal: async (realmId, qbIds) =>
      (
        await sql<LocalRow>`select id, qb_id, ${LOCAL_COLUMNS} from clients
          where realm_id = ${realmId} and source = 'quickbooks' and qb_id = any(${[...qbIds]}::text[])`.execute(
          trx,
        )
      ).rows,
    hasClients: async (realmId) =>
      (
        await sql`select 1 from clients where realm_id = ${realmId} and source = 'quickbooks' limit 1`.execute(
          trx,
        )
      ).rows.length > 0,
    deferIndexes: () => undefined,
    upsert: async (realmId, at, rows) => {
      const written: { id: number; qb_id: string }[] = [];
      let docs: Map<string, string> | null = null;
      for (const level of parentsFirst(rows)) {
        const upserted = upsertRows(trx, realmId, at, level);
        // The page's search text is JS work: built while the server runs the
        // first upsert instead of after it (setImmediate lets the statement
        // reach the socket first).
        if (docs === null) {
          await new Promise((resolve) => setImmediate(resolve));
          docs = searchDocsByQbId(rows);
        }
        written.push(...(await upserted));
      }
      if (docs) for (const r of written) docByClient.set(r.id, docs.get(r.qb_id) as string);
      return written;
    },
    markDeleted: async (rows, at) => {
      await sql`update clients set active = 0, inactive_reason = r.reason,
          last_synced_at = ${at}::text, updated_at = ${at}::text
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id integer, reason text)
        where clients.id = r.id`.execute(trx);
    },
    // An upsert replaces a client's row in place: `replacing` needs no delete first.
    indexForSearch: async (clients) => {
      const rows = clients.map((c) => {
        const doc = docByClient.get(c.id);
        return doc === undefined ? clientSearchDocs([c])[0] : { client_id: c.id, doc };
      });
      await sql`insert into clients_search (client_id, doc)
        select r.client_id, r.doc::tsvector
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(client_id integer, doc text)
        on conflict (client_id) do update set doc = excluded.doc`.execute(trx);
    },
    insertItems: async (runId, at, items) => {
      // In the page's order: the Sync Log lists lines by id.
      await sql`insert into sync_items (run_id, at, qb_id, client_id, client_name, action, message, detail, changes)
        select ${runId}::integer, ${at}::text, j.value ->> 'qbId', (j.value ->> 'clientId')::integer,
               j.value ->> 'clientName', j.value ->> 'action', j.value ->> 'message',
               j.value ->> 'detail', j.value ->> 'changes'
          from jsonb_array_elements(${JSON.stringify(items)}::jsonb) with ordinality as j(value, n)
         order by j.n`.execute(trx);
    },
    addCounts: (runId, counts: SyncCounts, fetched) => addRunCounts(trx, runId, counts, fetched),
    saveCreatedSummary: async (runId, at, message) => {
      const summary = await trx
        .selectFrom('sync_items')
        .select('id')
        .where('run_id', '=', runId)
        .where('action', '=', 'created')
        .where('client_id', 'is', null)
        .where('qb_id', 'is', null)
        .executeTakeFirst();
      if (summary)
        await trx
          .updateTable('sync_items')
          .set({ at, message })
          .where('id', '=', summary.id)
          .execute();
      else
        await trx
          .insertInto('sync_items')
          .values({ run_id: runId, at, action: 'created', message })
          .execute();
    },
    linkParents: async (realmId) => {
      // parent_id follows parent_qb_id; only sub-customers (or former ones) need looking at.
      await sql`update clients set parent_id = (
          select p.id from clients p
           where p.realm_id = clients.realm_id and p.qb_id = clients.parent_qb_id and p.source = 'quickbooks')
        where realm_id = ${realmId} and source = 'quickbooks'
          and (parent_qb_id is not null or parent_id is not null)
          and parent_id is distinct from (
            select p.id from clients p
             where p.realm_id = clients.realm_id and p.qb_id = clients.parent_qb_id and p.source = 'quickbooks')`.execute(
        trx,
      );
    },
    restoreIndexes: () => undefined,
    refreshStatistics: () => refreshClientStatistics(trx),
    saveCursor: async (realmId, cursor, at) => {
      await trx
        .insertInto('sync_state')
        .values({ realm_id: realmId, ...cursor, updated_at: at })
        .onConflict((oc) => oc.column('realm_id').doUpdateSet({ ...cursor, updated_at: at }))
        .execute();
    },
  });

  return {
    transaction: (work) =>
      db.transaction().execute(async (trx) => {
        // jit off: the last page's linkParents is estimated costly enough over
        // 50,000 clients that PostgreSQL spent ~0.5 s compiling it, for a read of
        // a few milliseconds; nothing in a page runs long enough to gain from it.
        await sql`select ${BULK_WRITE_LOCK}, set_config('synchronous_commit', 'off', true),
          set_config('jit', 'off', true)`.execute(trx);
        return work(statements(trx));
      }),
  };
}
