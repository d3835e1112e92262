import type { ThisComputer } from './shared-database/computer-identity';
import type { Db } from './db/open-database';
import type { DataSafety } from './backup/data-safety';
import type { EventBus } from './events';
import type { Ports } from './platform/ports';
import type { DatabaseWorker } from './worker/database-worker';

/** What every feature's handlers and services are given. */
export interface CoreContext {
  /** This computer: its id (a file in the data folder) and name, for per-computer settings and the sync role. */
  computer: ThisComputer;
  db: Db;
  /** The database worker: heavy writes and whole-table scans, off the thread that answers calls. */
  worker: DatabaseWorker;
  ports: Ports;
  events: EventBus;
  host: 'electron' | 'browser';
  version: string;
  dataFile: string;
  /** Backups: `await ctx.backups.beforeChange('import')` before work that changes many clients. */
  backups: Pick<DataSafety, 'beforeChange'>;
  /** The staff member acting, for the audit log and note authors. */
  actor(): Promise<string>;
  /** Opens only http(s) addresses; anything else is refused. */
  openExternalUrl(url: string): Promise<void>;
}
