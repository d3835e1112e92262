import type { HandlerGroup } from '../api/handlers';
import { currentWriter, emitTablesChanged } from '../clients/client-write';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { listBatches } from './import-batches-repository';
import { requireRowWidth } from './import-uploads';
import { readSavedMapping, saveMapping } from './saved-mapping';

/** Clients → Import: preview, commit, history and undo, and the remembered column mapping. */
export function importHandlers(ctx: CoreContext): HandlerGroup {
  return {
    // Rows are checked where they are held: here when sent inline, on the worker when staged.
    'import.stageRows': (input) => ctx.worker.run('import.stageRows', input),
    'import.preview': async (input) => {
      requireRowWidth(input.fields.length, input.rows);
      return ctx.worker.run('import.preview', input);
    },
    'import.commit': async (input) => {
      requireRowWidth(input.fields.length, input.rows);
      if (!input.fields.some((f) => f === 'name' || f === 'firstName' || f === 'lastName')) {
        throw new AppError(
          'validation',
          'Choose the column with the client name (or first and last name).',
        );
      }
      await ctx.backups.beforeChange('import');
      const summary = await ctx.worker.run('import.commit', {
        ...input,
        ...(await currentWriter(ctx)),
      });
      emitTablesChanged(ctx, ['clients', 'horses', 'notes']);
      return summary;
    },
    'import.history': () => listBatches(ctx.db),
    'import.undo': async ({ batchId }) => {
      const result = await ctx.worker.run('import.undo', {
        ...(await currentWriter(ctx)),
        batchId,
      });
      emitTablesChanged(ctx, ['clients', 'horses', 'notes']);
      return result;
    },
    'import.savedMapping': async ({ headers }) => ({
      mapping: await readSavedMapping(ctx.db, headers),
    }),
    'import.saveMapping': async ({ headers, mapping }) => {
      if (mapping.length !== headers.length) {
        throw new AppError(
          'validation',
          'Choose what each column of the file holds (or skip it), then try again.',
        );
      }
      await saveMapping(ctx.db, headers, mapping);
      return { ok: true as const };
    },
  };
}
