import type { HandlerGroup } from '../api/handlers';
import { currentWriter, emitTablesChanged, runClientWrite } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { saveDismissal } from './dismissals-repository';
import { buildMergePreview } from './merge-plan';
import { listMerges } from './merges-repository';

/** Everything the merge touches, so every list and profile reading it refetches. */
const MERGE_TABLES = ['clients', 'horses', 'notes', 'portal', 'preferences'] as const;

/** Possible duplicates, "not a duplicate", merge and undo. */
export function duplicatesHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'duplicates.list': ({ limit }) => ctx.worker.run('duplicates.list', { limit }),

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
      const merged = await ctx.worker.run('duplicates.merge', {
        ...(await currentWriter(ctx)),
        keepClientId,
        archiveClientId,
      });
      emitTablesChanged(ctx, MERGE_TABLES);
      return merged;
    },

    'duplicates.undoMerge': async ({ mergeId }) => {
      const result = await ctx.worker.run('duplicates.undoMerge', {
        ...(await currentWriter(ctx)),
        mergeId,
      });
      emitTablesChanged(ctx, MERGE_TABLES);
      return result;
    },

    'duplicates.mergeHistory': ({ clientId, limit }) => listMerges(ctx.db, { clientId, limit }),
  };
}
