import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { dataFileFailure, sqliteFailure } from './sqlite-failures';

/*
 * Each failure is produced for real by SQLite on a real file; the test checks
 * the message staff get for it. The read-only case opens the file with
 * better-sqlite3's `readonly: true`: these tests run as root in CI, where a
 * chmod does not stop writes. (Temp folders get short names: the redaction of
 * secrets masks any run of 24 or more letters, digits and dashes, paths included.)
 */

let dir: string;
let file: string;
const open: SQLite.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-fail-'));
  file = join(dir, 'equineops.sqlite');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table clients (id integer primary key, name text not null)');
  const insert = db.prepare('insert into clients (name) values (?)');
  for (let i = 0; i < 300; i++) insert.run(`Client ${i} ${'x'.repeat(200)}`);
  db.close();
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(options?: SQLite.Options): SQLite.Database {
  const db = new SQLite(file, options);
  open.push(db);
  return db;
}

function failureOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

function expectMessage(error: unknown, code: AppError['code'], says: RegExp): void {
  const failure = sqliteFailure(error, file);
  expect(failure?.code).toBe(code);
  expect(failure?.message).toMatch(says);
  expect(failure?.message).toContain(file);
  expect(failure?.message).toMatch(/nothing was changed/i);
}

describe('a failure of the data file, as staff read it', () => {
  it('a full disk says to free space', () => {
    const db = connect();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const error = failureOf(() =>
      db.prepare('insert into clients (name) values (?)').run('y'.repeat(20_000)),
    );
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expectMessage(error, 'database_full', /disk .* is full.*Free some space/);
  });

  it('a read-only file says the file or its folder is read-only', () => {
    const db = connect({ readonly: true });
    const error = failureOf(() => db.prepare("insert into clients (name) values ('z')").run());
    expect((error as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expectMessage(error, 'database_read_only', /read-only for your account/);
  });

  it('a file another program holds locked says to close that program', () => {
    const other = connect();
    other.exec("begin exclusive; insert into clients (name) values ('held')");
    const db = connect({ timeout: 50 });
    const error = failureOf(() => db.prepare("insert into clients (name) values ('z')").run());
    expect((error as { code: string }).code).toMatch(/^SQLITE_BUSY/);
    expectMessage(error, 'database_locked', /in use by another program.*Close any program/);
    other.exec('rollback');
  });

  it('a damaged file says it will be checked and a backup offered', () => {
    const probe = connect();
    const root = probe.prepare("select rootpage from sqlite_master where name = 'clients'").pluck();
    const page = root.get() as number;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    open.pop();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);

    const db = connect();
    const error = failureOf(() => db.prepare('select count(*) from clients').get());
    expect((error as { code: string }).code).toMatch(/^SQLITE_CORRUPT/);
    expectMessage(error, 'database_damaged', /damaged.*offers to restore the newest backup/);
  });

  it('a file that is not a database at all reads as damaged', () => {
    rmSync(file);
    writeFileSync(file, 'Name,Email\nRenée,renee@example.com\n'.repeat(200));
    const error = failureOf(() => connect().prepare('select * from sqlite_master').all());
    expect((error as { code: string }).code).toBe('SQLITE_NOTADB');
    expectMessage(error, 'database_damaged', /damaged/);
  });

  it('a folder that cannot be created reads as read-only, naming the file', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/x'"), {
      code: 'EACCES',
    });
    expect(dataFileFailure(error, file)?.code).toBe('database_read_only');
    // The same errno from anywhere else in the app is not about the data file.
    expect(sqliteFailure(error, file)).toBeNull();
  });

  it('leaves other errors alone', () => {
    const db = connect();
    const error = failureOf(() => db.prepare('insert into clients (name) values (null)').run());
    expect((error as { code: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(sqliteFailure(error, file)).toBeNull();
    expect(sqliteFailure(new Error('plain'), file)).toBeNull();
  });
});
