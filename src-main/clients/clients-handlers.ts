import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { clientRecordHandlers } from './client-record-handlers';
import { horseHandlers } from './horse-handlers';
import { localDataHandlers } from './local-data-handlers';

/** Every call of the clients contract: the record, its horses, and its local data. */
export function clientsHandlers(ctx: CoreContext): HandlerGroup {
  return { ...clientRecordHandlers(ctx), ...horseHandlers(ctx), ...localDataHandlers(ctx) };
}
