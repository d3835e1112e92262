import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function pair() {
  const quickbooks = await insertQuickBooksClient(core.db, {
    displayName: 'Smith, John',
    email: 'john@smith.example',
  });
  const manual = await insertManualClient(core.db, {
    displayName: 'John Smith',
    email: 'john@smith.example',
  });
  return { quickbooks, manual };
}

async function linkNewHorse(clientId: number, name: string) {
  const horse = await core.call('horses.create', { name });
  await core.call('horses.link', { clientId, horseId: horse.id, role: 'Owner' });
  return horse.id;
}

describe('undoing a merge keeps what staff changed since', () => {
  it("leaves the kept client's portal and preferences as edited after the merge, and lists them", async () => {
    const { quickbooks, manual } = await pair();
    await core.call('portal.update', { clientId: manual.id, enabled: true });
    await core.call('preferences.update', {
      clientId: manual.id,
      preferences: { contactMethod: 'phone', newsletter: true, remindersEnabled: true, notes: '' },
    });
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(merge).toMatchObject({ portalCarried: true, preferencesCarried: true });

    core.clock.advance(60_000);
    const edited = {
      contactMethod: 'email' as const,
      newsletter: false,
      remindersEnabled: true,
      notes: 'Gate code 4411',
    };
    await core.call('preferences.update', { clientId: quickbooks.id, preferences: edited });
    await core.call('portal.update', {
      clientId: quickbooks.id,
      enabled: true,
      canViewHorses: false,
    });

    const undone = await core.call('duplicates.undoMerge', { mergeId: merge.id });

    expect(undone.undoneAt).not.toBeNull();
    expect(undone.kept).toEqual([
      {
        clientId: quickbooks.id,
        clientName: 'Smith, John',
        what: 'portal access',
        reason: 'portal access was changed after the merge',
      },
      {
        clientId: quickbooks.id,
        clientName: 'Smith, John',
        what: 'preferences',
        reason: 'the preferences were changed after the merge',
      },
    ]);
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.preferences).toEqual(edited);
    expect(kept.portal).toMatchObject({ enabled: true, canViewHorses: false });
    expect(kept.activity[0]!.summary).toBe(
      'Undid the merge of John Smith into Smith, John; John Smith is restored. Kept as changed since: portal access, preferences',
    );
    const restored = await core.call('clients.get', { id: manual.id });
    expect(restored.client).toMatchObject({ archivedAt: null, mergedIntoId: null });
  });

  it('puts back carried preferences nobody touched, even with other edits since', async () => {
    const { quickbooks, manual } = await pair();
    await core.call('preferences.update', {
      clientId: manual.id,
      preferences: { contactMethod: 'phone', newsletter: true, remindersEnabled: true, notes: '' },
    });
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    await core.call('notes.add', { clientId: quickbooks.id, body: 'Unrelated later note' });

    const undone = await core.call('duplicates.undoMerge', { mergeId: merge.id });

    expect(undone.kept).toEqual([]);
    const stored = await core.db
      .selectFrom('client_preferences')
      .select('client_id')
      .where('client_id', '=', quickbooks.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('a horse unlinked after the merge stays unlinked, one relinked as Rider stays, the rest go back', async () => {
    const { quickbooks, manual } = await pair();
    const biscuit = await linkNewHorse(manual.id, 'Biscuit');
    const duke = await linkNewHorse(manual.id, 'Duke');
    await linkNewHorse(manual.id, 'Pepper');
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    await core.call('horses.unlink', { clientId: quickbooks.id, horseId: biscuit });
    await core.call('horses.link', { clientId: quickbooks.id, horseId: duke, role: 'Rider' });

    const undone = await core.call('duplicates.undoMerge', { mergeId: merge.id });

    expect(undone.kept.map((k) => [k.what, k.reason])).toEqual([
      [
        'Biscuit (horse link)',
        'Biscuit stays unlinked: it was unlinked from Smith, John after the merge',
      ],
      ['Duke (horse link)', 'Duke stays with Smith, John: its link was changed after the merge'],
    ]);
    const horsesOf = async (id: number) =>
      (await core.call('clients.get', { id })).horses.map((h) => [h.name, h.role]);
    expect(await horsesOf(quickbooks.id)).toEqual([['Duke', 'Rider']]);
    expect(await horsesOf(manual.id)).toEqual([['Pepper', 'Owner']]);
  });

  it("judges a merge recorded before undo kept what it wrote by the archived client's row", async () => {
    const { quickbooks, manual } = await pair();
    const preferences = {
      contactMethod: 'phone' as const,
      newsletter: true,
      remindersEnabled: true,
      notes: '',
    };
    await core.call('preferences.update', { clientId: manual.id, preferences });
    await core.call('portal.update', { clientId: manual.id, enabled: true });
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    // As an older version stored it: no copy of the rows it wrote, no audit entry to go by.
    const row = await core.db
      .selectFrom('client_merges')
      .select('changes')
      .where('id', '=', merge.id)
      .executeTakeFirstOrThrow();
    const changes = JSON.parse(row.changes) as Record<string, Record<string, unknown>>;
    delete changes.portal!.written;
    delete changes.preferences!.written;
    await core.db
      .updateTable('client_merges')
      .set({ changes: JSON.stringify(changes) })
      .where('id', '=', merge.id)
      .execute();
    await core.db.deleteFrom('activity').where('action', '=', 'client.merge').execute();
    core.clock.advance(60_000);
    await core.db
      .updateTable('client_preferences')
      .set({ notes: 'Edited after the merge', updated_at: core.clock.now().toISOString() })
      .where('client_id', '=', quickbooks.id)
      .execute();

    const undone = await core.call('duplicates.undoMerge', { mergeId: merge.id });

    expect(undone.kept.map((k) => k.what)).toEqual(['preferences']);
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.preferences.notes).toBe('Edited after the merge');
    expect(kept.portal.enabled).toBe(false);
  });
});
