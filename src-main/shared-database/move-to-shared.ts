import type { Kysely, Transaction } from 'kysely';
import type { MoveResult, MovedTable } from '../../src-shared/contract';
import { describeTarget, type PostgresTarget } from '../db/database-target';
import type { Database } from '../db/schema';
import type { Db, OpenedDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import {
  hasIdentityId,
  linkClients,
  setIdentityAfter,
  tableExists,
} from '../db/postgres/move-writes';
import { writeDocumentBlob } from '../documents/shared-document-blobs';
import { rebuildClientSearchIndex, saveDocumentSearchRow } from '../db/search-index';
import { SqliteSnapshot, type SnapshotRow } from '../db/sqlite-snapshot';
import { DocumentBlobs } from '../documents/document-blobs';
import { AppError } from '../errors';
import { testConnection } from './connection-test';

/**
 * Every table of the data file that holds the organization's data, in an
 * order where each row's references already exist (clients first; their links
 * to a parent or a merge target follow in a second pass).
 */
export const MOVED_TABLES = [
  'settings',
  'computers',
  'connection',
  'sync_state',
  'clients',
  'horses',
  'client_horses',
  'staff_notes',
  'portal_settings',
  'client_preferences',
  'activity',
  'sync_runs',
  'sync_items',
  'duplicate_dismissals',
  'client_merges',
  'import_batches',
  'import_batch_items',
  'client_documents',
  'access_log',
] as const;

/** Tables of the file that are not copied, and why (a table in neither list fails the move and a test). */
export const NOT_MOVED_TABLES: Record<string, string> = {
  kysely_migration: 'the shared database keeps its own record of the steps it ran',
  deferred_indexes: 'SQLite indexes set aside during a first sync; PostgreSQL never sets any aside',
  sync_requests:
    'requests to the sync computer are answered within seconds; a file never has any left',
  document_blobs:
    'on this computer document files are in the data folder; they are copied from there',
};

/** The links the second pass restores once every client exists. */
const CLIENT_LINKS = ['parent_id', 'merged_into_id'] as const;

/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;
const ROWS_A_STATEMENT = 1000;

export interface MoveInput {
  /** This computer's data file; read through its own read-only connection, never written. */
  dataFile: string;
  dataDir: string;
  /** The shared database, with its password. */
  target: PostgresTarget;
  applicationName?: string;
  /** Tests only: runs in the move's transaction just before the counts are compared. */
  beforeVerify?: (trx: Transaction<Database>) => Promise<void>;
}

export interface MovedDatabase {
  result: MoveResult;
  /** The shared database, open and holding the data: the app uses it from now on. */
  opened: OpenedDatabase;
}

/**
 * Copies the data file into an empty shared database in one transaction and
 * commits only if every table's count (and highest id) matches the file's.
 * Anything short of that rolls back: the shared database stays empty and the
 * file was only read. The caller holds every other call back meanwhile
 * (CallGate.alone), so the file does not change under the copy either.
 */
export async function moveToShared(input: MoveInput): Promise<MovedDatabase> {
  const where = describeTarget(input.target);
  const tested = await testConnection(input.target);
  if (!tested.canMove) {
    const problems = tested.checks.filter((c) => !c.ok).map((c) => c.message);
    throw new AppError(
      'validation',
      problems.length > 0
        ? `Nothing was moved. ${problems.join(' ')}`
        : `Nothing was moved: ${where} already holds an EquineOps list. Choose “Use this shared list” to use it, or use an empty database.`,
    );
  }
  const opened = await openPostgres(input.target, {
    max: 4,
    applicationName: input.applicationName ?? 'EquineOps',
  });
  let snapshot: SqliteSnapshot | undefined;
  try {
    snapshot = new SqliteSnapshot(input.dataFile);
    const unknown = tablesNotCovered(snapshot.tables());
    if (unknown.length > 0)
      throw new AppError(
        'internal',
        `Nothing was moved: this version of EquineOps does not know how to move ${unknown.join(', ')}.`,
      );
    const source = snapshot;
    const result = await opened.db
      .transaction()
      .execute((trx) => copyAll(trx, source, input, where));
    return { result, opened };
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  } finally {
    snapshot?.close();
  }
}

/** Tables of the file that are in neither list. */
export function tablesNotCovered(tables: readonly string[]): string[] {
  const known = new Set<string>([...MOVED_TABLES, ...Object.keys(NOT_MOVED_TABLES)]);
  return tables.filter((t) => !known.has(t));
}

async function copyAll(
  trx: Transaction<Database>,
  source: SqliteSnapshot,
  input: MoveInput,
  where: string,
): Promise<MoveResult> {
  // Kysely<any>: tables by name; every one of them is in the typed schema, but not as a variable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = trx as unknown as Kysely<any>;
  for (const table of MOVED_TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // computers: a computer that merely opened the empty database registered itself there; the
    // file's computers replace those rows (each registers again at its next start).
    if (table === 'computers') await db.deleteFrom('computers').execute();
    else if (Number(n) > 0)
      throw new AppError(
        'validation',
        `Nothing was moved: ${where} is no longer empty (${table} has rows). Another computer may have started using it; test the connection again.`,
      );
  }

  const links: { id: number; parent_id: number | null; merged_into_id: number | null }[] = [];
  for (const table of MOVED_TABLES) {
    const columns = source.columns(table);
    const size = Math.max(
      1,
      Math.min(ROWS_A_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)),
    );
    for (const rows of source.batches(table, size)) {
      const values = table === 'clients' ? rows.map((row) => unlinked(row, links)) : rows;
      await db.insertInto(table).values(values).execute();
    }
  }
  for (let start = 0; start < links.length; start += ROWS_A_STATEMENT)
    await linkClients(db, links.slice(start, start + ROWS_A_STATEMENT));
  await keepLegacyStaffName(db, source);

  const documentFiles = await copyDocumentFiles(db, source, input.dataDir);

  // Search tables are built from the moved rows in PostgreSQL's own form, not copied.
  await rebuildClientSearchIndex(trx as unknown as Db);
  for (const rows of source.batches('client_documents', ROWS_A_STATEMENT))
    for (const row of rows)
      if (row.removed_at === null)
        await saveDocumentSearchRow(trx as unknown as Db, row.id as number, row.name as string);

  for (const table of MOVED_TABLES) {
    if (!(await hasIdentityId(db, table))) continue;
    await setIdentityAfter(db, table, Math.max(source.maxId(table) ?? 0, source.sequence(table)));
  }

  await input.beforeVerify?.(trx);

  const tables: MovedTable[] = [];
  for (const table of MOVED_TABLES) {
    const expected = source.count(table);
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const found = Number(n);
    if (found !== expected) throw mismatch(table, expected, found);
    if (await hasIdentityId(db, table)) {
      const { m } = await db
        .selectFrom(table)
        .select((eb) => eb.fn.max<number>('id').as('m'))
        .executeTakeFirstOrThrow();
      if ((m ?? null) !== source.maxId(table)) throw mismatch(table, expected, found);
    }
    tables.push({ table, rows: expected });
  }
  return { server: where, tables, ...documentFiles };
}

/**
 * A file from before staff names were per computer keeps its name in settings;
 * on the file it signs this computer's work, in a shared database it is not
 * read (it would sign everyone's). The file's computers take it with them.
 */
async function keepLegacyStaffName(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  source: SqliteSnapshot,
): Promise<void> {
  let legacy: string | undefined;
  for (const rows of source.batches('settings', ROWS_A_STATEMENT))
    for (const row of rows) if (row.key === 'staffName') legacy = row.value as string;
  if (!legacy) return;
  await db
    .updateTable('computers')
    .set({ staff_name: legacy })
    .where('staff_name', 'is', null)
    .execute();
}

/** A client row without its links (kept for the second pass). */
function unlinked(
  row: SnapshotRow,
  links: { id: number; parent_id: number | null; merged_into_id: number | null }[],
): SnapshotRow {
  const parent = (row.parent_id ?? null) as number | null;
  const merged = (row.merged_into_id ?? null) as number | null;
  if (parent === null && merged === null) return row;
  links.push({ id: row.id as number, parent_id: parent, merged_into_id: merged });
  const copy = { ...row };
  for (const column of CLIENT_LINKS) if (column in copy) copy[column] = null;
  return copy;
}

/** Document files go into the shared database's document_blobs, once a content hash. */
async function copyDocumentFiles(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  source: SqliteSnapshot,
  dataDir: string,
): Promise<Pick<MoveResult, 'documentFiles' | 'missingDocumentFiles'>> {
  const hashes = new Set<string>();
  let missingDocumentFiles = 0;
  for (const rows of source.batches('client_documents', ROWS_A_STATEMENT))
    for (const row of rows) hashes.add(row.content_hash as string);
  if (hashes.size === 0) return { documentFiles: 0, missingDocumentFiles: 0 };
  if (!(await tableExists(db, 'document_blobs')))
    throw new AppError(
      'internal',
      'Nothing was moved: this version of EquineOps cannot keep document files in a shared database yet.',
    );
  const blobs = DocumentBlobs.inDataFolder(dataDir);
  let documentFiles = 0;
  for (const hash of hashes) {
    if (!blobs.has(hash)) {
      missingDocumentFiles += 1;
      continue;
    }
    await writeDocumentBlob(db as unknown as Db, hash, await blobs.read(hash));
    documentFiles += 1;
  }
  const { n } = await db
    .selectFrom('document_blobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) !== documentFiles) throw mismatch('document_blobs', documentFiles, Number(n));
  return { documentFiles, missingDocumentFiles };
}

function mismatch(table: string, expected: number, found: number): AppError {
  return new AppError(
    'internal',
    `Nothing was moved: the copy of ${table} did not match this computer’s file (${expected.toLocaleString('en-US')} rows here, ${found.toLocaleString('en-US')} in the shared database). The shared database was left empty and this computer keeps using its own file.`,
  );
}
