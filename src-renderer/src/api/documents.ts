import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AppErrorShape,
  filePaths,
  MAX_DOCUMENT_BYTES,
  type CallResult,
  type ClientDocument,
  type FileHandoffResult,
} from '../../../src-shared/contract';
import { ApiError } from './api-error';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { dropClientQueries, holdClientQueries, releaseClientQueries } from './erased-clients';
import { queryKeys } from './query-keys';

/*
 * A client's documents, its access log and its privacy requests. Their query
 * keys sit under ['client', id] so the push after any client write (which
 * always names 'activity') refetches them with the profile.
 */
export const documentKeys = {
  list: (clientId: number) => [...queryKeys.clientDetail(clientId), 'documents'] as const,
  access: (clientId: number) => [...queryKeys.clientDetail(clientId), 'access'] as const,
  privacySettings: ['settings', 'privacy'] as const,
};

export function useDocuments(clientId: number) {
  return useQuery({
    queryKey: documentKeys.list(clientId),
    queryFn: () => api['documents.list']({ clientId }),
  });
}

export function useAccessLog(clientId: number, enabled = true) {
  return useQuery({
    queryKey: documentKeys.access(clientId),
    queryFn: () => api['access.list']({ clientId }),
    enabled,
  });
}

export function usePrivacySettings() {
  return useQuery({
    queryKey: documentKeys.privacySettings,
    queryFn: () => api['privacy.settings']({}),
  });
}

function useClientWrite<I, O>(write: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => invalidateTables(queryClient, ['clients', 'activity']),
  });
}

/** The refusal before anything is sent: the same limit the app checks again. */
export function tooLargeMessage(file: File): string | null {
  if (file.size <= MAX_DOCUMENT_BYTES) return null;
  return `${file.name} is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB, the most a document can be. Nothing was added; make the file smaller (for example scan at a lower resolution) and add it again.`;
}

/**
 * Sends a file's bytes as bytes: over IPC as a Uint8Array in Electron, as
 * the body of the browser host's upload route otherwise (never as JSON).
 */
async function uploadDocument(clientId: number, file: File): Promise<ClientDocument> {
  const tooLarge = tooLargeMessage(file);
  if (tooLarge) throw new ApiError({ code: 'validation', message: tooLarge });
  if (window.api) {
    return api['documents.add']({
      clientId,
      name: file.name,
      type: file.type,
      content: new Uint8Array(await file.arrayBuffer()),
    });
  }
  const query = new URLSearchParams({
    clientId: String(clientId),
    name: file.name,
    type: file.type,
  });
  let response: Response;
  try {
    response = await fetch(`${filePaths.documentUpload}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError({
      code: 'internal',
      message: `${file.name} was not added: EquineOps is not answering. Check that it is still running, then try again.`,
    });
  }
  const result = (await response.json().catch(() => null)) as CallResult<ClientDocument> | null;
  if (result?.ok) return result.value;
  const shape = AppErrorShape.safeParse(result && !result.ok ? result.error : null);
  throw new ApiError(
    shape.success
      ? shape.data
      : { code: 'internal', message: `${file.name} was not added. Please try again.` },
  );
}

export function useUploadDocument(clientId: number) {
  return useClientWrite((file: File) => uploadDocument(clientId, file));
}

export const useRenameDocument = () =>
  useClientWrite((input: { id: number; name: string }) => api['documents.rename'](input));
export const useRemoveDocument = () =>
  useClientWrite((id: number) => api['documents.remove']({ id }));
export const useRestoreDocument = () =>
  useClientWrite((id: number) => api['documents.restore']({ id }));
export const useSetVisibleInPortal = () =>
  useClientWrite((input: { id: number; visible: boolean }) =>
    api['documents.setVisibleInPortal'](input),
  );

/** The browser host answers with an address: the page downloads from it (the cookie goes along). */
export function handOver(result: FileHandoffResult): FileHandoffResult {
  if (result.kind === 'download') {
    const link = document.createElement('a');
    link.href = result.url;
    link.download = '';
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  }
  return result;
}

export const useOpenDocument = () =>
  useClientWrite(async (id: number) => handOver(await api['documents.open']({ id })));

export const useExportClient = () =>
  useClientWrite(async (clientId: number) => handOver(await api['privacy.export']({ clientId })));

export function useEraseClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { clientId: number; confirmName: string }) => api['privacy.erase'](input),
    onMutate: ({ clientId }) => holdClientQueries(clientId),
    onError: (_error, { clientId }) => releaseClientQueries(clientId),
    onSuccess: (_result, { clientId }) => {
      dropClientQueries(queryClient, clientId);
      invalidateTables(queryClient, ['clients', 'activity', 'backups']);
      void queryClient.invalidateQueries({ queryKey: documentKeys.privacySettings });
    },
  });
}

export function useUpdatePrivacySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accessRetentionDays: number) =>
      api['privacy.updateSettings']({ accessRetentionDays }),
    onSuccess: (settings) => queryClient.setQueryData(documentKeys.privacySettings, settings),
  });
}

/** Once per opening of a profile: a redraw or a refetch is not a new look. */
export function recordProfileOpened(clientId: number): void {
  void api['access.profileOpened']({ clientId }).catch(() => undefined);
}

/** Records the opening of a profile once per opening (not per redraw, refetch or strict-mode rerun). */
export function useRecordProfileOpened(clientId: number): void {
  const recorded = useRef<number | null>(null);
  useEffect(() => {
    if (recorded.current === clientId) return;
    recorded.current = clientId;
    recordProfileOpened(clientId);
  }, [clientId]);
}
