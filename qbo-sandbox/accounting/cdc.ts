import type { DeletedCustomer, QboCustomer } from '../company/customer.js';
import type { CompanyStore } from '../company/store.js';
import { formatQboTime } from '../time-format.js';

export const CDC_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
export const CDC_MAX_OBJECTS = 1000;

/**
 * Customers changed since a moment, oldest change first, active or not,
 * with deleted/merged ones as bare "Deleted" stubs. Capped at 1000 like QBO,
 * which says nothing when it truncates.
 */
export function changedCustomers(
  store: CompanyStore,
  sinceMs: number,
): (QboCustomer | DeletedCustomer)[] {
  const changes: { at: number; item: QboCustomer | DeletedCustomer }[] = [];
  for (const row of store.live())
    if (row.updatedMs >= sinceMs) changes.push({ at: row.updatedMs, item: row.data });
  for (const dead of store.tombstones()) {
    if (dead.deletedMs >= sinceMs) {
      changes.push({
        at: dead.deletedMs,
        item: {
          Id: dead.id,
          status: 'Deleted',
          domain: 'QBO',
          MetaData: { LastUpdatedTime: formatQboTime(dead.deletedMs) },
        },
      });
    }
  }
  changes.sort((a, b) => a.at - b.at || Number(a.item.Id) - Number(b.item.Id));
  return changes.slice(0, CDC_MAX_OBJECTS).map((c) => c.item);
}
