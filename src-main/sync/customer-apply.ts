import type { SyncCounts } from '../../src-shared/contract';
import { describeSyncChanges } from '../activity/sync-changes';
import type { ClientSearchSource } from '../db/search-index';
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
 * database worker, on the hot path of a sync. This file decides (which rows
 * to write, what the Sync Log says, the counts) and orders the writes; the
 * statements themselves are the dialect's (CustomerPageWrites):
 * db/sqlite-customer-page-writes.ts prepares them once per connection,
 * db/postgres/customer-page-writes.ts sends each list as one JSON parameter.
 * Either way a 1,000-customer page is a handful of statements, not thousands.
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

/** A QuickBooks client as stored, for comparing with what QuickBooks sends. */
export type LocalRow = { id: number; qb_id: string } & Record<
  (typeof COMPARED_COLUMNS)[number],
  unknown
>;

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
export const WRITTEN_COLUMNS = [
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

/** A customer to insert or update, and its Sync Log line (the client id filled in once written). */
export interface CustomerUpsert {
  qbId: string;
  columns: MappedCustomerColumns;
  item: NewSyncItem | null;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * The statements of one page, in one dialect. SQLite's run synchronously on
 * the worker's connection and return plain values; PostgreSQL's return
 * promises. Every method runs inside `transaction`.
 */
export interface CustomerPageStatements {
  /** This company's QuickBooks clients with these QuickBooks Ids. */
  loadLocal(realmId: string, qbIds: readonly string[]): MaybePromise<LocalRow[]>;
  /**
   * Whether this company has any QuickBooks client yet. Where given, a first
   * sync into an empty list skips loadLocal on every page (a round trip and
   * 1,000 index probes a page on a server); where not, every page looks.
   */
  hasClients?(realmId: string): MaybePromise<boolean>;
  /** Sets the Clients list's indexes aside for a first sync (a no-op where that would lock others out). */
  deferIndexes(): MaybePromise<void>;
  /** Inserts or updates these customers (created_at kept on update); their ids. */
  upsert(
    realmId: string,
    at: string,
    rows: readonly CustomerUpsert[],
  ): MaybePromise<{ id: number; qb_id: string }[]>;
  markDeleted(rows: readonly { id: number; reason: string }[], at: string): MaybePromise<void>;
  /** Indexes `clients` for search; `replacing` are the ids among them that had index rows. */
  indexForSearch(
    clients: readonly ClientSearchSource[],
    replacing: readonly number[],
  ): MaybePromise<void>;
  insertItems(runId: number, at: string, items: readonly NewSyncItem[]): MaybePromise<void>;
  /** Adds to the run's counts; the run's created count so far. */
  addCounts(runId: number, counts: SyncCounts, fetched: number): MaybePromise<number>;
  /** The run's one "N customers added" line, written or rewritten. */
  saveCreatedSummary(runId: number, at: string, message: string): MaybePromise<void>;
  /** parent_id follows parent_qb_id, for the whole company. */
  linkParents(realmId: string): MaybePromise<void>;
  restoreIndexes(): MaybePromise<void>;
  /** Where the database plans by statistics: brings the clients' up to date after a bulk load. */
  refreshStatistics(): MaybePromise<void>;
  saveCursor(realmId: string, cursor: CustomerBatch['cursor'], at: string): MaybePromise<void>;
}

export interface CustomerPageWrites {
  /** Runs one page's statements in one transaction (committed with its cursor, or not at all). */
  transaction<T>(work: (statements: CustomerPageStatements) => Promise<T>): Promise<T>;
}

/** What a page asks for, decided from the page and the rows as stored. */
export interface CustomerPagePlan {
  counts: SyncCounts;
  upserts: CustomerUpsert[];
  deletes: { id: number; reason: string }[];
  /** Lines for deletions and errors met in the page, before the written customers' lines. */
  leadingItems: NewSyncItem[];
  /** Lines for customers a full pass found gone, after them. */
  trailingItems: NewSyncItem[];
}

/** The page's customers by QuickBooks Id (the newest version wins) and the Ids a full pass found gone. */
export function pageCustomers(batch: CustomerBatch): {
  latest: Map<string, QboCustomerJson>;
  gone: string[];
} {
  const latest = new Map<string, QboCustomerJson>();
  for (const customer of batch.customers) latest.set(String(customer.Id), customer);
  const gone = (batch.gone ?? []).filter((id) => !latest.has(id));
  return { latest, gone };
}

/** Decides every write of a page: pure, so both dialects do exactly the same. */
export function planCustomerBatch(
  batch: CustomerBatch,
  latest: ReadonlyMap<string, QboCustomerJson>,
  gone: readonly string[],
  local: ReadonlyMap<string, LocalRow>,
): CustomerPagePlan {
  const counts = { ...ZERO_COUNTS };
  const upserts: CustomerUpsert[] = [];
  const deletes: { id: number; reason: string }[] = [];
  const leadingItems: NewSyncItem[] = [];
  const trailingItems: NewSyncItem[] = [];
  const deleteOne = (qbId: string, reason: string, items: NewSyncItem[]) => {
    const row = local.get(qbId);
    if (!row) return; // never seen here: nothing to keep
    if (row.active === 0 && isDeletedReason(row.inactive_reason)) {
      counts.unchanged++;
      return;
    }
    deletes.push({ id: row.id, reason });
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
      deleteOne(qbId, DELETED_OR_MERGED_IN_QUICKBOOKS, leadingItems);
      continue;
    }
    const mapped = mapCustomer(customer);
    const row = local.get(qbId);
    if (!mapped.ok) {
      counts.errors++;
      leadingItems.push({
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
  for (const qbId of gone) deleteOne(qbId, DELETED_IN_QUICKBOOKS, trailingItems);
  return { counts, upserts, deletes, leadingItems, trailingItems };
}

/** The written customers' ids put into their Sync Log lines, search rows and the run's touched list. */
export function finishItems(
  plan: CustomerPagePlan,
  local: ReadonlyMap<string, LocalRow>,
  written: readonly { id: number; qb_id: string }[],
): {
  items: NewSyncItem[];
  touched: number[];
  indexed: ClientSearchSource[];
  replaced: number[];
} {
  const idOf = new Map(written.map((r) => [r.qb_id, r.id]));
  const items = [...plan.leadingItems];
  const touched: number[] = [];
  const indexed: ClientSearchSource[] = [];
  const replaced: number[] = [];
  for (const u of plan.upserts) {
    const id = idOf.get(u.qbId) as number;
    touched.push(id);
    indexed.push({ id, ...u.columns });
    if (local.has(u.qbId)) replaced.push(id);
    if (u.item) items.push({ ...u.item, clientId: id });
  }
  items.push(...plan.trailingItems);
  return { items, touched, indexed, replaced };
}

/**
 * Applies one page, its Sync Log lines, its counts and its cursor in one
 * transaction. Create it once per connection and apply every page through it.
 */
export function customerBatchApplier(writes: CustomerPageWrites) {
  // The run whose first page found this company with no clients: a full pass
  // never sends a customer twice, so its later pages find none of theirs
  // either (and if one came twice, the upsert's on conflict updates it).
  const emptyAtStart = { runId: null as number | null };
  return {
    apply: (batch: CustomerBatch): Promise<BatchOutcome> =>
      writes.transaction((statements) => applyPage(statements, batch, emptyAtStart)),
  };
}

async function applyPage(
  s: CustomerPageStatements,
  batch: CustomerBatch,
  emptyAtStart: { runId: number | null },
): Promise<BatchOutcome> {
  const { at } = batch;
  const { latest, gone } = pageCustomers(batch);
  if (batch.deferIndexes && s.hasClients)
    emptyAtStart.runId = (await s.hasClients(batch.realmId)) ? null : batch.runId;
  const local = new Map<string, LocalRow>();
  if (emptyAtStart.runId !== batch.runId || gone.length > 0)
    for (const row of await s.loadLocal(batch.realmId, [...latest.keys(), ...gone]))
      local.set(row.qb_id, row);
  const plan = planCustomerBatch(batch, latest, gone, local);

  let written: { id: number; qb_id: string }[] = [];
  if (plan.upserts.length > 0) {
    if (batch.deferIndexes) await s.deferIndexes();
    written = await s.upsert(batch.realmId, at, plan.upserts);
  }
  const { items, touched, indexed, replaced } = finishItems(plan, local, written);
  if (indexed.length > 0) await s.indexForSearch(indexed, replaced);
  if (plan.deletes.length > 0) await s.markDeleted(plan.deletes, at);

  if (items.length > 0) await s.insertItems(batch.runId, at, items);
  const created = await s.addCounts(batch.runId, plan.counts, batch.fetched);
  if (!batch.itemizeCreations && plan.counts.created > 0) {
    const message = `${created.toLocaleString('en-US')} ${created === 1 ? 'customer' : 'customers'} added from QuickBooks`;
    await s.saveCreatedSummary(batch.runId, at, message);
  }
  if (batch.linkParents) {
    await s.linkParents(batch.realmId);
    await s.restoreIndexes();
  }
  // A first sync's first page and every run's last: the list is searched right after either.
  if ((batch.deferIndexes && plan.upserts.length > 0) || (batch.linkParents && touched.length > 0))
    await s.refreshStatistics();
  await s.saveCursor(batch.realmId, batch.cursor, at);
  return {
    counts: plan.counts,
    changed: touched.length > 0 || plan.deletes.length > 0,
    touched,
  };
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
