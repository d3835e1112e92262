import type { BackupKind } from '../../src-shared/contract';
import type { BackupFileName } from './backup-names';
import { wallParts } from '../sync/scheduler/daily-run-time';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
export const KEEP_BEFORE_CHANGE = 5;

/** Copies made just before something that changes many clients; "Back up now" counts too. */
const BEFORE_CHANGE: readonly BackupKind[] = [
  'before-upgrade',
  'before-import',
  'before-merge',
  'manual',
];

/**
 * Which backups to delete: all but the newest daily copy of each of the last
 * 7 days that have one, the newest daily copy of each of the 4 latest weeks
 * before those, and the last 5 before-change copies. Files a restore set aside
 * are never chosen. Days and weeks (Monday to Sunday) are counted in the
 * organization's time zone, the one the office lives by.
 */
export function backupsToPrune(backups: readonly BackupFileName[], timeZone: string): string[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();

  const daily = newestFirst.filter((b) => b.kind === 'daily');
  const keptDays = new Set<string>();
  const olderDaily: BackupFileName[] = [];
  for (const backup of daily) {
    const day = dayKey(backup.takenAt, timeZone);
    if (keptDays.has(day)) continue; // a second copy of a day already kept
    if (keptDays.size < KEEP_DAILY) {
      keptDays.add(day);
      keep.add(backup.name);
    } else {
      olderDaily.push(backup);
    }
  }

  const keptWeeks = new Set<number>();
  for (const backup of olderDaily) {
    const week = weekStart(dayKey(backup.takenAt, timeZone));
    if (keptWeeks.has(week) || keptWeeks.size >= KEEP_WEEKLY) continue;
    keptWeeks.add(week);
    keep.add(backup.name);
  }

  for (const backup of newestFirst
    .filter((b) => BEFORE_CHANGE.includes(b.kind))
    .slice(0, KEEP_BEFORE_CHANGE)) {
    keep.add(backup.name);
  }

  return newestFirst.filter((b) => b.kind !== 'set-aside' && !keep.has(b.name)).map((b) => b.name);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayKey(at: Date, timeZone: string): string {
  const { year, month, day } = wallParts(at.getTime(), timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}`;
}

/** The Monday a calendar day's week starts on, as a day number (days since 1970-01-01). */
function weekStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dayNumber = Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
  // 1970-01-01 was a Thursday: +3 makes Monday 0.
  return dayNumber - ((dayNumber + 3) % 7);
}
