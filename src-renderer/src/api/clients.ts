import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ContactFieldsInput,
  ContactMatchQuery,
  DataTable,
  MethodInput,
} from '../../../src-shared/contract';
import { notifications } from '@mantine/notifications';
import { ApiError, readableMessage } from './api-error';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { queryKeys, type ClientListFilters } from './query-keys';

export const CLIENT_PAGE_SIZE = 100;

function fetchClientPage(filters: ClientListFilters, offset: number) {
  return api['clients.list']({ ...filters, offset, limit: CLIENT_PAGE_SIZE });
}

/** The first page: it carries the total and keeps showing while a new search loads. */
export function useClientCount(filters: ClientListFilters) {
  return useQuery({
    queryKey: queryKeys.clientPage(filters, 0),
    queryFn: () => fetchClientPage(filters, 0),
    placeholderData: keepPreviousData,
  });
}

/** The pages under the visible rows, fetched by offset and cached one by one. */
export function useClientPages(filters: ClientListFilters, offsets: readonly number[]) {
  return useQueries({
    queries: offsets.map((offset) => ({
      queryKey: queryKeys.clientPage(filters, offset),
      queryFn: () => fetchClientPage(filters, offset),
    })),
  });
}

export function useClient(id: number) {
  return useQuery({
    queryKey: queryKeys.clientDetail(id),
    queryFn: () => api['clients.get']({ id }),
  });
}

/** Clients that already have this email or phone; nothing is asked until one is typed. */
export function useContactMatches(query: ContactMatchQuery) {
  const asked = Boolean(query.email?.trim() || query.phone?.trim() || query.mobile?.trim());
  return useQuery({
    queryKey: queryKeys.contactMatches(query),
    queryFn: () => api['clients.contactMatches'](query),
    enabled: asked,
    placeholderData: keepPreviousData,
  });
}

/** A write, then a refetch of what reads the tables it touched (the push does the same). */
function useWrite<I, O>(write: (input: I) => Promise<O>, tables: readonly DataTable[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => invalidateTables(queryClient, tables),
  });
}

export function useCreateClient() {
  return useWrite(
    (fields: ContactFieldsInput) => api['clients.create'](fields),
    ['clients', 'activity'],
  );
}

/**
 * A save of a form over a versioned row (contact details, preferences): a
 * refusal because someone else saved first is shown by the form itself, with
 * its Reload, so it gets no toast; any other failure gets the usual one.
 */
function useVersionedWrite<I, O>(write: (input: I) => Promise<O>, tables: readonly DataTable[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    meta: { errorToast: false },
    onSuccess: () => invalidateTables(queryClient, tables),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'edit_conflict') return;
      notifications.show({ color: 'red', title: 'Not saved', message: readableMessage(error) });
    },
  });
}

export function useUpdateClient() {
  return useVersionedWrite(
    (input: MethodInput<'clients.update'>) => api['clients.update'](input),
    ['clients', 'activity'],
  );
}

export function useArchiveClient() {
  return useWrite((id: number) => api['clients.archive']({ id }), ['clients', 'activity']);
}

export function useRestoreClient() {
  return useWrite((id: number) => api['clients.restore']({ id }), ['clients', 'activity']);
}

export function useAddNote() {
  return useWrite(
    (input: MethodInput<'notes.add'>) => api['notes.add'](input),
    ['notes', 'activity'],
  );
}

export function useDeleteNote() {
  return useWrite((id: number) => api['notes.delete']({ id }), ['notes', 'activity']);
}

/** Brings back a deleted note while its undo window lasts. */
export function useRestoreNote() {
  return useWrite((id: number) => api['notes.restore']({ id }), ['notes', 'activity']);
}

export function useUpdatePortal() {
  return useWrite(
    (input: MethodInput<'portal.update'>) => api['portal.update'](input),
    ['portal', 'activity'],
  );
}

export function useUpdatePreferences() {
  return useVersionedWrite(
    (input: MethodInput<'preferences.update'>) => api['preferences.update'](input),
    ['preferences', 'activity'],
  );
}

/**
 * The client as it is now, fetched at once and put in the profile's cache:
 * "Reload" after a refused save loads what the other person saved.
 */
export function useReloadClient(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api['clients.get']({ id }),
    onSuccess: (detail) => queryClient.setQueryData(queryKeys.clientDetail(id), detail),
  });
}
