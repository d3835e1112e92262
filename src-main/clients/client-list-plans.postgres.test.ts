import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListClientsInput, type ClientSortField } from '../../src-shared/contract';
import type { OpenedDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import { freshPostgresTarget } from '../db/testing/test-database';
import { insertManyClients } from './client-fixtures';
import { clientListQueries } from './client-list-query';

/*
 * PostgreSQL only. Over 50,000 clients a page that is not read in index order
 * means reading and sorting the whole table (~40–200 ms a call, 5 ms in index
 * order; tests/bench/clients-list-postgres.bench.ts). Each sort's ORDER BY in
 * client-list-query.ts must stay the key of its index in migration 0016; an
 * edit to one without the other would make the list slow without changing a
 * single result, so the plans are checked here rather than timed.
 */

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openPostgres(await freshPostgresTarget(), {
    max: 1,
    applicationName: 'EquineOps list plans test',
  });
  await insertManyClients(opened.db, 5_000, 7);
  await sql`analyze clients, clients_search`.execute(opened.db);
}, 120_000);
afterAll(async () => {
  await opened?.close();
});

async function pagePlan(input: ListClientsInput): Promise<string> {
  const { page } = await clientListQueries(opened.db, ListClientsInput.parse(input));
  const rows = await page.explain();
  return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
}

const SORTS: ClientSortField[] = ['name', 'email', 'phone', 'source', 'lastSynced', 'created'];

describe('the Clients list on PostgreSQL', () => {
  for (const sort of SORTS)
    for (const direction of ['asc', 'desc'] as const)
      it(`reads the active clients by ${sort} (${direction}) in index order, without sorting them all`, async () => {
        const plan = await pagePlan({ sort, direction, status: 'active', offset: 200 });
        expect(plan).toMatch(/Index Scan (Backward )?using clients_open_by_/);
        expect(plan).not.toMatch(/^\s*(->\s*)?(Incremental )?Sort\b/m);
      });

  it('reads a broad search ("m") in name order, stopping at the page', async () => {
    const plan = await pagePlan({ search: 'm', status: 'active' });
    expect(plan).toMatch(/Index Scan using clients_open_by_name/);
    expect(plan).not.toMatch(/^\s*(->\s*)?Sort\b/m);
  });

  it('looks up parent customers for the page only, never hashing the clients table', async () => {
    for (const search of ['', 'm', 'smi']) {
      const plan = await pagePlan({ search, status: 'active', offset: 250, limit: 50 });
      expect(plan, search).not.toMatch(/Hash.*Join|Seq Scan on clients parent/);
    }
  });
});
