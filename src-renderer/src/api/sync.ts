import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { events, type SyncStatus, type SyncTrigger } from '../../../src-shared/contract';
import { api, transport } from './index';
import { queryKeys } from './query-keys';

/** Every sync query lives under queryKeys.syncLog, so a `sync` table change refetches them all. */
export const syncKeys = {
  status: [...queryKeys.syncLog, 'status'] as const,
  runs: (offset: number) => [...queryKeys.syncLog, 'runs', offset] as const,
  run: (runId: number) => [...queryKeys.syncLog, 'run', runId] as const,
  items: (runId: number, errorsOnly: boolean, search: string, offset: number) =>
    [...queryKeys.syncLog, 'items', runId, errorsOnly, search, offset] as const,
};

export function useSyncStatus() {
  return useQuery({ queryKey: syncKeys.status, queryFn: () => api['sync.status']({}) });
}

/** "Sync Customers Now": starts a sync or joins the running one. */
export function useRunSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (trigger: SyncTrigger = 'manual') => api['sync.run']({ trigger }),
    meta: { errorToast: 'Sync not started' },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncLog }),
  });
}

export function useSyncRuns(offset: number, limit: number) {
  return useQuery({
    queryKey: syncKeys.runs(offset),
    queryFn: () => api['sync.runs']({ offset, limit }),
    placeholderData: keepPreviousData,
  });
}

export function useSyncRun(runId: number) {
  return useQuery({ queryKey: syncKeys.run(runId), queryFn: () => api['sync.run.get']({ runId }) });
}

export function useSyncItems(
  runId: number,
  filter: { errorsOnly: boolean; search: string },
  offset: number,
  limit: number,
) {
  const { errorsOnly, search } = filter;
  return useQuery({
    queryKey: syncKeys.items(runId, errorsOnly, search, offset),
    queryFn: () => api['sync.items']({ runId, errorsOnly, search, offset, limit }),
    placeholderData: keepPreviousData,
  });
}

/** Asks for the run's CSV and saves it through a Blob link (works in Electron and the browser host alike). */
export async function downloadSyncLogCsv(
  runId: number,
  filter: { errorsOnly: boolean; search: string },
): Promise<void> {
  const { fileName, csv } = await api['sync.exportCsv']({ runId, ...filter });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Keeps the cached sync status live from `sync.progress` and `sync.finished`
 * pushes, so the progress bar moves without polling. Mounted once, in the shell.
 */
export function useSyncEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      transport.subscribe((event, payload) => {
        if (event === 'sync.progress') {
          const progress = events['sync.progress'].safeParse(payload);
          if (!progress.success) return;
          queryClient.setQueryData<SyncStatus>(syncKeys.status, (old) => ({
            lastRun: old?.lastRun ?? null,
            lastSuccessAt: old?.lastSuccessAt ?? null,
            running: true,
            progress: progress.data,
          }));
        } else if (event === 'sync.finished') {
          const run = events['sync.finished'].safeParse(payload);
          if (!run.success) return;
          queryClient.setQueryData<SyncStatus>(syncKeys.status, (old) => ({
            running: false,
            progress: null,
            lastRun: run.data,
            lastSuccessAt:
              run.data.result === 'failed' ? (old?.lastSuccessAt ?? null) : run.data.finishedAt,
          }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.syncLog });
        }
      }),
    [queryClient],
  );
}
