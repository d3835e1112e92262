import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from './private-files';

/**
 * One running copy per data folder, whatever the host. Two copies on one file
 * would both run the 2 AM sync, and each would mark the other's running sync
 * as failed. The lock is a small file naming its holder; a holder that is no
 * longer running (killed, power cut) does not block the next start.
 *
 * Only hosts take it (the browser host and the Electron app, at start):
 * createCore and openDatabase do not, so tests and the database worker can
 * open the same file.
 */
export const LOCK_FILE_NAME = 'equineops.lock';

export type HostKind = 'browser' | 'electron';

export interface LockHolder {
  pid: number;
  host: HostKind;
  /** The computer: a data folder on a network drive can be locked from another one. */
  computer: string;
  startedAt: string;
  /** Tells this holder's file from a later one with the same pid. */
  token: string;
}

export interface DataFolderLock {
  readonly holder: LockHolder;
  /** Removes the lock if it is still this holder's. Safe to call twice. */
  release(): void;
}

/** A second start on a folder another running copy holds. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(describeRefusal(dataDir, holder));
    this.name = 'DataFolderInUseError';
  }
}

const hostNames: Record<HostKind, string> = {
  browser: 'the browser host',
  electron: 'the EquineOps app',
};

function describeRefusal(dataDir: string, holder: LockHolder): string {
  const where = holder.computer === hostname() ? '' : ` on the computer "${holder.computer}"`;
  return (
    `Another copy of EquineOps Client Sync is already using this data folder: ` +
    `${hostNames[holder.host] ?? holder.host} (process ${holder.pid}${where}), running since ${readableTime(holder.startedAt)}. ` +
    `Use that copy, or close it before starting this one (or start this one with another data folder). ` +
    `Folder: ${dataDir}`
  );
}

/** "2026-03-02 08:00 UTC": plain for staff, and the same on every computer that reads it. */
function readableTime(iso: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** Lock files this process holds: a file naming this pid but not listed here is left from an earlier process. */
const heldHere = new Set<string>();

/** Takes the data folder for this process, or throws DataFolderInUseError naming who has it. */
export async function acquireDataFolderLock(
  dataDir: string,
  host: HostKind,
  now: () => Date = () => new Date(),
): Promise<DataFolderLock> {
  try {
    ensurePrivateFolder(dataDir);
    return await takeLock(dataDir, host, now);
  } catch (error) {
    throw unwritableFolder(error, dataDir) ?? error;
  }
}

/**
 * A data folder this account may not change (read-only media, another
 * account's folder): said plainly, since nothing can work there.
 */
export function unwritableFolder(error: unknown, dataDir: string): Error | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return null;
  return new Error(
    `EquineOps Client Sync cannot write to its data folder, so it did not start: the folder is read-only for your account. ` +
      `Give your account permission to change it (or choose another data folder), then start again. Folder: ${dataDir}`,
    { cause: error },
  );
}

async function takeLock(dataDir: string, host: HostKind, now: () => Date): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host,
    computer: hostname(),
    startedAt: now().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(path, me)) return held(path, me);
    const found = readHolder(path);
    if (found === 'gone') continue;
    if (found === 'unreadable') {
      // Being written this very moment, or left half-written by a crash.
      if (ageMs(path) > 5_000) takeAwayStale(path, null);
      else await sleep(20);
      continue;
    }
    if (isRunning(found, path)) throw new DataFolderInUseError(dataDir, found);
    takeAwayStale(path, found);
  }
  throw new Error(`The data folder lock ${path} could not be taken; please try again.`);
}

function held(path: string, me: LockHolder): DataFolderLock {
  heldHere.add(path);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    const current = readHolder(path);
    if (typeof current === 'object' && current.token === me.token) unlinkSync(path);
  };
  // A host that ends without closing (process.exit) still frees its folder.
  process.on('exit', release);
  return { holder: me, release };
}

/** Writes the holder to a private temp file, then links it into place: the lock never exists half-written. */
function tryCreate(path: string, me: LockHolder): boolean {
  const temp = `${path}.${me.pid}.${me.token}.tmp`;
  const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    if (process.platform !== 'win32') fchmodSync(fd, PRIVATE_FILE_MODE);
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function readHolder(path: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.token === 'string' &&
      typeof value.startedAt === 'string'
    )
      return {
        pid: value.pid,
        host: value.host ?? 'browser',
        computer: value.computer ?? hostname(),
        startedAt: value.startedAt,
        token: value.token,
      };
  } catch {
    // falls through: not (yet) a whole holder
  }
  return 'unreadable';
}

/**
 * Whether the holder still runs. A pid on this computer is checked with
 * signal 0; this pid itself counts only if this process took the lock (a
 * container restarts with the same pid). A holder on another computer cannot
 * be checked from here, so it is believed.
 */
function isRunning(holder: LockHolder, path: string): boolean {
  if (holder.computer !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another account has that pid, alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a dead holder's file aside and removes it. If the file moved aside
 * turns out to be a new holder's (another copy replaced the stale one in
 * between), it is put back.
 */
function takeAwayStale(path: string, stale: LockHolder | null): void {
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  const sameStale =
    stale === null ? moved !== 'gone' && typeof moved !== 'object' : isSame(moved, stale);
  if (!sameStale) {
    try {
      linkSync(aside, path);
    } catch {
      // someone else holds the folder now; the loop reads who
    }
  }
  unlinkSync(aside);
}

function isSame(found: LockHolder | 'gone' | 'unreadable', holder: LockHolder): boolean {
  return typeof found === 'object' && found.token === holder.token;
}

function ageMs(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? Date.now() - stat.mtimeMs : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
