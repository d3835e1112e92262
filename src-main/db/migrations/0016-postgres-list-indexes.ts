import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL only: the Clients list's indexes in a shape its planner can use.
 *
 * SQLite walks `clients_list_by_name (archived_at, active, sort_name)` in
 * order under `archived_at is null`; PostgreSQL cannot (IS NULL is not an
 * equality to it), so over 50,000 clients every page read and sorted the
 * whole table. These indexes hold the clients not archived (the active and
 * inactive lists, nearly every row) and end in each sort's exact ORDER BY of
 * clients/client-list-query.ts, so a page is an index walk that stops after
 * `offset + limit` rows, and the list's count(*) is an index-only scan of the
 * narrowest one (ids only) instead of a read of the wide table, once
 * (auto)vacuum has marked the table's pages all-visible. The empty-last
 * sorts (email, phone, last synced) order the empty flag ascending whatever
 * the direction, so each needs one index a direction (NULL before '' as
 * SQLite has it, client-list-query.ts says why); the others are walked
 * backwards for descending. Archived clients (few) keep using the indexes of
 * 0001. The results do not change, only how they are found; nothing to do on
 * SQLite.
 */
export const POSTGRES_LIST_INDEXES: readonly { name: string; columns: string }[] = [
  // The count: an index-only scan of ids, filtered by a search's ids when there is one.
  { name: 'clients_open_ids', columns: 'active, id' },
  { name: 'clients_open_by_name', columns: 'active, sort_name, id' },
  { name: 'clients_open_by_source', columns: 'active, source, sort_name, id' },
  { name: 'clients_open_by_created', columns: 'active, created_at, sort_name, id' },
  ...(['email', 'phone', 'last_synced_at'] as const).flatMap((column) => {
    const empty = `(${column} is null or ${column} = '')`;
    return [
      {
        name: `clients_open_by_${column}`,
        columns: `active, ${empty}, ${column} nulls first, sort_name, id`,
      },
      {
        name: `clients_open_by_${column}_desc`,
        columns: `active, ${empty}, ${column} desc nulls last, sort_name desc, id desc`,
      },
    ];
  }),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const index of POSTGRES_LIST_INDEXES)
    await sql`create index ${sql.id(index.name)} on clients (${sql.raw(index.columns)}) where archived_at is null`.execute(
      db,
    );
}
