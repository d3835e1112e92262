import { closeSync, openSync, readSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { DataFileProblemKind } from '../../src-shared/contract';

export type DataFileCheck = { ok: true } | { ok: false; kind: DataFileProblemKind; detail: string };

export interface DataFileCheckOptions {
  /** An empty file is a loss when backups exist, and a first start when none do. */
  hasBackups: boolean;
  /** How long to wait for another program's lock before calling the file locked. */
  busyTimeoutMs?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Looks at the data file before the app opens it: is it there, is it a whole
 * SQLite file, and does `PRAGMA quick_check` pass. Nothing is written: a
 * damaged file stays exactly as it was found.
 */
export function checkDataFile(file: string, options: DataFileCheckOptions): DataFileCheck {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return { ok: true }; // first start: a new file is made
  if (!stats.isFile()) {
    return problem('unreadable', `${file} is not a file`);
  }
  if (stats.size === 0) {
    return options.hasBackups ? problem('empty', `${file} is 0 bytes`) : { ok: true };
  }
  const header = readHeader(file);
  if (header === null) return problem('unreadable', `${file} could not be read`);
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return problem('corrupt', 'the file does not start with the SQLite header');
  }
  // With a WAL beside it the header may run ahead of the file until SQLite replays the WAL.
  const walSize = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  const expected = walSize > 0 ? null : expectedSize(header);
  if (expected !== null && stats.size < expected) {
    return problem('truncated', `the file is ${stats.size} bytes; its header says ${expected}`);
  }

  let sqlite: SQLite.Database | null = null;
  try {
    sqlite = new SQLite(file, { fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
    const findings = rows.map((r) => r.quick_check);
    if (findings.length === 1 && findings[0] === 'ok') return { ok: true };
    return problem('corrupt', `quick_check: ${findings.slice(0, 5).join('; ')}`);
  } catch (error) {
    return problem(kindOf(error), error instanceof Error ? error.message : String(error));
  } finally {
    sqlite?.close();
  }
}

/** SQLite's result code, read the way better-sqlite3 reports it (SqliteError.code). */
function kindOf(error: unknown): DataFileProblemKind {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_'))
    return 'corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    code.startsWith('SQLITE_IOERR')
  )
    return 'unreadable';
  return 'not-openable';
}

function readHeader(file: string): Buffer | null {
  try {
    const fd = openSync(file, 'r');
    try {
      const header = Buffer.alloc(100);
      const read = readSync(fd, header, 0, 100, 0);
      return header.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * The size the header promises (page size × page count). SQLite trusts the
 * count only when the "version valid for" number matches the change counter.
 */
function expectedSize(header: Buffer): number | null {
  if (header.length < 100) return null;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
  return valid && pageCount > 0 ? pageSize * pageCount : null;
}

function problem(kind: DataFileProblemKind, detail: string): DataFileCheck {
  return { ok: false, kind, detail };
}

/** What the recovery screen says, for office staff. */
export function describeProblem(kind: DataFileProblemKind): string {
  switch (kind) {
    case 'corrupt':
      return 'The client database is damaged: SQLite’s check found errors in it, so EquineOps did not open it.';
    case 'truncated':
      return 'The client database is incomplete: the file is shorter than it should be, as after a crash or a copy that stopped half-way.';
    case 'empty':
      return 'The client database is empty (0 bytes), although backups exist. It was probably cut off by a crash or by a file-sync tool.';
    case 'unreadable':
      return 'EquineOps cannot read the client database. Check that the file is there and that your computer account may read and change it, then choose Try again.';
    case 'locked':
      return 'Another program is using the client database, so EquineOps cannot open it. Close that program (a database viewer, a backup or file-sync tool) and choose Try again.';
    case 'not-openable':
      return 'The client database could not be opened.';
  }
}
