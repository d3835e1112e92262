import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { AppError } from '../../errors';
import { describeTarget, type PostgresTarget } from '../database-target';
import type { Database } from '../schema';
import { PostgresDdlPlugin } from './ddl-plugin';
import { markPostgresError } from './pg-failures';

/** OIDs of int8 (count(*), sum) and numeric: numbers in this app stay far below 2^53. */
const INT8 = 20;
const NUMERIC = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresPoolOptions {
  /** Connections this pool may open (the UI's pool 4, the database worker's 2). */
  max: number;
  /** Shown in pg_stat_activity, so an administrator sees which computer holds a connection. */
  applicationName: string;
}

/** node-postgres' TLS settings for the chosen mode (its own URL parsing would treat require as verify-full). */
export function sslOptions(target: PostgresTarget): pg.ClientConfig['ssl'] {
  if (target.sslmode === 'disable') return false;
  if (target.sslmode === 'require') return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (target.caFile) {
    try {
      ca = readFileSync(target.caFile, 'utf8');
    } catch {
      throw new AppError(
        'validation',
        `The CA file ${target.caFile} could not be read: check the path in Settings → Data.`,
      );
    }
  }
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
}

// A computer whose app froze inside a transaction keeps its TCP connection alive, and with it its
// row locks: every other computer's save of those rows would wait. The server ends such a
// session after five minutes (no transaction of the app pauses anywhere near that long).
const SERVER_KEEPALIVE =
  '-c tcp_keepalives_idle=60 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=6 -c idle_in_transaction_session_timeout=300000';

export function postgresClientConfig(
  target: PostgresTarget,
  applicationName: string,
): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: sslOptions(target),
    application_name: applicationName,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // The server's side of the same: a computer that lost power or its network would otherwise
    // hold its row and advisory locks (the company's sync lock) for the OS default of two hours;
    // with these the server drops its connection, and so its locks, after about two minutes.
    options: SERVER_KEEPALIVE,
    connectionTimeoutMillis: 10_000,
    types,
  };
}

export function createPostgresPool(target: PostgresTarget, options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...postgresClientConfig(target, options.applicationName),
    max: options.max,
    idleTimeoutMillis: 30_000,
  });
  // An idle client's lost connection is reported here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Kysely over a pool; DDL goes through the plugin that makes SQLite's migrations valid here. */
export function postgresKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: markingPool(pool) }),
    plugins: [new PostgresDdlPlugin()],
  });
}

/**
 * The pool as kysely sees it, with every error of a connection or a query
 * marked as the shared database's (pg-failures.ts): "connect ECONNREFUSED"
 * or "Connection terminated unexpectedly" then read as the database being
 * unreachable, while the same errno from a QuickBooks request does not.
 */
function markingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    // pg-pool keeps the client class it connects with; kysely uses it to cancel a query.
    Client: (pool as unknown as Pick<PostgresPool, 'Client'>).Client,
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw markPostgresError(error);
      }
      let marking = wrapped.get(client);
      if (!marking) {
        const own = client;
        // pg-pool listens for errors only while a client is idle: a connection lost while kysely
        // holds it (inside a transaction) would otherwise crash the process. Its next query fails instead.
        own.on('error', () => undefined);
        marking = {
          release: (destroy?: boolean) => own.release(destroy),
          get processID() {
            return (own as { processID?: number }).processID;
          },
          query: ((text: unknown, parameters?: readonly unknown[]) => {
            const result = (own.query as (...args: unknown[]) => unknown)(text, parameters);
            return result instanceof Promise
              ? result.catch((error: unknown) => {
                  throw markPostgresError(error);
                })
              : result;
          }) as PostgresPoolClient['query'],
        };
        wrapped.set(client, marking);
      }
      return marking;
    },
  };
}

export { describeTarget };
