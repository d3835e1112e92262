/**
 * Where the client list lives: this computer's SQLite file (the default) or a
 * shared PostgreSQL server several office computers use at once.
 */
export type DatabaseTarget = SqliteTarget | PostgresTarget;

export interface SqliteTarget {
  kind: 'sqlite';
  file: string;
}

export type SslMode = 'disable' | 'require' | 'verify-full';

export interface PostgresTarget {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  /** Kept in memory only: read from the OS keychain or the environment's URL. */
  password?: string;
  /** `require` encrypts; `verify-full` also checks the server's certificate and name. */
  sslmode: SslMode;
  /** A CA file for verify-full with a server certificate no public authority signed. */
  caFile?: string;
  /** Settings → Data, the IT administrator's EQUINEOPS_DATABASE_URL, or a test. */
  source: 'settings' | 'environment' | 'test';
}

const SSL_MODES: Record<string, SslMode> = {
  disable: 'disable',
  require: 'require',
  'verify-full': 'verify-full',
};

/**
 * Reads `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/ca.pem`.
 * Throws a message that never repeats the URL (it may hold a password).
 */
export function parsePostgresUrl(text: string, source: PostgresTarget['source']): PostgresTarget {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error('The database address is not a postgres:// URL.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error('The database address must start with postgres://.');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database || !url.username)
    throw new Error('The database address needs a user, a host and a database name.');
  const mode = url.searchParams.get('sslmode') ?? 'verify-full';
  const sslmode = SSL_MODES[mode];
  if (!sslmode)
    throw new Error(`sslmode "${mode}" is not offered: use require, verify-full or disable.`);
  return {
    kind: 'postgres',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 5432,
    database,
    user: decodeURIComponent(url.username),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    sslmode,
    caFile: url.searchParams.get('sslrootcert') ?? undefined,
    source,
  };
}

/** How the app names a database to people: never with its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `the data file ${target.file}`;
  return `the shared database ${target.database} on ${target.host}:${target.port}`;
}

/**
 * Masks the password of any postgres:// address in a text (a log line, a
 * library's error that quotes its connection string), keeping the rest
 * readable for support.
 */
export function redactDatabaseUrls(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:[redacted]@');
}
