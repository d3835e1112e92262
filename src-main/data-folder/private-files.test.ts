import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../clients/test-core';
import { openDatabase } from '../db/open-database';

/*
 * Real modes from stat, under umask 000: the one that would leave everything
 * world-readable (and writable) if the app relied on it.
 */

const posix = process.platform !== 'win32';
let parent: string;
let previousUmask: number;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'eq-modes-'));
  previousUmask = process.umask(0o000);
});
afterEach(() => {
  process.umask(previousUmask);
  rmSync(parent, { recursive: true, force: true });
});

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
}

/** Every file and folder under `dir` with its mode, paths relative to it. */
function modesUnder(dir: string): Record<string, string> {
  const modes: Record<string, string> = {};
  const walk = (path: string) => {
    modes[relative(dir, path) || '.'] = mode(path);
    if (statSync(path).isDirectory())
      for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(dir);
  return modes;
}

describe.runIf(posix)('the data folder is private to its account', () => {
  it('creates the folder 0700 and the database with its WAL files 0600, whatever the umask', async () => {
    const dataDir = join(parent, 'new', 'EquineOps');
    const core = await createTestCore({ dataDir });
    try {
      expect(mode(dataDir)).toBe('0700');
      for (const name of ['equineops.sqlite', 'equineops.sqlite-wal', 'equineops.sqlite-shm'])
        expect(`${name} ${mode(join(dataDir, name))}`).toBe(`${name} 0600`);
    } finally {
      await core.dispose();
    }
  });

  it('opens a database file of its own left read-only, and makes it 0600', async () => {
    const file = join(parent, 'equineops.sqlite');
    await (await openDatabase(file)).close();
    chmodSync(file, 0o400);

    const opened = await openDatabase(file);
    try {
      expect(mode(file)).toBe('0600');
      await opened.db.insertInto('settings').values({ key: 'written', value: 'yes' }).execute();
    } finally {
      await opened.close();
    }
  });

  it('repairs a folder an older version left readable by everyone: database, WAL, backups, logs, documents and keys file', async () => {
    const dataDir = join(parent, 'EquineOps');
    mkdirSync(dataDir);
    const opened = await openDatabase(join(dataDir, 'equineops.sqlite'));
    await opened.close();
    // What versions before this one left: 0755 folders, 0644 files.
    const other = new SQLite(join(dataDir, 'equineops.sqlite'));
    other.pragma('journal_mode = WAL');
    other.exec("insert into settings (key, value) values ('left', 'open')");
    mkdirSync(join(dataDir, 'backups'));
    mkdirSync(join(dataDir, 'logs'));
    mkdirSync(join(dataDir, 'documents', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'backups', 'equineops-2026-03-01.sqlite'), 'backup');
    writeFileSync(join(dataDir, 'documents', 'ab', 'ab'.padEnd(64, '0')), '%PDF coggins');
    writeFileSync(join(dataDir, 'logs', 'equineops.log'), 'log line');
    writeFileSync(join(dataDir, 'quickbooks.json'), '{"clientId":"x"}');
    for (const path of [
      dataDir,
      join(dataDir, 'backups'),
      join(dataDir, 'logs'),
      join(dataDir, 'documents'),
      join(dataDir, 'documents', 'ab'),
    ])
      chmodSync(path, 0o755);
    for (const name of [
      'equineops.sqlite',
      'equineops.sqlite-wal',
      'equineops.sqlite-shm',
      'quickbooks.json',
      'backups/equineops-2026-03-01.sqlite',
      'logs/equineops.log',
      `documents/ab/${'ab'.padEnd(64, '0')}`,
    ])
      chmodSync(join(dataDir, name), 0o644);

    const core = await createTestCore({ dataDir });
    try {
      // Read while the other connection still keeps the WAL files.
      const modes = modesUnder(dataDir);
      other.close();
      expect(modes).toMatchObject({
        '.': '0700',
        'equineops.sqlite': '0600',
        'equineops.sqlite-wal': '0600',
        'equineops.sqlite-shm': '0600',
        'quickbooks.json': '0600',
        backups: '0700',
        'backups/equineops-2026-03-01.sqlite': '0600',
        logs: '0700',
        'logs/equineops.log': '0600',
        documents: '0700',
        'documents/ab': '0700',
        [`documents/ab/${'ab'.padEnd(64, '0')}`]: '0600',
      });
      // Nothing the app keeps there is readable by another account.
      const readableByOthers = Object.entries(modes).filter(([, m]) => /[1-7]$|[1-7].$/.test(m));
      expect(readableByOthers).toEqual([]);
    } finally {
      await core.dispose();
    }
  });
});
