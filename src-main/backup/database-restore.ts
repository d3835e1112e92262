import { chmodSync, copyFileSync, existsSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { RestoreResult } from '../../src-shared/contract';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import { describeForLog } from '../secret-redaction';
import type { CurrentDatabase } from '../db/current-database';
import type { OpenedDatabase } from '../db/open-database';
import { verifyBackup } from './backup-contents';
import { backupForLog } from './backup-names';
import type { BackupStore } from './backup-store';

export interface RestoreDeps {
  store: BackupStore;
  database: CurrentDatabase;
  dataFile: string;
  /** Opens the data file, bringing an older backup up to this version. */
  open(file: string): Promise<OpenedDatabase>;
  /** Runs the swap with no call in progress (CallGate.alone). */
  alone<T>(work: () => Promise<T>): Promise<T>;
  /** Why a restore cannot start now (a sync or an import is running), or null. */
  busyReason(): string | null;
}

/**
 * Replaces the client database with a backup while the app runs. The current
 * file is moved into the backups folder as a `set-aside` copy (never deleted),
 * the backup is copied into place and opened, older versions upgraded. If the
 * backup cannot be opened, the set-aside file goes back and nothing changed.
 */
export async function restoreBackup(deps: RestoreDeps, name: string): Promise<RestoreResult> {
  const busy = deps.busyReason();
  if (busy) throw new AppError('conflict', busy);
  const chosen = await deps.store.find(name);
  // Checked before anything moves: a damaged or too-new backup changes nothing.
  verifyBackup(deps.store.path(name));

  return deps.alone(async () => {
    const again = deps.busyReason();
    if (again) throw new AppError('conflict', again);
    // A copy being written reads the connection about to close.
    await deps.store.idle();
    let setAsideName = '';
    await deps.database.replace(async () => {
      setAsideName = await deps.store.setAside(deps.dataFile, true);
      try {
        return await placeBackup(deps, name);
      } catch (error) {
        log.error(
          'backup',
          `restore of the ${backupForLog(name)} failed, the current file was put back: ${describeForLog(error)}`,
        );
        deps.database.use(await putBack(deps, setAsideName));
        throw restoreFailed(error);
      }
    });
    log.info(
      'backup',
      `restored the ${backupForLog(name)}; the replaced file is kept as the ${backupForLog(setAsideName)}`,
    );
    return { restored: chosen, setAsideName };
  });
}

/** Copies a backup to the data file's place (via a temporary name, so the file is whole) and opens it. */
export async function placeBackup(
  deps: Pick<RestoreDeps, 'store' | 'dataFile' | 'open'>,
  name: string,
): Promise<OpenedDatabase> {
  const incoming = `${deps.dataFile}.restoring`;
  copyFileSync(deps.store.path(name), incoming);
  chmodSync(incoming, 0o600);
  renameSync(incoming, deps.dataFile);
  const opened = await deps.open(deps.dataFile);
  // The restored rows' document files; a backup older than documents has none to bring.
  await deps.store.restoreDocuments(name);
  return opened;
}

/** Undoes a failed restore: the file that was set aside comes back and is opened again. */
async function putBack(deps: RestoreDeps, setAsideName: string): Promise<OpenedDatabase> {
  const aside = deps.store.path(setAsideName);
  // What was copied in is only a copy of a backup; the backup itself stays.
  for (const suffix of ['', '-wal', '-shm']) await rm(deps.dataFile + suffix, { force: true });
  renameSync(aside, deps.dataFile);
  await rm(aside.replace(/\.sqlite$/, '.json'), { force: true });
  await rm(aside.replace(/\.sqlite$/, '.documents'), { recursive: true, force: true });
  if (!existsSync(deps.dataFile)) throw new Error('the set-aside file is missing');
  return deps.open(deps.dataFile);
}

function restoreFailed(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'internal',
    'The backup could not be opened, so the client database was put back as it was. Nothing was changed.',
    { detail: error instanceof Error ? error.message : String(error), cause: error },
  );
}
