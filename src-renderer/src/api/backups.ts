import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from '../../../src-shared/contract';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { queryKeys } from './query-keys';

/** Settings → Data: the data file's place and every backup. */
export function useDataOverview() {
  return useQuery({
    queryKey: queryKeys.dataOverview,
    queryFn: () => api['backups.overview']({}),
  });
}

export function useCreateBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api['backups.create']({}),
    meta: { errorToast: 'No backup was made' },
    onSuccess: () => invalidateTables(queryClient, ['backups']),
  });
}

/** After a restore every screen reads another file: everything refetches. */
export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api['backups.restore']({ name }),
    // The confirm dialog shows why a restore was refused ("a sync is running").
    meta: { errorToast: false },
    onSuccess: () => invalidateTables(queryClient, DataTable.options),
  });
}

export function useOpenDataFolder() {
  return useMutation({
    mutationFn: () => api['backups.openFolder']({}),
    meta: { errorToast: 'The folder could not be opened' },
  });
}

/** Ready, or the recovery screen (the data file could not be opened at start). */
export function useAppStatus() {
  return useQuery({
    queryKey: queryKeys.appStatus,
    queryFn: () => api['app.status']({}),
    staleTime: Infinity,
  });
}

/** The recovery screen's three choices; each ends with the status read again. */
export function useRecoveryChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      choice: { action: 'restore'; name: string } | { action: 'new' } | { action: 'retry' },
    ) => {
      if (choice.action === 'restore') await api['recovery.restoreBackup']({ name: choice.name });
      else if (choice.action === 'new') await api['recovery.startNew']({});
      else await api['recovery.retry']({});
    },
    meta: { errorToast: false },
    onSettled: () => invalidateTables(queryClient, DataTable.options),
  });
}
