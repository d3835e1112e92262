import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PostgresTarget } from '../db/database-target';
import type { OpenedDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import { freshPostgresTarget } from '../db/testing/test-database';
import type { QboCustomerJson } from '../quickbooks/mapping/customer-mapping';
import { insertRun } from '../sync/sync-log-repository';
import { clientIndexCount } from '../sync/sync-test-support';
import { DatabaseWorker } from './database-worker';

/**
 * The database worker's jobs on a shared PostgreSQL database: its own pool,
 * a sync page written in one transaction, and bulk writes that queue behind
 * another computer's instead of failing half-way.
 */
let target: PostgresTarget;
let main: OpenedDatabase;
let worker: DatabaseWorker;
beforeEach(async () => {
  target = await freshPostgresTarget();
  main = await openPostgres(target, { max: 2, applicationName: 'EquineOps test' });
  worker = new DatabaseWorker(target);
});
afterEach(async () => {
  await worker.close();
  await main.close();
});

const REALM = '9130355123456789';
const customer = (id: number, name: string, extra: Partial<QboCustomerJson> = {}) =>
  ({
    Id: String(id),
    SyncToken: '0',
    DisplayName: name,
    Active: true,
    MetaData: { LastUpdatedTime: '2026-03-01T10:00:00-08:00' },
    ...extra,
  }) as QboCustomerJson;

it('writes a first sync page, its summary line, counts, parents and cursor, and keeps every index of the shared table', async () => {
  const indexesBefore = await clientIndexCount(main.db);
  const runId = await insertRun(main.db, 'initial', REALM, new Date('2026-03-02T14:00:00Z'));
  const outcome = await worker.run('sync.applyBatch', {
    realmId: REALM,
    runId,
    at: '2026-03-02T14:00:01.000Z',
    customers: [
      customer(1, 'Pemberton Stables', { PrimaryEmailAddr: { Address: 'barn@pemberton.example' } }),
      customer(2, 'Jane Pemberton', { ParentRef: { value: '1' }, Job: true }),
      customer(3, '   '),
    ],
    fetched: 3,
    cursor: { full_started_at: null, full_after_id: null, changed_since: '2026-03-02T06:00:00Z' },
    itemizeCreations: false,
    linkParents: true,
    deferIndexes: true,
  });
  expect(outcome.counts).toMatchObject({ created: 2, errors: 1 });
  expect(outcome.touched).toHaveLength(2);

  const clients = await main.db
    .selectFrom('clients')
    .select(['id', 'qb_id', 'display_name', 'parent_id'])
    .orderBy('qb_id')
    .execute();
  expect(clients.map((c) => [c.qb_id, c.display_name])).toEqual([
    ['1', 'Pemberton Stables'],
    ['2', 'Jane Pemberton'],
  ]);
  expect(clients[1]!.parent_id).toBe(clients[0]!.id);
  const items = await main.db
    .selectFrom('sync_items')
    .select(['action', 'message'])
    .orderBy('id')
    .execute();
  expect(items).toEqual([
    expect.objectContaining({ action: 'error' }),
    { action: 'created', message: '2 customers added from QuickBooks' },
  ]);
  const run = await main.db
    .selectFrom('sync_runs')
    .select(['created', 'errors', 'fetched'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  expect(run).toEqual({ created: 2, errors: 1, fetched: 3 });
  const cursor = await main.db
    .selectFrom('sync_state')
    .select('changed_since')
    .executeTakeFirstOrThrow();
  expect(cursor.changed_since).toBe('2026-03-02T06:00:00Z');
  // Search finds the new clients at once.
  const found = await sql<{ n: number }>`select count(*) as n from clients_search`.execute(main.db);
  expect(Number(found.rows[0]!.n)).toBe(2);
  // Dropping an index would lock every other computer out of the clients table: none was touched.
  expect(await clientIndexCount(main.db)).toBe(indexesBefore);
  expect(await worker.run('sync.restoreIndexes', undefined)).toEqual({ rebuilt: 0 });
});

it("queues an import behind another computer's bulk write, then commits it whole", async () => {
  // Another computer, in the middle of a long import or sync page.
  const other = new pg.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: { rejectUnauthorized: false },
  });
  await other.connect();
  try {
    await other.query('begin');
    await other.query(`select pg_advisory_xact_lock(hashtextextended('equineops:bulk', 0))`);
    let settled = false;
    const commit = worker
      .run('import.commit', {
        fields: ['name', 'email'],
        rows: [
          ['Ann Hollis', 'ann@hollis.example'],
          ['Bob Hollis', 'bob@hollis.example'],
        ],
        numbering: [],
        excluded: [],
        resolutions: [],
        fileName: 'clients.csv',
        actor: 'Dana',
        now: new Date('2026-03-02T14:00:00Z'),
      })
      .finally(() => (settled = true));
    // The worker's transaction is waiting for the lock (the server says so), not failing.
    await expect.poll(() => waitingForBulkLock(other), { timeout: 20_000 }).toBe(1);
    expect(settled).toBe(false);
    expect(await countClients()).toBe(0);
    await other.query('commit');
    expect(await commit).toMatchObject({ created: 2 });
    expect(await countClients()).toBe(2);
  } finally {
    await other.end();
  }
});

async function countClients(): Promise<number> {
  const row = await main.db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitingForBulkLock(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: string }>(
    `select count(*) as n from pg_locks where locktype = 'advisory' and not granted
        and database = (select oid from pg_database where datname = current_database())`,
  );
  return Number(result.rows[0]!.n);
}
