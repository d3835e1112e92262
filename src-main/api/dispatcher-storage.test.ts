import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput } from '../../src-shared/contract';
import { newClientInput } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers';

/*
 * What staff see when the data file fails during a call: a message for that
 * failure naming the file, and nothing half-written. The failures are real
 * SQLite ones on real files: a full disk through PRAGMA max_page_count, a
 * read-only connection through PRAGMA query_only (CI runs as root, where a
 * chmod does not stop writes), a lock held by a second connection, and bytes
 * overwritten in the file.
 */

const newClient = (displayName: string) => newClientInput({ displayName });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testCore(): Promise<TestCore> {
  // A short folder name: the secret redaction masks long runs, paths included.
  const core = await createTestCore({ dataDir: mkdtempSync(join(tmpdir(), 'eq-disp-')) });
  cleanups.push(async () => {
    await core.dispose();
    rmSync(core.dataDir, { recursive: true, force: true });
  });
  return core;
}

describe('a call when the data file fails', () => {
  it('says the disk is full, naming the file, and keeps the client as it was; it works once there is room', async () => {
    const core = await testCore();
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.join(' '));
    });
    const client = await core.call('clients.create', newClient('Renée Lefèvre'));
    const before = await core.call('clients.get', { id: client.id });
    // No free pages, and no room for one more: the note's overflow pages cannot be written.
    await sql`vacuum`.execute(core.db);
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(core.db)).rows[0]!;
    await sql.raw(`pragma max_page_count = ${pages.page_count}`).execute(core.db);

    const note = { clientId: client.id, body: 'Farrier every six weeks. '.repeat(400) };
    const refused = await core.invoke('notes.add', note);

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('database_full');
    expect(refused.error.message).toMatch(/disk that holds the client database is full/);
    expect(refused.error.message).toMatch(/nothing was changed/);
    expect(refused.error.message).toContain(join(core.dataDir, 'equineops.sqlite'));
    expect(await core.call('clients.get', { id: client.id })).toEqual(before);
    // The log keeps the write's own failure, not a second one from a rollback SQLite had already done.
    expect(logged.join('\n')).toMatch(
      /notes\.add failed unexpectedly: SqliteError \(SQLITE_FULL\)/,
    );
    expect(logged.join('\n')).not.toMatch(/cannot rollback|SQLITE_ERROR/);

    await sql`pragma max_page_count = 1073741823`.execute(core.db);
    const added = await core.call('notes.add', note);
    expect((await core.call('clients.get', { id: client.id })).notes.map((n) => n.id)).toEqual([
      added.id,
    ]);
  });

  it('says the file is read-only and adds nothing to the list', async () => {
    const core = await testCore();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await core.call('clients.create', newClient('Marcus Hill'));
    await sql`pragma query_only = 1`.execute(core.db);

    const refused = await core.invoke('clients.create', newClient('Willow Creek Farm'));

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('database_read_only');
    expect(refused.error.message).toMatch(/read-only for your account, so nothing was changed/);
    expect(refused.error.message).toContain(join(core.dataDir, 'equineops.sqlite'));
    await sql`pragma query_only = 0`.execute(core.db);
    const list = await core.call('clients.list', {});
    expect(list.rows.map((c) => c.displayName)).toEqual(['Marcus Hill']);
  });
});

/** A dispatcher whose calls write and read a real file through openDatabase's connection. */
async function dispatcherOn(opened: OpenedDatabase, file: string) {
  const handlers = {
    'clients.create': async (input: MethodInput<'clients.create'>) =>
      opened.db.transaction().execute(async (trx) => {
        const at = '2026-03-02T14:00:00.000Z';
        await trx
          .insertInto('clients')
          .values({
            source: 'manual',
            display_name: input.displayName,
            sort_name: input.displayName.toLowerCase(),
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await trx
          .insertInto('activity')
          .values({ at, actor: 'Dana', action: 'client.created', summary: input.displayName })
          .execute();
        return {};
      }),
    'clients.list': async () =>
      opened.db.selectFrom('clients').select('display_name').orderBy('id').execute(),
  } as unknown as Handlers;
  return createDispatcher(handlers, { dataFile: file, log: () => undefined });
}

describe('a call on a file another program holds, or a damaged one', () => {
  it('says another program has the file and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-lock-'));
    const file = join(dir, 'equineops.sqlite');
    const opened = await openDatabase(file, { busyWaitMs: 100 });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => opened.close());
    const dispatcher = await dispatcherOn(opened, file);
    const other = new SQLite(file);
    cleanups.push(() => void other.close());
    other.exec("begin exclusive; insert into settings (key, value) values ('held', 'yes')");

    const refused = await dispatcher.invoke('clients.create', newClient('Marcus Hill'));

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('database_locked');
    expect(refused.error.message).toMatch(/in use by another program, so nothing was changed/);
    expect(refused.error.message).toContain(file);
    other.exec('rollback');
    expect(await dispatcher.invoke('clients.list', {})).toEqual({ ok: true, value: [] });
    expect(await opened.db.selectFrom('activity').selectAll().execute()).toEqual([]);
  });

  it('says the file is damaged when a read meets broken pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-bad-'));
    const file = join(dir, 'equineops.sqlite');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase(file);
    const firstDispatcher = await dispatcherOn(first, file);
    for (let i = 0; i < 200; i++)
      await firstDispatcher.invoke('clients.create', newClient(`Client ${i} ${'x'.repeat(300)}`));
    const root = first.sqlite
      .prepare("select rootpage from sqlite_master where name = 'clients'")
      .pluck()
      .get() as number;
    const pageSize = first.sqlite.pragma('page_size', { simple: true }) as number;
    await first.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);

    const opened = await openDatabase(file);
    cleanups.push(() => opened.close());
    const refused = await (await dispatcherOn(opened, file)).invoke('clients.list', {});

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('database_damaged');
    expect(refused.error.message).toMatch(/damaged, so nothing was changed/);
    expect(refused.error.message).toContain(file);
  });
});
