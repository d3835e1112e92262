import { sql, type Kysely } from 'kysely';

// Kysely<any>: the move copies every table by name, outside the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The few PostgreSQL statements of moving a data file into a shared database
 * (shared-database/move-to-shared.ts); everything else there is portable kysely.
 */

/** Next id of `table` after `highest` (0: the table starts at 1), so moved ids are never handed out again. */
export async function setIdentityAfter(db: AnyDb, table: string, highest: number): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, 'id'), ${Math.max(highest, 1)}, ${highest > 0})`.execute(
    db,
  );
}

/** Whether `table` has an identity `id` (the tables SQLite gave AUTOINCREMENT). */
export async function hasIdentityId(db: AnyDb, table: string): Promise<boolean> {
  const { rows } = await sql<{ sequence: string | null }>`
    select pg_get_serial_sequence(${`"${table}"`}, 'id') as sequence
     where exists (select 1 from information_schema.columns
                    where table_schema = 'public' and table_name = ${table} and column_name = 'id')`.execute(
    db,
  );
  return rows.length > 0 && rows[0]!.sequence !== null;
}

/** Second pass over clients: links to parents and merge targets, now that every client exists. */
export async function linkClients(
  db: AnyDb,
  links: readonly { id: number; parent_id: number | null; merged_into_id: number | null }[],
): Promise<void> {
  if (links.length === 0) return;
  await sql`update clients c
       set parent_id = r.parent_id, merged_into_id = r.merged_into_id
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb)
        as r(id integer, parent_id integer, merged_into_id integer)
     where c.id = r.id`.execute(db);
}

export async function tableExists(db: AnyDb, table: string): Promise<boolean> {
  const { rows } = await sql`select 1 from information_schema.tables
     where table_schema = 'public' and table_name = ${table}`.execute(db);
  return rows.length > 0;
}
