import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  CallResult,
  EventName,
  Method,
  MethodInput,
  MethodOutput,
} from '../../src-shared/contract';
import { startTcpCutProxy, type TcpCutProxy } from '../../tests/support/tcp-cut-proxy';
import { createCore, type Core } from '../core';
import type { PostgresTarget } from '../db/database-target';
import { freshPostgresTarget } from '../db/testing/test-database';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import { newClientInput } from '../clients/client-fixtures';
import { saveStaffName, writeSettings } from '../settings/settings-repository';

/*
 * The shared database's connection lost and back: calls say nothing was saved,
 * the state flips to lost (the banner), `select 1` retries, and once the
 * server answers every screen refreshes. PostgreSQL-only by nature; the
 * server is "cut" by a TCP relay between the app and it.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

interface Office {
  core: Core;
  proxy: TcpCutProxy;
  events: { event: EventName; payload: unknown }[];
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
}

async function officeThroughProxy(options: { cutBeforeStart?: boolean } = {}): Promise<Office> {
  const target = await freshPostgresTarget();
  const proxy = await startTcpCutProxy({ host: target.host, port: target.port });
  cleanups.push(() => proxy.close());
  if (options.cutBeforeStart) proxy.cut();
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-lost-'));
  const through: PostgresTarget = { ...target, port: proxy.port };
  const core = await createCore({
    dataDir,
    ports: createNodePorts({
      secrets: createMemorySecretStoreForTests(),
      databaseSecrets: createMemorySecretStoreForTests(),
      launchBrowser: false,
    }),
    host: 'browser',
    database: through,
    dailyBackups: false,
    scheduler: false,
  });
  cleanups.push(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const events: Office['events'] = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  return {
    core,
    proxy,
    events,
    call: (method, input) => core.dispatcher.invoke(method, input),
  };
}

async function setUp(office: Office) {
  await writeSettings(office.core.db, { organizationName: 'Sunny Acres Barn' });
  await saveStaffName(office.core.db, office.core.context.computer.id, 'Dana');
}

describe('the shared database goes away while the app runs', () => {
  it('refuses calls in words, shows lost since when, and after the server is back refreshes everything and saves again', async () => {
    const office = await officeThroughProxy();
    await setUp(office);
    const before = await office.call(
      'clients.create',
      newClientInput({ displayName: 'Before the cut' }),
    );
    expect(before.ok).toBe(true);

    office.proxy.cut();
    const during = await office.call(
      'clients.create',
      newClientInput({ displayName: 'Typed during the cut' }),
    );
    expect(during.ok).toBe(false);
    if (!during.ok) {
      expect(during.error.code).toBe('database_unavailable');
      expect(during.error.message).toMatch(
        /^The shared database \(eo_t_\w+ on 127\.0\.0\.1:\d+\) cannot be reached\. Nothing was saved; EquineOps keeps trying/,
      );
    }
    const lost = office.events.find((e) => e.event === 'database.status');
    expect(lost?.payload).toMatchObject({ state: 'lost', neverOpened: false });
    const status = await office.call('database.status', {});
    expect(status.ok && status.value.health.state).toBe('lost');

    office.proxy.restore();
    await vi.waitFor(
      () =>
        expect(
          office.events.at(-1)?.event === 'data.changed' ||
            office.events.some(
              (e) =>
                e.event === 'database.status' && (e.payload as { state: string }).state === 'ok',
            ),
        ).toBe(true),
      { timeout: 20_000, interval: 100 },
    );
    await vi.waitFor(
      () =>
        expect(office.events.filter((e) => e.event === 'data.changed').at(-1)?.payload).toEqual({
          tables: expect.arrayContaining(['clients', 'notes', 'settings', 'sync']),
        }),
      { timeout: 20_000, interval: 100 },
    );
    const again = await office.call(
      'clients.create',
      newClientInput({ displayName: 'Typed during the cut' }),
    );
    expect(again.ok).toBe(true);
    const list = await office.call('clients.list', { search: 'cut' });
    expect(list.ok && list.value.rows.map((r) => r.displayName).sort()).toEqual([
      'Before the cut',
      'Typed during the cut',
    ]);
  });
});

describe('starting while the shared database cannot be reached', () => {
  it('waits (no crash), says why, and opens once the server answers', async () => {
    const office = await officeThroughProxy({ cutBeforeStart: true });
    const status = await office.call('database.status', {});
    expect(status.ok && status.value.health).toMatchObject({ state: 'lost', neverOpened: true });
    expect(status.ok && status.value.health.reason).toMatch(
      /^EquineOps cannot reach the shared database eo_t_\w+ on 127\.0\.0\.1:\d+/,
    );
    const list = await office.call('clients.list', {});
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.error.code).toBe('database_unavailable');

    office.proxy.restore();
    const retried = await office.call('database.retry', {});
    expect(retried.ok && retried.value).toMatchObject({ state: 'ok', neverOpened: false });
    await setUp(office);
    const created = await office.call(
      'clients.create',
      newClientInput({ displayName: 'After the wait' }),
    );
    expect(created.ok).toBe(true);
  });

  it('offers this computer’s own file instead', async () => {
    const office = await officeThroughProxy({ cutBeforeStart: true });
    const local = await office.call('database.useLocal', {});
    expect(local.ok && local.value).toMatchObject({ kind: 'sqlite', health: { state: 'ok' } });
    const created = await office.call(
      'clients.create',
      newClientInput({ displayName: 'On the file' }),
    );
    expect(created.ok).toBe(true);
  });
});
