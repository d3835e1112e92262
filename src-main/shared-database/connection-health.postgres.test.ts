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
import { DatabasePasswords } from './database-password';

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
  /** The shared database as this computer reaches it (through the relay), with its password. */
  target: PostgresTarget;
  databaseSecrets: ReturnType<typeof createMemorySecretStoreForTests>;
  proxy: TcpCutProxy;
  events: { event: EventName; payload: unknown }[];
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
}

async function officeThroughProxy(
  options: { cutBeforeStart?: boolean; password?: string } = {},
): Promise<Office> {
  const target = await freshPostgresTarget();
  const proxy = await startTcpCutProxy({ host: target.host, port: target.port });
  cleanups.push(() => proxy.close());
  if (options.cutBeforeStart) proxy.cut();
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-lost-'));
  const through: PostgresTarget = { ...target, port: proxy.port };
  const databaseSecrets = createMemorySecretStoreForTests();
  const core = await createCore({
    dataDir,
    ports: createNodePorts({
      secrets: createMemorySecretStoreForTests(),
      databaseSecrets,
      launchBrowser: false,
    }),
    host: 'browser',
    database: 'password' in options ? { ...through, password: options.password } : through,
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
    target: through,
    databaseSecrets,
    proxy,
    events,
    call: (method, input) => core.dispatcher.invoke(method, input),
  };
}

async function setUp(office: Office) {
  await writeSettings(office.core.db, { organizationName: 'Sunny Acres Barn' });
  await saveStaffName(office.core.db, office.core.context.computer.id, 'Dana');
}

/** Once it opened: the organization set up, and a client saved (the app works). */
async function setUpAndSave(office: Office, displayName: string) {
  await setUp(office);
  const created = await office.call('clients.create', newClientInput({ displayName }));
  expect(created.ok).toBe(true);
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
    await setUpAndSave(office, 'After the wait');
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

describe('the shared database goes away while nobody is calling', () => {
  it('shows the banner at once from the live-update connection, and clears it once the server answers again', async () => {
    const office = await officeThroughProxy();
    await setUp(office);
    const lostEvents = () =>
      office.events.filter(
        (e) => e.event === 'database.status' && (e.payload as { state: string }).state === 'lost',
      );
    expect(lostEvents()).toEqual([]);

    // No call is made: an idle screen learns of it from the LISTEN connection dropping.
    office.proxy.cut();
    await vi.waitFor(() => expect(lostEvents()).toHaveLength(1), { timeout: 5_000, interval: 50 });
    expect(lostEvents()[0]!.payload).toMatchObject({ state: 'lost', neverOpened: false });
    const status = await office.call('database.status', {});
    expect(status.ok && status.value.health.state).toBe('lost');

    office.proxy.restore();
    await vi.waitFor(
      () =>
        expect(
          office.events.some(
            (e) => e.event === 'database.status' && (e.payload as { state: string }).state === 'ok',
          ),
        ).toBe(true),
      { timeout: 20_000, interval: 100 },
    );
    const created = await office.call(
      'clients.create',
      newClientInput({ displayName: 'After the quiet cut' }),
    );
    expect(created.ok).toBe(true);
  });
});

describe('starting without the shared database’s password (a new keychain or user account)', () => {
  it('says so without claiming anything was changed, and opens with the password typed on the waiting screen, which the keychain then keeps', async () => {
    const office = await officeThroughProxy({ password: undefined });
    const status = await office.call('database.status', {});
    expect(status.ok && status.value.health).toMatchObject({
      state: 'lost',
      neverOpened: true,
      reasonCode: 'password_missing',
    });
    const reason = status.ok ? status.value.health.reason : '';
    expect(reason).toMatch(
      /asks for the password of the user \w+, and none is saved on this computer\. Enter it below/,
    );
    expect(reason).not.toMatch(/nothing was changed/);

    const wrong = await office.call('database.retry', { password: 'not-the-password-42' });
    expect(wrong.ok && wrong.value).toMatchObject({
      state: 'lost',
      neverOpened: true,
      reasonCode: 'password_refused',
    });
    expect(wrong.ok && wrong.value.reason).toMatch(
      /refused the password of the user \w+\. Enter the right one below/,
    );
    expect(JSON.stringify(wrong)).not.toContain('not-the-password-42');
    expect(await new DatabasePasswords(office.databaseSecrets).read(office.target)).toBeNull();

    const right = await office.call('database.retry', { password: office.target.password! });
    expect(right.ok && right.value).toMatchObject({ state: 'ok', neverOpened: false });
    expect(await new DatabasePasswords(office.databaseSecrets).read(office.target)).toBe(
      office.target.password,
    );
    await setUpAndSave(office, 'After the password');
  });

  it('a server out of reach at start-up does not say “nothing was changed” either', async () => {
    const office = await officeThroughProxy({ cutBeforeStart: true });
    const status = await office.call('database.status', {});
    expect(status.ok && status.value.health.reasonCode).toBe('other');
    expect(status.ok && status.value.health.reason).not.toMatch(/nothing was changed/);
  });
});
