import type { BackupKind, ErasureNotice } from '../../src-shared/contract';
import type { BackupFileName } from '../backup/backup-names';
import { KEEP_DAILY, KEEP_WEEKLY } from '../backup/backup-retention';
import type { Db } from '../db/open-database';
import { ERASURE_ACTION } from './client-erasure';

/**
 * Daily copies live KEEP_DAILY days, then the newest of a week is kept for
 * KEEP_WEEKLY more weeks; one more week covers the week the erasure fell in.
 */
const DAILY_COPIES_LAST_DAYS = KEEP_DAILY + 7 * (KEEP_WEEKLY + 1);
const ROLLING: readonly BackupKind[] = ['daily'];

/** The erasures, newest first, each with the backups that still hold what was erased. */
export async function erasureNotices(
  db: Db,
  backups: readonly BackupFileName[],
): Promise<ErasureNotice[]> {
  const rows = await db
    .selectFrom('activity')
    .select(['at', 'actor'])
    .where('action', '=', ERASURE_ACTION)
    .orderBy('at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => {
    const at = new Date(row.at);
    const older = backups.filter((b) => b.takenAt.getTime() < at.getTime());
    return {
      at: row.at,
      by: row.actor,
      backupsHoldingIt: older.length,
      dailyCopiesGoneBy: new Date(at.getTime() + DAILY_COPIES_LAST_DAYS * 86_400_000).toISOString(),
      lastingBackups: older.filter((b) => !ROLLING.includes(b.kind)).length,
    };
  });
}
