import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listActivity } from '../activity/activity-log';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';
import { newClientInput } from '../clients/client-fixtures';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

describe('the first-run setup', () => {
  it('is needed until the organization has a name, then saves all three answers and signs with the new name', async () => {
    // The test core stored a staff name, as an older version's Settings would have: it is offered again.
    expect(await core.call('settings.setup.status', {})).toEqual({
      needed: true,
      nameOnly: false,
      storedStaffName: TEST_STAFF_NAME,
      storedTimeZone: null,
    });

    const saved = await core.call('settings.setup.complete', {
      organizationName: '  Sunny Acres Stables ',
      staffName: 'Jane Miller',
      timeZone: 'America/New_York',
    });

    expect(saved).toEqual({
      organizationName: 'Sunny Acres Stables',
      staffName: 'Jane Miller',
      timeZone: 'America/New_York',
    });
    expect(await core.call('settings.setup.status', {})).toMatchObject({ needed: false });
    const [entry] = await listActivity(core.db, { action: 'settings.setup' });
    expect(entry).toMatchObject({ actor: 'Jane Miller', summary: 'Set up Sunny Acres Stables' });

    const client = await core.call('clients.create', newClientInput({ displayName: 'Tom Baker' }));
    const note = await core.call('notes.add', { clientId: client.id, body: 'First note' });
    expect(note.author).toBe('Jane Miller');
  });

  it('refuses a blank name or an unknown time zone and stays needed', async () => {
    const refused = await core.invoke('settings.setup.complete', {
      organizationName: 'Sunny Acres Stables',
      staffName: '   ',
      timeZone: 'Mars/Olympus_Mons',
    });

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('validation');
    expect(refused.error.fields).toMatchObject({
      staffName: 'Your name is required',
      timeZone: 'Choose a time zone from the list, like America/New_York',
    });
    expect(await core.call('settings.setup.status', {})).toMatchObject({ needed: true });
  });
});
