import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
} from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import Database from 'better-sqlite3';
import { BackupCounts, type BackupKind, type BackupSummary } from '../../src-shared/contract';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../data-folder/private-files';
import { DocumentBlobs } from '../documents/document-blobs';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import type { Clock } from '../platform/ports';
import { describeForLog } from '../secret-redaction';
import { readBackupCounts, verifyBackup } from './backup-contents';
import {
  backupFileName,
  backupForLog,
  parseBackupFileName,
  type BackupFileName,
} from './backup-names';
import { backupsToPrune } from './backup-retention';

/** Pages copied per step of the online backup: small steps keep the app answering meanwhile. */
const PAGES_PER_STEP = 256;
/**
 * SQLite starts a backup over when another connection (the database worker)
 * writes meanwhile. After this many restarts the rest is copied in one step,
 * so a long sync cannot keep the copy from ever finishing.
 */
const RESTARTS_BEFORE_ONE_STEP = 3;
const PRIVATE_FILE = PRIVATE_FILE_MODE;

/**
 * The data folder's `backups/`: copies of the client database made with
 * SQLite's online backup (consistent while the app runs), each with a small
 * JSON file beside it holding its counts, so listing them is quick. One copy
 * is made at a time. After each copy the old ones are pruned (backup-retention.ts).
 *
 * Client documents are files, not rows: each backup has a `<name>.documents/`
 * folder beside it with the document files it needs (hard links where the
 * disk allows: they never change, so a link costs nothing and is a full copy).
 * A backup from before documents existed has no such folder and restores as before.
 */
export class BackupStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    private readonly clock: Clock,
    /** The organization's time zone, for "one a day" (read at each prune). */
    private readonly timeZone: () => Promise<string>,
    /** The data folder's document files, copied with each backup; none in older tests. */
    private readonly documents?: DocumentBlobs,
  ) {}

  path(name: string): string {
    return join(this.folder, name);
  }

  /** Copies the open database into a new backup of `kind`, then prunes. */
  take(sqlite: SQLite.Database, kind: BackupKind): Promise<BackupSummary> {
    return this.serialize(async () => {
      this.ensureFolder();
      const name = this.freeName(kind);
      const partial = this.path(`${name}.partial`);
      try {
        // Private from the first byte: SQLite keeps the mode of a file it finds.
        closeSync(openSync(partial, 'w', PRIVATE_FILE));
        chmodSync(partial, PRIVATE_FILE);
        await sqlite.backup(partial, { progress: stepsThatFinish() });
        const counts = finishCopy(partial);
        chmodSync(partial, PRIVATE_FILE);
        await this.writeSidecar(name, counts);
        // Before the rename: a backup that is listed has its documents.
        await this.copyDocuments(name);
        renameSync(partial, this.path(name));
      } catch (error) {
        // Only our own unfinished copy is removed; nothing of the user's.
        await rm(partial, { force: true });
        await rm(sidecarPath(this.path(name)), { force: true });
        await rm(documentsPath(this.path(name)), { recursive: true, force: true });
        log.error('backup', `${backupForLog(name)} failed: ${describeForLog(error)}`);
        throw backupFailed(this.folder, error);
      }
      await this.prune();
      const summary = await this.summary(parseBackupFileName(name)!);
      log.info('backup', `${backupForLog(name)} written (${summary.sizeBytes} bytes)`);
      return summary;
    });
  }

  /**
   * Moves a file (and its -wal and -shm, so it stays whole) into the backups
   * folder as a `set-aside` copy. It is never pruned: a restore never deletes.
   */
  setAside(file: string, readable: boolean): Promise<string> {
    return this.serialize(async () => {
      this.ensureFolder();
      const name = this.freeName('set-aside');
      const target = this.path(name);
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
      }
      renameSync(file, target);
      if (readable) {
        try {
          // One self-contained file again (its WAL folded in), read without leaving side files.
          const sqlite = new Database(target);
          sqlite.pragma('journal_mode = DELETE');
          sqlite.close();
          await this.writeSidecar(name, readBackupCounts(target));
        } catch {
          // Kept as it is: the listing says it cannot be read.
        }
      }
      for (const f of [target, target + '-wal', target + '-shm', sidecarPath(target)]) {
        if (existsSync(f)) chmodSync(f, PRIVATE_FILE);
      }
      await this.copyDocuments(name).catch(() => undefined);
      return name;
    });
  }

  /** Every backup, newest first, with its counts (null when it cannot be read). */
  async list(): Promise<BackupSummary[]> {
    const files = this.files().sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
    return Promise.all(files.map((file) => this.summary(file)));
  }

  /** Every backup file by name, kind and time (no counts read). */
  fileNames(): BackupFileName[] {
    return this.files();
  }

  /** When the backups of one kind were taken. */
  takenTimes(kind: BackupKind): Date[] {
    return this.files()
      .filter((f) => f.kind === kind)
      .map((f) => f.takenAt);
  }

  /** Whether any backup exists: an empty data file is then a loss, not a first start. */
  hasAny(): boolean {
    return this.files().length > 0;
  }

  /** The newest backup that passes SQLite's check and the app's; null if none. */
  async newestGood(): Promise<BackupSummary | null> {
    for (const backup of await this.list()) {
      if (!backup.counts) continue;
      try {
        verifyBackup(this.path(backup.name));
        return backup;
      } catch {
        // Try the next older one.
      }
    }
    return null;
  }

  /** Looks a backup up by name; a name not in the folder is refused. */
  async find(name: string): Promise<BackupSummary> {
    const file = this.files().find((f) => f.name === name);
    if (!file) {
      throw new AppError('not_found', 'That backup is no longer in the backups folder.');
    }
    return this.summary(file);
  }

  /** Removes copies a crash left unfinished (`.partial`, documents without their backup): only ever our own, never a backup. */
  async removeUnfinished(): Promise<void> {
    if (!existsSync(this.folder)) return;
    for (const name of readdirSync(this.folder)) {
      if (name.endsWith('.sqlite.partial')) await rm(this.path(name), { force: true });
      // Documents copied for a backup whose database copy never finished.
      if (
        name.endsWith('.documents') &&
        !existsSync(this.path(name.replace(/\.documents$/, '.sqlite')))
      )
        await rm(this.path(name), { recursive: true, force: true });
    }
  }

  /** Waits for a backup being written. */
  idle(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private async prune(): Promise<void> {
    const timeZone = await this.timeZone().catch(() => 'UTC');
    for (const name of backupsToPrune(this.files(), timeZone)) {
      await rm(this.path(name), { force: true });
      await rm(sidecarPath(this.path(name)), { force: true });
      await rm(documentsPath(this.path(name)), { recursive: true, force: true });
    }
  }

  /** The document files of a backup (none for one made before documents existed). */
  documentsOf(name: string): DocumentBlobs {
    return new DocumentBlobs(documentsPath(this.path(name)));
  }

  /**
   * After a restore: the backup's document files go back into the data
   * folder. Files already there stay; none are deleted (a restore never deletes).
   */
  async restoreDocuments(name: string): Promise<void> {
    if (!this.documents) return;
    await this.documentsOf(name).copyInto(this.documents);
  }

  private async copyDocuments(name: string): Promise<void> {
    if (!this.documents) return;
    const target = this.documentsOf(name);
    ensurePrivateFolder(target.folder);
    await this.documents.copyInto(target);
  }

  private async summary(file: BackupFileName): Promise<BackupSummary> {
    const path = this.path(file.name);
    return {
      name: file.name,
      kind: file.kind,
      takenAt: file.takenAt.toISOString(),
      sizeBytes: statSync(path, { throwIfNoEntry: false })?.size ?? 0,
      counts: await this.counts(path),
    };
  }

  private async counts(path: string): Promise<BackupCounts | null> {
    try {
      return BackupCounts.parse(JSON.parse(await readFile(sidecarPath(path), 'utf8')));
    } catch {
      try {
        return readBackupCounts(path);
      } catch {
        return null;
      }
    }
  }

  private async writeSidecar(name: string, counts: BackupCounts): Promise<void> {
    await writeFile(sidecarPath(this.path(name)), JSON.stringify(counts), {
      mode: PRIVATE_FILE,
    });
  }

  private files(): BackupFileName[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .map(parseBackupFileName)
      .filter((f): f is BackupFileName => f !== null);
  }

  /** A name whose time no other backup has, so two copies of one second still sort in order. */
  private freeName(kind: BackupKind): string {
    const now = this.clock.now();
    const taken = new Set(this.files().map((f) => f.takenAt.getTime()));
    for (let attempt = 1; ; attempt++) {
      const name = backupFileName(kind, now, attempt);
      const at = parseBackupFileName(name)!.takenAt.getTime();
      if (!taken.has(at) && !existsSync(this.path(name))) return name;
    }
  }

  private ensureFolder(): void {
    ensurePrivateFolder(this.folder);
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The backup's step sizes: small, until restarts show that writes keep overtaking it. */
function stepsThatFinish(): (info: { totalPages: number; remainingPages: number }) => number {
  let restarts = 0;
  let lastRemaining = Infinity;
  return ({ totalPages, remainingPages }) => {
    if (remainingPages > lastRemaining) restarts++;
    lastRemaining = remainingPages;
    return restarts >= RESTARTS_BEFORE_ONE_STEP ? totalPages : PAGES_PER_STEP;
  };
}

/** A copy made by the backup API keeps the WAL flag; a backup is one self-contained file. */
function finishCopy(file: string): BackupCounts {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = DELETE');
  } finally {
    sqlite.close();
  }
  return readBackupCounts(file);
}

function sidecarPath(backupPath: string): string {
  return backupPath.replace(/\.sqlite$/, '.json');
}

function documentsPath(backupPath: string): string {
  return backupPath.replace(/\.sqlite$/, '.documents');
}

function backupFailed(folder: string, error: unknown): AppError {
  const code = (error as { code?: string }).code ?? '';
  const reason =
    code === 'SQLITE_FULL' || code === 'ENOSPC'
      ? 'the disk is full. Free some space'
      : code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')
        ? 'EquineOps may not write there. Check the folder’s permissions'
        : 'it could not be written. Check the disk';
  return new AppError(
    'internal',
    `A backup could not be made in ${folder}: ${reason}, then try again.`,
    { detail: error instanceof Error ? error.message : String(error), cause: error },
  );
}
