// A PostgreSQL server for the bench's shared-database rows. Unlike the test
// cluster (scripts/with-postgres.sh: fsync off), this one is durable, as a
// real server is: fsync, synchronous commit and full-page writes stay on, so
// the figure includes what a commit costs on disk. Each run gets an empty
// database of its own. EQUINEOPS_BENCH_POSTGRES_URL points at another server
// instead (its role needs CREATEDB); without either the rows say skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { parsePostgresUrl, type PostgresTarget } from '../../../src-main/db/database-target';

export interface BenchPostgres {
  /** Where it runs, for the printed notes (never a password). */
  describe: string;
  /** A new, empty database on it. */
  freshDatabase(): Promise<PostgresTarget>;
  stop(): Promise<void>;
}

/** The server, or why there is none. */
export async function startBenchPostgres(): Promise<BenchPostgres | { skipped: string }> {
  const url = process.env.EQUINEOPS_BENCH_POSTGRES_URL;
  if (url) return onServer(parsePostgresUrl(url, 'environment'), 'EQUINEOPS_BENCH_POSTGRES_URL');
  const bin = newestServerBin();
  if (!bin) return { skipped: 'no PostgreSQL (apt-get install postgresql)' };
  return startCluster(bin);
}

function newestServerBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(`${root}/${v}/bin/initdb`))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? `${root}/${newest}/bin` : null;
}

/** As the postgres user when run as root (initdb refuses root); /tmp may be closed to it. */
function asPostgres(command: string, args: string[]): { ok: boolean; output: string } {
  const root = process.getuid?.() === 0;
  const result = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startCluster(bin: string): Promise<BenchPostgres | { skipped: string }> {
  const made = asPostgres('mktemp', ['-d', '/var/tmp/equineops-bench-pg.XXXXXX']);
  if (!made.ok) return { skipped: `no PostgreSQL: ${made.output.trim()}` };
  const dir = made.output.trim();
  const remove = () => asPostgres('rm', ['-rf', dir]);
  const init = asPostgres(`${bin}/initdb`, [
    '-D',
    `${dir}/data`,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  if (!init.ok) {
    remove();
    return { skipped: `no PostgreSQL: initdb failed: ${init.output.trim().slice(-200)}` };
  }
  const port = await freePort();
  // Durable: fsync, synchronous_commit and full_page_writes keep their defaults (on).
  const start = asPostgres(`${bin}/pg_ctl`, [
    '-D',
    `${dir}/data`,
    '-w',
    '-l',
    `${dir}/server.log`,
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`,
  ]);
  if (!start.ok) {
    remove();
    return { skipped: `no PostgreSQL: the server did not start: ${start.output.trim()}` };
  }
  const admin: PostgresTarget = {
    kind: 'postgres',
    host: '127.0.0.1',
    port,
    database: 'postgres',
    user: 'postgres',
    sslmode: 'disable',
    source: 'test',
  };
  // A bench stopped with Ctrl-C must not leave a server running in /var/tmp.
  const abandon = () => {
    asPostgres(`${bin}/pg_ctl`, ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
    remove();
    process.exit(130);
  };
  process.once('SIGINT', abandon);
  process.once('SIGTERM', abandon);
  const version = /\d+(\.\d+)?/.exec(asPostgres(`${bin}/postgres`, ['--version']).output)?.[0];
  const server = await onServer(admin, `PostgreSQL ${version ?? ''} on loopback, fsync on`);
  return {
    ...server,
    async stop() {
      process.off('SIGINT', abandon);
      process.off('SIGTERM', abandon);
      await server.stop();
      asPostgres(`${bin}/pg_ctl`, ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
      remove();
    },
  };
}

async function onServer(admin: PostgresTarget, describe: string): Promise<BenchPostgres> {
  const client = new pg.Client({
    host: admin.host,
    port: admin.port,
    user: admin.user,
    password: admin.password,
    database: admin.database,
    ssl:
      admin.sslmode === 'disable' ? false : { rejectUnauthorized: admin.sslmode === 'verify-full' },
  });
  await client.connect();
  const created: string[] = [];
  return {
    describe,
    async freshDatabase() {
      const name = `equineops_bench_${process.pid}_${created.length + 1}`;
      await client.query(`drop database if exists ${name}`);
      await client.query(`create database ${name}`);
      created.push(name);
      return { ...admin, database: name };
    },
    async stop() {
      for (const name of created)
        await client.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await client.end();
    },
  };
}
