import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportField } from '../../src-shared/contract';
import { listActivity } from '../activity/activity-log';
import { insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const fields: ImportField[] = ['name', 'email', 'horses', 'notes'];

describe('undoing an import from the history', () => {
  it('removes the clients it created and the horses and notes it added to QuickBooks clients', async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Willow Creek Farm',
      email: 'office@willow.example',
    });
    const existing = await core.call('horses.create', { name: 'Old Timer' });
    await core.call('horses.link', { clientId: qb.id, horseId: existing.id });
    await core.call('notes.add', { clientId: qb.id, body: 'Written before the import' });

    const summary = await core.call('import.commit', {
      fileName: 'march.csv',
      fields,
      rows: [
        ['Willow Creek Farm', 'office@willow.example', 'Old Timer, Biscuit', 'From the import'],
        ['Anna Smith', 'anna@example.com', 'Pepper', 'Anna note'],
      ],
    });
    expect(summary).toMatchObject({
      linked: 1,
      created: 1,
      horsesLinked: 2,
      horsesCreated: 2,
      notesAdded: 2,
    });

    const undo = await core.call('import.undo', { batchId: summary.batchId });
    expect(undo).toMatchObject({ removed: 1, kept: [], horsesRemoved: 2 });

    const detail = await core.call('clients.get', { id: qb.id });
    expect(detail.client.displayName).toBe('Willow Creek Farm');
    expect(detail.horses.map((h) => h.name)).toEqual(['Old Timer']);
    expect(detail.notes.map((n) => n.body)).toEqual(['Written before the import']);
    expect((await core.call('clients.list', { search: 'anna' })).total).toBe(0);
    expect((await core.call('horses.list', {})).map((h) => h.name)).toEqual(['Old Timer']);

    const [batch] = await core.call('import.history', {});
    expect(batch!.undoneAt).not.toBeNull();
    expect((await listActivity(core.db, { action: 'import.undo' }))[0]!.summary).toBe(
      'Undid the import of march.csv: removed 1 clients',
    );
    const again = await core.invoke('import.undo', { batchId: summary.batchId });
    expect(again.ok ? null : again.error.message).toBe(
      'The import of march.csv was already undone.',
    );
  });

  it('keeps clients staff have since linked a horse or added a note to, and says which', async () => {
    const summary = await core.call('import.commit', {
      fileName: 'april.csv',
      fields,
      rows: [
        ['Anna Smith', 'anna@example.com', '', ''],
        ['Pat Lee', 'pat@example.com', '', ''],
        ['Tom Baker', 'tom@example.com', 'Pepper', 'Imported note'],
      ],
    });
    const ids = Object.fromEntries(
      (await core.call('clients.list', {})).rows.map((r) => [r.displayName, r.id]),
    ) as Record<string, number>;
    const horse = await core.call('horses.create', { name: 'Biscuit' });
    await core.call('horses.link', { clientId: ids['Anna Smith']!, horseId: horse.id });
    await core.call('notes.add', { clientId: ids['Pat Lee']!, body: 'Called about lessons' });

    const undo = await core.call('import.undo', { batchId: summary.batchId });

    expect(undo.removed).toBe(1);
    expect(undo.kept).toEqual([
      {
        clientId: ids['Anna Smith'],
        name: 'Anna Smith',
        reason: 'a horse (Biscuit) was linked after the import',
      },
      {
        clientId: ids['Pat Lee'],
        name: 'Pat Lee',
        reason: 'a note was added after the import',
      },
    ]);
    const left = (await core.call('clients.list', {})).rows.map((r) => r.displayName).sort();
    expect(left).toEqual(['Anna Smith', 'Pat Lee']);
    expect(
      (await core.call('clients.get', { id: ids['Pat Lee']! })).notes.map((n) => n.body),
    ).toEqual(['Called about lessons']);
  });
});

describe('undoing an import keeps later work', () => {
  async function importClients(fileName: string, rows: string[][]) {
    const summary = await core.call('import.commit', { fileName, fields, rows });
    const ids = Object.fromEntries(
      (await core.call('clients.list', {})).rows.map((r) => [r.displayName, r.id]),
    ) as Record<string, number>;
    return { batchId: summary.batchId, ids };
  }

  it('removes only the untouched client: portal, preferences, contact fix, horse and note each keep theirs', async () => {
    const { batchId, ids } = await importClients('may.csv', [
      ['Una Touched', 'una@example.com', '', ''],
      ['Pia Portal', 'pia@example.com', '', ''],
      ['Pete Prefs', 'pete@example.com', '', ''],
      ['Cora Contact', 'cora@example.com', '', ''],
      ['Hal Horse', 'hal@example.com', '', ''],
      ['Nell Note', 'nell@example.com', '', ''],
    ]);
    await core.call('portal.update', { clientId: ids['Pia Portal']!, enabled: true });
    await core.call('preferences.update', {
      clientId: ids['Pete Prefs']!,
      preferences: { contactMethod: 'text', newsletter: false, remindersEnabled: true, notes: '' },
    });
    await core.call('clients.update', {
      id: ids['Cora Contact']!,
      fields: { phone: '555-010-9999' },
    });
    const horse = await core.call('horses.create', { name: 'Biscuit' });
    await core.call('horses.link', { clientId: ids['Hal Horse']!, horseId: horse.id });
    await core.call('notes.add', { clientId: ids['Nell Note']!, body: 'Called about lessons' });

    const undo = await core.call('import.undo', { batchId });

    expect(undo.removed).toBe(1);
    expect(undo.kept.map((k) => [k.name, k.reason])).toEqual([
      ['Pia Portal', 'portal access was turned on after the import'],
      ['Pete Prefs', 'the preferences were changed after the import'],
      ['Cora Contact', 'the contact details were changed after the import'],
      ['Hal Horse', 'a horse (Biscuit) was linked after the import'],
      ['Nell Note', 'a note was added after the import'],
    ]);
    const left = (await core.call('clients.list', {})).rows.map((r) => r.displayName).sort();
    expect(left).toEqual(['Cora Contact', 'Hal Horse', 'Nell Note', 'Pete Prefs', 'Pia Portal']);
    const pia = await core.call('clients.get', { id: ids['Pia Portal']! });
    expect(pia.portal.enabled).toBe(true);
    const cora = await core.call('clients.get', { id: ids['Cora Contact']! });
    expect(cora.client.phone).toBe('555-010-9999');
    expect((await listActivity(core.db, { action: 'import.undo' }))[0]!.summary).toBe(
      'Undid the import of may.csv: removed 1 clients, kept 5 clients that staff have worked on since',
    );
  });

  it('keeps a client whose data changed even when no activity says so (a file from an older version)', async () => {
    const { batchId, ids } = await importClients('june.csv', [
      ['Old Portal', 'old@example.com', '', ''],
      ['Merged Away', 'merged@example.com', '', ''],
    ]);
    // Written straight to the tables, as an older version might have, with no audit entry.
    await core.db
      .insertInto('portal_settings')
      .values({
        client_id: ids['Old Portal']!,
        enabled: 0,
        can_view_invoices: 1,
        can_view_horses: 0,
        updated_at: '2026-03-02T15:00:00.000Z',
      })
      .execute();
    // Kept in a merge with a QuickBooks client: removing it would take the merge record with it.
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Merged, Away',
      email: 'merged@example.com',
    });
    await core.call('duplicates.merge', {
      keepClientId: ids['Merged Away']!,
      archiveClientId: qb.id,
    });

    const undo = await core.call('import.undo', { batchId });

    expect(undo.removed).toBe(0);
    expect(undo.kept.map((k) => [k.name, k.reason])).toEqual([
      ['Old Portal', 'portal access was changed after the import'],
      ['Merged Away', 'it was merged after the import'],
    ]);
    expect(await core.call('duplicates.mergeHistory', {})).toHaveLength(1);
  });

  it("takes back a QuickBooks client's imported horse only while it is as the import left it", async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Willow Creek Farm',
      email: 'office@willow.example',
    });
    const summary = await core.call('import.commit', {
      fileName: 'july.csv',
      fields,
      rows: [['Willow Creek Farm', 'office@willow.example', 'Pepper, Duke', '']],
    });
    const pepper = (await core.call('horses.list', { search: 'Pepper' }))[0]!;
    await core.call('horses.link', { clientId: qb.id, horseId: pepper.id, role: 'Rider' });

    const undo = await core.call('import.undo', { batchId: summary.batchId });

    expect(undo.linksRemoved).toBe(1);
    expect(undo.keptLinks).toEqual([
      {
        clientId: qb.id,
        clientName: 'Willow Creek Farm',
        what: 'Pepper (horse link)',
        reason: "Pepper's role was changed to Rider after the import",
      },
    ]);
    const horses = (await core.call('clients.get', { id: qb.id })).horses;
    expect(horses.map((h) => [h.name, h.role])).toEqual([['Pepper', 'Rider']]);
    expect((await core.call('horses.list', {})).map((h) => h.name)).toEqual(['Pepper']);
  });
});
