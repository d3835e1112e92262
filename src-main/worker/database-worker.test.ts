import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  FIXTURE_REALM_ID,
  insertManualClient,
  insertQuickBooksClient,
} from '../clients/client-fixtures';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { AppError } from '../errors';
import { DatabaseWorker } from './database-worker';

let dir: string;
let file: string;
let main: OpenedDatabase;
let worker: DatabaseWorker;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-worker-'));
  file = join(dir, 'equineops.sqlite');
  main = await openDatabase(file);
  worker = new DatabaseWorker({ kind: 'sqlite', file });
});

afterEach(async () => {
  await worker.close();
  await main.close();
  rmSync(dir, { recursive: true, force: true });
});

const by = { actor: 'Dana', now: new Date('2026-03-02T14:00:00Z') };

it('runs a merge on its own connection, and the main connection sees it committed', async () => {
  const quickbooks = await insertQuickBooksClient(main.db, { displayName: 'Mary Smith' });
  const manual = await insertManualClient(main.db, { displayName: 'Mary Smith' });
  await worker.run('duplicates.merge', {
    ...by,
    keepClientId: quickbooks.id,
    archiveClientId: manual.id,
  });
  const archived = await main.db
    .selectFrom('clients')
    .select(['merged_into_id', 'archived_at'])
    .where('id', '=', manual.id)
    .executeTakeFirstOrThrow();
  expect(archived.merged_into_id).toBe(quickbooks.id);
  expect(archived.archived_at).not.toBeNull();
});

it('brings a refusal back as the same readable error', async () => {
  const one = await insertManualClient(main.db, { displayName: 'Mary Smith' });
  const two = await insertManualClient(main.db, { displayName: 'Mary Smyth' });
  const refused = await worker
    .run('duplicates.merge', { ...by, keepClientId: one.id, archiveClientId: two.id })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(AppError);
  expect((refused as AppError).code).toBe('conflict');
  expect((refused as AppError).message).toMatch(/QuickBooks client and a custom client/);
});

it('brings a SQLite failure back with its code, so the app can say what went wrong', async () => {
  main.sqlite.exec('drop table deferred_indexes');
  const failed = await worker
    .run('sync.restoreIndexes', undefined)
    .catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(SQLite.SqliteError);
  expect((failed as { code?: string }).code).toBe('SQLITE_ERROR');
});

it('runs jobs one at a time, in the order they were sent', async () => {
  const order: string[] = [];
  await Promise.all([
    worker.run('sync.localClients', { realmId: 'a' }).then(() => order.push('first')),
    worker.run('duplicates.list', { limit: 10 }).then(() => order.push('second')),
    worker.run('sync.localClients', { realmId: 'b' }).then(() => order.push('third')),
  ]);
  expect(order).toEqual(['first', 'second', 'third']);
});

it('refuses jobs once closed instead of starting a thread nobody will stop', async () => {
  await worker.close();
  await expect(worker.run('sync.localClients', { realmId: 'a' })).rejects.toThrow(/closed/);
});

it('holds jobs sent during a file swap until the swap is done, then reads the new file', async () => {
  await worker.run('sync.localClients', { realmId: FIXTURE_REALM_ID });
  await worker.pause();
  let answered = false;
  const during = worker.run('sync.localClients', { realmId: FIXTURE_REALM_ID }).then((clients) => {
    answered = true;
    return clients;
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(answered).toBe(false);

  // The swap, as a restore does it: the current file moves aside, another takes its name.
  const replacement = join(dir, 'replacement.sqlite');
  const other = await openDatabase(replacement);
  await insertQuickBooksClient(other.db, { displayName: 'Only In The Backup', qbId: '77' });
  await other.close();
  await main.close();
  renameSync(file, join(dir, 'set-aside.sqlite'));
  renameSync(replacement, file);
  main = await openDatabase(file);
  worker.resume();

  expect((await during).map((c) => c.qbId)).toEqual(['77']);
});
