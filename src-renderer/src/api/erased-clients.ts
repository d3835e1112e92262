import type { Query, QueryClient } from '@tanstack/react-query';
import { isQueryOfClient } from './query-keys';

/**
 * Clients being erased or erased in this window. Their profile queries are
 * left out of every refetch, because the push announcing the erasure can
 * arrive before the erase call returns, and asking again could only fail.
 */
const erased = new Set<number>();

export function isQueryOfErasedClient(query: Query): boolean {
  for (const clientId of erased) if (isQueryOfClient(query.queryKey, clientId)) return true;
  return false;
}

/** Before the erase is sent: no refetch of that client's records from here on. */
export function holdClientQueries(clientId: number): void {
  erased.add(clientId);
}

/** The erase was refused: the client is still there, so its profile refreshes again. */
export function releaseClientQueries(clientId: number): void {
  erased.delete(clientId);
}

/** The client is gone: stop its queries and drop them, so nothing asks for it again. */
export function dropClientQueries(queryClient: QueryClient, clientId: number): void {
  const ofClient = { predicate: (query: Query) => isQueryOfClient(query.queryKey, clientId) };
  void queryClient.cancelQueries(ofClient);
  queryClient.removeQueries(ofClient);
}
