import type { StoredCustomer, Tombstone } from './customer.js';

/**
 * The orders the store keeps its lists in, and binary search over them, so a
 * page is a slice of a sorted list rather than a scan and sort of the company.
 */

/** QBO Ids are numbers in strings, and order as numbers. */
export const idNumber = (row: StoredCustomer): number => Number(row.data.Id);

/** Last change first by time, ties by Id, the order CDC and `ORDERBY LastUpdatedTime` answer in. */
export const compareByUpdated = (a: StoredCustomer, b: StoredCustomer): number =>
  a.updatedMs - b.updatedMs || idNumber(a) - idNumber(b);

export const compareTombstones = (a: Tombstone, b: Tombstone): number =>
  a.deletedMs - b.deletedMs || Number(a.id) - Number(b.id);

/** First index whose item is not `before` the sought position (items are sorted). */
export function lowerBound<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  list.splice(
    lowerBound(list, (x) => compare(x, item) < 0),
    0,
    item,
  );
}

export function removeSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  const at = lowerBound(list, (x) => compare(x, item) < 0);
  if (list[at] === item) list.splice(at, 1);
  else {
    // Only reachable if a sort key changed without the index being told; stay correct anyway.
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  }
}
