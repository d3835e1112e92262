import { describeSyncChanges, type SyncRun } from '../../src-shared/contract';
import type { SystemNotification } from '../platform/ports';

function errorCount(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'error' : 'errors'}`;
}

/**
 * What staff are told when a customer sync ends (DESIGN rule 10). Clicking
 * opens the Sync Log, or Settings → Integrations when QuickBooks needs a
 * reconnect. `connectionExpired` is the connection's state after the run.
 */
export function syncFinishedNotification(
  run: SyncRun,
  connectionExpired: boolean,
): SystemNotification {
  if (run.result === 'failed') {
    if (connectionExpired) {
      return {
        title: 'Customer sync failed — Reconnect QuickBooks',
        body: 'The QuickBooks connection has expired, so no customers were brought in. Click to reconnect QuickBooks; your clients are kept.',
        action: 'reconnect',
      };
    }
    return {
      title: 'Customer sync failed',
      body: run.message ?? 'The sync stopped before it finished. See the Sync Log for details.',
      action: 'open-sync-log',
    };
  }
  if (run.result === 'partial') {
    return {
      title: 'Customer sync finished with errors',
      body: `Finished with ${errorCount(run.counts.errors)} — see the Sync Log. ${capitalize(describeSyncChanges(run.counts))}.`,
      action: 'open-sync-log',
    };
  }
  const summary = describeSyncChanges(run.counts);
  return {
    title: 'Customer sync finished',
    body:
      summary === 'no changes' ? 'Everything was already up to date.' : `${capitalize(summary)}.`,
    action: 'open-sync-log',
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
