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
        reason: 'Kept: a horse (Biscuit) was linked since the import',
      },
      {
        clientId: ids['Pat Lee'],
        name: 'Pat Lee',
        reason: 'Kept: a staff note was added since the import',
      },
    ]);
    const left = (await core.call('clients.list', {})).rows.map((r) => r.displayName).sort();
    expect(left).toEqual(['Anna Smith', 'Pat Lee']);
    expect(
      (await core.call('clients.get', { id: ids['Pat Lee']! })).notes.map((n) => n.body),
    ).toEqual(['Called about lessons']);
  });
});
