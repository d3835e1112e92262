import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { DataTable, Transport } from '../../../src-shared/contract';
import { events } from '../../../src-shared/contract';
import { isQueryOfErasedClient } from './erased-clients';
import { queryKeys } from './query-keys';

/**
 * Which queries read which tables. A write names the tables it touched; only
 * the queries listed under them refetch.
 */
export const queriesReadingTable: Record<DataTable, readonly QueryKey[]> = {
  clients: [queryKeys.clientLists, queryKeys.clientDetails],
  // List rows carry a horse count; profiles list linked horses.
  horses: [queryKeys.horses, queryKeys.clientLists, queryKeys.clientDetails],
  notes: [queryKeys.clientDetails],
  portal: [queryKeys.clientDetails],
  preferences: [queryKeys.clientDetails],
  activity: [queryKeys.clientDetails],
  settings: [queryKeys.settings],
  connection: [queryKeys.quickbooksStatus],
  sync: [queryKeys.syncLog, queryKeys.quickbooksStatus],
  // Sent with every other table after a restore: the import history is in the file too.
  backups: [queryKeys.dataOverview, queryKeys.appStatus, queryKeys.imports],
};

export function queryKeysForTables(tables: readonly DataTable[]): QueryKey[] {
  const seen = new Map<string, QueryKey>();
  for (const table of tables) {
    for (const key of queriesReadingTable[table]) seen.set(JSON.stringify(key), key);
  }
  return [...seen.values()];
}

export function invalidateTables(client: QueryClient, tables: readonly DataTable[]): void {
  for (const queryKey of queryKeysForTables(tables)) {
    void client.invalidateQueries({
      queryKey,
      predicate: (query) => !isQueryOfErasedClient(query),
    });
  }
}

/** Listens for `data.changed` pushes for as long as the app runs. */
export function invalidateOnDataChanged(transport: Transport, client: QueryClient): () => void {
  return transport.subscribe((event, payload) => {
    if (event !== 'data.changed') return;
    const parsed = events['data.changed'].safeParse(payload);
    if (parsed.success) invalidateTables(client, parsed.data.tables);
  });
}
