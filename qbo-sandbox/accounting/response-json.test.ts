import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeletedCustomer, QboCustomer, StoredCustomer } from '../company/customer.js';
import type { CompanyStore } from '../company/store.js';
import { startConnected, type ConnectedSandbox } from '../test-support.js';
import { mixedCompany } from '../testing/mixed-company.js';
import { formatQboTime } from '../time-format.js';
import { CDC_MAX_OBJECTS, changedCustomers } from './cdc.js';
import { cdcResponseJson, queryResponseJson } from './response-json.js';

const TIME = '2026-11-20T10:15:00.123-08:00';
const plain = (items: readonly (StoredCustomer | DeletedCustomer)[]) =>
  items.map((item) => ('data' in item ? item.data : item));

/** CDC as it was answered before the indexes: scan everything, sort, cap. */
function changedByScan(store: CompanyStore, sinceMs: number): (QboCustomer | DeletedCustomer)[] {
  const changes: { at: number; item: QboCustomer | DeletedCustomer }[] = [];
  for (const row of store.live())
    if (row.updatedMs >= sinceMs) changes.push({ at: row.updatedMs, item: row.data });
  for (const dead of store.tombstones())
    if (dead.deletedMs >= sinceMs)
      changes.push({
        at: dead.deletedMs,
        item: {
          Id: dead.id,
          status: 'Deleted',
          domain: 'QBO',
          MetaData: { LastUpdatedTime: formatQboTime(dead.deletedMs) },
        },
      });
  changes.sort((a, b) => a.at - b.at || Number(a.item.Id) - Number(b.item.Id));
  return changes.slice(0, CDC_MAX_OBJECTS).map((c) => c.item);
}

describe('response bodies from cached customer JSON', () => {
  it('are byte for byte what JSON.stringify writes, also after customers change', () => {
    const { store, step } = mixedCompany(1500, 21);
    for (let round = 0; round < 6; round++) {
      const rows = store.live().slice(round * 200, round * 200 + 300);
      expect(queryResponseJson(rows, 7, TIME).toString('utf8')).toBe(
        JSON.stringify({
          QueryResponse: {
            Customer: rows.map((r) => r.data),
            startPosition: 7,
            maxResults: rows.length,
          },
          time: TIME,
        }),
      );
      const changes = changedCustomers(store, 0);
      expect(cdcResponseJson([changes, []], TIME).toString('utf8')).toBe(
        JSON.stringify({
          CDCResponse: [
            {
              QueryResponse: [
                { Customer: plain(changes), startPosition: 1, maxResults: changes.length },
                {},
              ],
            },
          ],
          time: TIME,
        }),
      );
      for (let i = 0; i < 150; i++) step();
    }
    expect(queryResponseJson([], 1, TIME).toString('utf8')).toBe(
      JSON.stringify({ QueryResponse: {}, time: TIME }),
    );
  });

  it('CDC merges the time-ordered lists into the same answer as scanning and sorting', () => {
    const { store, clock, step } = mixedCompany(2000, 33);
    const started = clock.now();
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 200; i++) step();
      for (const since of [
        0,
        started,
        started + round * 20_000,
        clock.now() - 5_000,
        clock.now() + 1,
      ]) {
        expect(plain(changedCustomers(store, since))).toEqual(changedByScan(store, since));
      }
    }
  });
});

describe('pages over HTTP follow every change', () => {
  let s: ConnectedSandbox;
  beforeAll(async () => {
    s = await startConnected({ customers: 300, seed: 5 });
  });
  afterAll(() => s.sandbox.close());

  const page = async () => {
    const res = await s.query(
      'SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { QueryResponse: { Customer: QboCustomer[] } }).QueryResponse
      .Customer;
  };

  it('shows edits, deactivations with their sub-customers, merges and deletions on the next page', async () => {
    const admin = s.sandbox.admin;
    expect(await page()).toEqual(admin.listCustomers());
    const parent = admin
      .listCustomers()
      .find((c) =>
        admin.listCustomers().some((sub) => sub.ParentRef?.value === c.Id && sub.Active),
      );
    expect(parent).toBeDefined();
    const [a, b, c] = admin.listCustomers().filter((x) => !x.Job && x.Id !== parent?.Id);
    admin.updateCustomer(a?.Id ?? '', { DisplayName: 'Hollow Creek Farm (renamed)' });
    admin.deactivateCustomer(parent?.Id ?? '');
    admin.mergeCustomers(b?.Id ?? '', c?.Id ?? '');
    admin.deleteCustomer(a?.Id ?? '');
    admin.createCustomer({ DisplayName: 'Brand New Barn' });

    const after = await page();
    expect(after).toEqual(admin.listCustomers());
    expect(after.some((x) => x.Id === a?.Id || x.Id === b?.Id)).toBe(false);
    expect(after.filter((x) => x.ParentRef?.value === parent?.Id).every((x) => !x.Active)).toBe(
      true,
    );
    expect(after.at(-1)?.DisplayName).toBe('Brand New Barn');
  });
});
