import SQLite from 'better-sqlite3';

/** One row as SQLite gives it: numbers, text, null (no blobs in the app's tables). */
export type SnapshotRow = Record<string, unknown>;

/**
 * A read-only look at the data file as it was at one moment: its own
 * connection, opened read-only, inside one read transaction (WAL keeps that
 * snapshot whatever the app's connection writes meanwhile). The file is never
 * written through it. For moving the data to a shared database.
 */
export class SqliteSnapshot {
  private readonly sqlite: SQLite.Database;

  constructor(file: string) {
    this.sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    this.sqlite.exec('begin');
    // A deferred transaction takes its snapshot at the first read: take it now.
    this.sqlite.prepare('select count(*) from sqlite_master').get();
  }

  /** Ordinary tables: not SQLite's own, not FTS5's virtual tables or their shadow tables. */
  tables(): string[] {
    const rows = this.sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`,
      )
      .all() as { name: string; sql: string }[];
    const virtual = rows.filter((r) => /^create virtual table/i.test(r.sql)).map((r) => r.name);
    return rows
      .map((r) => r.name)
      .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  }

  /** Tables FTS5 owns (clients_search and its shadows): rebuilt, never copied. */
  searchTables(): string[] {
    const virtual = this.sqlite
      .prepare(
        `select name from sqlite_master where type = 'table' and sql like 'create virtual table%'`,
      )
      .all() as { name: string }[];
    return virtual.map((r) => r.name);
  }

  columns(table: string): string[] {
    return (
      this.sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as {
        name: string;
      }[]
    ).map((r) => r.name);
  }

  count(table: string): number {
    return (
      this.sqlite.prepare(`select count(*) as n from "${quoteName(table)}"`).get() as { n: number }
    ).n;
  }

  maxId(table: string): number | null {
    return (
      this.sqlite.prepare(`select max(id) as n from "${quoteName(table)}"`).get() as {
        n: number | null;
      }
    ).n;
  }

  /** The highest id AUTOINCREMENT ever gave out in `table` (deleted rows included), 0 if none. */
  sequence(table: string): number {
    const row = this.sqlite.prepare(`select seq from sqlite_sequence where name = ?`).get(table) as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** Every row, in rowid order, `size` at a time. */
  *batches(table: string, size: number): Generator<SnapshotRow[]> {
    const page = this.sqlite.prepare(
      `select rowid as "__rowid", * from "${quoteName(table)}" where rowid > ? order by rowid limit ?`,
    );
    let after = -Infinity;
    for (;;) {
      const rows = page.all(after === -Infinity ? -9007199254740991 : after, size) as SnapshotRow[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.__rowid as number;
      yield rows.map(({ __rowid: _, ...row }) => row);
    }
  }

  close(): void {
    try {
      this.sqlite.exec('rollback');
    } finally {
      this.sqlite.close();
    }
  }
}

function quoteName(name: string): string {
  return name.replace(/"/g, '""');
}
