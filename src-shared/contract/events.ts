import { z } from 'zod';
import { QuickBooksStatus } from './quickbooks';
import { SyncProgress, SyncRun } from './sync';

/**
 * Events the main side pushes to the renderer. `data.changed` names the tables
 * a write touched so the renderer refetches only the queries that read them.
 */
export const DataTable = z.enum([
  'clients',
  'horses',
  'notes',
  'portal',
  'preferences',
  'activity',
  'settings',
  'connection',
  'sync',
  /** The backups folder, and the whole file after a restore. */
  'backups',
]);
export type DataTable = z.infer<typeof DataTable>;

export const eventsContract = {
  'data.changed': z.object({ tables: z.array(DataTable) }),
  'quickbooks.changed': QuickBooksStatus,
  /** While a customer sync runs: its phase and how far it got. */
  'sync.progress': SyncProgress,
  /** A customer sync ended (success, partial or failed). */
  'sync.finished': SyncRun,
  /** The browser host's "system browser" is the browser itself: the renderer opens a tab. */
  'app.openUrl': z.object({ url: z.string() }),
  /** Shown as an OS notification in Electron and as an in-app toast in the browser host. */
  'app.notification': z.object({
    title: z.string(),
    body: z.string(),
    action: z.enum(['open-sync-log', 'reconnect']).optional(),
  }),
  /** Open a screen (a hash route such as #/settings/integrations/sync-log), e.g. after a notification is clicked. */
  'app.navigate': z.object({ hash: z.string().regex(/^#\//) }),
} as const;
