import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from './client-fixtures';
import { createTestClock, createTestCore, TEST_STAFF_NAME, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const DAY = 24 * 60 * 60 * 1000;

describe('deleting a staff note can be undone', () => {
  it('hides the note, says who deleted it, and brings it back through Undo', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Sunny Acres' });
    const note = await core.call('notes.add', { clientId: client.id, body: 'Pays by check' });
    core.clock.advance(60_000);

    const deleted = await core.call('notes.delete', { id: note.id });
    expect(deleted).toMatchObject({
      id: note.id,
      deletedBy: TEST_STAFF_NAME,
      deletedAt: '2026-03-02T14:01:00.000Z',
      restorableUntil: '2026-04-01T14:01:00.000Z',
    });
    const profile = await core.call('clients.get', { id: client.id });
    expect(profile.notes).toEqual([]);
    expect(profile.deletedNotes.map((n) => n.body)).toEqual(['Pays by check']);
    expect(profile.activity[0]).toMatchObject({
      action: 'note.delete',
      actor: TEST_STAFF_NAME,
      summary: `${TEST_STAFF_NAME} deleted a note by ${TEST_STAFF_NAME} from Sunny Acres`,
    });
    // Deleting it again is refused: it is gone for staff until restored.
    const again = await core.invoke('notes.delete', { id: note.id });
    expect(again.ok ? 'deleted twice' : again.error.code).toBe('not_found');

    core.clock.advance(29 * DAY);
    const restored = await core.call('notes.restore', { id: note.id });
    expect(restored).toMatchObject({ id: note.id, body: 'Pays by check', author: TEST_STAFF_NAME });
    const after = await core.call('clients.get', { id: client.id });
    expect(after.notes.map((n) => n.body)).toEqual(['Pays by check']);
    expect(after.deletedNotes).toEqual([]);
    expect(after.activity[0]).toMatchObject({
      action: 'note.restore',
      summary: `${TEST_STAFF_NAME} restored a note by ${TEST_STAFF_NAME} to Sunny Acres`,
    });
    // A second Undo (a double click) changes nothing and says nothing.
    await core.call('notes.restore', { id: note.id });
    expect((await core.call('clients.get', { id: client.id })).activity[0]!.action).toBe(
      'note.restore',
    );
  });

  it('purges a deleted note once its 30 days have passed; then it cannot come back', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const old = await core.call('notes.add', { clientId: client.id, body: 'Old gate code' });
    const other = await core.call('notes.add', { clientId: client.id, body: 'Likes Tuesdays' });
    await core.call('notes.delete', { id: old.id });

    core.clock.advance(30 * DAY + 1000);
    expect((await core.call('clients.get', { id: client.id })).deletedNotes).toEqual([]);
    const refused = await core.invoke('notes.restore', { id: old.id });
    expect(refused.ok ? 'restored' : refused.error.message).toBe(
      'This note can no longer be brought back: deleted notes are kept for 30 days.',
    );

    // The next delete clears every note past its window from the file.
    await core.call('notes.delete', { id: other.id });
    const stored = await core.db
      .selectFrom('staff_notes')
      .select(['id', 'deleted_at'])
      .where('client_id', '=', client.id)
      .execute();
    expect(stored.map((n) => n.id)).toEqual([other.id]);
    expect(
      (await core.call('clients.get', { id: client.id })).deletedNotes.map((n) => n.id),
    ).toEqual([other.id]);
  });

  it('does not copy a deleted note in a merge', async () => {
    const quickbooks = await insertQuickBooksClient(core.db, {
      displayName: 'Smith, John',
      email: 'john@smith.example',
    });
    const manual = await insertManualClient(core.db, {
      displayName: 'John Smith',
      email: 'john@smith.example',
    });
    await core.call('notes.add', { clientId: manual.id, body: 'Kept note' });
    const gone = await core.call('notes.add', { clientId: manual.id, body: 'Deleted note' });
    await core.call('notes.delete', { id: gone.id });

    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.manual.counts.notes).toBe(1);
    await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    expect(
      (await core.call('clients.get', { id: quickbooks.id })).notes.map((n) => n.body),
    ).toEqual(['Kept note']);
  });

  it('purges notes past their window when the app starts, and only those', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-note-purge-'));
    try {
      const first = await createTestCore({ dataDir });
      const client = await insertManualClient(first.db, { displayName: 'Walk-in Rider' });
      const note = await first.call('notes.add', { clientId: client.id, body: 'Old gate code' });
      await first.call('notes.delete', { id: note.id });
      await first.dispose();

      const within = await createTestCore({
        dataDir,
        clock: createTestClock('2026-03-31T14:00:00.000Z'),
      });
      const kept = await within.call('clients.get', { id: client.id });
      expect(kept.deletedNotes.map((n) => n.body)).toEqual(['Old gate code']);
      await within.dispose();

      const after = await createTestCore({
        dataDir,
        clock: createTestClock('2026-04-02T14:00:00.000Z'),
      });
      expect(await after.db.selectFrom('staff_notes').select('id').execute()).toEqual([]);
      await after.dispose();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
