import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTcpCutProxy, type TcpCutProxy } from '../../tests/support/tcp-cut-proxy';
import { insertManualClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import type { PostgresTarget } from '../db/database-target';
import { asAdmin } from '../db/postgres/pg-test-admin';
import { testDatabaseTarget } from '../db/testing/test-database';

/*
 * What staff see when the shared database fails during a call: a message for
 * that failure naming the server (never the password), and nothing
 * half-written. The failures are the real server's: a grant taken away, a
 * lock held by another session, the network cut; a disk-full the server
 * raises through a trigger (a throwaway cluster's disk cannot be filled).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A core on its own shared database, prepared first as its administrator would. */
async function coreOnSharedDatabase(
  prepare: (target: PostgresTarget) => Promise<void> = async () => undefined,
): Promise<{ core: TestCore; target: PostgresTarget }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eq-disp-pg-'));
  const target = (await testDatabaseTarget(dataDir))!;
  await prepare(target);
  const core = await createTestCore({ dataDir });
  cleanups.push(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // Refused calls are logged as errors; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return { core, target };
}

const server = (target: PostgresTarget) =>
  `the shared database ${target.database} on ${target.host}:${target.port}`;

describe('a call when the shared database fails', () => {
  it('names the missing privilege and keeps the client as it was; it works once granted again', async () => {
    const { core, target } = await coreOnSharedDatabase();
    const client = await insertManualClient(core.db, { displayName: 'Renée Lefèvre' });
    await asAdmin([`revoke insert on staff_notes from ${target.user}`], target.database);

    const refused = await core.invoke('notes.add', {
      clientId: client.id,
      body: 'Farrier Tuesday',
    });

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('database_read_only');
    expect(refused.error.message).toBe(
      `The user ${target.user} is missing a privilege on ${server(target)} (the server said: "permission denied for table staff_notes"), so nothing was changed. Ask whoever runs the server to grant it: EquineOps's user needs to own the database, or have SELECT, INSERT, UPDATE and DELETE on its tables (README, "One computer or several").`,
    );
    expect(JSON.stringify(refused.error)).not.toContain(target.password!);
    expect((await core.call('clients.get', { id: client.id })).notes).toEqual([]);

    await asAdmin([`grant insert on staff_notes to ${target.user}`], target.database);
    await core.call('notes.add', { clientId: client.id, body: 'Farrier Tuesday' });
    expect((await core.call('clients.get', { id: client.id })).notes).toHaveLength(1);
  });

  it('says the server is out of disk space, naming it, and writes nothing', async () => {
    const { core, target } = await coreOnSharedDatabase();
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    await asAdmin(
      [
        `create function no_space() returns trigger language plpgsql as $$
         begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`,
        'create trigger no_space before insert on staff_notes for each row execute function no_space()',
      ],
      target.database,
    );

    const refused = await core.invoke('notes.add', { clientId: client.id, body: 'Gate code' });

    expect(refused.ok ? null : refused.error.code).toBe('database_full');
    expect(refused.ok ? null : refused.error.message).toBe(
      `The server that holds ${server(target)} has run out of disk space, so nothing was changed. Ask whoever runs the server to free space on it, then try again.`,
    );
    const activity = await core.db.selectFrom('activity').select('summary').execute();
    expect(activity.map((a) => a.summary)).not.toContain('Added a note to Avery Barn');
  });

  it('says another computer is changing the client when its row stays locked', async () => {
    const { core, target } = await coreOnSharedDatabase((t) =>
      asAdmin([`alter database ${t.database} set lock_timeout = '300ms'`]),
    );
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const { adminClient } = await import('../db/postgres/pg-test-admin');
    const other = await adminClient(target.database);
    cleanups.push(() => other.end());
    await other.query('begin');
    await other.query(`select * from clients where id = ${client.id} for update`);

    const refused = await core.invoke('clients.update', {
      id: client.id,
      fields: { displayName: 'Avery Barns' },
    });

    expect(refused.ok ? null : refused.error.code).toBe('database_locked');
    expect(refused.ok ? null : refused.error.message).toBe(
      `Another computer was changing the same records in ${server(target)} at that moment, so nothing was changed. Try again.`,
    );
    await other.query('rollback');
    expect((await core.call('clients.get', { id: client.id })).client.displayName).toBe(
      'Avery Barn',
    );
  });

  it('says the server cannot be reached when the network to it is cut', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eq-disp-pg-'));
    const direct = (await testDatabaseTarget(dataDir))!;
    const proxy: TcpCutProxy = await startTcpCutProxy(direct);
    cleanups.push(() => proxy.close());
    rmSync(dataDir, { recursive: true, force: true });
    // The same database reached through a relay the test can cut.
    const throughProxy = mkdtempSync(join(tmpdir(), 'eq-disp-pg-'));
    const target = (await testDatabaseTarget(throughProxy))!;
    Object.assign(target, { database: direct.database, port: proxy.port });
    const core = await createTestCore({ dataDir: throughProxy });
    cleanups.push(async () => {
      proxy.restore();
      await core.dispose();
      rmSync(throughProxy, { recursive: true, force: true });
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });

    proxy.cut();
    const refused = await core.invoke('notes.add', { clientId: client.id, body: 'Gate code' });

    expect(refused.ok ? null : refused.error.code).toBe('database_unavailable');
    // Named by the server, never by the password (the words are connection-health.ts's while it retries).
    expect(refused.ok ? null : refused.error.message).toContain(
      `${direct.database} on 127.0.0.1:${proxy.port}`,
    );
    expect(JSON.stringify(refused)).not.toContain(target.password!);
  });
});
