import type { HandlerGroup } from '../api/handlers';
import type { Db } from '../db/open-database';
import { notFound } from '../errors';
import { syncLogCsv, syncLogFileName } from './sync-log-csv';
import { countCreatedInactive, getRun, listItems, listRuns } from './sync-log-repository';
import type { SyncService } from './sync-service';

export function syncHandlers(db: Db, sync: SyncService): HandlerGroup {
  const mustGetRun = async (runId: number) => {
    const run = await getRun(db, runId);
    if (!run) throw notFound('This sync run');
    return run;
  };
  return {
    'sync.run': ({ trigger }) => sync.run(trigger),
    'sync.status': () => sync.status(),
    'sync.runs': ({ offset, limit }) => listRuns(db, offset, limit),
    'sync.run.get': ({ runId }) => mustGetRun(runId),
    'sync.run.createdInactive': async ({ runId }) => ({
      inactive: await countCreatedInactive(db, await mustGetRun(runId)),
    }),
    'sync.items': async (filter) => {
      await mustGetRun(filter.runId);
      return listItems(db, filter);
    },
    'sync.exportCsv': async ({ runId, errorsOnly, search }) => {
      const run = await mustGetRun(runId);
      const { items } = await listItems(db, {
        runId,
        errorsOnly,
        search,
        offset: 0,
        limit: Number.MAX_SAFE_INTEGER,
      });
      return { fileName: syncLogFileName(run, errorsOnly), csv: syncLogCsv(items) };
    },
  };
}
