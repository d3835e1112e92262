import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAppSqliteDialect } from './sqlite-dialect';

let dir: string;
let file: string;
let other: SQLite.Database;
let db: Kysely<{ t: { n: number } }>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-dialect-'));
  file = join(dir, 'x.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table t (n integer)');
  db = new Kysely({
    dialect: createAppSqliteDialect(sqlite, {
      asyncBusy: true,
      busyWaitMs: 2000,
      reader: new SQLite(file),
    }),
  });
  // Another connection to the same file: the database worker, say.
  other = new SQLite(file);
});

afterEach(async () => {
  other.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('waits for another connection’s write on timers, so the thread keeps answering meanwhile', async () => {
  other.exec('begin immediate; insert into t values (1)');
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  let settled = false;
  const write = db
    .insertInto('t')
    .values({ n: 2 })
    .execute()
    .finally(() => (settled = true));
  try {
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Timers ran while the write was still waiting for the lock. A write that slept
    // inside SQLite (busy_timeout) would have held the thread until it gave up, so by
    // the time any timer ran it would have settled. Counts of ticks are not asserted:
    // a loaded machine runs fewer of them.
    expect(settled).toBe(false);
    expect(ticks).toBeGreaterThan(0);
  } finally {
    other.exec('commit');
    await write;
    clearInterval(ticker);
  }
  const rows = await db.selectFrom('t').select('n').orderBy('n').execute();
  expect(rows.map((r) => r.n)).toEqual([1, 2]);
});

it('reads while another connection holds the write lock (WAL readers never wait)', async () => {
  other.exec('begin immediate; insert into t values (1)');
  const rows = await db.selectFrom('t').select('n').execute();
  expect(rows).toEqual([]);
  other.exec('commit');
});

it('takes the write lock when a transaction begins, and fails plainly after waiting too long', async () => {
  other.exec('begin immediate');
  const failed = await db
    .transaction()
    .execute((trx) => sql`insert into t values (3)`.execute(trx))
    .catch((error: unknown) => error);
  expect((failed as { code?: string }).code).toBe('SQLITE_BUSY');
  other.exec('rollback');
  // Nothing was half-written: the failed transaction left the table as it was.
  expect(await db.selectFrom('t').select('n').execute()).toEqual([]);
});

it('answers reads while a write of its own waits for the lock, and keeps its writes in order', async () => {
  await db.insertInto('t').values({ n: 1 }).execute();
  other.exec('begin immediate');
  const first = db.insertInto('t').values({ n: 2 }).execute();
  const second = db.transaction().execute((trx) => trx.insertInto('t').values({ n: 3 }).execute());
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Both writes wait for the other connection; a list or search is not held up behind them.
  const seen = await db.selectFrom('t').select('n').execute();
  expect(seen.map((r) => r.n)).toEqual([1]);
  other.exec('commit');
  await Promise.all([first, second]);
  const rows = await db.selectFrom('t').select('n').orderBy('n').execute();
  expect(rows.map((r) => r.n)).toEqual([1, 2, 3]);
});
