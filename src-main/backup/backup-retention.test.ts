import { describe, expect, it } from 'vitest';
import type { BackupKind } from '../../src-shared/contract';
import { backupFileName, parseBackupFileName, type BackupFileName } from './backup-names';
import { backupsToPrune } from './backup-retention';

const ZONE = 'America/New_York';

function backup(kind: BackupKind, iso: string, attempt = 1): BackupFileName {
  const takenAt = new Date(iso);
  return { name: backupFileName(kind, takenAt, attempt), kind, takenAt };
}

/** One daily copy at 2:00 AM New York time (07:00 UTC in November) for each day. */
function dailies(firstDay: string, days: number): BackupFileName[] {
  const start = new Date(`${firstDay}T07:00:00.000Z`).getTime();
  return Array.from({ length: days }, (_, i) =>
    backup('daily', new Date(start + i * 86_400_000).toISOString()),
  );
}

function kept(all: BackupFileName[]): string[] {
  const pruned = new Set(backupsToPrune(all, ZONE));
  return all.filter((b) => !pruned.has(b.name)).map((b) => b.name);
}

describe('which backups are kept', () => {
  it('keeps the last 7 days and the newest daily copy of each of the 4 weeks before them', () => {
    // 29 October to 27 November 2026 (a Friday).
    const all = dailies('2026-10-29', 30);
    const keptDays = kept(all).map((name) => name.slice('equineops-'.length, 20));
    expect(keptDays).toEqual([
      '2026-11-01', // week of Mon 26 Oct: its newest is Sun 1 Nov
      '2026-11-08', // week of 2 Nov
      '2026-11-15', // week of 9 Nov
      '2026-11-20', // week of 16 Nov, the days before the 7 kept ones
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
  });

  it('keeps every daily copy while there are fewer than 7', () => {
    const all = dailies('2026-11-20', 5);
    expect(backupsToPrune(all, ZONE)).toEqual([]);
  });

  it('keeps one copy per day: a second daily copy of the same day goes', () => {
    const first = backup('daily', '2026-11-27T13:00:00.000Z');
    const second = backup('daily', '2026-11-27T18:00:00.000Z');
    expect(backupsToPrune([first, second], ZONE)).toEqual([first.name]);
  });

  it('counts days in the organization time zone, not in UTC', () => {
    // 03:00 UTC on the 27th is still the evening of the 26th in New York.
    const evening26 = backup('daily', '2026-11-27T03:00:00.000Z');
    const afternoon27 = backup('daily', '2026-11-27T20:00:00.000Z');
    expect(backupsToPrune([evening26, afternoon27], ZONE)).toEqual([]);
    expect(backupsToPrune([evening26, afternoon27], 'UTC')).toEqual([evening26.name]);
  });

  it('keeps the last 5 before-change copies, manual ones included, whatever their kind', () => {
    const changes = [
      backup('before-upgrade', '2026-11-20T10:00:00.000Z'),
      backup('before-import', '2026-11-21T10:00:00.000Z'),
      backup('before-merge', '2026-11-22T10:00:00.000Z'),
      backup('manual', '2026-11-23T10:00:00.000Z'),
      backup('before-merge', '2026-11-24T10:00:00.000Z'),
      backup('before-merge', '2026-11-24T10:00:00.000Z', 2),
      backup('before-import', '2026-11-25T10:00:00.000Z'),
    ];
    const daily = backup('daily', '2026-11-19T07:00:00.000Z');
    const pruned = backupsToPrune([daily, ...changes], ZONE);
    expect(pruned.sort()).toEqual([changes[0]!.name, changes[1]!.name].sort());
  });

  it('never prunes a file a restore set aside', () => {
    const asides = Array.from({ length: 12 }, (_, i) =>
      backup('set-aside', new Date(Date.UTC(2026, 9, 1 + i, 12)).toISOString()),
    );
    expect(backupsToPrune([...asides, ...dailies('2026-10-01', 40)], ZONE)).not.toEqual(
      expect.arrayContaining([asides[0]!.name]),
    );
    expect(backupsToPrune(asides, ZONE)).toEqual([]);
  });
});

describe('backup file names', () => {
  it('say the kind and the time, and read back', () => {
    const at = new Date('2026-11-27T02:00:15.000Z');
    const name = backupFileName('before-upgrade', at);
    expect(name).toBe('equineops-2026-11-27T020015Z-before-upgrade.sqlite');
    expect(parseBackupFileName(name)).toEqual({ name, kind: 'before-upgrade', takenAt: at });
  });

  it('order two copies of the same second', () => {
    const at = new Date('2026-11-27T02:00:15.000Z');
    const second = parseBackupFileName(backupFileName('before-merge', at, 2))!;
    expect(second.takenAt.getTime()).toBeGreaterThan(at.getTime());
  });

  it('ignore files that are not backups', () => {
    expect(parseBackupFileName('equineops-2026-11-27T020015Z-daily.json')).toBeNull();
    expect(parseBackupFileName('notes.txt')).toBeNull();
    expect(parseBackupFileName('equineops-2026-11-27T020015Z-weird.sqlite')).toBeNull();
  });
});
