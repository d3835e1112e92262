import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  POSTGRES_ARCHIVED_INDEX,
  POSTGRES_LIST_INDEXES,
  SQLITE_ONLY_LIST_INDEXES,
} from './migrations/0016-postgres-list-indexes';
import { openDatabase, type OpenedDatabase } from './open-database';
import { openPostgres } from './postgres/open-postgres';
import { freshPostgresTarget } from './testing/test-database';

/*
 * One schema, two dialects: the same migrations run on SQLite and on
 * PostgreSQL must leave the same tables, columns, nullability, defaults,
 * primary keys, foreign keys (with what a delete does) and unique or partial
 * indexes, so every repository sees the same shape on both. Left out: the
 * search tables (FTS5 on one side, tsvector on the other) and what exists on
 * PostgreSQL only (document bytes, trigram indexes, the Clients list's
 * indexes shaped for its planner).
 */

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  /** Position in the primary key (1-based), 0 when not part of it. */
  primaryKey: number;
  /** Numbered by the database (SQLite autoincrement, PostgreSQL identity). */
  generated: boolean;
}

interface ForeignKey {
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
}

interface Index {
  table: string;
  /** Null for the index a UNIQUE constraint makes (each database names those its own way). */
  name: string | null;
  columns: string[];
  unique: boolean;
  where: string | null;
}

interface Schema {
  tables: Record<string, { columns: Column[]; foreignKeys: ForeignKey[] }>;
  indexes: Index[];
}

const SEARCH_TABLES = /^(clients_search|documents_search)(_|$)/;
const POSTGRES_ONLY_TABLES = new Set(['document_blobs']);
// The Clients list's indexes differ by design: PostgreSQL cannot read (archived_at, active, x)
// in order under `archived_at is null`, so 0016 swaps them for partial ones (see there).
const POSTGRES_ONLY_INDEXES = new Set([
  ...POSTGRES_LIST_INDEXES.map((index) => index.name),
  POSTGRES_ARCHIVED_INDEX,
]);

/** `"qb_id" is not null` and `(qb_id IS NOT NULL)` are the same condition. */
function condition(text: string | null): string | null {
  if (text === null) return null;
  return text
    .toLowerCase()
    .replace(/::[a-z ]+/g, '')
    .replace(/["()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `'Owner'::text` on PostgreSQL is `'Owner'` on SQLite. */
function defaultValue(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(/::[a-z ]+$/, '');
}

function byName<T extends { name: string | null }>(a: T, b: T): number {
  return (a.name ?? '').localeCompare(b.name ?? '');
}

function indexKey(index: Index): string {
  return `${index.table}|${index.name ?? ''}|${index.columns.join(',')}|${index.where ?? ''}`;
}

function sqliteSchema(db: SQLite.Database): Schema {
  const tables = db
    .prepare(
      `select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
    )
    .all() as { name: string; sql: string }[];
  const schema: Schema = { tables: {}, indexes: [] };
  for (const table of tables) {
    if (SEARCH_TABLES.test(table.name)) continue;
    const autoincrement = /autoincrement/i.test(table.sql);
    const columns = (
      db.prepare(`select * from pragma_table_info(?)`).all(table.name) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]
    ).map((c): Column => ({
      name: c.name,
      type: c.type.toLowerCase(),
      notNull: c.notnull === 1 || c.pk > 0,
      default: defaultValue(c.dflt_value),
      primaryKey: c.pk,
      generated: autoincrement && c.pk === 1 && c.type.toLowerCase() === 'integer',
    }));
    const keys = db.prepare(`select * from pragma_foreign_key_list(?)`).all(table.name) as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    const foreignKeys = new Map<number, ForeignKey>();
    for (const key of keys.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
      const fk = foreignKeys.get(key.id) ?? {
        columns: [],
        references: key.table,
        referencedColumns: [],
        onDelete: key.on_delete.toLowerCase(),
      };
      fk.columns.push(key.from);
      fk.referencedColumns.push(key.to);
      foreignKeys.set(key.id, fk);
    }
    schema.tables[table.name] = {
      columns: columns.sort(byName),
      foreignKeys: [...foreignKeys.values()].sort((a, b) =>
        a.columns.join().localeCompare(b.columns.join()),
      ),
    };
    const indexes = db.prepare(`select * from pragma_index_list(?)`).all(table.name) as {
      name: string;
      unique: number;
      origin: string;
    }[];
    for (const index of indexes) {
      if (index.origin === 'pk') continue;
      if (SQLITE_ONLY_LIST_INDEXES.includes(index.name)) continue;
      const columns = (
        db.prepare(`select * from pragma_index_info(?) order by seqno`).all(index.name) as {
          name: string | null;
        }[]
      ).map((c) => c.name ?? '(expression)');
      const created = db
        .prepare(`select sql from sqlite_master where type = 'index' and name = ?`)
        .get(index.name) as { sql: string | null } | undefined;
      const where = created?.sql ? (/\swhere\s(.*)$/is.exec(created.sql)?.[1] ?? null) : null;
      schema.indexes.push({
        table: table.name,
        name: index.origin === 'u' ? null : index.name,
        columns,
        unique: index.unique === 1,
        where: condition(where),
      });
    }
  }
  schema.indexes.sort((a, b) => indexKey(a).localeCompare(indexKey(b)));
  return schema;
}

async function postgresSchema(db: OpenedDatabase['db']): Promise<Schema> {
  const schema: Schema = { tables: {}, indexes: [] };
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    character_maximum_length: number | null;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>`select table_name, column_name, data_type, character_maximum_length, is_nullable,
            column_default, is_identity
       from information_schema.columns where table_schema = 'public'`.execute(db);
  const constraints = await sql<{
    table: string;
    type: string;
    columns: string[];
    references: string | null;
    referenced_columns: string[] | null;
    on_delete: string;
  }>`select c.conrelid::regclass::text as table, c.contype as type,
            array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
            c.confrelid::regclass::text as references,
            array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as referenced_columns,
            c.confdeltype as on_delete
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype in ('p', 'f')`.execute(db);
  const indexes = await sql<{
    table: string;
    name: string;
    columns: string[];
    unique: boolean;
    primary: boolean;
    constraint_backed: boolean;
    method: string;
    predicate: string | null;
  }>`select t.relname as table, i.relname as name,
            array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey) with ordinality k(n, o)
                    left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o) as columns,
            x.indisunique as unique, x.indisprimary as primary,
            exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.contype = 'u') as constraint_backed,
            am.amname as method, pg_get_expr(x.indpred, x.indrelid) as predicate
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
       join pg_am am on am.oid = i.relam
      where n.nspname = 'public'`.execute(db);

  const onDelete: Record<string, string> = {
    a: 'no action',
    r: 'restrict',
    c: 'cascade',
    n: 'set null',
    d: 'set default',
  };
  for (const { name } of tables.rows) {
    if (SEARCH_TABLES.test(name) || POSTGRES_ONLY_TABLES.has(name)) continue;
    const primary = constraints.rows.find((c) => c.table === name && c.type === 'p');
    schema.tables[name] = {
      columns: columns.rows
        .filter((c) => c.table_name === name)
        .map((c): Column => ({
          name: c.column_name,
          type:
            c.data_type === 'character varying'
              ? `varchar(${c.character_maximum_length})`
              : c.data_type,
          notNull: c.is_nullable === 'NO',
          default: defaultValue(c.column_default),
          primaryKey: (primary?.columns.indexOf(c.column_name) ?? -1) + 1,
          generated: c.is_identity === 'YES',
        }))
        .sort(byName),
      foreignKeys: constraints.rows
        .filter((c) => c.table === name && c.type === 'f')
        .map((c) => ({
          columns: c.columns,
          references: c.references!,
          referencedColumns: c.referenced_columns!,
          onDelete: onDelete[c.on_delete]!,
        }))
        .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    };
    for (const index of indexes.rows.filter((i) => i.table === name)) {
      // Primary keys are compared as columns; GIN (trigram, tsvector) indexes exist on PostgreSQL only.
      if (index.primary || index.method !== 'btree' || POSTGRES_ONLY_INDEXES.has(index.name))
        continue;
      schema.indexes.push({
        table: name,
        name: index.constraint_backed ? null : index.name,
        columns: index.columns,
        unique: index.unique,
        where: condition(index.predicate),
      });
    }
  }
  schema.indexes.sort((a, b) => indexKey(a).localeCompare(indexKey(b)));
  return schema;
}

let sqlite: OpenedDatabase;
let postgres: OpenedDatabase;
beforeAll(async () => {
  sqlite = await openDatabase(':memory:');
  postgres = await openPostgres(await freshPostgresTarget(), {
    max: 1,
    applicationName: 'EquineOps schema parity test',
  });
});
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

describe('the migrated schema on SQLite and on PostgreSQL', () => {
  it('has the same tables', async () => {
    const onSqlite = Object.keys(sqliteSchema(sqlite.sqlite).tables);
    const onPostgres = Object.keys((await postgresSchema(postgres.db)).tables);
    expect(onPostgres).toEqual(onSqlite);
    expect(onSqlite).toContain('clients');
  });

  it('has the same columns: types, nullability, defaults, primary keys, numbering', async () => {
    const onSqlite = sqliteSchema(sqlite.sqlite).tables;
    const onPostgres = (await postgresSchema(postgres.db)).tables;
    for (const table of Object.keys(onSqlite))
      expect(onPostgres[table]?.columns, table).toEqual(onSqlite[table]!.columns);
  });

  it('has the same foreign keys, each doing the same on delete', async () => {
    const onSqlite = sqliteSchema(sqlite.sqlite).tables;
    const onPostgres = (await postgresSchema(postgres.db)).tables;
    for (const table of Object.keys(onSqlite))
      expect(onPostgres[table]?.foreignKeys, table).toEqual(onSqlite[table]!.foreignKeys);
    expect(onSqlite.staff_notes!.foreignKeys).toContainEqual({
      columns: ['client_id'],
      references: 'clients',
      referencedColumns: ['id'],
      onDelete: 'cascade',
    });
  });

  it('has the same unique and partial indexes, and the same others by name', async () => {
    const onSqlite = sqliteSchema(sqlite.sqlite).indexes;
    const onPostgres = (await postgresSchema(postgres.db)).indexes;
    expect(onPostgres).toEqual(onSqlite);
    expect(onSqlite).toContainEqual({
      table: 'clients',
      name: 'clients_by_parent_id',
      columns: ['parent_id'],
      unique: false,
      where: 'parent_id is not null',
    });
  });
});
