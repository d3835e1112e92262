import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { appliedMigrationNames, runMigrations, type UpgradePlan } from './migration-runner';

let dir: string;
let db: Kysely<unknown>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-migrate-'));
  db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SQLite(join(dir, 'data.sqlite')) }),
  });
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const createTable = (name: string): Migration => ({
  up: async (db) => {
    await sql`create table ${sql.table(name)} (id integer primary key)`.execute(db);
  },
});

async function tables(): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'kysely%' order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

describe('running the upgrade steps', () => {
  it('leaves nothing of a step that fails half-way, and finishes on the next start', async () => {
    const first = { '0001-a': createTable('a') };
    await runMigrations(db, first);
    const failing: Migration = {
      up: async (db) => {
        await sql`create table b (id integer primary key)`.execute(db);
        await sql`insert into a (id) values (1)`.execute(db);
        throw new Error('power cut');
      },
    };

    await expect(runMigrations(db, { ...first, '0002-b': failing })).rejects.toThrow(
      'The client database could not be updated (step 0002-b): power cut',
    );
    expect(await appliedMigrationNames(db)).toEqual(['0001-a']);
    expect(await tables()).toEqual(['a']);
    expect((await sql`select * from a`.execute(db)).rows).toEqual([]);

    expect(await runMigrations(db, { ...first, '0002-b': createTable('b') })).toEqual(['0002-b']);
    expect(await tables()).toEqual(['a', 'b']);
  });

  it('refuses a file written by a newer version and leaves it as it was', async () => {
    await runMigrations(db, { '0001-a': createTable('a'), '0002-b': createTable('b') });

    const refusal = await runMigrations(db, {
      '0001-a': createTable('a'),
      '0003-c': createTable('c'),
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('database_too_new');
    expect((refusal as AppError).message).toMatch(/newer version of EquineOps/);
    expect(await tables()).toEqual(['a', 'b']);
  });

  it('offers an existing file to back up before the first step runs, and never a new file', async () => {
    const seen: { plan: UpgradePlan; tables: string[] }[] = [];
    const beforeUpgrade = async (plan: UpgradePlan) => {
      seen.push({ plan, tables: await tables() });
    };
    await runMigrations(db, { '0001-a': createTable('a') }, { beforeUpgrade });
    expect(seen).toEqual([]);

    await runMigrations(
      db,
      { '0001-a': createTable('a'), '0002-b': createTable('b'), '0003-c': createTable('c') },
      { beforeUpgrade },
    );
    expect(seen).toEqual([
      { plan: { applied: ['0001-a'], pending: ['0002-b', '0003-c'] }, tables: ['a'] },
    ]);
  });

  it('does not upgrade when the backup before it fails', async () => {
    await runMigrations(db, { '0001-a': createTable('a') });
    await expect(
      runMigrations(
        db,
        { '0001-a': createTable('a'), '0002-b': createTable('b') },
        {
          beforeUpgrade: async () => {
            throw new Error('the backup could not be written');
          },
        },
      ),
    ).rejects.toThrow('the backup could not be written');
    expect(await appliedMigrationNames(db)).toEqual(['0001-a']);
    expect(await tables()).toEqual(['a']);
  });
});
