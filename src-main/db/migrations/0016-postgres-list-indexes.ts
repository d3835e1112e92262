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
 * backwards for descending. Archived clients (few) are found by their own
 * small index and sorted. 0001's list indexes, which no PostgreSQL plan read,
 * are dropped: every index is one more write of each synced or imported row
 * (the first sync of 50,000 customers wrote 22 per row). The results do not
 * change, only how they are found; nothing to do on SQLite.
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

/**
 * 0001's list indexes `(archived_at, active, column)`, on PostgreSQL only: the
 * ones above serve the active and inactive lists, and the archived list (few
 * rows) is found by `clients_archived` and sorted. Each index is one more
 * write of every synced or imported row, and these six were read by no plan.
 */
export const SQLITE_ONLY_LIST_INDEXES: readonly string[] = [
  'clients_list_by_name',
  ...['email', 'phone', 'source', 'last_synced_at', 'created_at'].map(
    (c) => `clients_list_by_${c}`,
  ),
];

/** The few archived clients, found without reading the table; sorted once found. */
export const POSTGRES_ARCHIVED_INDEX = 'clients_archived';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const name of SQLITE_ONLY_LIST_INDEXES) await sql`drop index ${sql.id(name)}`.execute(db);
  await sql`create index ${sql.id(POSTGRES_ARCHIVED_INDEX)} on clients (sort_name, id) where archived_at is not null`.execute(
    db,
  );
  for (const index of POSTGRES_LIST_INDEXES)
    await sql`create index ${sql.id(index.name)} on clients (${sql.raw(index.columns)}) where archived_at is null`.execute(
      db,
    );
}
