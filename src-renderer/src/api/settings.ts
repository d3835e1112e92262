import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import type { MethodInput } from '../../../src-shared/contract';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { queryKeys } from './query-keys';

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api['settings.get']({}) });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => api['settings.setup.status']({}),
  });
}

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: MethodInput<'settings.setup.complete'>) =>
      api['settings.setup.complete'](settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      queryClient.setQueryData(queryKeys.setupStatus, {
        needed: false,
        nameOnly: false,
        storedStaffName: saved.staffName,
        storedTimeZone: saved.timeZone,
      });
      invalidateTables(queryClient, ['settings']);
    },
  });
}

/** First run on a computer joining a set-up shared database: only its staff name is asked. */
export function useNameThisComputer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staffName: string) => api['settings.update']({ staffName }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      // Under ['settings']: the setup status is asked again and the app opens.
      invalidateTables(queryClient, ['settings']);
    },
  });
}

export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => api['app.info']({}),
    staleTime: Infinity,
  });
}

/** The organization's time zone, or the computer's until settings have loaded. */
export function useOrganizationTimeZone(): string {
  const settings = useSettings();
  return settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MethodInput<'settings.update'>) => api['settings.update'](patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      invalidateTables(queryClient, ['settings']);
    },
  });
}

export function useOpenExternal() {
  return useMutation({
    mutationFn: (url: string) => api['app.openExternal']({ url }),
  });
}
