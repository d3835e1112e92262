import { useSyncExternalStore } from 'react';
import { ClientSortField } from '../../../src-shared/contract';
import { api } from '../api';
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

const LAYOUT_TABLE = 'clients';
let sortRestore: Promise<void> | null = null;

/**
 * The sort staff last chose is remembered across launches (layout.get/save: the
 * desktop app's settings file, the browser host's data folder). Asked once per
 * launch, and applied only if nobody has sorted in the meantime.
 */
export function restoreRememberedSort(): Promise<void> {
  sortRestore ??= api['layout.get']({ table: LAYOUT_TABLE })
    .then(({ sort }) => {
      const column = ClientSortField.safeParse(sort?.column);
      const untouched =
        current.sort === defaultFilters.sort && current.direction === defaultFilters.direction;
      if (sort && column.success && untouched)
        setListFilters({ sort: column.data, direction: sort.direction });
    })
    // Without a saved layout the list keeps its default order.
    .catch(() => undefined);
  return sortRestore;
}

export function sortClientsBy(sort: ClientSortField, direction: 'asc' | 'desc'): void {
  setListFilters({ sort, direction });
  void api['layout.save']({ table: LAYOUT_TABLE, sort: { column: sort, direction } }).catch(
    () => undefined,
  );
}
