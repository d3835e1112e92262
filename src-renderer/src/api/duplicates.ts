import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataTable, MethodInput } from '../../../src-shared/contract';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { queryKeys } from './query-keys';

/** A merge or its undo touches all of a client's local data. */
const MERGE_TABLES: readonly DataTable[] = [
  'clients',
  'horses',
  'notes',
  'portal',
  'preferences',
  'activity',
];

export const DUPLICATES_SHOWN = 200;

export function useDuplicatePairs(limit = DUPLICATES_SHOWN) {
  return useQuery({
    queryKey: queryKeys.duplicatePairs(limit),
    queryFn: () => api['duplicates.list']({ limit }),
  });
}

export function useMergePreview(
  pair: { quickbooksClientId: number; manualClientId: number } | null,
) {
  return useQuery({
    queryKey: queryKeys.mergePreview(pair?.quickbooksClientId ?? 0, pair?.manualClientId ?? 0),
    queryFn: () => api['duplicates.mergePreview'](pair!),
    enabled: pair !== null,
    staleTime: 0,
  });
}

/** Merges for one client (its profile), or the latest of all (the Duplicates page). */
export function useMergeHistory(clientId: number | null) {
  return useQuery({
    queryKey: queryKeys.mergeHistory(clientId),
    queryFn: () => api['duplicates.mergeHistory'](clientId === null ? {} : { clientId }),
  });
}

export function useDismissPair() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'duplicates.dismiss'>) => api['duplicates.dismiss'](input),
    onSuccess: () => invalidateTables(queryClient, ['clients', 'activity']),
  });
}

export function useMergeClients() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'duplicates.merge'>) => api['duplicates.merge'](input),
    onSuccess: () => invalidateTables(queryClient, MERGE_TABLES),
  });
}

export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: number) => api['duplicates.undoMerge']({ mergeId }),
    onSuccess: () => invalidateTables(queryClient, MERGE_TABLES),
  });
}
