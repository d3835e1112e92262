/**
 * Unit tests that are about the local SQLite file itself, so the PostgreSQL run
 * (vitest.postgres.config.ts) leaves them out: backups and restore of the
 * file, the start-up check and recovery screen, the data folder's locks and
 * modes, SQLite's own failures and connection tuning. Each entry says why.
 */
export const sqliteOnlyTests: readonly string[] = [
  // Backups, restore and the recovery screen copy, check and swap the file; a shared database's backups are the server's.
  'src-main/backup/**',
  'src-main/recovery/**',
  // The data folder: its lock file and file modes guard the local file.
  'src-main/data-folder/**',
  // SQLite's busy handling, failure codes, pragmas, deferred indexes and a migration killed mid-file.
  'src-main/db/sqlite-*.test.ts',
  'src-main/db/open-database.test.ts',
  'src-main/db/deferred-indexes.test.ts',
  'src-main/db/migration-kill.test.ts',
  // The worker's tests open the file directly with two connections.
  'src-main/worker/database-worker.test.ts',
  // Which of this computer's backups still hold an erased client: backups exist for the local file only.
  'src-main/privacy/erasure-backups.test.ts',
  // The dispatcher's storage failures are SQLite's error codes on a file made read-only or full.
  'src-main/api/dispatcher-storage.test.ts',
  // The support log's story includes the file's own backups and a full disk made with SQLite's
  // max_page_count; a shared database's failures in the log are dispatcher-postgres.test.ts's.
  'src-main/logging/support-log.test.ts',
];
