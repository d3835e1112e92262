import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deferClientIndexes, restoreDeferredIndexes } from './deferred-indexes';
import { openDatabase, type OpenedDatabase } from './open-database';

let dir: string;
let file: string;
let opened: OpenedDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-indexes-'));
  file = join(dir, 'equineops.sqlite');
  opened = await openDatabase(file);
});

afterEach(async () => {
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
});

function clientIndexes(sqlite: SQLite.Database): { name: string; sql: string | null }[] {
  return sqlite
    .prepare<[], { name: string; sql: string | null }>(
      `select name, sql from sqlite_master where type = 'index' and tbl_name = 'clients' order by name`,
    )
    .all();
}

it('sets the list indexes aside but keeps the QuickBooks identity, then builds the same ones again', () => {
  const before = clientIndexes(opened.sqlite);
  expect(before.length).toBeGreaterThan(5);
  opened.sqlite.transaction(() => deferClientIndexes(opened.sqlite))();
  const during = clientIndexes(opened.sqlite).map((i) => i.name);
  expect(during).toContain('clients_qb_identity');
  expect(during.length).toBeLessThan(before.length);

  expect(restoreDeferredIndexes(opened.sqlite)).toBe(before.length - during.length);
  expect(clientIndexes(opened.sqlite)).toEqual(before);
  expect(restoreDeferredIndexes(opened.sqlite)).toBe(0);
});

it('builds them on the next open when a load was killed before its end', async () => {
  const before = clientIndexes(opened.sqlite);
  opened.sqlite.transaction(() => deferClientIndexes(opened.sqlite))();
  await opened.close();
  // As if the app died mid-sync: the next start finds the recipe and rebuilds.
  opened = await openDatabase(file);
  expect(clientIndexes(opened.sqlite)).toEqual(before);
});
