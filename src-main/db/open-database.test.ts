import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrationNames } from './migration-runner';
import { migrations } from './migrations';
import { openDatabase } from './open-database';
import type { Database } from './schema';
import { matchClientIds } from './search-index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  return appliedMigrationNames(db as unknown as Kysely<unknown>);
}

describe('opening the client database', () => {
  it('creates an empty file at the latest version', async () => {
    const opened = await openDatabase(join(dir, 'fresh', 'equineops.sqlite'));
    try {
      expect(await appliedMigrations(opened.db)).toEqual(Object.keys(migrations));
      expect(await opened.db.selectFrom('clients').selectAll().execute()).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('turns on WAL and foreign keys', async () => {
    const opened = await openDatabase(join(dir, 'equineops.sqlite'));
    try {
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      await expect(
        opened.db
          .insertInto('staff_notes')
          .values({
            client_id: 999,
            author: 'x',
            body: 'orphan',
            created_at: '2026-01-01T00:00:00.000Z',
          })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await opened.close();
    }
  });

  it("updates a file an older version wrote with kysely's Migrator and keeps its clients", async () => {
    const file = join(dir, 'equineops.sqlite');
    const old = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(file) }),
    });
    const onlyFirst = { '0001-initial': migrations['0001-initial']! };
    const { error } = await new Migrator({
      db: old,
      provider: { getMigrations: async () => onlyFirst },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    await old
      .insertInto('clients')
      .values({
        source: 'manual',
        display_name: 'Renée Lefèvre',
        sort_name: 'renee lefevre',
        email: 'renee@example.com',
        active: 1,
        created_at: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    await old.destroy();

    const opened = await openDatabase(file);
    try {
      expect(await appliedMigrations(opened.db)).toEqual(Object.keys(migrations));
      const clients = await opened.db
        .selectFrom('clients')
        .select(['id', 'display_name', 'email'])
        .execute();
      expect(clients).toEqual([
        { id: 1, display_name: 'Renée Lefèvre', email: 'renee@example.com' },
      ]);
      // Clients written before the search index existed are found right after the upgrade.
      expect(await matchClientIds(opened.db, 'renee')).toEqual([1]);
    } finally {
      await opened.close();
    }
  });
});
