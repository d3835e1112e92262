import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveClientSearchRows } from '../db/search-index';
import { insertManualClient, insertQuickBooksClient } from './client-fixtures';
import { createTestCore, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const ask = (query: { email?: string; phone?: string; mobile?: string }) =>
  core.call('clients.contactMatches', {
    email: query.email ?? null,
    phone: query.phone ?? null,
    mobile: query.mobile ?? null,
  });

describe('clients a new client would duplicate', () => {
  it('finds a QuickBooks client by its email whatever the case and spaces, and by any address of its email box', async () => {
    const qb = await insertQuickBooksClient(core.db, {
      qbId: '58',
      displayName: 'Willow Creek Farm',
      email: 'office@willowcreek.example',
    });
    await core.db
      .updateTable('clients')
      .set({ other_emails: 'barn@willowcreek.example' })
      .where('id', '=', qb.id)
      .execute();
    await saveClientSearchRows(core.db, [qb.id]);

    expect(await ask({ email: '  Office@WillowCreek.example ' })).toEqual([
      {
        id: qb.id,
        displayName: 'Willow Creek Farm',
        source: 'quickbooks',
        active: true,
        field: 'email',
        value: 'office@willowcreek.example',
      },
    ]);
    expect((await ask({ email: 'barn@willowcreek.example' }))[0]).toMatchObject({ id: qb.id });
  });

  it('finds a custom client by phone or mobile written another way, and not by a shorter number', async () => {
    const tom = await insertManualClient(core.db, {
      displayName: 'Tom Baker',
      mobile: '(859) 555-0102',
    });

    expect(await ask({ phone: '+1 859.555.0102' })).toEqual([
      expect.objectContaining({
        id: tom.id,
        source: 'manual',
        field: 'phone',
        value: '(859) 555-0102',
      }),
    ]);
    expect(await ask({ phone: '555-01' })).toEqual([]);
  });

  it('leaves out archived clients and clients that only share a name', async () => {
    await insertManualClient(core.db, {
      displayName: 'Old Record',
      email: 'old@example.com',
      archivedAt: '2026-01-01T00:00:00.000Z',
    });
    await insertManualClient(core.db, { displayName: 'old example' });

    expect(await ask({ email: 'old@example.com' })).toEqual([]);
  });
});
