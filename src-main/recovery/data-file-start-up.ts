import { existsSync } from 'node:fs';
import type { AppStatus, DataFileProblemKind } from '../../src-shared/contract';
import { verifyBackup } from '../backup/backup-contents';
import type { BackupStore } from '../backup/backup-store';
import { placeBackup } from '../backup/database-restore';
import type { CurrentDatabase } from '../db/current-database';
import type { OpenedDatabase } from '../db/open-database';
import { AppError } from '../errors';
import { checkDataFile, describeProblem } from './data-file-check';

export interface DataFileStartUpDeps {
  dataFile: string;
  store: BackupStore;
  database: CurrentDatabase;
  /** Opens (and upgrades) the data file. */
  open(file: string): Promise<OpenedDatabase>;
  /** The file is open: start what needs it (schedules, daily backups) and refresh every screen. */
  onOpened(): Promise<void>;
  busyTimeoutMs?: number;
}

interface Problem {
  kind: DataFileProblemKind;
  message: string;
  detail: string;
}

/**
 * Opening the data file at start. A damaged, unreadable, locked or (while
 * backups exist) empty file does not stop the app and is never replaced
 * silently: the core stays in a recovery state, the renderer shows what
 * happened, and staff choose to restore the newest good backup or to start an
 * empty file. Either way the old file is kept in the backups folder.
 */
export class DataFileStartUp {
  private problem: Problem | null = null;

  constructor(private readonly deps: DataFileStartUpDeps) {}

  get inRecovery(): boolean {
    return this.problem !== null;
  }

  /** Checks and opens the file; on a problem, records it and leaves the database closed. */
  async open(): Promise<void> {
    const { dataFile, store, database } = this.deps;
    const check = checkDataFile(dataFile, {
      hasBackups: store.hasAny(),
      busyTimeoutMs: this.deps.busyTimeoutMs,
    });
    if (!check.ok) return this.fail(check.kind, check.detail);
    let opened: OpenedDatabase;
    try {
      opened = await this.deps.open(dataFile);
    } catch (error) {
      // The storage layer's plain words (disk full, read-only, newer version) say it best.
      const detail =
        error instanceof AppError
          ? (error.options.detail ?? '')
          : error instanceof Error
            ? error.message
            : String(error);
      return this.fail(
        'not-openable',
        detail,
        error instanceof AppError ? error.message : undefined,
      );
    }
    database.use(opened);
    this.problem = null;
    await this.deps.onOpened();
  }

  async status(): Promise<AppStatus> {
    if (!this.problem) return { state: 'ready' };
    return {
      state: 'recovery',
      problem: { ...this.problem, file: this.deps.dataFile },
      newestGoodBackup: await this.deps.store.newestGood(),
    };
  }

  /** Recovery: sets the file aside and puts the chosen backup in its place. */
  async restoreBackup(name: string): Promise<void> {
    this.requireRecovery();
    await this.deps.store.find(name);
    verifyBackup(this.deps.store.path(name));
    await this.deps.database.replace(async () => {
      await this.setAsideDamaged();
      return placeBackup(this.deps, name);
    });
    await this.opened();
  }

  /** Recovery: sets the file aside and starts an empty one. */
  async startNew(): Promise<void> {
    this.requireRecovery();
    await this.deps.database.replace(async () => {
      await this.setAsideDamaged();
      return this.deps.open(this.deps.dataFile);
    });
    await this.opened();
  }

  /** Recovery: looks at the file again (the other program was closed, permissions fixed). */
  async retry(): Promise<AppStatus> {
    this.requireRecovery();
    await this.open();
    return this.status();
  }

  /** After a choice: the file is open (replace() told the worker's connection to close and reopen). */
  private async opened(): Promise<void> {
    this.problem = null;
    await this.deps.onOpened();
  }

  private async setAsideDamaged(): Promise<void> {
    if (existsSync(this.deps.dataFile)) await this.deps.store.setAside(this.deps.dataFile, false);
  }

  private fail(kind: DataFileProblemKind, detail: string, message = describeProblem(kind)): void {
    this.problem = { kind, message, detail };
    this.deps.database.markUnavailable(`${message} Reload the window to see what you can do.`);
  }

  private requireRecovery(): void {
    if (!this.problem) {
      throw new AppError('conflict', 'The client database is already open; nothing was changed.');
    }
  }
}
