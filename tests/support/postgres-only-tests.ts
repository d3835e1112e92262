/**
 * Unit tests that need a PostgreSQL server by nature (they compare SQLite with
 * PostgreSQL, or test the server's failures, TLS and locks): the default run
 * (vitest.config.ts) leaves them out, the PostgreSQL run
 * (vitest.postgres.config.ts) runs them and fails without a server.
 * Name new ones `*.postgres.test.ts`, or list them here.
 */
export const postgresOnlyTests: readonly string[] = [
  '**/*.postgres.test.ts',
  // SQLite file vs PostgreSQL database, same data, same answers.
  'src-main/db/search-parity.test.ts',
  'src-main/db/migrations-both-dialects.test.ts',
  // Two processes migrating one shared database; the server's failures and TLS.
  'src-main/db/migration-runner-postgres.test.ts',
  'src-main/db/postgres/**/*.test.ts',
  'src-main/api/dispatcher-postgres.test.ts',
];
