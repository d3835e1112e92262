import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { migrations } from '../db/migrations';
import type { Database } from '../db/schema';
import { FakeScheduleTimer } from '../sync/scheduler/fake-schedule-timer';
import { parseBackupFileName } from './backup-names';
import { BACKUPS_FOLDER_NAME } from './data-safety';

let cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores) await core.dispose();
  cores = [];
});

async function startCore(options: Parameters<typeof createTestCore>[0] = {}): Promise<TestCore> {
  const core = await createTestCore({ dailyBackups: false, ...options });
  cores.push(core);
  return core;
}

function backupFiles(core: TestCore): string[] {
  return readdirSync(join(core.dataDir, BACKUPS_FOLDER_NAME)).filter((f) => f.endsWith('.sqlite'));
}

async function clientNames(core: TestCore): Promise<string[]> {
  const page = await core.call('clients.list', { status: 'active' });
  return page.rows.map((r) => r.displayName).sort();
}

describe('Back up now', () => {
  it('writes a private copy in the backups folder and lists it with its client count', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    await insertManualClient(core.db, { displayName: 'Maple Hollow' });

    const backup = await core.call('backups.create', {});

    expect(backup.kind).toBe('manual');
    expect(backup.counts).toEqual({ clients: 2, horses: 0, notes: 0 });
    const folder = join(core.dataDir, BACKUPS_FOLDER_NAME);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, backup.name)).mode & 0o777).toBe(0o600);
    // A self-contained file: no -wal or -shm beside it.
    expect(readdirSync(folder).filter((f) => f.startsWith(backup.name))).toEqual([backup.name]);
    const overview = await core.call('backups.overview', {});
    expect(overview.dataFile).toBe(join(core.dataDir, 'equineops.sqlite'));
    expect(overview.backups.map((b) => [b.name, b.counts?.clients])).toEqual([[backup.name, 2]]);
    // The browser host cannot open a folder; it says so instead of pretending.
    expect(overview.canOpenFolder).toBe(false);
    const open = await core.invoke('backups.openFolder', {});
    expect(open.ok || open.error.message).toMatch(/Copy the path/);
  });

  it('reads the counts from the backup file itself when its note beside it is missing', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    const backup = await core.call('backups.create', {});
    const folder = join(core.dataDir, BACKUPS_FOLDER_NAME);
    writeFileSync(join(folder, backup.name.replace('.sqlite', '.json')), 'not json');
    const [listed] = (await core.call('backups.overview', {})).backups;
    expect(listed!.counts).toEqual({ clients: 1, horses: 0, notes: 0 });
  });
});

describe('listing', () => {
  it('keeps the order of copies made within the same second, whatever their kind', async () => {
    const core = await startCore(); // the test clock stands still
    await core.backups.beforeChange('merge');
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    await core.call('backups.create', {});
    const [newest, older] = (await core.call('backups.overview', {})).backups;
    expect([newest?.kind, newest?.counts?.clients]).toEqual(['manual', 1]);
    expect([older?.kind, older?.counts?.clients]).toEqual(['before-merge', 0]);
  });
});

describe('restoring a backup while the app runs', () => {
  it('brings back the clients of the backup, keeps the current file aside, and every call sees the restored file', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    await insertManualClient(core.db, { displayName: 'Maple Hollow' });
    const backup = await core.call('backups.create', {});
    await insertManualClient(core.db, { displayName: 'Added After The Backup' });
    const events: unknown[] = [];
    core.events.subscribe((event, payload) => events.push({ event, payload }));

    const result = await core.call('backups.restore', { name: backup.name });

    expect(await clientNames(core)).toEqual(['Maple Hollow', 'Willow Creek Farm']);
    // Handlers that took the database when the core was built (the Sync Log's) read the new file too.
    expect((await core.call('sync.runs', { offset: 0, limit: 10 })).total).toBe(0);
    expect(result.restored.name).toBe(backup.name);
    expect(parseBackupFileName(result.setAsideName)?.kind).toBe('set-aside');
    const overview = await core.call('backups.overview', {});
    const aside = overview.backups.find((b) => b.name === result.setAsideName);
    expect(aside?.counts?.clients).toBe(3);
    expect(
      statSync(join(core.dataDir, BACKUPS_FOLDER_NAME, result.setAsideName)).mode & 0o777,
    ).toBe(0o600);
    // Every screen refreshes.
    expect(events).toContainEqual({
      event: 'data.changed',
      payload: { tables: expect.arrayContaining(['clients', 'settings', 'sync', 'backups']) },
    });

    // Writing works on the restored file, and the set-aside copy can be restored in turn.
    await core.call('settings.update', { organizationName: 'Sunny Acres After The Restore' });
    await core.call('backups.restore', { name: result.setAsideName });
    expect(await clientNames(core)).toEqual([
      'Added After The Backup',
      'Maple Hollow',
      'Willow Creek Farm',
    ]);
  });

  it('the database worker reads and writes the restored file afterwards, never the one set aside', async () => {
    const core = await startCore();
    const backup = await core.call('backups.create', {});
    await insertQuickBooksClient(core.db, {
      displayName: 'Maria Lopez',
      email: 'maria@willow.example',
    });
    await insertManualClient(core.db, { displayName: 'M. Lopez', email: 'maria@willow.example' });
    // The worker's scan opens its own connection to the file.
    expect((await core.call('duplicates.list', {})).pairs).toHaveLength(1);

    const { setAsideName } = await core.call('backups.restore', { name: backup.name });

    expect((await core.call('duplicates.list', {})).pairs).toHaveLength(0);
    await core.call('import.commit', {
      fileName: 'after-restore.csv',
      fields: ['name'],
      rows: [['Imported After The Restore']],
      excluded: [],
    });
    expect(await clientNames(core)).toEqual(['Imported After The Restore']);
    const aside = (await core.call('backups.overview', {})).backups.find(
      (b) => b.name === setAsideName,
    );
    expect(aside?.counts?.clients).toBe(2);
  });

  it('upgrades a backup made by an older version of the app', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Today’s Client' });
    const name = 'equineops-2026-01-05T020000Z-daily.sqlite';
    mkdirSync(join(core.dataDir, BACKUPS_FOLDER_NAME), { recursive: true });
    await writeFirstVersionFile(join(core.dataDir, BACKUPS_FOLDER_NAME, name), 'Renée Lefèvre');

    await core.call('backups.restore', { name });

    expect(await clientNames(core)).toEqual(['Renée Lefèvre']);
    const search = await core.call('clients.list', { status: 'active', search: 'renee' });
    expect(search.rows.map((r) => r.displayName)).toEqual(['Renée Lefèvre']);
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
    await core.call('backups.create', {});
    const name = 'equineops-2026-01-05T020000Z-manual.sqlite';
    writeFileSync(join(core.dataDir, BACKUPS_FOLDER_NAME, name), 'garbage, not SQLite at all');
    const dataFile = join(core.dataDir, 'equineops.sqlite');
    const before = readdirSync(join(core.dataDir, BACKUPS_FOLDER_NAME)).sort();

    const refused = await core.invoke('backups.restore', { name });

    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/cannot be read.*Nothing was changed/);
    expect(await clientNames(core)).toEqual(['Willow Creek Farm']);
    expect(readdirSync(join(core.dataDir, BACKUPS_FOLDER_NAME)).sort()).toEqual(before);
    expect(statSync(dataFile).size).toBeGreaterThan(0);
    const listed = (await core.call('backups.overview', {})).backups.find((b) => b.name === name);
    expect(listed?.counts).toBeNull();
  });

  it('refuses a name that is not in the backups folder', async () => {
    const core = await startCore();
    const refused = await core.invoke('backups.restore', {
      name: 'equineops-2026-01-05T020000Z-manual.sqlite',
    });
    expect(refused.ok || refused.error.message).toMatch(/no longer in the backups folder/);
    const traversal = await core.invoke('backups.restore', { name: '../equineops.sqlite' });
    expect(traversal.ok).toBe(false);
  });
});

describe('automatic backups', () => {
  it('copies the file before an import commits, with the clients it had before', async () => {
    const core = await startCore();
    await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });

    await core.call('import.commit', {
      fileName: 'clients.csv',
      fields: ['name', 'email'],
      rows: [['Maple Hollow', 'office@maple.example']],
      excluded: [],
    });

    const backups = (await core.call('backups.overview', {})).backups;
    expect(backups.map((b) => [b.kind, b.counts?.clients])).toEqual([['before-import', 1]]);
    expect(await clientNames(core)).toEqual(['Maple Hollow', 'Willow Creek Farm']);
  });

  it('copies an existing file before upgrading it, as it was', async () => {
    const dataDir = (await startCore()).dataDir;
    await cores.pop()!.close();
    const file = join(dataDir, 'equineops.sqlite');
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(file + suffix, '');
    await writeFirstVersionFile(file, 'Renée Lefèvre');

    const core = await startCore({ dataDir });

    const [backup] = (await core.call('backups.overview', {})).backups;
    expect(backup?.kind).toBe('before-upgrade');
    expect(backup?.counts?.clients).toBe(1);
    const copy = new SQLite(join(dataDir, BACKUPS_FOLDER_NAME, backup!.name), { readonly: true });
    expect(copy.prepare('SELECT name FROM kysely_migration').pluck().all()).toEqual([
      '0001-initial',
    ]);
    copy.close();
    expect(await clientNames(core)).toEqual(['Renée Lefèvre']);
  });

  it('takes one copy a day: at start when today has none, then on the first check of each new day', async () => {
    // 20:00 in New York on Thursday 26 November.
    const timer = new FakeScheduleTimer(new Date('2026-11-27T01:00:00.000Z'));
    const core = await startCore({ dailyBackups: { timer }, clock: timer });
    timer.settle = () => core.backups.settled();
    await core.call('settings.update', { timeZone: 'America/New_York' });
    const dailies = () => backupFiles(core).filter((f) => f.endsWith('-daily.sqlite'));
    await core.backups.settled();
    expect(dailies()).toHaveLength(1);

    await timer.advance(2 * 60 * 60 * 1000); // 22:00, the same day
    await core.backups.settled();
    expect(dailies()).toHaveLength(1);

    await timer.advance(3 * 60 * 60 * 1000); // 01:00 on Friday
    await core.backups.settled();
    expect(dailies()).toHaveLength(2);

    // Ten more days: the last 7 days are kept, plus the newest of the week before them.
    for (let day = 0; day < 10; day++) {
      await timer.advance(24 * 60 * 60 * 1000);
      await core.backups.settled();
    }
    // 26 Nov to 7 Dec: the last 7 days, and the newest of each week before them (Mon 30 Nov, Sun 29 Nov).
    expect(dailies()).toHaveLength(9);
  });
});

/** A data file as the first release wrote it (only the first migration), with one client. */
async function writeFirstVersionFile(file: string, clientName: string): Promise<void> {
  const sqlite = new SQLite(file);
  const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const onlyFirst = { '0001-initial': migrations['0001-initial']! };
  const { error } = await new Migrator({
    db: old,
    provider: { getMigrations: async () => onlyFirst },
  }).migrateToLatest();
  if (error) throw error;
  await old
    .insertInto('clients')
    .values({
      source: 'manual',
      display_name: clientName,
      sort_name: clientName.toLowerCase(),
      active: 1,
      created_at: '2025-01-05T09:00:00.000Z',
      updated_at: '2025-01-05T09:00:00.000Z',
    })
    .execute();
  await old.destroy();
  expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
}
