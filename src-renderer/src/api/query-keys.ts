import type { ContactMatchQuery, ListClientsInput } from '../../../src-shared/contract';

/** The filters of the Clients list, without the paging. */
export type ClientListFilters = Required<Omit<ListClientsInput, 'offset' | 'limit'>>;

/**
 * Every query key the renderer uses, built here so invalidation can name them
 * by prefix: `['clients']` covers every list page, `['client']` every profile.
 */
export const queryKeys = {
  clientLists: ['clients'] as const,
  clientPage: (filters: ClientListFilters, offset: number) =>
    ['clients', 'list', filters, offset] as const,
  /** Under ['clients'] so a client written meanwhile is found (or no longer found). */
  contactMatches: (query: ContactMatchQuery) => ['clients', 'contact-matches', query] as const,
  clientDetails: ['client'] as const,
  clientDetail: (id: number) => ['client', id] as const,
  horses: ['horses'] as const,
  horseSearch: (search: string) => ['horses', search] as const,
  settings: ['settings'] as const,
  /** Under ['settings'] so a settings change asks again whether setup is done. */
  setupStatus: ['settings', 'setup'] as const,
  appInfo: ['app.info'] as const,
  /** Ready, or the recovery screen's facts. */
  appStatus: ['app.status'] as const,
  /** Settings → Data: the data file and its backups. */
  dataOverview: ['backups'] as const,
  /** Prefix of the Import page's queries (its history). */
  imports: ['import'] as const,
  quickbooksStatus: ['quickbooks', 'status'] as const,
  /** Prefix for every Sync Log query (runs, items). */
  syncLog: ['sync'] as const,
  // Under ['clients'] and ['client'] so any client, horse or note change refetches them.
  duplicatePairs: (limit: number) => ['clients', 'duplicates', limit] as const,
  mergePreview: (quickbooksClientId: number, manualClientId: number) =>
    ['client', 'merge-preview', quickbooksClientId, manualClientId] as const,
  mergeHistory: (clientId: number | null) => ['client', 'merges', clientId] as const,
};

/**
 * Whether a query reads one client's own records (its profile, documents, access log, merges):
 * the ones to drop when that client is erased, since asking again can only fail.
 */
export function isQueryOfClient(queryKey: readonly unknown[], clientId: number): boolean {
  if (queryKey[0] !== 'client') return false;
  if (queryKey[1] === clientId) return true;
  if (queryKey[1] === 'merges') return queryKey[2] === clientId;
  if (queryKey[1] === 'merge-preview') return queryKey[2] === clientId || queryKey[3] === clientId;
  return false;
}
