import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../src-shared/contract';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

/** Everything a merge may touch, in a stable order, to compare before and after an undo. */
/**
 * The rows as staff see them. Row versions and who wrote last are left out:
 * a merge and its undo move them on by design, so a form opened before either
 * is refused rather than saved over them (edit-conflict.test.ts).
 */
async function snapshot() {
  const db = core.db;
  return {
    clients: withoutVersions(await db.selectFrom('clients').selectAll().orderBy('id').execute()),
    links: await db
      .selectFrom('client_horses')
      .selectAll()
      .orderBy('client_id')
      .orderBy('horse_id')
      .execute(),
    notes: await db.selectFrom('staff_notes').selectAll().orderBy('id').execute(),
    portal: await db.selectFrom('portal_settings').selectAll().orderBy('client_id').execute(),
    preferences: withoutVersions(
      await db.selectFrom('client_preferences').selectAll().orderBy('client_id').execute(),
    ),
  };
}

function withoutVersions<T extends { row_version: number; updated_by: string | null }>(
  rows: T[],
): Omit<T, 'row_version' | 'updated_by'>[] {
  return rows.map(({ row_version: _version, updated_by: _by, ...rest }) => rest);
}

async function addHorses(client: Client, names: string[], role = 'Owner') {
  const ids: number[] = [];
  for (const name of names) {
    const horse = await core.call('horses.create', { name });
    await core.call('horses.link', { clientId: client.id, horseId: horse.id, role });
    ids.push(horse.id);
    core.clock.advance(1000);
  }
  return ids;
}

async function addNotes(client: Client, count: number) {
  for (let i = 0; i < count; i++) {
    await core.call('notes.add', {
      clientId: client.id,
      body: `Note ${i + 1} about ${client.displayName}`,
    });
    core.clock.advance(1000);
  }
}

async function pair() {
  const quickbooks = await insertQuickBooksClient(core.db, {
    displayName: 'Smith, John',
    email: 'john@smith.example',
  });
  const manual = await insertManualClient(core.db, {
    displayName: 'John Smith',
    email: 'john@smith.example',
    phone: '555-010-2233',
  });
  return { quickbooks, manual };
}

describe('merging a duplicate pair, keeping the QuickBooks client', () => {
  it('moves 30 horses and copies 50 notes, marked as copied, then archives the manual client', async () => {
    const { quickbooks, manual } = await pair();
    await addHorses(
      manual,
      Array.from({ length: 30 }, (_, i) => `Horse ${i + 1}`),
    );
    await addNotes(manual, 50);

    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.reasons).toEqual(['email', 'name']);
    expect(preview.manual.counts).toEqual({
      horses: 30,
      notes: 50,
      documents: 0,
      portalEnabled: false,
      hasPreferences: false,
    });
    expect(preview.keepQuickBooks).toMatchObject({
      horsesToMove: 30,
      horsesAlreadyLinked: 0,
      notesToCopy: 50,
      documentsToMove: 0,
    });

    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(merge).toMatchObject({
      horsesMoved: 30,
      notesCopied: 50,
      keptClientName: 'Smith, John',
    });

    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.horses).toHaveLength(30);
    expect(kept.notes).toHaveLength(50);
    expect(kept.notes.every((n) => n.copiedFromClientId === manual.id)).toBe(true);
    expect(kept.notes.map((n) => n.author)).toContain('Dana at the front desk');
    expect(kept.client.source).toBe('quickbooks');

    const archived = await core.call('clients.get', { id: manual.id });
    expect(archived.client.archivedAt).not.toBeNull();
    expect(archived.client.mergedIntoId).toBe(quickbooks.id);
    expect(archived.horses).toHaveLength(0);
    // Copies, not moves: the archived client keeps its own notes as history.
    expect(archived.notes).toHaveLength(50);

    const entry = kept.activity.find((a) => a.action === 'client.merge');
    expect(entry?.summary).toBe(
      'Merged John Smith into Smith, John: moved 30 horses, copied 50 notes. John Smith is archived.',
    );
    expect((await core.call('duplicates.list', {})).total).toBe(0);
  });

  it('does not link a horse twice when the kept client already has it', async () => {
    const { quickbooks, manual } = await pair();
    const [shared] = await addHorses(quickbooks, ['Biscuit']);
    await core.call('horses.link', { clientId: manual.id, horseId: shared!, role: 'Rider' });
    await addHorses(manual, ['Pepper']);

    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.keepQuickBooks).toMatchObject({ horsesToMove: 1, horsesAlreadyLinked: 1 });

    await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.horses.map((h) => [h.name, h.role])).toEqual([
      ['Biscuit', 'Owner'],
      ['Pepper', 'Owner'],
    ]);
  });

  it('carries portal access and preferences over when the kept client has none', async () => {
    const { quickbooks, manual } = await pair();
    await core.call('portal.update', {
      clientId: manual.id,
      enabled: true,
      canViewHorses: false,
    });
    await core.call('preferences.update', {
      clientId: manual.id,
      preferences: {
        contactMethod: 'text',
        newsletter: true,
        remindersEnabled: false,
        notes: 'Texts only',
      },
    });
    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.keepQuickBooks).toMatchObject({ portal: 'carried', preferences: 'carried' });

    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(merge).toMatchObject({ portalCarried: true, preferencesCarried: true });
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.portal).toMatchObject({
      enabled: true,
      canViewHorses: false,
      loginEmail: 'john@smith.example',
    });
    expect(kept.preferences).toEqual({
      contactMethod: 'text',
      newsletter: true,
      remindersEnabled: false,
      notes: 'Texts only',
    });
  });

  it("keeps the kept client's portal access when both have it, and says so", async () => {
    const { quickbooks, manual } = await pair();
    await core.call('portal.update', {
      clientId: quickbooks.id,
      enabled: true,
      canViewHorses: false,
    });
    await core.call('portal.update', {
      clientId: manual.id,
      enabled: true,
      canViewHorses: true,
    });
    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.keepQuickBooks.portal).toBe('kept_has_own');

    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(merge.portalCarried).toBe(false);
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.portal).toMatchObject({
      enabled: true,
      canViewHorses: false,
    });
    expect(kept.activity[0]?.summary).toContain('both had portal access, kept its own');
  });

  it('does not carry portal access to a kept client without an email address', async () => {
    const quickbooks = await insertQuickBooksClient(core.db, {
      displayName: 'Ann Carter',
      phone: '859-555-0142',
    });
    const manual = await insertManualClient(core.db, {
      displayName: 'Annie Carter',
      email: 'ann@carter.example',
      phone: '(859) 555-0142',
    });
    await core.call('portal.update', { clientId: manual.id, enabled: true });
    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.reasons).toEqual(['phone']);
    expect(preview.keepQuickBooks.portal).toBe('needs_email');
  });
});

describe('merging a duplicate pair, keeping the manual client', () => {
  it('archives the QuickBooks client locally, still a QuickBooks client, and moves its horses and notes', async () => {
    const { quickbooks, manual } = await pair();
    await addHorses(quickbooks, ['Duke', 'Echo']);
    await addNotes(quickbooks, 3);

    await core.call('duplicates.merge', {
      keepClientId: manual.id,
      archiveClientId: quickbooks.id,
    });

    const archived = await core.call('clients.get', { id: quickbooks.id });
    expect(archived.client).toMatchObject({ source: 'quickbooks', mergedIntoId: manual.id });
    expect(archived.client.qbId).toBe(quickbooks.qbId);
    expect(archived.client.archivedAt).not.toBeNull();
    const kept = await core.call('clients.get', { id: manual.id });
    expect(kept.horses.map((h) => h.name)).toEqual(['Duke', 'Echo']);
    expect(kept.notes).toHaveLength(3);
    expect(kept.notes.every((n) => n.copiedFromClientId === quickbooks.id)).toBe(true);
  });
});

describe('what a merge refuses', () => {
  it('refuses two clients from the same place and an archived client', async () => {
    const a = await insertManualClient(core.db, { displayName: 'A' });
    const b = await insertManualClient(core.db, { displayName: 'B' });
    const sameSource = await core.invoke('duplicates.merge', {
      keepClientId: a.id,
      archiveClientId: b.id,
    });
    expect(sameSource).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const qb = await insertQuickBooksClient(core.db, { displayName: 'C' });
    await core.call('clients.archive', { id: b.id });
    const archived = await core.invoke('duplicates.merge', {
      keepClientId: qb.id,
      archiveClientId: b.id,
    });
    expect(archived).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'B is archived. Restore the client before merging it.' },
    });
  });
});

describe('undoing a merge', () => {
  it('restores exactly the state before the merge: links, notes, portal, preferences, the archived client', async () => {
    const { quickbooks, manual } = await pair();
    const [shared] = await addHorses(quickbooks, ['Biscuit']);
    await core.call('horses.link', { clientId: manual.id, horseId: shared!, role: 'Rider' });
    await addHorses(
      manual,
      Array.from({ length: 30 }, (_, i) => `Horse ${i + 1}`),
      'Lessee',
    );
    await addNotes(manual, 50);
    await addNotes(quickbooks, 2);
    await core.call('portal.update', {
      clientId: quickbooks.id,
      enabled: false,
      canViewHorses: false,
    });
    await core.call('portal.update', { clientId: manual.id, enabled: true });
    await core.call('preferences.update', {
      clientId: manual.id,
      preferences: { contactMethod: 'phone', newsletter: true, remindersEnabled: true, notes: '' },
    });
    const before = await snapshot();

    core.clock.advance(60_000);
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(merge).toMatchObject({
      horsesMoved: 30,
      notesCopied: 50,
      portalCarried: true,
      preferencesCarried: true,
    });
    expect(await snapshot()).not.toEqual(before);

    core.clock.advance(60_000);
    const undone = await core.call('duplicates.undoMerge', { mergeId: merge.id });
    expect(undone.undoneAt).not.toBeNull();
    expect(await snapshot()).toEqual(before);

    const activity = await core.call('clients.get', { id: quickbooks.id });
    expect(activity.activity[0]?.summary).toBe(
      'Undid the merge of John Smith into Smith, John; John Smith is restored',
    );
    expect((await core.call('duplicates.list', {})).total).toBe(1);
    const again = await core.invoke('duplicates.undoMerge', { mergeId: merge.id });
    expect(again).toMatchObject({
      ok: false,
      error: { message: 'This merge was already undone.' },
    });
  });

  it('asks for "Undo merge" instead of a plain Restore, so no horse is left behind', async () => {
    const { quickbooks, manual } = await pair();
    await addHorses(manual, ['Biscuit']);
    await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const before = await snapshot();

    const restored = await core.invoke('clients.restore', { id: manual.id });
    expect(restored.ok).toBe(false);
    if (!restored.ok) {
      expect(restored.error.code).toBe('conflict');
      expect(restored.error.message).toMatch(/Use "Undo merge"/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('undoes a merge that kept the manual client', async () => {
    const { quickbooks, manual } = await pair();
    await addHorses(quickbooks, ['Duke']);
    await addNotes(quickbooks, 2);
    const before = await snapshot();
    const merge = await core.call('duplicates.merge', {
      keepClientId: manual.id,
      archiveClientId: quickbooks.id,
    });
    await core.call('duplicates.undoMerge', { mergeId: merge.id });
    expect(await snapshot()).toEqual(before);
  });

  it('lists the merge in the history of both clients and asks to undo a later merge first', async () => {
    const { quickbooks, manual } = await pair();
    const first = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const other = await insertManualClient(core.db, {
      displayName: 'Johnny Smith',
      email: 'john@smith.example',
    });
    const second = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: other.id,
    });

    const history = await core.call('duplicates.mergeHistory', { clientId: manual.id });
    expect(history.map((m) => m.id)).toEqual([first.id]);
    expect(history[0]?.undoBlockedBy).toBe(
      'Undo the later merge of Johnny Smith into Smith, John first.',
    );
    const refused = await core.invoke('duplicates.undoMerge', { mergeId: first.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await core.call('duplicates.undoMerge', { mergeId: second.id });
    await core.call('duplicates.undoMerge', { mergeId: first.id });
    const all = await core.call('duplicates.mergeHistory', {});
    expect(all.every((m) => m.undoneAt !== null)).toBe(true);
  });
});
