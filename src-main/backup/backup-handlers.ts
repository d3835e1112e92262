import { dirname } from 'node:path';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import type { BackupStore } from './backup-store';
import { restoreBackup, type RestoreDeps } from './database-restore';
import { DataTable } from '../../src-shared/contract';
import type { DatabaseTarget } from '../db/database-target';

/** Said wherever a backup of the shared database is asked for. */
export const SHARED_BACKUPS_MESSAGE =
  'Backups of a shared database are the server’s job: ask whoever runs it (pg_dump, or the hosting’s backups). EquineOps makes copies only of this computer’s own file.';

/** Settings → Data: where the data lives, its backups, Back up now, Restore and Open data folder. */
export function backupHandlers(
  ctx: CoreContext,
  store: BackupStore,
  restore: RestoreDeps,
  current: () => DatabaseTarget = () => ({ kind: 'sqlite', file: ctx.dataFile }),
): HandlerGroup {
  const dataFolder = dirname(ctx.dataFile);
  const refuseOnShared = (what: string) => {
    if (current().kind === 'postgres')
      throw new AppError('validation', `${what} ${SHARED_BACKUPS_MESSAGE}`);
  };
  return {
    'backups.overview': async () => ({
      dataFile: ctx.dataFile,
      dataFolder,
      backupsFolder: store.folder,
      canOpenFolder: ctx.ports.folders !== undefined,
      // The copies of this computer's own file stay listed: they are what "Use this computer's own file" goes back to.
      backups: await store.list(),
    }),
    'backups.create': async () => {
      refuseOnShared('No backup was made.');
      const backup = await store.take(restore.database.sqlite(), 'manual');
      ctx.events.emit('data.changed', { tables: ['backups'] });
      return backup;
    },
    'backups.restore': async ({ name }) => {
      refuseOnShared(
        'Nothing was restored: a backup of this computer’s file cannot replace the shared list.',
      );
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
