// TEST ONLY: a second computer starting EquineOps on the shared database
// (migration-runner-postgres.test.ts). It connects, says "ready", waits for
// "go" on stdin so both computers start migrating at the same moment, runs
// every pending step and prints the names of the steps it ran itself.
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { parsePostgresUrl } from '../database-target';
import { migrations } from '../migrations';
import { runMigrations } from '../migration-runner';
import { createPostgresPool, postgresKysely } from './pg-connection';

const url = process.env.MIGRATE_CHILD_URL;
if (!url) throw new Error('MIGRATE_CHILD_URL is required');
const target = {
  ...parsePostgresUrl(url, 'test'),
  sslmode: 'verify-full' as const,
  caFile: process.env.EQUINEOPS_TEST_POSTGRES_CA,
};
const db = postgresKysely(createPostgresPool(target, { max: 2, applicationName: 'migrate child' }));
await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
const ran = await runMigrations(db as unknown as Kysely<unknown>, migrations);
console.log(JSON.stringify({ ran }));
await db.destroy();
process.exit(0);
