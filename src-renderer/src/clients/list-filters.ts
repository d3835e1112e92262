import { useSyncExternalStore } from 'react';
import type { ClientListFilters } from '../api/query-keys';

/**
 * The Clients list's search, filters and sort live outside the page so that
 * "Back to clients" from a profile finds them as they were.
 */
export const defaultFilters: ClientListFilters = {
  search: '',
  status: 'active',
  source: 'all',
  sort: 'name',
  direction: 'asc',
};

let current: ClientListFilters = defaultFilters;
const listeners = new Set<() => void>();

export function setListFilters(patch: Partial<ClientListFilters>): void {
  current = { ...current, ...patch };
  for (const listener of listeners) listener();
}

export function useListFilters(): ClientListFilters {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** True when the list shows everything a barn has: nothing searched or filtered out. */
export function isUnfiltered(filters: ClientListFilters): boolean {
  return filters.search.trim() === '' && filters.status === 'active' && filters.source === 'all';
}
