import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { mergeHandlers, type Handlers } from './api/handlers';
import { clientsHandlers } from './clients/clients-handlers';
import type { CoreContext } from './core-context';
import { openDatabase, type Db } from './db/open-database';
import { duplicatesHandlers } from './duplicates/duplicates-handlers';
import { importHandlers } from './import/import-handlers';
import { AppError } from './errors';
import { EventBus } from './events';
import type { Ports } from './platform/ports';
import { QuickBooksConnection } from './quickbooks/connection-service';
import type { OAuthExchanges } from './quickbooks/oauth/intuit-oauth-client';
import { loadQuickBooksConfig, type QuickBooksConfig } from './quickbooks/quickbooks-config';
import { quickbooksHandlers } from './quickbooks/quickbooks-handlers';
import { readOrganizationSettings } from './settings/settings-repository';
import { settingsHandlers } from './settings/settings-handlers';
import { syncHandlers } from './sync/sync-handlers';
import { SyncService, type SyncOptions } from './sync/sync-service';

export interface CoreOptions {
  /** Folder for the data file: Electron's userData, or the browser host's --data-dir. */
  dataDir: string;
  ports: Ports;
  host: 'electron' | 'browser';
  version?: string;
  /**
   * Intuit app keys; by default read from the environment or quickbooks.json in
   * the data folder (see README). `null` means not configured.
   */
  quickbooks?: QuickBooksConfig | null;
  /** Only for tests that exercise failures Intuit's library cannot be made to produce. */
  oauth?: OAuthExchanges;
  /** Sync tuning for tests and benchmarks (page size, concurrency, retry waits). */
  sync?: SyncOptions;
}

export interface Core {
  db: Db;
  events: EventBus;
  handlers: Handlers;
  dispatcher: Dispatcher;
  context: CoreContext;
  quickbooks: QuickBooksConnection;
  /** Customer sync: run(trigger), lastSuccessfulSyncAt(); 'sync.finished' on events tells when a run ends. */
  sync: SyncService;
  close(): Promise<void>;
}

export const DATA_FILE_NAME = 'equineops.sqlite';

/** The whole app as a plain Node object; hosts only carry calls and events to it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  const { db, close } = await openDatabase(dataFile);
  const events = new EventBus();
  const context: CoreContext = {
    db,
    ports: options.ports,
    events,
    host: options.host,
    version: options.version ?? '0.1.0',
    dataFile,
    actor: async () => (await readOrganizationSettings(db)).staffName,
    openExternalUrl: async (url) => {
      if (!/^https?:\/\//i.test(url)) {
        throw new AppError('validation', 'Only web addresses (http or https) can be opened.');
      }
      await options.ports.openExternal.open(url);
    },
  };
  const config =
    options.quickbooks !== undefined
      ? options.quickbooks
      : loadQuickBooksConfig(process.env, join(options.dataDir, 'quickbooks.json'));
  const quickbooks = new QuickBooksConnection(context, config, options.oauth);
  const sync = new SyncService(context, quickbooks, options.sync);
  quickbooks.onConnected = () => void sync.run('initial').catch(() => undefined);
  const handlers = mergeHandlers(
    clientsHandlers(context),
    settingsHandlers(context),
    quickbooksHandlers(quickbooks),
    syncHandlers(db, sync),
    duplicatesHandlers(context),
    importHandlers(context),
  );
  return {
    db,
    events,
    handlers,
    dispatcher: createDispatcher(handlers),
    context,
    quickbooks,
    sync,
    close: async () => {
      await sync.close();
      quickbooks.close();
      await close();
    },
  };
}
