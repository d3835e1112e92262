import { z } from 'zod';
import { call } from './define';
import { Empty, IsoDateTime } from './common';

/**
 * Settings → Data: which database this computer uses (its own file, or a
 * shared PostgreSQL server several office computers use), testing a server,
 * moving the file's data there, and the connection's health.
 */

/** `require` encrypts; `verify-full` also checks the server's certificate and name. */
export const SharedDatabaseTls = z.enum(['require', 'verify-full']);
export type SharedDatabaseTls = z.infer<typeof SharedDatabaseTls>;

/** What staff type in "Use a shared database". The password never comes back out. */
export const SharedDatabaseDetails = z.object({
  host: z.string().trim().min(1, 'Enter the server’s name or address').max(255),
  port: z.number().int().min(1).max(65535),
  database: z.string().trim().min(1, 'Enter the database name').max(63),
  user: z.string().trim().min(1, 'Enter the user name').max(63),
  /** Empty: use the password this computer's keychain already holds for these details. */
  password: z.string().max(1000),
  sslmode: SharedDatabaseTls,
  /** A CA file on this computer, for verify-full with a certificate no public authority signed. */
  caFile: z.string().trim().max(1000).optional(),
});
export type SharedDatabaseDetails = z.infer<typeof SharedDatabaseDetails>;

/** The details as shown back: never the password. */
export const SharedDatabaseShown = SharedDatabaseDetails.omit({ password: true });
export type SharedDatabaseShown = z.infer<typeof SharedDatabaseShown>;

export const DatabaseHealth = z.object({
  state: z.enum(['ok', 'lost']),
  /** When the connection was lost (state lost), else null. */
  since: IsoDateTime.nullable(),
  /** "equineops on db.barn.local:5432"; null for this computer's own file. */
  server: z.string().nullable(),
  /** Lost since start-up: nothing could be read yet, so the app shows a waiting screen. */
  neverOpened: z.boolean(),
  /** Why it could not be opened at start-up, in words (the waiting screen). */
  reason: z.string().optional(),
  /**
   * Why, as a code: a password none is saved for, or one the server refused,
   * gets a password field on the waiting screen (Settings cannot be reached there).
   */
  reasonCode: z.enum(['password_missing', 'password_refused', 'other']).optional(),
});
export type DatabaseHealth = z.infer<typeof DatabaseHealth>;

/** The waiting screen's Retry, with the password typed there when none is saved or it was refused. */
export const DatabaseRetry = z.object({
  password: z.string().min(1, 'Enter the password').max(1000).optional(),
});
export type DatabaseRetry = z.infer<typeof DatabaseRetry>;

export const DatabaseStatus = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  /** Who chose the shared database: Settings → Data, the IT administrator's EQUINEOPS_DATABASE_URL, or a test. */
  source: z.enum(['local', 'settings', 'environment', 'test']),
  /** The shared database's details (no password); null on this computer's file. */
  shared: SharedDatabaseShown.nullable(),
  /** "PostgreSQL 15.18" once connected; null on the file or while the connection is lost. */
  serverVersion: z.string().nullable(),
  /** Whether the connection is encrypted (TLS); null on the file. */
  encrypted: z.boolean().nullable(),
  /** This computer's own file: kept (unused) while a shared database is in use. */
  dataFile: z.string(),
  health: DatabaseHealth,
  /**
   * On the file after “Use this computer’s own file”: the shared database left
   * (no password), so the form starts with its details. Absent otherwise.
   */
  lastShared: SharedDatabaseShown.optional(),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatus>;

/** One step of "Test connection", in words. */
export const ConnectionCheck = z.object({
  check: z.enum(['connect', 'version', 'tls', 'privileges', 'search', 'contents']),
  ok: z.boolean(),
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const SharedDatabaseContents = z.discriminatedUnion('kind', [
  /** Nothing there yet: this computer's data can be moved in. */
  z.object({ kind: z.literal('empty') }),
  /** Another computer's list: this one can join it. */
  z.object({
    kind: z.literal('equineops'),
    organizationName: z.string().nullable(),
    clients: z.number().int().nonnegative(),
  }),
  /** Tables EquineOps did not make: refused, so nothing of someone else's is touched. */
  z.object({ kind: z.literal('other'), tables: z.array(z.string()) }),
]);
export type SharedDatabaseContents = z.infer<typeof SharedDatabaseContents>;

export const ConnectionTestResult = z.object({
  /** Every check passed. */
  ok: z.boolean(),
  checks: z.array(ConnectionCheck),
  /** null when the server could not be reached. */
  contents: SharedDatabaseContents.nullable(),
  /** "Move my data there" is offered: the checks passed and the database is empty. */
  canMove: z.boolean(),
  /** "Use this shared list" is offered: the checks passed and it holds an EquineOps list. */
  canJoin: z.boolean(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const MovedTable = z.object({
  table: z.string(),
  /** Rows in this computer's file and, counted again inside the move, in the shared database. */
  rows: z.number().int().nonnegative(),
});
export type MovedTable = z.infer<typeof MovedTable>;

export const MoveResult = z.object({
  server: z.string(),
  tables: z.array(MovedTable),
  /** Document files copied into the shared database. */
  documentFiles: z.number().int().nonnegative(),
  /** Documents whose file was already missing on this computer (their rows moved; the file cannot be). */
  missingDocumentFiles: z.number().int().nonnegative(),
});
export type MoveResult = z.infer<typeof MoveResult>;

export const databaseContract = {
  'database.status': call(Empty, DatabaseStatus),
  /** Connects (10 s) and checks version, TLS, privileges and what is there; never changes anything. */
  'database.test': call(SharedDatabaseDetails, ConnectionTestResult),
  /** Copies this computer's file into an empty shared database, checks the counts, then uses it. */
  'database.move': call(SharedDatabaseDetails, MoveResult),
  /** Joins a shared database that already holds an EquineOps list (another computer's). */
  'database.use': call(SharedDatabaseDetails, DatabaseStatus),
  /** Back to this computer's own file (its data as it was before the shared database). */
  'database.useLocal': call(Empty, DatabaseStatus),
  /** The waiting screen's Retry: tries the shared database now instead of at the next retry. */
  'database.retry': call(DatabaseRetry, DatabaseHealth),
} as const;

export const databaseEvents = {
  /** The shared database's connection was lost or is back (the banner; a full refresh on `ok`). */
  'database.status': DatabaseHealth,
} as const;
