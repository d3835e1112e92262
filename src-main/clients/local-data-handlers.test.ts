import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listActivity } from '../activity/activity-log';
import { insertManualClient, insertQuickBooksClient } from './client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function actions(clientId: number): Promise<string[]> {
  return (await listActivity(core.db, { clientId })).map((a) => a.action);
}

describe('a new client profile', () => {
  it('starts with portal off and default preferences', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'rider@example.com',
    });
    const detail = await core.call('clients.get', { id: client.id });
    expect(detail.portal).toEqual({
      enabled: false,
      loginEmail: 'rider@example.com',
      canViewHorses: true,
      updatedAt: null,
    });
    expect(detail.preferences).toEqual({
      contactMethod: 'email',
      newsletter: false,
      remindersEnabled: true,
      notes: '',
    });
    expect(detail.horses).toEqual([]);
    expect(detail.notes).toEqual([]);
  });
});

describe('horses', () => {
  it('links a horse once however often it is linked, and unlinks it', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Sunny Acres' });
    const horse = await core.call('horses.create', {
      name: 'Biscuit',
      breed: 'Morgan',
      birthYear: 2015,
    });

    await core.call('horses.link', { clientId: client.id, horseId: horse.id });
    const again = await core.call('horses.link', { clientId: client.id, horseId: horse.id });
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({
      name: 'Biscuit',
      breed: 'Morgan',
      birthYear: 2015,
      role: 'Owner',
    });
    expect(await actions(client.id)).toEqual(['horse.link']);

    const roleChanged = await core.call('horses.link', {
      clientId: client.id,
      horseId: horse.id,
      role: 'Lessee',
    });
    expect(roleChanged.map((h) => h.role)).toEqual(['Lessee']);

    expect(await core.call('horses.unlink', { clientId: client.id, horseId: horse.id })).toEqual(
      [],
    );
    expect(await core.call('horses.unlink', { clientId: client.id, horseId: horse.id })).toEqual(
      [],
    );
    expect(await actions(client.id)).toEqual(['horse.unlink', 'horse.link', 'horse.link']);
  });

  it('lets an archived client keep and gain horses', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Old Duplicate' });
    await core.call('clients.archive', { id: client.id });
    const horse = await core.call('horses.create', { name: 'Pepper' });
    expect(await core.call('horses.link', { clientId: client.id, horseId: horse.id })).toHaveLength(
      1,
    );
  });

  it('finds horses by part of their name', async () => {
    for (const name of ['Biscuit', 'Big Red', 'Pepper', '100% Sugar'])
      await core.call('horses.create', { name });
    expect((await core.call('horses.list', { search: 'bi' })).map((h) => h.name)).toEqual([
      'Big Red',
      'Biscuit',
    ]);
    expect((await core.call('horses.list', { search: '%' })).map((h) => h.name)).toEqual([
      '100% Sugar',
    ]);
    expect(await core.call('horses.list', {})).toHaveLength(4);
  });

  it('says which horse was not found', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const result = await core.invoke('horses.link', { clientId: client.id, horseId: 999 });
    expect(result.ok ? 'accepted' : result.error.message).toBe(
      'This horse was not found. It may have been removed.',
    );
  });
});

describe('staff notes', () => {
  it('adds notes signed by the staff member, newest first, and deletes them', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Sunny Acres' });
    const first = await core.call('notes.add', { clientId: client.id, body: 'Pays by check' });
    core.clock.advance(1000);
    await core.call('notes.add', { clientId: client.id, body: 'Prefers morning calls' });
    expect(first.author).toBe(TEST_STAFF_NAME);

    expect((await core.call('clients.get', { id: client.id })).notes.map((n) => n.body)).toEqual([
      'Prefers morning calls',
      'Pays by check',
    ]);

    await core.call('notes.delete', { id: first.id });
    expect((await core.call('clients.get', { id: client.id })).notes.map((n) => n.body)).toEqual([
      'Prefers morning calls',
    ]);
    expect(await actions(client.id)).toEqual(['note.delete', 'note.add', 'note.add']);
  });

  it('refuses an empty note', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const result = await core.invoke('notes.add', { clientId: client.id, body: '   ' });
    expect(result.ok ? 'accepted' : result.error.message).toBe(
      'Please check body: A note cannot be empty',
    );
  });
});

describe('portal access', () => {
  it('needs an email address before the portal can be turned on', async () => {
    const client = await insertQuickBooksClient(core.db, {
      displayName: 'No Email Farm',
      email: null,
    });

    const result = await core.invoke('portal.update', { clientId: client.id, enabled: true });

    expect(result.ok ? 'accepted' : result.error).toMatchObject({
      code: 'validation',
      message:
        'Add an email address before turning on portal access. QuickBooks clients get their email from QuickBooks.',
    });
    expect((await core.call('clients.get', { id: client.id })).portal.enabled).toBe(false);
    expect(await actions(client.id)).toEqual([]);
  });

  it("turns the portal on with the client's email as the login", async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'rider@example.com',
    });
    const portal = await core.call('portal.update', {
      clientId: client.id,
      enabled: true,
      canViewHorses: false,
    });
    expect(portal).toEqual({
      enabled: true,
      loginEmail: 'rider@example.com',
      canViewHorses: false,
      updatedAt: core.clock.now().toISOString(),
    });
    const [entry] = await listActivity(core.db, { clientId: client.id });
    expect(entry?.summary).toBe('Portal for Walk-in Rider: turned on portal access, horses hidden');
  });

  it('keeps the email of a client whose portal is on', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'rider@example.com',
    });
    await core.call('portal.update', { clientId: client.id, enabled: true });
    const result = await core.invoke('clients.update', { id: client.id, fields: { email: null } });
    expect(result.ok ? 'accepted' : result.error.message).toMatch(
      /^Turn off portal access before removing the email/,
    );
    expect((await core.call('clients.get', { id: client.id })).client.email).toBe(
      'rider@example.com',
    );
  });

  it('can always turn the portal off, email or not', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    expect(
      (await core.call('portal.update', { clientId: client.id, enabled: false })).enabled,
    ).toBe(false);
  });
});

describe('preferences', () => {
  it('saves preferences and records which ones changed', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Sunny Acres' });
    const saved = await core.call('preferences.update', {
      clientId: client.id,
      preferences: {
        contactMethod: 'phone',
        newsletter: true,
        remindersEnabled: true,
        notes: 'Call after 5',
      },
    });
    expect(saved).toEqual({
      contactMethod: 'phone',
      newsletter: true,
      remindersEnabled: true,
      notes: 'Call after 5',
      version: 1,
    });
    const [entry] = await listActivity(core.db, { clientId: client.id });
    expect(entry).toMatchObject({
      action: 'preferences.update',
      summary: 'Changed contact method, newsletter, notes for Sunny Acres',
    });
  });

  it('refuses an unknown contact method', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const result = await core.invoke('preferences.update', {
      clientId: client.id,
      preferences: {
        contactMethod: 'pigeon',
        newsletter: false,
        remindersEnabled: true,
        notes: '',
      },
    } as never);
    expect(result.ok ? 'accepted' : result.error.code).toBe('validation');
  });
});

describe('the profile activity', () => {
  it('shows the latest 50 entries for the client, newest first', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Busy Client' });
    for (let i = 0; i < 55; i++) {
      core.clock.advance(1000);
      await core.call('notes.add', { clientId: client.id, body: `Note ${i}` });
    }
    const { activity } = await core.call('clients.get', { id: client.id });
    expect(activity).toHaveLength(50);
    expect(activity[0]!.at > activity[49]!.at).toBe(true);
    expect(activity[0]!.summary).toBe('Added a note to Busy Client');
    expect(activity.every((a) => a.source === 'staff' && a.action === 'note.add')).toBe(true);
  });
});
