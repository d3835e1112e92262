import { createHash } from 'node:crypto';
import pg from 'pg';
import { parsePostgresUrl, type PostgresTarget } from '../database-target';
import { migrations } from '../migrations';
import { openPostgres } from '../postgres/open-postgres';

/**
 * Databases for tests on PostgreSQL. `bash scripts/with-postgres.sh …` starts a
 * throwaway cluster and sets the URLs; vitest.postgres.config.ts sets
 * EQUINEOPS_TEST_DATABASE=postgres so every test built on createTestCore or
 * createSandboxedCore runs there too. Each test core gets its own database,
 * copied from a template migrated once per set of migrations.
 */
export function testsUsePostgres(): boolean {
  return process.env.EQUINEOPS_TEST_DATABASE === 'postgres';
}

export function postgresAvailable(): boolean {
  return Boolean(
    process.env.EQUINEOPS_TEST_POSTGRES_URL && process.env.EQUINEOPS_TEST_POSTGRES_ADMIN_URL,
  );
}

const byDataDir = new Map<string, Promise<PostgresTarget>>();

/**
 * The database a test core should use: in the PostgreSQL run a fresh database,
 * the same one again for a core reopened on the same data folder (a restart);
 * otherwise undefined, meaning the SQLite file in the data folder.
 */
export async function testDatabaseTarget(dataDir: string): Promise<PostgresTarget | undefined> {
  if (!testsUsePostgres()) return undefined;
  let target = byDataDir.get(dataDir);
  if (!target) {
    target = freshPostgresTarget();
    byDataDir.set(dataDir, target);
  }
  return target;
}

let admin: Promise<pg.Client> | null = null;
let created = 0;

/** A new, migrated, empty database owned by the app's least-privileged role. */
export async function freshPostgresTarget(): Promise<PostgresTarget> {
  const appUrl = process.env.EQUINEOPS_TEST_POSTGRES_URL;
  if (!appUrl || !process.env.EQUINEOPS_TEST_POSTGRES_ADMIN_URL)
    throw new Error(
      'No PostgreSQL for tests: run them through `bash scripts/with-postgres.sh …` (Debian package postgresql).',
    );
  const client = await adminClient();
  const app = appTarget(appUrl);
  const template = await ensureTemplate(client, app);
  const name = `eo_t_${process.pid}_${++created}_${Date.now().toString(36)}`;
  await client.query(`create database ${name} template ${template} owner ${app.user}`);
  return { ...app, database: name };
}

/** The app role's target on a given database: TLS checked against the throwaway cluster's CA. */
function appTarget(url: string): PostgresTarget {
  const target = parsePostgresUrl(url, 'test');
  const ca = process.env.EQUINEOPS_TEST_POSTGRES_CA;
  return ca ? { ...target, sslmode: 'verify-full', caFile: ca } : { ...target, sslmode: 'require' };
}

function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({
      connectionString: process.env.EQUINEOPS_TEST_POSTGRES_ADMIN_URL,
      ssl: { rejectUnauthorized: false },
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  })();
  return admin;
}

const templates = new Map<string, Promise<string>>();

/** One template per set of migrations, made under a lock so parallel test files share it. */
function ensureTemplate(client: pg.Client, app: PostgresTarget): Promise<string> {
  const fingerprint = createHash('sha1')
    .update(Object.keys(migrations).join('\n'))
    .update(
      Object.values(migrations)
        .map((m) => m.up.toString())
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  const name = `eo_template_${fingerprint}`;
  let made = templates.get(name);
  if (!made) {
    made = (async () => {
      await client.query(`select pg_advisory_lock(hashtextextended('equineops:test-template', 0))`);
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (found.rowCount === 0) {
          await client.query(`create database ${name} owner ${app.user}`);
          const opened = await openPostgres(
            { ...app, database: name },
            { max: 1, applicationName: 'EquineOps test template' },
          );
          await opened.close();
        }
      } finally {
        await client.query(
          `select pg_advisory_unlock(hashtextextended('equineops:test-template', 0))`,
        );
      }
      return name;
    })();
    templates.set(name, made);
  }
  return made;
}
