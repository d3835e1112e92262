import type { SandboxClock } from '../clock.js';
import { SandboxError } from '../errors.js';
import { formatQboTime } from '../time-format.js';
import { USD, type QboCustomer, type StoredCustomer, type Tombstone } from './customer.js';
import { serialize, serializeAll } from './customer-json.js';
import {
  compareByUpdated,
  compareTombstones,
  idNumber,
  insertSorted,
  lowerBound,
  removeSorted,
} from './customer-order.js';
import { seedCustomers } from './seed.js';

/** Fields an admin may set; anything goes so tests can build odd records. */
export type CustomerFields = Partial<Omit<QboCustomer, 'Id' | 'domain' | 'sparse'>>;

export interface CompanyStore {
  readonly realmId: string;
  readonly companyName: string;
  /** Bumped on every change so query results can be cached between changes. */
  version(): number;
  /**
   * The customers changed, created or removed since `version` (repeats
   * possible), or null when that lies too far back, so caches can be patched
   * rather than rebuilt.
   */
  changedSince(version: number): StoredCustomer[] | null;
  /** Live customers in Id order, QBO's default order. */
  live(): readonly StoredCustomer[];
  /** Live customers by last change, then Id; kept in order as customers change. */
  byUpdated(): readonly StoredCustomer[];
  /** Deleted and merged-away customers by deletion time, then Id. */
  tombstones(): readonly Tombstone[];
  get(id: string): StoredCustomer | undefined;
  create(fields: CustomerFields): QboCustomer;
  update(id: string, fields: CustomerFields): QboCustomer;
  deactivate(id: string): QboCustomer;
  reactivate(id: string): QboCustomer;
  remove(id: string): void;
  merge(fromId: string, intoId: string): QboCustomer;
  reseed(count: number, seed: number): void;
}

// Enough for any burst of admin changes between two pages; older history is never needed.
const MAX_LOGGED_CHANGES = 10_000;

export interface CompanyOptions {
  realmId: string;
  companyName: string;
  customers: number;
  seed: number;
  clock: SandboxClock;
}

export function createCompanyStore(options: CompanyOptions): CompanyStore {
  const { clock } = options;
  // Ids are handed out in increasing order, so appending keeps `rows` in Id order.
  let rows: StoredCustomer[] = [];
  // Sorted once at seeding, so even a first CDC call is a binary search; kept so by every change.
  let updatedOrder: StoredCustomer[] = [];
  let byId = new Map<string, StoredCustomer>();
  let dead: Tombstone[] = [];
  let nextId = 1;
  let version = 0;
  // Each change's version and row; `loggedFrom` is the version the log starts after.
  let changeLog: { version: number; row: StoredCustomer }[] = [];
  let loggedFrom = 0;
  const changed = (row: StoredCustomer) => {
    version++;
    changeLog.push({ version, row });
    if (changeLog.length > MAX_LOGGED_CHANGES) {
      changeLog = changeLog.slice(MAX_LOGGED_CHANGES / 2);
      loggedFrom = (changeLog[0]?.version ?? version + 1) - 1;
    }
  };

  const reseed = (count: number, seed: number) => {
    rows = seedCustomers({ count, seed, nowMs: clock.now() });
    // Serialized up front so a first sync's pages cost a copy, not a stringify.
    serializeAll(rows);
    byId = new Map(rows.map((row) => [row.data.Id, row]));
    updatedOrder = [...rows].sort(compareByUpdated);
    dead = [];
    nextId = count + 1;
    version++;
    changeLog = [];
    loggedFrom = version;
  };
  reseed(options.customers, options.seed);

  const mustGet = (id: string): StoredCustomer => {
    const row = byId.get(id);
    if (!row) throw new SandboxError(404, '610', 'Object Not Found', `Customer ${id} not found`);
    return row;
  };

  // QBO times have whole seconds; a change must still be visible to a
  // `LastUpdatedTime >` poll, so every change lands at least a second later.
  // Every change to a customer ends here: it also rewrites the cached JSON (a
  // change costs a few µs more so no page pays for it) and moves the row in
  // the updated-time order.
  const touch = (row: StoredCustomer) => {
    const at = Math.max(clock.now(), row.updatedMs + 1000);
    removeSorted(updatedOrder, row, compareByUpdated);
    row.updatedMs = at;
    row.data.SyncToken = String(Number(row.data.SyncToken || '0') + 1);
    row.data.MetaData = { ...row.data.MetaData, LastUpdatedTime: formatQboTime(at) };
    serialize(row);
    insertSorted(updatedOrder, row, compareByUpdated);
    changed(row);
  };

  const assertUniqueName = (name: string | undefined, exceptId?: string) => {
    if (!name) return; // empty names are allowed so tests can reproduce broken records
    for (const row of rows) {
      if (row.data.DisplayName === name && row.data.Id !== exceptId) {
        throw new SandboxError(
          400,
          '6240',
          'Duplicate Name Exists Error',
          `The name supplied already exists. : Another customer is already using this name. Please use a different name.`,
        );
      }
    }
  };

  const children = (id: string) => rows.filter((row) => row.data.ParentRef?.value === id);

  const placeUnder = (c: QboCustomer, parentId: string | undefined) => {
    const parent = parentId ? mustGet(parentId).data : undefined;
    if (parent) {
      c.Job = true;
      c.ParentRef = { value: parent.Id };
      c.Level = (parent.Level ?? 0) + 1;
      c.FullyQualifiedName = `${parent.FullyQualifiedName}:${c.DisplayName}`;
    } else {
      c.Job = false;
      delete c.ParentRef;
      delete c.Level;
      c.FullyQualifiedName = c.DisplayName;
    }
  };

  // A renamed or moved parent renames its sub-customers' full names too.
  const refreshDescendants = (id: string) => {
    for (const child of children(id)) {
      placeUnder(child.data, id);
      touch(child);
      refreshDescendants(child.data.Id);
    }
  };

  const removeRow = (row: StoredCustomer) => {
    const id = row.data.Id;
    const at = lowerBound(rows, (r) => idNumber(r) < idNumber(row));
    if (rows[at] === row) rows.splice(at, 1);
    else rows = rows.filter((r) => r !== row);
    removeSorted(updatedOrder, row, compareByUpdated);
    byId.delete(id);
    insertSorted(dead, { id, deletedMs: clock.now() }, compareTombstones);
    changed(row);
  };

  return {
    realmId: options.realmId,
    companyName: options.companyName,
    version: () => version,
    changedSince(since) {
      if (since < loggedFrom) return null;
      const from = lowerBound(changeLog, (entry) => entry.version <= since);
      return changeLog.slice(from).map((entry) => entry.row);
    },
    live: () => rows,
    byUpdated: () => updatedOrder,
    tombstones: () => dead,
    get: (id) => byId.get(id),

    create(fields) {
      assertUniqueName(fields.DisplayName);
      const id = String(nextId++);
      const at = clock.now();
      const displayName = fields.DisplayName ?? '';
      const c: QboCustomer = {
        Id: id,
        SyncToken: '0',
        DisplayName: displayName,
        Active: true,
        Job: false,
        BillWithParent: false,
        FullyQualifiedName: displayName,
        Taxable: false,
        Balance: 0,
        BalanceWithJobs: 0,
        CurrencyRef: USD,
        PreferredDeliveryMethod: 'Print',
        domain: 'QBO',
        sparse: false,
        MetaData: { CreateTime: formatQboTime(at), LastUpdatedTime: formatQboTime(at) },
      };
      placeUnder(c, fields.ParentRef?.value);
      Object.assign(c, fields, { Id: id, SyncToken: fields.SyncToken ?? '0' });
      const row: StoredCustomer = { data: c, createdMs: at, updatedMs: at };
      rows.push(row);
      insertSorted(updatedOrder, row, compareByUpdated);
      byId.set(id, row);
      serialize(row);
      changed(row);
      return c;
    },

    update(id, fields) {
      const row = mustGet(id);
      if (fields.DisplayName !== undefined) assertUniqueName(fields.DisplayName, id);
      const before = row.data;
      const next: QboCustomer = { ...before, ...fields, Id: id };
      const moved = fields.ParentRef !== undefined || fields.DisplayName !== undefined;
      if (moved && fields.FullyQualifiedName === undefined) placeUnder(next, next.ParentRef?.value);
      row.data = next;
      touch(row);
      if (moved) refreshDescendants(id);
      return row.data;
    },

    deactivate(id) {
      const row = mustGet(id);
      row.data.Active = false;
      touch(row);
      // QBO makes sub-customers inactive along with their parent.
      const cascade = (parentId: string) => {
        for (const child of children(parentId)) {
          if (child.data.Active) {
            child.data.Active = false;
            touch(child);
          }
          cascade(child.data.Id);
        }
      };
      cascade(id);
      return row.data;
    },

    reactivate(id) {
      const row = mustGet(id);
      row.data.Active = true;
      touch(row);
      return row.data;
    },

    remove(id) {
      const row = mustGet(id);
      // Sub-customers cannot outlive their parent.
      for (const child of children(id)) this.remove(child.data.Id);
      removeRow(row);
    },

    merge(fromId, intoId) {
      if (fromId === intoId)
        throw new SandboxError(400, '6000', 'Cannot merge a customer into itself');
      const from = mustGet(fromId);
      const into = mustGet(intoId);
      // Merging moves the loser's sub-customers and balance to the survivor.
      for (const child of children(fromId)) {
        placeUnder(child.data, intoId);
        touch(child);
        refreshDescendants(child.data.Id);
      }
      into.data.Balance = Math.round((into.data.Balance + from.data.Balance) * 100) / 100;
      into.data.BalanceWithJobs =
        Math.round((into.data.BalanceWithJobs + from.data.BalanceWithJobs) * 100) / 100;
      touch(into);
      removeRow(from);
      return into.data;
    },

    reseed,
  };
}
