import type SQLite from 'better-sqlite3';
import { COMPARED_COLUMNS } from '../quickbooks/mapping/customer-mapping';
import type { SyncCounts } from '../../src-shared/contract';
import type { NewSyncItem } from '../sync/sync-log-repository';
import {
  WRITTEN_COLUMNS,
  type CustomerBatch,
  type CustomerPageStatements,
  type CustomerPageWrites,
  type CustomerUpsert,
  type LocalRow,
} from '../sync/customer-apply';
import { deferClientIndexes, restoreDeferredIndexes } from './deferred-indexes';
import { searchIndexWriter } from './search-index';

/** Rows a statement: 29 values each, well under SQLite's limit on bound values. */
const UPSERT_ROWS = 50;

/**
 * A sync page's statements on the worker's own SQLite connection, prepared
 * once: rows go 50 to a statement and lists travel as one JSON parameter
 * (json_each). They run synchronously; the page's transaction is one
 * `begin immediate` around them (sync/customer-apply.ts orders them).
 */
export function sqliteCustomerPageWrites(sqlite: SQLite.Database): CustomerPageWrites {
  const loadLocal = sqlite.prepare<[string, string], LocalRow>(
    `select id, qb_id, ${COMPARED_COLUMNS.join(', ')} from clients
      where realm_id = ? and source = 'quickbooks'
        and qb_id in (select value from json_each(?))`,
  );
  // New and changed customers, UPSERT_ROWS at a time; created_at is kept on update.
  const upserts = new Map<number, SQLite.Statement>();
  const upsertStatement = (rows: number) => {
    let stmt = upserts.get(rows);
    if (!stmt) {
      const values = `('quickbooks', ?, ?, ${WRITTEN_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`;
      stmt = sqlite.prepare(
        `insert into clients (source, qb_id, realm_id, ${WRITTEN_COLUMNS.join(', ')}, last_synced_at, created_at, updated_at)
         values ${Array.from({ length: rows }, () => values).join(', ')}
         on conflict (realm_id, qb_id) do update set
           ${WRITTEN_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
           last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at
         returning id, qb_id`,
      );
      upserts.set(rows, stmt);
    }
    return stmt as SQLite.Statement<unknown[], { id: number; qb_id: string }>;
  };
  const markDeleted = sqlite.prepare<[{ reason: string; at: string; id: number }]>(
    `update clients set active = 0, inactive_reason = @reason, last_synced_at = @at, updated_at = @at where id = @id`,
  );
  const insertItems = sqlite.prepare<[{ runId: number; at: string; items: string }]>(
    `insert into sync_items (run_id, at, qb_id, client_id, client_name, action, message, detail, changes)
     select @runId, @at, j.value ->> '$.qbId', j.value ->> '$.clientId', j.value ->> '$.clientName',
            j.value ->> '$.action', j.value ->> '$.message', j.value ->> '$.detail', j.value ->> '$.changes'
       from json_each(@items) as j`,
  );
  const createdSummary = sqlite.prepare<[number], { id: number }>(
    `select id from sync_items where run_id = ? and action = 'created' and client_id is null and qb_id is null`,
  );
  const insertSummary = sqlite.prepare<[number, string, string]>(
    `insert into sync_items (run_id, at, action, message) values (?, ?, 'created', ?)`,
  );
  const updateSummary = sqlite.prepare<[string, string, number]>(
    `update sync_items set at = ?, message = ? where id = ?`,
  );
  const addCounts = sqlite.prepare<[SyncCounts & { fetched: number; runId: number }]>(
    `update sync_runs set created = created + @created, updated = updated + @updated,
       deactivated = deactivated + @deactivated, reactivated = reactivated + @reactivated,
       deleted = deleted + @deleted, unchanged = unchanged + @unchanged, errors = errors + @errors,
       fetched = fetched + @fetched
     where id = @runId returning created`,
  );
  // parent_id follows parent_qb_id; only sub-customers (or former ones) need looking at.
  const linkParents = sqlite.prepare<[{ realm: string }]>(
    `update clients set parent_id = (
        select p.id from clients p
         where p.realm_id = clients.realm_id and p.qb_id = clients.parent_qb_id and p.source = 'quickbooks')
      where realm_id = @realm and source = 'quickbooks'
        and (parent_qb_id is not null or parent_id is not null)
        and parent_id is not (
          select p.id from clients p
           where p.realm_id = clients.realm_id and p.qb_id = clients.parent_qb_id and p.source = 'quickbooks')`,
  );
  const search = searchIndexWriter(sqlite);
  const cursorStatements = new Map<string, SQLite.Statement>();

  const statements: CustomerPageStatements = {
    loadLocal: (realmId, qbIds) => loadLocal.all(realmId, JSON.stringify(qbIds)),
    deferIndexes: () => deferClientIndexes(sqlite),
    upsert: (realmId: string, at: string, rows: readonly CustomerUpsert[]) => {
      const written: { id: number; qb_id: string }[] = [];
      for (let start = 0; start < rows.length; start += UPSERT_ROWS) {
        const chunk = rows.slice(start, start + UPSERT_ROWS);
        const params: unknown[] = [];
        for (const u of chunk) {
          params.push(u.qbId, realmId);
          for (const column of WRITTEN_COLUMNS) params.push(u.columns[column] ?? null);
          params.push(at, at, at);
        }
        written.push(...upsertStatement(chunk.length).all(params));
      }
      return written;
    },
    markDeleted: (rows, at) => {
      for (const { id, reason } of rows) markDeleted.run({ reason, at, id });
    },
    indexForSearch: (clients, replacing) => search.replace(clients, replacing),
    insertItems: (runId: number, at: string, items: readonly NewSyncItem[]) => {
      insertItems.run({ runId, at, items: JSON.stringify(items) });
    },
    addCounts: (runId, counts, fetched) =>
      (addCounts.get({ ...counts, fetched, runId }) as { created: number }).created,
    saveCreatedSummary: (runId, at, message) => {
      const summary = createdSummary.get(runId);
      if (summary) updateSummary.run(at, message, summary.id);
      else insertSummary.run(runId, at, message);
    },
    linkParents: (realmId) => {
      linkParents.run({ realm: realmId });
    },
    restoreIndexes: () => {
      restoreDeferredIndexes(sqlite);
    },
    refreshStatistics: () => undefined,
    saveCursor: (realmId: string, cursor: CustomerBatch['cursor'], at: string) => {
      const keys = Object.keys(cursor).sort() as (keyof CustomerBatch['cursor'])[];
      const key = keys.join(',');
      let stmt = cursorStatements.get(key);
      if (!stmt) {
        const all = ['changed_since', 'last_full_at', 'full_started_at', 'full_after_id'];
        stmt = sqlite.prepare(
          `insert into sync_state (realm_id, ${all.join(', ')}, updated_at)
           values (@realm_id, ${all.map((c) => (keys.includes(c as never) ? `@${c}` : 'null')).join(', ')}, @updated_at)
           on conflict (realm_id) do update set
             ${[...keys, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
        );
        cursorStatements.set(key, stmt);
      }
      stmt.run({ realm_id: realmId, ...cursor, updated_at: at });
    },
  };
  const begin = sqlite.prepare('begin immediate');
  const commit = sqlite.prepare('commit');
  const rollback = sqlite.prepare('rollback');

  return {
    // The worker runs one job at a time, so nothing else uses this connection while the page awaits.
    async transaction(work) {
      begin.run();
      try {
        const result = await work(statements);
        commit.run();
        return result;
      } catch (error) {
        if (sqlite.inTransaction) rollback.run();
        throw error;
      }
    },
  };
}
