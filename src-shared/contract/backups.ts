import { z } from 'zod';
import { call } from './define';
import { Empty, IsoDateTime, Ok } from './common';

/**
 * Why a copy of the client database was made. `set-aside` is the file a
 * restore (or a fresh start after a damaged file) moved out of the way: it is
 * never pruned.
 */
export const BackupKind = z.enum([
  'daily',
  'before-upgrade',
  'before-import',
  'before-merge',
  'manual',
  'set-aside',
]);
export type BackupKind = z.infer<typeof BackupKind>;

export const BackupCounts = z.object({
  /** Active clients, as the Clients list counts them. */
  clients: z.number().int().nonnegative(),
  horses: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
});
export type BackupCounts = z.infer<typeof BackupCounts>;

export const BackupSummary = z.object({
  /** The file name inside the backups folder; also how a restore names it. */
  name: z.string(),
  kind: BackupKind,
  takenAt: IsoDateTime,
  sizeBytes: z.number().int().nonnegative(),
  /** null: the file could not be read as a client database, so it cannot be restored. */
  counts: BackupCounts.nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const BackupName = z
  .string()
  .regex(/^equineops-[\w.-]+\.sqlite$/, 'Choose a backup from the list');

export const DataOverview = z.object({
  dataFile: z.string(),
  dataFolder: z.string(),
  backupsFolder: z.string(),
  /** False in the browser host: a web page cannot open a folder, so it shows the path instead. */
  canOpenFolder: z.boolean(),
  /** Newest first. */
  backups: z.array(BackupSummary),
});
export type DataOverview = z.infer<typeof DataOverview>;

/** What went wrong with the data file at start-up. */
export const DataFileProblemKind = z.enum([
  'corrupt',
  'truncated',
  'empty',
  'unreadable',
  'locked',
  'not-openable',
]);
export type DataFileProblemKind = z.infer<typeof DataFileProblemKind>;

export const AppStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({
    state: z.literal('recovery'),
    problem: z.object({
      kind: DataFileProblemKind,
      /** For office staff: what happened and what the choices do. */
      message: z.string(),
      file: z.string(),
      /** For support: SQLite's own words. */
      detail: z.string().optional(),
    }),
    /** The newest backup that opens and checks clean; null when there is none. */
    newestGoodBackup: BackupSummary.nullable(),
  }),
]);
export type AppStatus = z.infer<typeof AppStatus>;

export const RestoreResult = z.object({
  restored: BackupSummary,
  /** Where the file that was replaced now lives (inside the backups folder). */
  setAsideName: z.string(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const backupsContract = {
  'backups.overview': call(Empty, DataOverview),
  'backups.create': call(Empty, BackupSummary),
  'backups.restore': call(z.object({ name: BackupName }), RestoreResult),
  'backups.openFolder': call(Empty, Ok),
  /** Ready, or the recovery screen's facts when the data file could not be opened at start. */
  'app.status': call(Empty, AppStatus),
  'recovery.restoreBackup': call(z.object({ name: BackupName }), Ok),
  /** Keeps the damaged file in the backups folder and starts an empty one. */
  'recovery.startNew': call(Empty, Ok),
  /** Checks the file again (a program that held it is closed, permissions fixed). */
  'recovery.retry': call(Empty, AppStatus),
} as const;
