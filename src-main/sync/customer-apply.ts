import type { SyncCounts } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { saveClientSearchRows } from '../db/search-index';
import {
  changedColumns,
  COMPARED_COLUMNS,
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
  mapCustomer,
  type QboCustomerJson,
} from '../quickbooks/mapping/customer-mapping';
import { ZERO_COUNTS, type NewSyncItem } from './sync-log-repository';

export interface CustomerBatch {
  realmId: string;
  now: Date;
  /** Customers as QuickBooks sent them; CDC's `status: "Deleted"` stubs included. */
  customers: readonly QboCustomerJson[];
  /** QuickBooks Ids a full pass proved are gone: marked "Deleted in QuickBooks". */
  gone?: readonly string[];
}

export interface BatchOutcome {
  counts: SyncCounts;
  items: NewSyncItem[];
  /** Whether any client row was written. */
  changed: boolean;
  /** Clients created or updated, for the duplicate check at the end of the run. */
  touched: number[];
}

const CHUNK = 500;

type LocalRow = { id: number; qb_id: string | null } & Record<
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

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function loadLocal(
  trx: Db,
  realmId: string,
  qbIds: readonly string[],
): Promise<Map<string, LocalRow>> {
  const found = new Map<string, LocalRow>();
  for (const ids of chunks(qbIds)) {
    const rows = await trx
      .selectFrom('clients')
      .select(['id', 'qb_id', ...COMPARED_COLUMNS])
      .where('realm_id', '=', realmId)
      .where('source', '=', 'quickbooks')
      .where('qb_id', 'in', ids)
      .execute();
    for (const row of rows) if (row.qb_id !== null) found.set(row.qb_id, row);
  }
  return found;
}

function isDeletedReason(reason: unknown): boolean {
  return reason === DELETED_IN_QUICKBOOKS || reason === DELETED_OR_MERGED_IN_QUICKBOOKS;
}

/**
 * Brings a batch of QuickBooks customers into the clients table, comparing
 * before writing: a customer whose mapped fields are unchanged is not written
 * at all. Only QuickBooks clients of this company are touched; manual clients
 * never. Run it inside the transaction that also moves the cursor.
 */
export async function applyCustomerBatch(trx: Db, batch: CustomerBatch): Promise<BatchOutcome> {
  const at = batch.now.toISOString();
  const counts = { ...ZERO_COUNTS };
  const items: NewSyncItem[] = [];
  // The newest version of a customer wins when a list names it twice.
  const latest = new Map<string, QboCustomerJson>();
  for (const customer of batch.customers) latest.set(String(customer.Id), customer);
  const gone = (batch.gone ?? []).filter((id) => !latest.has(id));
  const local = await loadLocal(trx, batch.realmId, [...latest.keys(), ...gone]);
  const touched: number[] = [];
  const inserts: { qbId: string; name: string; row: Record<string, unknown> }[] = [];

  const markDeleted = async (qbId: string, reason: string) => {
    const row = local.get(qbId);
    if (!row) return; // never seen here: nothing to keep
    if (row.active === 0 && isDeletedReason(row.inactive_reason)) {
      counts.unchanged++;
      return;
    }
    await trx
      .updateTable('clients')
      .set({ active: 0, inactive_reason: reason, last_synced_at: at, updated_at: at })
      .where('id', '=', row.id)
      .execute();
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
      await markDeleted(qbId, DELETED_OR_MERGED_IN_QUICKBOOKS);
      continue;
    }
    const mapped = mapCustomer(customer);
    if (!mapped.ok) {
      counts.errors++;
      items.push({
        qbId,
        clientId: local.get(qbId)?.id ?? null,
        clientName: null,
        action: 'error',
        message: `${mapped.message}. Give it a name in QuickBooks; it will come in with the next sync.`,
        detail: `Customer Id ${qbId}`,
      });
      continue;
    }
    const row = local.get(qbId);
    if (!row) {
      inserts.push({
        qbId,
        name: mapped.columns.display_name,
        row: {
          source: 'quickbooks',
          qb_id: qbId,
          realm_id: batch.realmId,
          ...mapped.columns,
          last_synced_at: at,
          created_at: at,
          updated_at: at,
        },
      });
      continue;
    }
    const changed = changedColumns(row, mapped.columns);
    if (changed.length === 0) {
      counts.unchanged++;
      continue;
    }
    await trx
      .updateTable('clients')
      .set({ ...mapped.columns, last_synced_at: at, updated_at: at })
      .where('id', '=', row.id)
      .execute();
    touched.push(row.id);
    const name = mapped.columns.display_name;
    if (row.active === 1 && mapped.columns.active === 0) {
      counts.deactivated++;
      items.push({
        qbId,
        clientId: row.id,
        clientName: name,
        action: 'deactivated',
        message: 'Made inactive in QuickBooks; hidden from active lists, horses and notes kept',
      });
    } else if (row.active === 0 && mapped.columns.active === 1) {
      counts.reactivated++;
      items.push({
        qbId,
        clientId: row.id,
        clientName: name,
        action: 'reactivated',
        message: 'Active again in QuickBooks',
      });
    } else {
      counts.updated++;
      const labels = [...new Set(changed.map((c) => COLUMN_LABELS[c]))];
      items.push({
        qbId,
        clientId: row.id,
        clientName: name,
        action: 'updated',
        message: `Updated ${labels.join(', ')}`,
      });
    }
  }

  // ~45 values a row: 100 rows stay well under SQLite's variable limit.
  for (const group of chunks(inserts, 100)) {
    const ids = await trx
      .insertInto('clients')
      .values(group.map((g) => g.row as never))
      .returning(['id', 'qb_id'])
      .execute();
    const idOf = new Map(ids.map((r) => [r.qb_id, r.id]));
    for (const g of group) {
      const id = idOf.get(g.qbId) ?? null;
      if (id !== null) touched.push(id);
      counts.created++;
      items.push({
        qbId: g.qbId,
        clientId: id,
        clientName: g.name,
        action: 'created',
        message: 'Added from QuickBooks',
      });
    }
  }

  for (const qbId of gone) await markDeleted(qbId, DELETED_IN_QUICKBOOKS);

  const batchIds = [...latest.keys()];
  await linkParents(trx, batch.realmId, batchIds);
  await saveClientSearchRows(trx, touched);
  return { counts, items, changed: touched.length > 0 || counts.deleted > 0, touched };
}

/**
 * Points sub-customers at their parent client. A parent can arrive after its
 * child (a later page, a merge), so both directions are checked for the batch.
 * parent_id follows parent_qb_id, which is what is compared; it is not a change of its own.
 */
async function linkParents(trx: Db, realmId: string, qbIds: readonly string[]): Promise<void> {
  for (const ids of chunks(qbIds)) {
    const rows = await trx
      .selectFrom('clients as c')
      .leftJoin('clients as p', (join) =>
        join
          .onRef('p.realm_id', '=', 'c.realm_id')
          .onRef('p.qb_id', '=', 'c.parent_qb_id')
          .on('p.source', '=', 'quickbooks'),
      )
      .select(['c.id as id', 'c.parent_id as current', 'p.id as resolved'])
      .where('c.realm_id', '=', realmId)
      .where('c.source', '=', 'quickbooks')
      .where((eb) => eb.or([eb('c.qb_id', 'in', ids), eb('c.parent_qb_id', 'in', ids)]))
      .execute();
    for (const row of rows) {
      const resolved = row.resolved ?? null;
      if ((row.current ?? null) !== resolved) {
        await trx
          .updateTable('clients')
          .set({ parent_id: resolved })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }
}
