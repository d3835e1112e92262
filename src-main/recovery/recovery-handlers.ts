import { DataTable } from '../../src-shared/contract';
import type { HandlerGroup } from '../api/handlers';
import type { EventBus } from '../events';
import type { DataFileStartUp } from './data-file-start-up';

/** The recovery screen shown when the data file could not be opened at start. */
export function recoveryHandlers(startUp: DataFileStartUp, events: EventBus): HandlerGroup {
  const refreshEverything = () => events.emit('data.changed', { tables: [...DataTable.options] });
  return {
    'app.status': () => startUp.status(),
    'recovery.restoreBackup': async ({ name }) => {
      await startUp.restoreBackup(name);
      refreshEverything();
      return { ok: true as const };
    },
    'recovery.startNew': async () => {
      await startUp.startNew();
      refreshEverything();
      return { ok: true as const };
    },
    'recovery.retry': async () => {
      const status = await startUp.retry();
      if (status.state === 'ready') refreshEverything();
      return status;
    },
  };
}
