import type { BackupCounts, BackupKind } from '../../../src-shared/contract';
import { formatCount } from '../format/time';

/** Why each backup was made, as staff read it. */
export const backupKindLabels: Record<BackupKind, string> = {
  daily: 'Daily',
  'before-upgrade': 'Before an upgrade',
  'before-import': 'Before an import',
  'before-merge': 'Before a merge',
  manual: 'Back up now',
  'set-aside': 'Set aside by a restore',
};

/** "120 clients, 45 horses, 300 notes". */
export function describeCounts(counts: BackupCounts): string {
  return [
    formatCount(counts.clients, 'client', 'clients'),
    formatCount(counts.horses, 'horse', 'horses'),
    formatCount(counts.notes, 'note', 'notes'),
  ].join(', ');
}

const sizes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "4.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${sizes.format(bytes / 1024)} KB`;
  return `${sizes.format(bytes / (1024 * 1024))} MB`;
}
