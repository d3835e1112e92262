import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { runMigrations } from './migration-runner';

/*
 * The released steps (0001–0011) must create on SQLite exactly what they did
 * before PostgreSQL came in: their files gained PostgreSQL branches, and a
 * data file made by an earlier version must stay the same shape as one made
 * now. The golden file is the schema as the version before issue 17 wrote it
 * (sqlite_master, statement by statement, and the search indexes' settings).
 */
const GOLDEN = join(import.meta.dirname, 'sqlite-schema-0011.golden.sql');
const RELEASED = /^00(0\d|1[01])-/;

function dump(sqlite: SQLite.Database): string {
  const rows = sqlite
    .prepare(
      `select type, name, tbl_name, sql from sqlite_master
        where name not like 'sqlite_autoindex%' order by type, name`,
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  // The search indexes' settings too: documents_search keeps secure-delete on (erasure).
  const config = ['clients_search_config', 'documents_search_config']
    .map(
      (t) =>
        `-- ${t}: ${JSON.stringify(sqlite.prepare(`select k, v from ${t} order by k`).all())}\n`,
    )
    .join('');
  return `${rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql ?? ''};\n`).join('\n')}\n${config}`;
}

describe('the SQLite schema of the released steps', () => {
  it('is byte for byte what the version before the shared database created', async () => {
    const sqlite = new SQLite(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const released = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => RELEASED.test(name)),
    );
    expect(Object.keys(released)).toHaveLength(10);
    await runMigrations(db, released);
    expect(dump(sqlite)).toBe(readFileSync(GOLDEN, 'utf8'));
    await db.destroy();
  });
});
