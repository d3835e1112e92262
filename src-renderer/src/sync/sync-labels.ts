import type { SyncCounts, SyncResult, SyncRun, SyncTrigger } from '../../../src-shared/contract';

export const TRIGGER_LABELS: Record<SyncTrigger, string> = {
  initial: 'First sync',
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

/** "12 created, 3 updated, 1 made inactive" — only what happened; "no changes" when nothing did. */
export function countsSummary(counts: SyncCounts): string {
  const parts: [number, string][] = [
    [counts.created, 'created'],
    [counts.updated, 'updated'],
    [counts.deactivated, 'made inactive'],
    [counts.reactivated, 'reactivated'],
    [counts.deleted, 'deleted in QuickBooks'],
    [counts.errors, counts.errors === 1 ? 'error' : 'errors'],
  ];
  const said = parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n.toLocaleString('en-US')} ${label}`);
  return said.length > 0 ? said.join(', ') : 'no changes';
}

export function formatDuration(run: SyncRun): string {
  if (run.durationMs === null) return '—';
  const seconds = Math.round(run.durationMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
