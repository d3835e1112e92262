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

/** The same, inside a sentence: "the backup of Nov 27, 2:00 AM (made before an import)". */
export const backupKindPhrases: Record<BackupKind, string> = {
  daily: 'the daily copy',
  'before-upgrade': 'made before an upgrade',
  'before-import': 'made before an import',
  'before-merge': 'made before a merge',
  manual: 'made with Back up now',
  'set-aside': 'set aside by a restore',
};

/** "120 clients, 45 horses, 300 notes". */
export function describeCounts(counts: BackupCounts): string {
  return [
    formatCount(counts.clients, 'client', 'clients'),
    formatCount(counts.horses, 'horse', 'horses'),
    formatCount(counts.notes, 'note', 'notes'),
  ].join(', ');
}
