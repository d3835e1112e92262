// TEST ONLY: what the PostgreSQL-only tests do as the cluster's administrator
// (scripts/with-postgres.sh): make an empty database for the app's role, or
// change a test database the way a server's administrator would (revoke a
// grant, make it read-only, add a failing trigger).
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { parsePostgresUrl, type PostgresTarget } from '../database-target';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run PostgreSQL tests through \`bash scripts/with-postgres.sh …\` (Debian package postgresql).`,
    );
  return value;
}

/** The app's least-privileged role, TLS checked against the cluster's CA. */
export function appTargetOn(database: string): PostgresTarget {
  const target = parsePostgresUrl(required('EQUINEOPS_TEST_POSTGRES_URL'), 'test');
  return {
    ...target,
    database,
    sslmode: 'verify-full',
    caFile: required('EQUINEOPS_TEST_POSTGRES_CA'),
  };
}

/** Runs statements as the cluster's superuser on one database (default: postgres). */
export async function asAdmin(statements: string[], database = 'postgres'): Promise<void> {
  const client = await adminClient(database);
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A connected superuser client on one database, for a test that holds a lock or a transaction open. */
export async function adminClient(database: string): Promise<pg.Client> {
  const url = new URL(required('EQUINEOPS_TEST_POSTGRES_ADMIN_URL'));
  url.pathname = `/${database}`;
  const client = new pg.Client({
    connectionString: url.toString(),
    ssl: { rejectUnauthorized: false },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

let made = 0;

/** A new database with nothing in it, owned by the app's role (as the README asks an administrator). */
export async function emptyPostgresTarget(): Promise<PostgresTarget> {
  const app = appTargetOn('postgres');
  const name = `eo_empty_${process.pid}_${++made}_${Date.now().toString(36)}`;
  await asAdmin([`create database ${name} owner ${app.user}`]);
  return { ...app, database: name };
}

/**
 * Every row of every table of the app's database as text, lower-cased: what
 * a look at the shared database itself would find (the PostgreSQL side of
 * the tests that read the SQLite file's bytes for a secret or an erased name).
 */
export async function everyRowAsText(db: Kysely<unknown>): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ text: string | null }>`
      select string_agg(t::text, ' ') as text from ${sql.table(name)} t`.execute(db);
    parts.push(rows.rows[0]?.text ?? '');
  }
  return parts.join('\n').toLowerCase();
}
