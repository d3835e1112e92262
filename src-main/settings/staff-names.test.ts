import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newClientInput } from '../clients/client-fixtures';
import {
  createTestClock,
  createTestCore,
  TEST_STAFF_NAME,
  type TestCore,
} from '../clients/test-core';
import type { CallResult, Method, MethodInput, MethodOutput } from '../../src-shared/contract';
import { createCore, type Core } from '../core';
import { storageKind } from '../db/dialect';
import { testDatabaseTarget } from '../db/testing/test-database';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import {
  COMPUTER_ID_FILE_NAME,
  COMPUTER_NAME_FILE_NAME,
} from '../shared-database/computer-identity';
import { defaultSettings, writeSettings } from './settings-repository';

/**
 * Each computer signs its work with the name given on it. On PostgreSQL the
 * second computer is a second core on the same database (its own data folder,
 * so its own computer id); on SQLite each computer has its own file anyway,
 * and a file from before names were per computer keeps the name it had.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function firstComputer(): Promise<TestCore> {
  const core = await createTestCore();
  cleanups.push(() => core.dispose());
  return core;
}

interface OtherComputer {
  db: Core['db'];
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** Another computer: its own data folder; on PostgreSQL the first one's database. */
async function secondComputer(first: TestCore): Promise<OtherComputer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-second-computer-'));
  const core = await createCore({
    dataDir,
    ports: createNodePorts({
      clock: createTestClock(),
      secrets: createMemorySecretStoreForTests(),
      launchBrowser: false,
    }),
    host: 'browser',
    database: await testDatabaseTarget(first.dataDir),
    dailyBackups: false,
    scheduler: false,
  });
  cleanups.push(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    db: core.db,
    async call(method, input) {
      const result = (await core.dispatcher.invoke(method, input)) as CallResult<
        MethodOutput<typeof method>
      >;
      if (!result.ok) throw new Error(`${method} was refused: ${result.error.message}`);
      return result.value;
    },
  };
}

describe('staff names per computer', () => {
  it('signs each computer’s notes with the name given on that computer', async () => {
    const front = await firstComputer();
    const office = await secondComputer(front);
    await office.call('settings.update', { staffName: 'Pat in the office' });

    const client = await front.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    // On PostgreSQL both computers see the one client; on SQLite the office has its own file.
    const onOffice =
      storageKind(front.db) === 'postgres'
        ? client
        : await office.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    const fromFront = await front.call('notes.add', {
      clientId: client.id,
      body: 'Paid for March',
    });
    const fromOffice = await office.call('notes.add', {
      clientId: onOffice.id,
      body: 'Farrier on Friday',
    });

    expect(fromFront.author).toBe(TEST_STAFF_NAME);
    expect(fromOffice.author).toBe('Pat in the office');
    expect((await front.call('settings.get', {})).staffName).toBe(TEST_STAFF_NAME);
    expect((await office.call('settings.get', {})).staffName).toBe('Pat in the office');
  });

  it('asks a computer joining a set-up shared database only for its name; a SQLite file set up before does not ask', async () => {
    const front = await firstComputer();
    await writeSettings(front.db, { organizationName: 'Sunny Acres Stables' });
    const office = await secondComputer(front);
    if (storageKind(front.db) === 'sqlite')
      await writeSettings(office.db, { organizationName: 'Sunny Acres Stables' });

    const status = await office.call('settings.setup.status', {});
    if (storageKind(front.db) === 'postgres') {
      expect(status).toMatchObject({ needed: true, nameOnly: true, storedStaffName: null });
      await office.call('settings.update', { staffName: 'Pat in the office' });
      expect(await office.call('settings.setup.status', {})).toMatchObject({
        needed: false,
        nameOnly: false,
        storedStaffName: 'Pat in the office',
      });
      // The barn's settings are one: the office did not set up its own.
      expect(await office.call('settings.get', {})).toMatchObject({
        organizationName: 'Sunny Acres Stables',
      });
    } else {
      // A SQLite file set up before names were asked signs with the OS account, as it did.
      expect(status).toMatchObject({ needed: false, nameOnly: false });
    }
    expect((await front.call('settings.get', {})).staffName).toBe(TEST_STAFF_NAME);
  });

  it('reads the name stored before names were per computer on SQLite only, until this computer is named', async () => {
    const core = await firstComputer();
    await core.db.updateTable('computers').set({ staff_name: null }).execute();
    await writeSettings(core.db, { staffName: 'Jane from an older version' });
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    const unnamed = await core.call('notes.add', { clientId: client.id, body: 'One' });
    // A SQLite file is this computer's alone and keeps its name; in a shared database that one
    // row would sign every computer's work, so an unnamed computer signs with its OS account.
    expect(unnamed.author).toBe(
      storageKind(core.db) === 'sqlite'
        ? 'Jane from an older version'
        : defaultSettings().staffName,
    );

    await core.call('settings.update', { staffName: 'Jane Miller' });
    expect((await core.call('notes.add', { clientId: client.id, body: 'Two' })).author).toBe(
      'Jane Miller',
    );
    const legacy = await core.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'staffName')
      .executeTakeFirst();
    expect(legacy?.value).toBe('Jane from an older version');
  });
});

describe('this computer’s identity', () => {
  it('is made once in the data folder, private, and registered with its name and version at each start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-identity-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const first = await createTestCore({ dataDir });
    const id = readFileSync(join(dataDir, COMPUTER_ID_FILE_NAME), 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.context.computer).toEqual({ id, name: hostname() });
    if (process.platform !== 'win32')
      expect(statSync(join(dataDir, COMPUTER_ID_FILE_NAME)).mode & 0o777).toBe(0o600);
    await first.dispose();

    const again = await createTestCore({ dataDir });
    cleanups.push(() => again.dispose());
    expect(again.context.computer.id).toBe(id);
    const rows = await again.db.selectFrom('computers').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      name: hostname(),
      staff_name: TEST_STAFF_NAME,
      app_version: again.context.version,
      last_seen_at: expect.any(String),
    });
  });

  it('takes the name other computers see from a computer-name file when there is one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-identity-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    writeFileSync(join(dataDir, COMPUTER_NAME_FILE_NAME), '  FRONT-DESK\n');
    const core = await createTestCore({ dataDir });
    cleanups.push(() => core.dispose());
    expect(core.context.computer.name).toBe('FRONT-DESK');
    const row = await core.db
      .selectFrom('computers')
      .select('name')
      .where('id', '=', core.context.computer.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('FRONT-DESK');
  });
});
