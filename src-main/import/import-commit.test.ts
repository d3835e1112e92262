import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportField } from '../../src-shared/contract';
import { listActivity } from '../activity/activity-log';
import { insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const fields: ImportField[] = ['name', 'email', 'phone', 'horses', 'notes'];

async function importRows(rows: string[][], excluded: number[] = []) {
  return core.call('import.commit', { fileName: 'clients.csv', fields, rows, excluded });
}

describe('importing a file in one transaction', () => {
  it('links green rows to the QuickBooks client without touching its contact fields, adding horses and notes', async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Willow Creek Farm',
      email: 'office@willowcreek.example',
      phone: '(859) 555-0100',
    });
    const events: unknown[] = [];
    core.events.subscribe((event, payload) => events.push([event, payload]));

    const summary = await importRows([
      [
        'Willow Creek (typo)',
        'OFFICE@willowcreek.example',
        '000-0000',
        'Biscuit; Star',
        'Pays by check',
      ],
    ]);

    expect(summary).toMatchObject({
      linked: 1,
      created: 0,
      skipped: 0,
      horsesLinked: 2,
      horsesCreated: 2,
      notesAdded: 1,
    });
    const detail = await core.call('clients.get', { id: qb.id });
    expect(detail.client).toMatchObject({
      displayName: 'Willow Creek Farm',
      email: 'office@willowcreek.example',
      phone: '(859) 555-0100',
      source: 'quickbooks',
    });
    expect(detail.horses.map((h) => h.name)).toEqual(['Biscuit', 'Star']);
    expect(detail.notes).toEqual([
      expect.objectContaining({ body: 'Pays by check', author: TEST_STAFF_NAME }),
    ]);
    expect(events).toContainEqual([
      'data.changed',
      { tables: ['clients', 'horses', 'notes', 'activity'] },
    ]);
  });

  it('imports the later of two repeated rows when staff untick the earlier one', async () => {
    const summary = await importRows(
      [
        ['Tom Baker', 'tom@example.com', '', '', ''],
        ['Thomas Baker', 'tom@example.com', '555-0199', '', ''],
      ],
      [0],
    );
    expect(summary).toMatchObject({ created: 1, skipped: 0, excluded: 1 });
    const page = await core.call('clients.list', { search: 'tom@example.com' });
    expect(page.rows.map((r) => r.displayName)).toEqual(['Thomas Baker']);
  });

  it('creates blue rows as manual clients that search finds, and skips red and unticked rows', async () => {
    const summary = await importRows(
      [
        ['Renée Dubois', 'renee@example.com', '555-0101', 'Pepper', ''],
        ['', 'nobody@example.com', '', '', ''],
        ['Tom Baker', 'tom@example.com', '', '', ''],
        ['Unticked Person', 'untick@example.com', '', '', ''],
      ],
      [3],
    );
    expect(summary).toMatchObject({ linked: 0, created: 2, skipped: 1, excluded: 1 });
    const page = await core.call('clients.list', { search: 'renee' });
    expect(page.rows).toEqual([
      expect.objectContaining({
        displayName: 'Renée Dubois',
        source: 'manual',
        email: 'renee@example.com',
      }),
    ]);
    const all = await core.call('clients.list', {});
    expect(all.rows.map((r) => r.displayName).sort()).toEqual(['Renée Dubois', 'Tom Baker']);
    const renee = await core.call('clients.get', { id: page.rows[0]!.id });
    expect(renee.horses.map((h) => h.name)).toEqual(['Pepper']);
  });

  it('skips a row with two addresses in one cell instead of keeping one and hiding the other', async () => {
    const summary = await importRows([
      ['Ann Hollis', 'ann@hollis.example; Bob@Hollis.example', '', '', 'Two riders'],
    ]);
    expect(summary).toMatchObject({ created: 0, skipped: 1, notesAdded: 0 });
    expect((await core.call('clients.list', { search: 'hollis' })).total).toBe(0);
  });

  it("says in a linked client's history that the import linked it, even with nothing to add", async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Willow Creek Farm',
      email: 'office@willowcreek.example',
    });
    await importRows([['Willow Creek', 'office@willowcreek.example', '', '', '']]);
    const detail = await core.call('clients.get', { id: qb.id });
    expect(detail.activity.map((a) => a.summary)).toContain('Linked by importing clients.csv');
  });

  it('reuses an existing horse of the same name instead of creating a second', async () => {
    const horse = await core.call('horses.create', { name: 'Biscuit' });
    const summary = await importRows([['Anna Smith', 'anna@example.com', '', 'biscuit', '']]);
    expect(summary).toMatchObject({ horsesLinked: 1, horsesCreated: 0 });
    const horses = await core.call('horses.list', {});
    expect(horses.map((h) => h.id)).toEqual([horse.id]);
  });

  it('records the batch in the history and an audit entry', async () => {
    await importRows([['Anna Smith', 'anna@example.com', '', '', '']]);
    const history = await core.call('import.history', {});
    expect(history).toEqual([
      expect.objectContaining({
        fileName: 'clients.csv',
        actor: TEST_STAFF_NAME,
        created: 1,
        undoneAt: null,
      }),
    ]);
    const activity = await listActivity(core.db, { action: 'import.commit' });
    expect(activity[0]!.summary).toBe(
      'Imported clients.csv: 0 linked to QuickBooks clients, 1 new manual clients, 0 skipped',
    );
  });

  it('changes nothing when the request is refused', async () => {
    const refused = await core.invoke('import.commit', {
      fileName: 'x.csv',
      fields: ['email'],
      rows: [['a@b.example']],
    });
    expect(refused.ok).toBe(false);
    expect((await core.call('import.history', {})).length).toBe(0);
  });
});

describe('remembering the column mapping', () => {
  it('gives back the last mapping for the same columns, in any order', async () => {
    await core.call('import.saveMapping', {
      headers: ['Client', 'E-mail', 'Misc'],
      mapping: ['name', 'email', null],
    });
    const saved = await core.call('import.savedMapping', { headers: ['misc', 'e-mail', 'CLIENT'] });
    expect(saved.mapping).toEqual([null, 'email', 'name']);
    expect((await core.call('import.savedMapping', { headers: ['Other'] })).mapping).toBeNull();
  });
});
