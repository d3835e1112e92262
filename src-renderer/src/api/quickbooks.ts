import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { api } from './index';
import { queryKeys } from './query-keys';

export function useQuickBooksStatus() {
  return useQuery({
    queryKey: queryKeys.quickbooksStatus,
    queryFn: () => api['quickbooks.status']({}),
  });
}

/** Every QuickBooks action answers with the new status, so the page updates at once. */
function useStatusWrite<I>(write: (input: I) => Promise<QuickBooksStatus>, errorToast: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    meta: { errorToast },
    onSuccess: (status) => queryClient.setQueryData(queryKeys.quickbooksStatus, status),
  });
}

export function useConnectQuickBooks() {
  return useMutation({
    mutationFn: () => api['quickbooks.connect']({}),
    meta: { errorToast: 'QuickBooks was not connected' },
  });
}

export function useDisconnectQuickBooks() {
  return useStatusWrite(() => api['quickbooks.disconnect']({}), 'Could not disconnect');
}

export function useSetCustomerSync() {
  return useStatusWrite(
    (enabled: boolean) => api['quickbooks.setCustomerSync']({ enabled }),
    'Not saved',
  );
}
