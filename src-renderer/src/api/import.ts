import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnMapping } from '../../../src-shared/contract';
import { withUploadedRows, type CommitInput, type PreviewInput } from './import-upload';
import { api } from './index';
import { invalidateTables } from './invalidation';

const historyKey = ['import', 'history'] as const;

export function useImportHistory() {
  return useQuery({ queryKey: historyKey, queryFn: () => api['import.history']({}) });
}

export function usePreviewImport() {
  return useMutation({
    mutationFn: (input: PreviewInput) =>
      withUploadedRows(input, (sent) => api['import.preview'](sent)),
    // The wizard shows the failure in place ("Nothing was imported").
    meta: { errorToast: false },
  });
}

/** After an import or an undo the client list, profiles and the history all change. */
function useImportWrite<I, O>(write: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    // The wizard ("Nothing was imported") and the undo dialog show the failure in place.
    meta: { errorToast: false },
    onSuccess: () => {
      invalidateTables(queryClient, ['clients', 'horses', 'notes', 'activity']);
      void queryClient.invalidateQueries({ queryKey: historyKey });
    },
  });
}

export function useCommitImport() {
  return useImportWrite((input: CommitInput) =>
    withUploadedRows(input, (sent) => api['import.commit'](sent), { imports: true }),
  );
}

export function useUndoImport() {
  return useImportWrite((batchId: number) => api['import.undo']({ batchId }));
}

export function fetchSavedMapping(headers: string[]): Promise<ColumnMapping | null> {
  return api['import.savedMapping']({ headers }).then((r) => r.mapping);
}

export function saveMapping(headers: string[], mapping: ColumnMapping): Promise<unknown> {
  return api['import.saveMapping']({ headers, mapping });
}
