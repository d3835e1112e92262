import { AppError } from '../errors';

/**
 * Turns a failure of the data file into a message for office staff: what
 * happened, which file, what to do. SQLite reports these as codes on
 * better-sqlite3's SqliteError (extended ones too: SQLITE_READONLY_DBMOVED,
 * SQLITE_IOERR_WRITE…). Anything else is not a storage failure: null.
 *
 * Every write runs in a transaction that is rolled back when a statement
 * fails (or that SQLite already rolled back itself), so each message can say
 * that nothing was changed.
 */
export function sqliteFailure(error: unknown, file: string): AppError | null {
  return describe(error, file, false);
}

/**
 * The same, also reading Node's errno codes: only for errors that come from
 * creating or opening the data file itself, where ENOSPC or EACCES can only
 * mean that file or its folder.
 */
export function dataFileFailure(error: unknown, file: string): AppError | null {
  return describe(error, file, true);
}

function describe(error: unknown, file: string, withErrno: boolean): AppError | null {
  const code = storageCode(error, withErrno);
  if (code === null) return null;
  const kind = classify(code);
  if (kind === null) return null;
  const detail = `${code}: ${messageOf(error)}`;
  return new AppError(kind, messages[kind](file), { detail, cause: error });
}

type StorageFailure =
  | 'database_full'
  | 'database_read_only'
  | 'database_locked'
  | 'database_damaged'
  | 'database_unavailable';

const messages: Record<StorageFailure, (file: string) => string> = {
  database_full: (file) =>
    `The disk that holds the client database is full, so nothing was changed. Free some space on that disk (empty the trash, remove large files you no longer need), then try again. The file: ${file}`,
  database_read_only: (file) =>
    `EquineOps cannot write to the client database: the file or its folder is read-only for your account, so nothing was changed. Give your account permission to change that folder (or move it off read-only media), then restart EquineOps. The file: ${file}`,
  database_locked: (file) =>
    `The client database is in use by another program, so nothing was changed. Close any program that may have it open (a backup or sync tool, a database viewer, another copy of EquineOps), then try again. The file: ${file}`,
  database_damaged: (file) =>
    `The client database is damaged, so nothing was changed. Close EquineOps and open it again: it checks the file and offers to restore the newest backup. The file: ${file}`,
  database_unavailable: (file) =>
    `EquineOps could not read or write the client database, so nothing was changed. Check that the disk or network drive that holds it is connected, then restart EquineOps. The file: ${file}`,
};

function classify(code: string): StorageFailure | null {
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT')
    return 'database_full';
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM') ||
    code === 'SQLITE_AUTH' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  )
    return 'database_read_only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'database_locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'database_damaged';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'ENOENT' || code === 'ENOTDIR')
    return 'database_unavailable';
  return null;
}

/**
 * The first SQLite or errno code on the error or its causes. A wrapped error
 * keeps its cause; an error that crossed a worker thread keeps `code` only if
 * the sender copied it.
 */
function storageCode(error: unknown, withErrno: boolean): string | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (code.startsWith('SQLITE_') || (withErrno && /^E[A-Z]+$/.test(code)))
    )
      return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
