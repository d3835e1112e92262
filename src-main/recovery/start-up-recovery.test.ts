import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_FOLDER_NAME } from '../backup/data-safety';
import { parseBackupFileName } from '../backup/backup-names';
import { insertManyClients, insertManualClient } from '../clients/client-fixtures';
import { createCore, DATA_FILE_NAME, type Core } from '../core';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';

let dataDir: string;
let dataFile: string;
let running: Core[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'equineops-recovery-'));
  dataFile = join(dataDir, DATA_FILE_NAME);
});
afterEach(async () => {
  for (const core of running) await core.close();
  running = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Core> {
  const core = await createCore({
    dataDir,
    ports: createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
    host: 'browser',
    scheduler: false,
    dailyBackups: false,
    lockWaitMs: 50,
  });
  running.push(core);
  return core;
}

async function stop(core: Core): Promise<void> {
  running = running.filter((c) => c !== core);
  await core.close();
}

async function call<T>(core: Core, method: string, input: unknown = {}): Promise<T> {
  const result = await core.dispatcher.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

async function activeClientNames(core: Core): Promise<string[]> {
  const page = await call<{ rows: { displayName: string }[] }>(core, 'clients.list', {
    status: 'active',
  });
  return page.rows.map((r) => r.displayName).sort();
}

/** A file with 300 generated clients and one backup of it, closed cleanly; returns the active count. */
async function fileWithABackup(): Promise<number> {
  const core = await start();
  await insertManyClients(core.db, 300, 1);
  const active = await activeClientCount(core);
  const backup = await call<{ counts: { clients: number } }>(core, 'backups.create');
  expect(backup.counts.clients).toBe(active);
  await stop(core);
  return active;
}

async function activeClientCount(core: Core): Promise<number> {
  return (await call<{ total: number }>(core, 'clients.list', { status: 'active' })).total;
}

type Status =
  | { state: 'ready' }
  | {
      state: 'recovery';
      problem: { kind: string; message: string; file: string };
      newestGoodBackup: { name: string; takenAt: string; counts: { clients: number } } | null;
    };

async function recoveryStatus(core: Core) {
  const status = await call<Status>(core, 'app.status');
  if (status.state !== 'recovery') throw new Error('expected the recovery state');
  return status;
}

function setAsideFiles(): string[] {
  return readdirSync(join(dataDir, BACKUPS_FOLDER_NAME)).filter(
    (f) => parseBackupFileName(f)?.kind === 'set-aside',
  );
}

describe('starting with a data file that is not right', () => {
  it('a truncated file: says so, offers the newest good backup, and restoring it brings the clients back', async () => {
    const active = await fileWithABackup();
    truncateSync(dataFile, Math.floor(statSync(dataFile).size / 2));
    const damaged = readFileSync(dataFile);

    const core = await start();

    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('truncated');
    expect(status.problem.message).toMatch(/incomplete/);
    expect(status.problem.file).toBe(dataFile);
    expect(status.newestGoodBackup?.counts.clients).toBe(active);
    // Nothing pretends to work meanwhile: the list is refused with the reason, not shown empty.
    const list = await core.dispatcher.invoke('clients.list', { status: 'active' });
    expect(list.ok || list.error.message).toMatch(/incomplete/);

    await call(core, 'recovery.restoreBackup', { name: status.newestGoodBackup!.name });

    expect(await call(core, 'app.status')).toEqual({ state: 'ready' });
    expect(await activeClientCount(core)).toBe(active);
    // The damaged file is kept, byte for byte, in the backups folder.
    const [aside] = setAsideFiles();
    expect(readFileSync(join(dataDir, BACKUPS_FOLDER_NAME, aside!))).toEqual(damaged);
  });

  it('a file of garbage: corrupt; starting a new empty file keeps the old one aside', async () => {
    await fileWithABackup();
    writeFileSync(dataFile, 'This is not a database. '.repeat(500));
    rmSync(`${dataFile}-wal`, { force: true });
    rmSync(`${dataFile}-shm`, { force: true });

    const core = await start();
    expect((await recoveryStatus(core)).problem.kind).toBe('corrupt');

    await call(core, 'recovery.startNew');

    expect(await call(core, 'app.status')).toEqual({ state: 'ready' });
    expect(await activeClientNames(core)).toEqual([]);
    const [aside] = setAsideFiles();
    expect(readFileSync(join(dataDir, BACKUPS_FOLDER_NAME, aside!), 'utf8')).toMatch(
      /^This is not a database/,
    );
    const overview = await call<{ backups: { name: string; counts: unknown }[] }>(
      core,
      'backups.overview',
    );
    expect(overview.backups.find((b) => b.name === aside)?.counts).toBeNull();
  });

  it('damaged pages inside a whole file: quick_check finds them', async () => {
    const active = await fileWithABackup();
    const bytes = readFileSync(dataFile);
    // Overwrite the middle of the file (table and index pages), leaving the header intact.
    bytes.fill(0x5a, 4096 * 3, bytes.length - 4096);
    writeFileSync(dataFile, bytes);

    const core = await start();

    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('corrupt');
    expect(status.newestGoodBackup?.counts.clients).toBe(active);
  });

  it('an empty (0-byte) file while backups exist is a loss, not a new list', async () => {
    const active = await fileWithABackup();
    writeFileSync(dataFile, '');

    const core = await start();

    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('empty');
    await call(core, 'recovery.restoreBackup', { name: status.newestGoodBackup!.name });
    expect(await activeClientCount(core)).toBe(active);
  });

  it('an empty file with no backups is a first start', async () => {
    writeFileSync(dataFile, '');
    const core = await start();
    expect(await call(core, 'app.status')).toEqual({ state: 'ready' });
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    expect(await activeClientNames(core)).toEqual(['Willow Creek Farm']);
  });

  it('a file another program holds locked: says so, and Try again opens it once released', async () => {
    const active = await fileWithABackup();
    const other = new SQLite(dataFile);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');

    const core = await start();
    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('locked');
    expect(status.problem.message).toMatch(/Another program/);

    other.exec('COMMIT');
    other.close();
    expect(await call(core, 'recovery.retry')).toEqual({ state: 'ready' });
    expect(await activeClientCount(core)).toBe(active);
  });

  it('a data file that cannot be read: says so, and no backup is offered when there is none', async () => {
    mkdirSync(dataFile); // a folder where the file should be

    const core = await start();

    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('unreadable');
    expect(status.newestGoodBackup).toBeNull();
  });

  it('a file last used by a newer version: says so in plain words and leaves the file as it was', async () => {
    await fileWithABackup();
    const sqlite = new SQLite(dataFile);
    sqlite
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999-from-the-future', new Date().toISOString());
    sqlite.close();
    const before = readFileSync(dataFile);

    const core = await start();

    const status = await recoveryStatus(core);
    expect(status.problem.kind).toBe('not-openable');
    expect(status.problem.message).toMatch(/newer version of EquineOps/);
    expect(readFileSync(dataFile)).toEqual(before);
  });

  it('skips a damaged backup when offering the newest good one', async () => {
    const active = await fileWithABackup();
    const core = await start();
    await insertManualClient(core.db, { displayName: 'Newer client' });
    const newer = await call<{ name: string }>(core, 'backups.create');
    await stop(core);
    writeFileSync(join(dataDir, BACKUPS_FOLDER_NAME, newer.name), 'garbage');
    writeFileSync(dataFile, 'garbage');

    const again = await start();

    const status = await recoveryStatus(again);
    expect(status.newestGoodBackup?.name).not.toBe(newer.name);
    expect(status.newestGoodBackup?.counts.clients).toBe(active);
  });
});
