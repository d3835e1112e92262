import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The one place feature code asks which database it talks to. Repositories
 * stay portable kysely; where SQLite and PostgreSQL spell a thing differently
 * (JSON arrays as parameters, reading a JSON field, finding text in text),
 * they use these fragments instead of writing either dialect's SQL.
 */
export type StorageKind = 'sqlite' | 'postgres';

// Kysely<any>: repositories pass their own Db, migrations Kysely<unknown>, transactions Transaction<…>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Works through CurrentDatabase's stand-in and inside transactions (they share the executor's adapter). */
export function storageKind(db: AnyDb): StorageKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgres(db: AnyDb): boolean {
  return storageKind(db) === 'postgres';
}

/**
 * `column ${idsIn(db, ids)}`: membership in a list of ids passed as one
 * parameter, however long (SQLite caps a statement's parameters at 999).
 */
export function idsIn(db: AnyDb, ids: readonly number[]): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`= any(${[...ids]}::int[])`
    : sql`in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** As idsIn, for text values. */
export function textsIn(db: AnyDb, values: readonly string[]): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`= any(${[...values]}::text[])`
    : sql`in (select value from json_each(${JSON.stringify(values)}))`;
}

/** A whole number read from a JSON object kept in a text column. */
export function jsonInt(db: AnyDb, column: string, key: string): RawBuilder<number | null> {
  return isPostgres(db)
    ? sql<number | null>`(${sql.ref(column)}::jsonb ->> ${key})::bigint`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${'$.' + key})`;
}

/** Where `needle` starts in `haystack` (1-based), 0 when absent. */
export function textPosition(db: AnyDb, haystack: string, needle: string): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`strpos(${sql.ref(haystack)}, ${needle})`
    : sql<number>`instr(${sql.ref(haystack)}, ${needle})`;
}
