import SQLite from 'better-sqlite3';
import type { BackupCounts } from '../../src-shared/contract';
import { AppError } from '../errors';
import { migrations } from '../db/migrations';

/**
 * What a backup file holds, read from the file itself with a read-only
 * connection of its own (never the app's). The counts are the ones staff
 * know: active clients as the Clients list counts them, horses, notes.
 */
export function readBackupCounts(file: string): BackupCounts {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return countContents(sqlite);
  } finally {
    sqlite.close();
  }
}

/**
 * Checks a backup before it replaces the data file: SQLite's quick_check
 * passes, it has the app's tables, and no step of a newer version of the app
 * was applied to it. Throws a readable AppError otherwise.
 */
export function verifyBackup(file: string): BackupCounts {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw unusable(file, error);
  }
  try {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const applied = sqlite.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new AppError(
        'validation',
        'This backup was made by a newer version of EquineOps. Update the app, then restore it.',
        { detail: `unknown steps: ${unknown.join(', ')}` },
      );
    }
    return countContents(sqlite);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unusable(file, error);
  } finally {
    sqlite.close();
  }
}

function countContents(sqlite: SQLite.Database): BackupCounts {
  const count = (query: string) => Number(sqlite.prepare(query).pluck().get());
  return {
    clients: count('SELECT count(*) FROM clients WHERE archived_at IS NULL AND active = 1'),
    horses: count('SELECT count(*) FROM horses'),
    notes: count('SELECT count(*) FROM staff_notes'),
  };
}

function unusable(file: string, error: unknown): AppError {
  return new AppError(
    'validation',
    'This backup cannot be read (it is damaged or not an EquineOps file). Nothing was changed; choose another backup.',
    { detail: `${file}: ${error instanceof Error ? error.message : String(error)}`, cause: error },
  );
}
