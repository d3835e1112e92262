import { dirname } from 'node:path';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import type { BackupStore } from './backup-store';
import { restoreBackup, type RestoreDeps } from './database-restore';
import { DataTable } from '../../src-shared/contract';

/** Settings → Data: where the data lives, its backups, Back up now, Restore and Open data folder. */
export function backupHandlers(
  ctx: CoreContext,
  store: BackupStore,
  restore: RestoreDeps,
): HandlerGroup {
  const dataFolder = dirname(ctx.dataFile);
  return {
    'backups.overview': async () => ({
      dataFile: ctx.dataFile,
      dataFolder,
      backupsFolder: store.folder,
      canOpenFolder: ctx.ports.folders !== undefined,
      backups: await store.list(),
    }),
    'backups.create': async () => {
      const backup = await store.take(restore.database.sqlite(), 'manual');
      ctx.events.emit('data.changed', { tables: ['backups'] });
      return backup;
    },
    'backups.restore': async ({ name }) => {
      const result = await restoreBackup(restore, name);
      // Every list, profile and setting now reads another file.
      ctx.events.emit('data.changed', { tables: [...DataTable.options] });
      return result;
    },
    'backups.openFolder': async () => {
      if (!ctx.ports.folders) {
        throw new AppError(
          'validation',
          'A web page cannot open a folder on this computer. Copy the path shown and open it in your file manager.',
        );
      }
      await ctx.ports.folders.open(dataFolder);
      return { ok: true as const };
    },
  };
}
