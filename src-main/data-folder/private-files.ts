import {
  chmodSync,
  closeSync,
  fchmodSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { dataFileFailure } from '../db/sqlite-failures';

/**
 * Every client's name, email and phone is in the data folder, so no other
 * account on the computer may read it: the folder is 0700 and what the app
 * writes there 0600 (POSIX; Windows keeps a profile folder private itself).
 * Modes are set with chmod after creating, not only through `mode` at
 * creation, because the process umask filters the latter. At start the
 * modes of files written by older versions (0755 and 0644) are repaired.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates the folder (and missing parents) if needed and makes it 0700. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (posix) chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Creates the file empty if it does not exist (never truncates) and makes it 0600. */
export function ensurePrivateFile(file: string): void {
  // First, so a file of ours left 0400 or 0644 can be opened and is private before it is.
  makePrivateIfPresent(file);
  const fd = openSync(file, 'a', PRIVATE_FILE_MODE);
  try {
    if (posix) fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** Makes the file 0600 if it exists. */
export function makePrivateIfPresent(file: string): void {
  if (!posix) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    // -wal and -shm come and go with the connections; gone is fine.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The database and the files SQLite keeps beside it. SQLite gives -wal and
 * -shm the mode of the database file, so this only matters for files made
 * by older versions.
 */
export function repairDatabaseFileModes(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) makePrivateIfPresent(file + suffix);
}

/**
 * What the app keeps in its data folder besides the database. `documents` is
 * DOCUMENTS_FOLDER_NAME of documents/document-blobs.ts (named here, as that
 * module builds on this one): clients' coggins, contracts and vet records.
 */
const PRIVATE_SUBFOLDERS = ['backups', 'logs', 'documents'];
const PRIVATE_TOP_FILES = ['quickbooks.json'];

/**
 * At start: the data folder 0700; its database files, the lock, the
 * QuickBooks keys file, and everything in backups/, logs/ and documents/ 0600
 * (their folders 0700). Other things in the folder (Electron keeps its caches in the
 * same userData folder) are left alone: the folder's own mode already hides them.
 */
export function protectDataFolder(dataDir: string, databaseFile: string): void {
  try {
    ensurePrivateFolder(dataDir);
    if (!posix) return;
    repairDatabaseFileModes(databaseFile);
    for (const name of PRIVATE_TOP_FILES) makePrivateIfPresent(join(dataDir, name));
    for (const name of PRIVATE_SUBFOLDERS) makeTreePrivate(join(dataDir, name));
  } catch (error) {
    // A folder of another account, or on read-only media: say so plainly.
    throw dataFileFailure(error, databaseFile) ?? error;
  }
}

function makeTreePrivate(path: string): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    chmodSync(path, PRIVATE_FOLDER_MODE);
    for (const entry of readdirSync(path)) makeTreePrivate(join(path, entry));
  } else if (stat.isFile()) {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}
