import {
  describeSyncChanges,
  type SyncCounts,
  type SyncResult,
  type SyncRun,
  type SyncTrigger,
} from '../../../src-shared/contract';

export const TRIGGER_LABELS: Record<SyncTrigger, string> = {
  initial: 'First sync',
  reconnect: 'After reconnecting',
  manual: 'Sync Now',
  schedule: 'Nightly',
  'catch-up': 'Catch-up',
  tray: 'Tray',
};

export const RESULT_LABELS: Record<SyncResult, { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  success: { label: 'Success', color: 'teal' },
  partial: { label: 'Finished with errors', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
};

/** "12 created, 3 updated, 1 error" — the run's changes, then its errors; "no changes" when nothing happened. */
export function countsSummary(counts: SyncCounts): string {
  const changes = describeSyncChanges(counts);
  if (counts.errors === 0) return changes;
  const errors = `${counts.errors.toLocaleString('en-US')} ${counts.errors === 1 ? 'error' : 'errors'}`;
  return changes === 'no changes' ? errors : `${changes}, ${errors}`;
}

export function formatDuration(run: SyncRun): string {
  if (run.durationMs === null) return '—';
  const seconds = Math.round(run.durationMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
