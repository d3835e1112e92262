import type SQLite from 'better-sqlite3';
import type { SyncCounts } from '../../src-shared/contract';
import { describeSyncChanges } from '../activity/sync-changes';
import { deferClientIndexes, restoreDeferredIndexes } from '../db/deferred-indexes';
import { searchIndexWriter, type ClientSearchSource } from '../db/search-index';
import {
  changedColumns,
  COMPARED_COLUMNS,
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
  mapCustomer,
  type MappedCustomerColumns,
  type QboCustomerJson,
} from '../quickbooks/mapping/customer-mapping';
import { ZERO_COUNTS, type NewSyncItem } from './sync-log-repository';
import type { SyncState } from './sync-state-repository';

/**
 * Brings pages of QuickBooks customers into the clients table. Runs on the
 * database worker, on the hot path of a sync: every statement is prepared
 * once per connection, rows are written 50 to a statement and lists travel
 * as one JSON parameter (json_each), so a 1,000-customer page is a few dozen
 * statement runs, not thousands.
 *
 * Rows are compared before writing: a customer whose mapped fields are
 * unchanged is not written at all. Only QuickBooks clients of this company
 * are touched; manual clients never.
 */
export interface CustomerBatch {
  realmId: string;
  runId: number;
  /** ISO time of the write. */
  at: string;
  /** Customers as QuickBooks sent them; CDC's `status: "Deleted"` stubs included. */
  customers: readonly QboCustomerJson[];
  /** A page parsed and held on the worker (StagedPages), applied before `customers`. */
  staged?: string;
  /** QuickBooks Ids a full pass proved are gone: marked "Deleted in QuickBooks". */
  gone?: readonly string[];
  /** Customers of this page, counted as fetched in the run. */
  fetched: number;
  /** The sync cursor to save with the page, in the same transaction. */
  cursor: Partial<Omit<SyncState, 'realm_id' | 'updated_at'>>;
  /**
   * False on a first sync: its creations are one summary line in the Sync Log
   * ("50,000 added from QuickBooks") instead of a line each.
   */
  itemizeCreations: boolean;
  /**
   * The run's last page: point sub-customers at their parents, for the whole
   * company at once, and build any indexes a first sync set aside.
   */
  linkParents: boolean;
  /**
   * The first page of a first sync: set the Clients list's indexes aside and
   * build them once at the end (db/deferred-indexes.ts).
   */
  deferIndexes?: boolean;
}

export interface BatchOutcome {
  counts: SyncCounts;
  /** Whether any client row was written. */
  changed: boolean;
  /** Clients created or updated, for the duplicate check at the end of the run. */
  touched: number[];
}

type LocalRow = { id: number; qb_id: string } & Record<(typeof COMPARED_COLUMNS)[number], unknown>;

/** Rows a statement: 29 values each, well under SQLite's limit on bound values. */
const UPSERT_ROWS = 50;

const COLUMN_LABELS: Record<(typeof COMPARED_COLUMNS)[number], string> = {
  display_name: 'name',
  given_name: 'first name',
  family_name: 'last name',
  company_name: 'company',
  contact_person: 'contact person',
  email: 'email',
  other_emails: 'email',
  phone: 'phone',
  mobile: 'mobile',
  billing_street: 'billing address',
  billing_city: 'billing address',
  billing_region: 'billing address',
  billing_postal_code: 'billing address',
  billing_country: 'billing address',
  shipping_street: 'shipping address',
  shipping_city: 'shipping address',
  shipping_region: 'shipping address',
  shipping_postal_code: 'shipping address',
  shipping_country: 'shipping address',
  customer_type: 'customer type',
  active: 'status',
  inactive_reason: 'status',
  parent_qb_id: 'parent customer',
  fully_qualified_name: 'full name',
};

/** Every column a QuickBooks customer fills, in a fixed order for the upsert. */
const WRITTEN_COLUMNS = [
  ...new Set([
    ...COMPARED_COLUMNS,
    'sort_name',
    'qb_sync_token',
    'qb_updated_at',
  ] as (keyof MappedCustomerColumns)[]),
];

function isDeletedReason(reason: unknown): boolean {
  return reason === DELETED_IN_QUICKBOOKS || reason === DELETED_OR_MERGED_IN_QUICKBOOKS;
}

type Upsert = { qbId: string; columns: MappedCustomerColumns; item: NewSyncItem | null };

/** The writer for one connection; create it once and apply every page through it. */
export function customerBatchWriter(sqlite: SQLite.Database) {
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
  const upsert = (realmId: string, at: string, rows: readonly Upsert[]) => {
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
  const addCounts = sqlite.prepare(
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
  const saveCursor = (realmId: string, cursor: CustomerBatch['cursor'], at: string) => {
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
  };

  const apply = (batch: CustomerBatch): BatchOutcome => {
    const { at } = batch;
    const counts = { ...ZERO_COUNTS };
    const items: NewSyncItem[] = [];
    // The newest version of a customer wins when a list names it twice.
    const latest = new Map<string, QboCustomerJson>();
    for (const customer of batch.customers) latest.set(String(customer.Id), customer);
    const gone = (batch.gone ?? []).filter((id) => !latest.has(id));
    const local = new Map<string, LocalRow>();
    for (const row of loadLocal.all(batch.realmId, JSON.stringify([...latest.keys(), ...gone])))
      local.set(row.qb_id, row);

    const touched: number[] = [];
    const upserts: Upsert[] = [];
    let deletedWritten = 0;
    const deleteOne = (qbId: string, reason: string) => {
      const row = local.get(qbId);
      if (!row) return; // never seen here: nothing to keep
      if (row.active === 0 && isDeletedReason(row.inactive_reason)) {
        counts.unchanged++;
        return;
      }
      markDeleted.run({ reason, at, id: row.id });
      deletedWritten++;
      counts.deleted++;
      items.push({
        qbId,
        clientId: row.id,
        clientName: String(row.display_name),
        action: 'deleted',
        message: `${reason}; kept here as inactive with its horses and notes`,
      });
    };

    for (const [qbId, customer] of latest) {
      if (customer.status === 'Deleted') {
        deleteOne(qbId, DELETED_OR_MERGED_IN_QUICKBOOKS);
        continue;
      }
      const mapped = mapCustomer(customer);
      const row = local.get(qbId);
      if (!mapped.ok) {
        counts.errors++;
        items.push({
          qbId,
          clientId: row?.id ?? null,
          clientName: null,
          action: 'error',
          message: `${mapped.message}. Give it a name in QuickBooks; it will come in with the next sync.`,
          detail: `Customer Id ${qbId}`,
        });
        continue;
      }
      if (!row) {
        counts.created++;
        upserts.push({
          qbId,
          columns: mapped.columns,
          item: batch.itemizeCreations
            ? {
                qbId,
                clientId: null,
                clientName: mapped.columns.display_name,
                action: 'created',
                message: 'Added from QuickBooks',
              }
            : null,
        });
        continue;
      }
      const changed = changedColumns(row, mapped.columns);
      if (changed.length === 0) {
        counts.unchanged++;
        continue;
      }
      upserts.push({
        qbId,
        columns: mapped.columns,
        item: changeItem(qbId, row, mapped.columns, changed, counts),
      });
    }

    if (upserts.length > 0) {
      if (batch.deferIndexes) deferClientIndexes(sqlite);
      const written = upsert(batch.realmId, at, upserts);
      const idOf = new Map(written.map((r) => [r.qb_id, r.id]));
      const indexed: ClientSearchSource[] = [];
      const replaced: number[] = [];
      for (const u of upserts) {
        const id = idOf.get(u.qbId) as number;
        touched.push(id);
        indexed.push({ id, ...u.columns });
        if (local.has(u.qbId)) replaced.push(id);
        if (u.item) items.push({ ...u.item, clientId: id });
      }
      search.replace(indexed, replaced);
    }
    for (const qbId of gone) deleteOne(qbId, DELETED_IN_QUICKBOOKS);

    if (items.length > 0) insertItems.run({ runId: batch.runId, at, items: JSON.stringify(items) });
    const { created } = addCounts.get({
      ...counts,
      fetched: batch.fetched,
      runId: batch.runId,
    }) as {
      created: number;
    };
    if (!batch.itemizeCreations && counts.created > 0) {
      const message = `${created.toLocaleString('en-US')} ${created === 1 ? 'customer' : 'customers'} added from QuickBooks`;
      const summary = createdSummary.get(batch.runId);
      if (summary) updateSummary.run(at, message, summary.id);
      else insertSummary.run(batch.runId, at, message);
    }
    if (batch.linkParents) {
      linkParents.run({ realm: batch.realmId });
      restoreDeferredIndexes(sqlite);
    }
    saveCursor(batch.realmId, batch.cursor, at);
    return { counts, changed: touched.length > 0 || deletedWritten > 0, touched };
  };

  /** Applies one page, its Sync Log lines, its counts and its cursor in one transaction. */
  return { apply: sqlite.transaction(apply).immediate as (batch: CustomerBatch) => BatchOutcome };
}

function changeItem(
  qbId: string,
  row: LocalRow,
  after: MappedCustomerColumns,
  changed: (typeof COMPARED_COLUMNS)[number][],
  counts: SyncCounts,
): NewSyncItem {
  // Old → new values for the client's history (only for the lines a person reads there).
  const changes = describeSyncChanges(row, after);
  const base = {
    qbId,
    clientId: row.id,
    clientName: after.display_name,
    changes: changes.length > 0 ? JSON.stringify(changes) : null,
  };
  if (row.active === 1 && after.active === 0) {
    counts.deactivated++;
    return {
      ...base,
      action: 'deactivated',
      message: 'Made inactive in QuickBooks; hidden from active lists, horses and notes kept',
    };
  }
  if (row.active === 0 && after.active === 1) {
    counts.reactivated++;
    return { ...base, action: 'reactivated', message: 'Active again in QuickBooks' };
  }
  counts.updated++;
  const labels = [...new Set(changed.map((c) => COLUMN_LABELS[c]))];
  return { ...base, action: 'updated', message: `Updated ${labels.join(', ')}` };
}
