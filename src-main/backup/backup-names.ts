import type { BackupKind } from '../../src-shared/contract';
import { BackupKind as BackupKinds } from '../../src-shared/contract';

/** A backup file as its name describes it. */
export interface BackupFileName {
  name: string;
  kind: BackupKind;
  takenAt: Date;
}

const PREFIX = 'equineops-';
const EXTENSION = '.sqlite';
const NAME_PATTERN = new RegExp(
  `^${PREFIX}(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z-(${BackupKinds.options.join('|')})(?:-(\\d+))?\\${EXTENSION}$`,
);

/**
 * `equineops-2026-11-27T020000Z-daily.sqlite`: the kind and the UTC time are
 * readable in a file manager and sort by time. `attempt` > 1 separates two
 * copies of one kind made within the same second (merges in a row).
 */
export function backupFileName(kind: BackupKind, takenAt: Date, attempt = 1): string {
  const stamp = takenAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
  return `${PREFIX}${stamp}-${kind}${attempt > 1 ? `-${attempt}` : ''}${EXTENSION}`;
}

/** Null for anything that is not one of our backup files (a sidecar, a stray file). */
export function parseBackupFileName(name: string): BackupFileName | null {
  const match = NAME_PATTERN.exec(name);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, kind, attempt] = match;
  const takenAt = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`);
  if (Number.isNaN(takenAt.getTime())) return null;
  // Copies of the same second keep their order: the second one is a millisecond later.
  takenAt.setUTCMilliseconds(Math.min(Number(attempt ?? 1) - 1, 999));
  return { name, kind: kind as BackupKind, takenAt };
}

/**
 * A backup as a log line names it. The file name itself reads as a secret to
 * the redaction (a long run of letters and digits) and would be masked; its
 * kind and time are what support matches against the Settings → Data list.
 */
export function backupForLog(name: string): string {
  const parsed = parseBackupFileName(name);
  return parsed ? `${parsed.kind} backup taken ${parsed.takenAt.toISOString()}` : 'a backup';
}
