import type { DeletedCustomer, StoredCustomer } from '../company/customer.js';
import { idNumber, lowerBound } from '../company/customer-order.js';
import type { CompanyStore } from '../company/store.js';
import { formatQboTime } from '../time-format.js';

export const CDC_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
export const CDC_MAX_OBJECTS = 1000;

/**
 * Customers changed since a moment, oldest change first (ties by Id), active
 * or not, with deleted/merged ones as bare "Deleted" stubs. Capped at 1000
 * like QBO, which says nothing when it truncates. Both lists are kept in
 * time order by the store, so this merges their tails instead of sorting.
 */
export function changedCustomers(
  store: CompanyStore,
  sinceMs: number,
): (StoredCustomer | DeletedCustomer)[] {
  const live = store.byUpdated();
  const dead = store.tombstones();
  let i = lowerBound(live, (row) => row.updatedMs < sinceMs);
  let j = lowerBound(dead, (d) => d.deletedMs < sinceMs);
  const out: (StoredCustomer | DeletedCustomer)[] = [];
  while (out.length < CDC_MAX_OBJECTS && (i < live.length || j < dead.length)) {
    const row = live[i];
    const gone = dead[j];
    const rowFirst =
      row !== undefined &&
      (gone === undefined ||
        row.updatedMs < gone.deletedMs ||
        (row.updatedMs === gone.deletedMs && idNumber(row) < Number(gone.id)));
    if (rowFirst) {
      out.push(row);
      i++;
    } else if (gone !== undefined) {
      out.push({
        Id: gone.id,
        status: 'Deleted',
        domain: 'QBO',
        MetaData: { LastUpdatedTime: formatQboTime(gone.deletedMs) },
      });
      j++;
    }
  }
  return out;
}
