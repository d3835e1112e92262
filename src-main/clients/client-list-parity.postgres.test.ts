import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListClientsInput, type ClientSortField } from '../../src-shared/contract';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import { freshPostgresTarget } from '../db/testing/test-database';
import { insertManualClient, insertQuickBooksClient, type ClientFixture } from './client-fixtures';
import { listClients } from './client-list-query';

/*
 * PostgreSQL only by nature: the same clients in a SQLite file and on
 * PostgreSQL must list in the same order. The empty-last sorts are where the
 * two differ unless told: SQLite puts NULL before '' and every value,
 * PostgreSQL after them, so a client with no phone and one with a blank phone
 * (a QuickBooks field sent as "") would swap places between two computers.
 */

const CLIENTS: ClientFixture[] = [
  { displayName: 'Avery Blank', phone: '', email: 'avery@example.com' },
  { displayName: 'Blake None', phone: null, email: null },
  { displayName: 'Casey Late', phone: '555-0199', email: 'casey@example.com' },
  { displayName: 'Devon Blank', phone: '', email: null },
  { displayName: 'Emery None', phone: null, email: 'emery@example.com' },
  { displayName: 'Finley Early', phone: '555-0100', email: null },
];

let sqlite: OpenedDatabase;
let postgres: OpenedDatabase;
beforeAll(async () => {
  sqlite = await openDatabase(':memory:');
  postgres = await openPostgres(await freshPostgresTarget(), {
    max: 1,
    applicationName: 'EquineOps list parity test',
  });
  for (const db of [sqlite.db, postgres.db])
    for (const [i, client] of CLIENTS.entries()) {
      // Half from QuickBooks (a last-sync time), half by hand (none), so that sort has empties too.
      if (i % 2 === 0)
        await insertQuickBooksClient(db, {
          ...client,
          lastSyncedAt: `2026-03-0${i + 1}T10:00:00.000Z`,
        });
      else await insertManualClient(db, client);
    }
});
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

const SORTS: ClientSortField[] = ['name', 'email', 'phone', 'source', 'lastSynced', 'created'];

describe('the Clients list on SQLite and on PostgreSQL', () => {
  for (const sort of SORTS)
    for (const direction of ['asc', 'desc'] as const)
      it(`lists the same clients in the same order by ${sort} (${direction})`, async () => {
        const input = ListClientsInput.parse({ sort, direction, status: 'active' });
        const names = async (opened: OpenedDatabase) =>
          (await listClients(opened.db, input)).rows.map((row) => row.displayName);
        expect(await names(postgres)).toEqual(await names(sqlite));
      });

  it('puts a blank phone and no phone at all after every number, the same way on both', async () => {
    const input = ListClientsInput.parse({ sort: 'phone', status: 'active' });
    const rows = (await listClients(postgres.db, input)).rows;
    expect(rows.map((row) => row.displayName)).toEqual([
      'Finley Early',
      'Casey Late',
      'Blake None',
      'Emery None',
      'Avery Blank',
      'Devon Blank',
    ]);
  });
});
