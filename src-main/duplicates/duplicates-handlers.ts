import type { HandlerGroup } from '../api/handlers';
import { currentWriter, emitTablesChanged, runClientWrite } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { mergeClients } from './client-merge';
import { undoMerge } from './merge-undo';
import { saveDismissal } from './dismissals-repository';
import { listDuplicatePairs } from './duplicate-scan';
import { buildMergePreview } from './merge-plan';
import { listMerges } from './merges-repository';

/** Everything the merge touches, so every list and profile reading it refetches. */
const MERGE_TABLES = ['clients', 'horses', 'notes', 'portal', 'preferences'] as const;

/** Possible duplicates, "not a duplicate", merge and undo. */
export function duplicatesHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'duplicates.list': ({ limit }) => listDuplicatePairs(ctx.db, limit),

    'duplicates.dismiss': ({ quickbooksClientId, manualClientId }) =>
      runClientWrite(ctx, ['clients'], async (w) => {
        const quickbooks = await getClient(w.trx, quickbooksClientId);
        const manual = await getClient(w.trx, manualClientId);
        if (quickbooks.source !== 'quickbooks' || manual.source !== 'manual') {
          throw new AppError(
            'validation',
            'A duplicate pair is a QuickBooks client and a custom client.',
          );
        }
        await saveDismissal(w.trx, { quickbooksClientId, manualClientId }, w.actor, w.now);
        await w.record({
          action: 'duplicate.dismiss',
          summary: `Marked ${quickbooks.displayName} and ${manual.displayName} as not a duplicate`,
          clientId: quickbooksClientId,
          detail: { manualClientId },
        });
        return { ok: true as const };
      }),

    'duplicates.mergePreview': (pair) => buildMergePreview(ctx.db, pair),

    'duplicates.merge': async ({ keepClientId, archiveClientId }) => {
      await ctx.backups.beforeChange('merge');
      return runClientWrite(ctx, [...MERGE_TABLES], (w) =>
        mergeClients(w, keepClientId, archiveClientId),
      );
    },

    'duplicates.undoMerge': async ({ mergeId }) => {
      const result = await undoMerge(ctx.db, { ...(await currentWriter(ctx)), mergeId });
      emitTablesChanged(ctx, MERGE_TABLES);
      return result;
    },

    'duplicates.mergeHistory': ({ clientId, limit }) => listMerges(ctx.db, { clientId, limit }),
  };
}
