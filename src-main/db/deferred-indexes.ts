import type SQLite from 'better-sqlite3';

/**
 * Setting the clients table's secondary indexes aside for a bulk load, and
 * building them again. Inserting 50,000 rows into nine indexes one row at a
 * time costs about a second more than building each index once from the
 * finished table. Only the unique QuickBooks identity stays, since the load
 * itself looks customers up by it. The SQL of each index is kept in
 * `deferred_indexes` in the same transaction that drops it, so a load killed
 * half-way leaves the recipe behind and the next open rebuilds them.
 */
const KEPT = ['clients_qb_identity'];

/** Drops the clients table's secondary indexes, remembering how to build each. Run inside the load's first transaction. */
export function deferClientIndexes(sqlite: SQLite.Database): void {
  const indexes = sqlite
    .prepare<[], { name: string; sql: string }>(
      `select name, sql from sqlite_master
        where type = 'index' and tbl_name = 'clients' and sql is not null`,
    )
    .all()
    .filter((index) => !KEPT.includes(index.name));
  const remember = sqlite.prepare<[string, string]>(
    `insert or replace into deferred_indexes (name, sql) values (?, ?)`,
  );
  for (const index of indexes) {
    remember.run(index.name, index.sql);
    sqlite.exec(`drop index "${index.name.replace(/"/g, '""')}"`);
  }
}

/** Builds every index a load set aside; nothing to do (one small query) when none was. */
export function restoreDeferredIndexes(sqlite: SQLite.Database): number {
  const deferred = sqlite
    .prepare<[], { name: string; sql: string }>(`select name, sql from deferred_indexes`)
    .all();
  if (deferred.length === 0) return 0;
  const exists = sqlite.prepare<[string]>(
    `select 1 from sqlite_master where type = 'index' and name = ?`,
  );
  const forget = sqlite.prepare<[string]>(`delete from deferred_indexes where name = ?`);
  const rebuild = () => {
    for (const index of deferred) {
      if (!exists.get(index.name)) sqlite.exec(index.sql);
      forget.run(index.name);
    }
  };
  if (sqlite.inTransaction) rebuild();
  else sqlite.transaction(rebuild).immediate();
  return deferred.length;
}
