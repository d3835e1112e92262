import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientPreferences } from '../../src-shared/contract';
import { listActivity } from '../activity/activity-log';
import { writeSettings } from '../settings/settings-repository';
import { insertManualClient, insertQuickBooksClient, newClientInput } from './client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from './test-core';

/**
 * Two people editing the same manual client or the same preferences: the
 * second save, made on a form loaded before the first, is refused with who
 * saved and when, and what the first saved stays. One core whose staff name
 * changes between saves stands for two people (two tabs or two computers
 * reach the same handlers); runs on SQLite and, under the PostgreSQL config,
 * on PostgreSQL.
 */
let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  // 14:00 UTC on the test clock is 9:00 AM here.
  await writeSettings(core.db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  await core.dispose();
});

async function actAs(staffName: string): Promise<void> {
  await core.call('settings.update', { staffName });
}

const phonePreferences: ClientPreferences = {
  contactMethod: 'phone',
  newsletter: false,
  remindersEnabled: true,
  notes: 'Call after 5',
};

describe('a manual client edited by two people', () => {
  it('refuses the second save made on the older version, saying who changed it and when, and keeps theirs', async () => {
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    await actAs('Pat');
    core.clock.advance(42 * 60_000);
    const pats = await core.call('clients.update', {
      id: client.id,
      fields: { phone: '(859) 555-0102' },
      version: client.version,
    });
    expect(pats.version).toBe(client.version + 1);

    await actAs('Dana');
    const refused = await core.invoke('clients.update', {
      id: client.id,
      fields: { phone: '(859) 555-0199', email: 'tom@example.com' },
      version: client.version,
    });

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('edit_conflict');
    expect(refused.error.message).toMatch(
      /^Pat changed this client at 9:42\sAM\. Your changes were not saved: reload to see theirs, then make yours again\.$/,
    );
    expect(refused.error.conflict).toEqual({
      changedBy: 'Pat',
      changedAt: '2026-03-02T14:42:00.000Z',
    });
    const now = (await core.call('clients.get', { id: client.id })).client;
    expect(now).toMatchObject({ phone: '(859) 555-0102', email: null, version: pats.version });
    const updates = await listActivity(core.db, { clientId: client.id, action: 'client.update' });
    expect(updates.map((entry) => entry.actor)).toEqual(['Pat']);
  });

  it('saves on the version it loaded, and the next save goes on from the version returned', async () => {
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    const first = await core.call('clients.update', {
      id: client.id,
      fields: { phone: '(859) 555-0102' },
      version: client.version,
    });
    const second = await core.call('clients.update', {
      id: client.id,
      fields: { mobile: '(859) 555-0177' },
      version: first.version,
    });
    expect(second).toMatchObject({
      phone: '(859) 555-0102',
      mobile: '(859) 555-0177',
      version: client.version + 2,
    });
    const row = await core.db
      .selectFrom('clients')
      .select('updated_by')
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(row.updated_by).toBe(TEST_STAFF_NAME);
  });

  it('keeps exactly one of two saves sent at once from the same version', async () => {
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    // On PostgreSQL the core's pool runs both transactions at once, as two computers would.
    const results = await Promise.all(
      ['(859) 555-0101', '(859) 555-0202'].map((phone) =>
        core.invoke('clients.update', {
          id: client.id,
          fields: { phone },
          version: client.version,
        }),
      ),
    );
    const saved = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(saved).toHaveLength(1);
    expect(refused.map((r) => (r.ok ? null : r.error.code))).toEqual(['edit_conflict']);
    const now = (await core.call('clients.get', { id: client.id })).client;
    expect(saved[0]?.ok && saved[0].value.phone).toBe(now.phone);
    expect(now.version).toBe(client.version + 1);
  });

  it('names the day when the winning save was not today', async () => {
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    await actAs('Pat');
    await core.call('clients.update', { id: client.id, fields: { phone: '1' }, version: 1 });
    core.clock.advance(24 * 3_600_000);
    const refused = await core.invoke('clients.update', {
      id: client.id,
      fields: { phone: '2' },
      version: 1,
    });
    expect(refused.ok ? 'saved' : refused.error.message).toMatch(
      /^Pat changed this client on Mar 2 at 9:00\sAM\./,
    );
  });

  it('is refused after the client was archived or restored since the form loaded it', async () => {
    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    const archived = await core.call('clients.archive', { id: client.id });
    expect(archived.version).toBe(client.version + 1);
    const restored = await core.call('clients.restore', { id: client.id });
    expect(restored.version).toBe(client.version + 2);

    const refused = await core.invoke('clients.update', {
      id: client.id,
      fields: { phone: '(859) 555-0102' },
      version: client.version,
    });
    expect(refused.ok ? 'saved' : refused.error.code).toBe('edit_conflict');
    expect((await core.call('clients.get', { id: client.id })).client.phone).toBeNull();
  });

  it('moves the version of a client a merge archives, and of one its undo restores', async () => {
    const manual = await insertManualClient(core.db, {
      displayName: 'John Smith',
      email: 'john@example.com',
    });
    const quickbooks = await insertQuickBooksClient(core.db, {
      displayName: 'Smith, John',
      email: 'john@example.com',
    });
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const merged = (await core.call('clients.get', { id: manual.id })).client;
    expect(merged.version).toBe(manual.version + 1);
    await core.call('duplicates.undoMerge', { mergeId: merge.id });
    const back = (await core.call('clients.get', { id: manual.id })).client;
    expect(back.version).toBe(manual.version + 2);

    const refused = await core.invoke('clients.update', {
      id: manual.id,
      fields: { phone: '1' },
      version: manual.version,
    });
    expect(refused.ok ? 'saved' : refused.error.code).toBe('edit_conflict');
  });
});

describe('preferences edited by two people', () => {
  it('keep exactly one of two first saves sent at once', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const results = await Promise.all(
      ['Call after 5', 'Texts only'].map((notes) =>
        core.invoke('preferences.update', {
          clientId: client.id,
          preferences: { ...phonePreferences, notes },
          version: 0,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.flatMap((r) => (r.ok ? [] : [r.error.code]))).toEqual(['edit_conflict']);
    expect((await core.call('clients.get', { id: client.id })).preferencesVersion).toBe(1);
  });

  it('start at version 0, the first save makes 1, and a second save from 0 is refused with who and when', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    expect((await core.call('clients.get', { id: client.id })).preferencesVersion).toBe(0);

    await actAs('Pat');
    const pats = await core.call('preferences.update', {
      clientId: client.id,
      preferences: phonePreferences,
      version: 0,
    });
    expect(pats.version).toBe(1);
    expect((await core.call('clients.get', { id: client.id })).preferencesVersion).toBe(1);

    await actAs('Dana');
    core.clock.advance(5 * 60_000);
    const refused = await core.invoke('preferences.update', {
      clientId: client.id,
      preferences: { ...phonePreferences, contactMethod: 'text', notes: 'Texts only' },
      version: 0,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('edit_conflict');
    expect(refused.error.message).toMatch(
      /^Pat changed this client's preferences at 9:00\sAM\. Your changes were not saved/,
    );
    expect(refused.error.conflict).toEqual({
      changedBy: 'Pat',
      changedAt: '2026-03-02T14:00:00.000Z',
    });
    expect((await core.call('clients.get', { id: client.id })).preferences).toEqual(
      phonePreferences,
    );
  });

  it('saves from the version returned by the last save, and refuses one from before it', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const first = await core.call('preferences.update', {
      clientId: client.id,
      preferences: phonePreferences,
      version: 0,
    });
    const second = await core.call('preferences.update', {
      clientId: client.id,
      preferences: { ...phonePreferences, newsletter: true },
      version: first.version,
    });
    expect(second).toEqual({ ...phonePreferences, newsletter: true, version: 2 });
    const stale = await core.invoke('preferences.update', {
      clientId: client.id,
      preferences: { ...phonePreferences, notes: 'Mornings' },
      version: first.version,
    });
    expect(stale.ok ? 'saved' : stale.error.code).toBe('edit_conflict');
    expect((await core.call('clients.get', { id: client.id })).preferences.notes).toBe(
      'Call after 5',
    );
  });

  it('moves on when a merge carries preferences over, so a form opened before is refused', async () => {
    const manual = await insertManualClient(core.db, {
      displayName: 'John Smith',
      email: 'john@example.com',
    });
    const quickbooks = await insertQuickBooksClient(core.db, {
      displayName: 'Smith, John',
      email: 'john@example.com',
    });
    await core.call('preferences.update', {
      clientId: manual.id,
      preferences: phonePreferences,
      version: 0,
    });
    await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const kept = await core.call('clients.get', { id: quickbooks.id });
    expect(kept.preferences).toEqual(phonePreferences);
    expect(kept.preferencesVersion).toBe(1);

    const refused = await core.invoke('preferences.update', {
      clientId: quickbooks.id,
      preferences: { ...phonePreferences, notes: 'Typed before the merge' },
      version: 0,
    });
    expect(refused.ok ? 'saved' : refused.error.code).toBe('edit_conflict');
  });
});
