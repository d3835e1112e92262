import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient } from '../clients/client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';

// This computer's own backups of its data file (a shared database's backups are its server's).

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const NAME = 'Quillfeather Zanzibarovna';

describe('an erased client in the backups', () => {
  it('tells Settings → Data which backups still hold the erased client, and until when', async () => {
    const client = await insertManualClient(core.db, { displayName: NAME });
    await core.call('notes.add', { clientId: client.id, body: 'Gate code Xylophonic-7731' });
    await core.call('backups.create', {});
    core.clock.advance(60_000);
    await core.call('privacy.erase', { clientId: client.id, confirmName: NAME });
    const settings = await core.call('privacy.settings', {});
    expect(settings.erasures).toEqual([
      expect.objectContaining({
        by: TEST_STAFF_NAME,
        backupsHoldingIt: 1,
        lastingBackups: 1,
        dailyCopiesGoneBy: '2026-04-13T14:01:00.000Z',
      }),
    ]);
  });
});
