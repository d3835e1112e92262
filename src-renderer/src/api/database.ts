import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DataTable,
  events,
  type DatabaseStatus,
  type SharedDatabaseDetails,
} from '../../../src-shared/contract';
import { api, transport } from './index';
import { invalidateTables } from './invalidation';

/** Settings → Data's database choice and the connection's state (the banner, the waiting screen). */
export const databaseStatusKey = ['database', 'status'] as const;

export function useDatabaseStatus() {
  const queryClient = useQueryClient();
  // The connection's state arrives as an event; the rest of the status is read again with it.
  useEffect(
    () =>
      transport.subscribe((event, payload) => {
        if (event !== 'database.status') return;
        const health = events['database.status'].safeParse(payload);
        if (!health.success) return;
        queryClient.setQueryData<DatabaseStatus>(databaseStatusKey, (old) =>
          old ? { ...old, health: health.data } : old,
        );
        void queryClient.invalidateQueries({ queryKey: databaseStatusKey });
      }),
    [queryClient],
  );
  return useQuery({
    queryKey: databaseStatusKey,
    queryFn: () => api['database.status']({}),
  });
}

export function useTestConnection() {
  return useMutation({
    mutationFn: (details: SharedDatabaseDetails) => api['database.test'](details),
    meta: { errorToast: false },
  });
}

/** After a move, a join or going back, every screen reads another database. */
function useSwitch<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    meta: { errorToast: false },
    onSuccess: () => {
      invalidateTables(queryClient, DataTable.options);
      void queryClient.invalidateQueries({ queryKey: databaseStatusKey });
    },
  });
}

export function useMoveToShared() {
  return useSwitch((details: SharedDatabaseDetails) => api['database.move'](details));
}

export function useJoinShared() {
  return useSwitch((details: SharedDatabaseDetails) => api['database.use'](details));
}

export function useUseLocalFile() {
  return useSwitch(() => api['database.useLocal']({}));
}

export function useRetryDatabase() {
  const queryClient = useQueryClient();
  return useMutation({
    /** The waiting screen may send the password typed there (none saved, or the server refused it). */
    mutationFn: (password?: string) => api['database.retry'](password ? { password } : {}),
    meta: { errorToast: false },
    onSuccess: (health) => {
      queryClient.setQueryData<DatabaseStatus>(databaseStatusKey, (old) =>
        old ? { ...old, health } : old,
      );
      if (health.state === 'ok') invalidateTables(queryClient, DataTable.options);
    },
  });
}
