import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { findManualMatchesFor } from './duplicate-scan';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function pairs() {
  return (await core.call('duplicates.list', {})).pairs.map((p) => ({
    quickbooks: p.quickbooks.displayName,
    manual: p.manual.displayName,
    reasons: p.reasons,
  }));
}

describe('finding possible duplicates', () => {
  it('pairs a QuickBooks client and a manual client with the same email, whatever the case', async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Maria Lopez',
      email: 'Maria@Willow.example',
    });
    await insertManualClient(core.db, { displayName: 'M. Lopez', email: ' maria@willow.example' });
    expect(await pairs()).toEqual([
      { quickbooks: 'Maria Lopez', manual: 'M. Lopez', reasons: ['email'] },
    ]);
  });

  it('matches any of several addresses in a QuickBooks email field', async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Oak Hill Farm',
      email: 'office@oakhill.example, pat@oakhill.example',
    });
    await insertManualClient(core.db, { displayName: 'Pat Reilly', email: 'pat@oakhill.example' });
    expect(await pairs()).toEqual([
      { quickbooks: 'Oak Hill Farm', manual: 'Pat Reilly', reasons: ['email'] },
    ]);
  });

  it('matches phone digits across phone and mobile and formats, ignoring short numbers', async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Ann Carter',
      phone: '+1 (859) 555-0142',
    });
    await insertManualClient(core.db, { displayName: 'Annie C', mobile: '859.555.0142' });
    await insertQuickBooksClient(core.db, { displayName: 'Ben Ross', phone: 'ext 1234' });
    await insertManualClient(core.db, { displayName: 'B Ross', phone: '1234' });
    expect(await pairs()).toEqual([
      { quickbooks: 'Ann Carter', manual: 'Annie C', reasons: ['phone'] },
    ]);
  });

  it('matches "Smith, John" with "john  smith" and gives every reason of a pair', async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Smith, John',
      email: 'john@smith.example',
      phone: '(555) 010-2233',
    });
    await insertManualClient(core.db, {
      displayName: 'john  smith',
      email: 'JOHN@smith.example',
      phone: '555-010-2233',
    });
    expect(await pairs()).toEqual([
      { quickbooks: 'Smith, John', manual: 'john  smith', reasons: ['email', 'phone', 'name'] },
    ]);
  });

  it('never pairs two QuickBooks clients or two manual clients', async () => {
    await insertQuickBooksClient(core.db, { displayName: 'Jane Doe' });
    await insertQuickBooksClient(core.db, { displayName: 'Jane Doe', qbId: '77' });
    await insertManualClient(core.db, { displayName: 'Zed Roe', email: 'z@roe.example' });
    await insertManualClient(core.db, { displayName: 'Zed Roe', email: 'z@roe.example' });
    expect(await pairs()).toEqual([]);
  });

  it('leaves out archived and merged clients', async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Kim Park',
      archivedAt: '2026-01-01T00:00:00.000Z',
    });
    await insertManualClient(core.db, { displayName: 'Kim Park' });
    await insertQuickBooksClient(core.db, { displayName: 'Lee Wong' });
    await insertManualClient(core.db, {
      displayName: 'Lee Wong',
      archivedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await pairs()).toEqual([]);
  });

  it('keeps a pair dismissed as "not a duplicate" out of the list, after a restart too', async () => {
    const qb = await insertQuickBooksClient(core.db, { displayName: 'Sam Hill' });
    const manual = await insertManualClient(core.db, { displayName: 'Hill, Sam' });
    expect((await core.call('duplicates.list', {})).total).toBe(1);

    await core.call('duplicates.dismiss', { quickbooksClientId: qb.id, manualClientId: manual.id });
    expect((await core.call('duplicates.list', {})).total).toBe(0);
    const activity = await core.db.selectFrom('activity').select('action').execute();
    expect(activity.map((a) => a.action)).toContain('duplicate.dismiss');

    const dataDir = core.dataDir;
    await core.close();
    const reopened = await createTestCore({ dataDir });
    try {
      expect((await reopened.call('duplicates.list', {})).total).toBe(0);
    } finally {
      await reopened.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      core = await createTestCore();
    }
  });

  it('tells the sync which manual clients match the customers it brought in', async () => {
    const synced = await insertQuickBooksClient(core.db, {
      displayName: 'Nora Quinn',
      email: 'nora@q.example',
    });
    const other = await insertQuickBooksClient(core.db, { displayName: 'Otto Berg' });
    const manual = await insertManualClient(core.db, {
      displayName: 'Nora Q',
      email: 'NORA@q.example',
    });
    await insertManualClient(core.db, { displayName: 'Otto Berg' });

    const matches = await findManualMatchesFor(core.db, [synced.id]);
    expect(matches.map((m) => [m.quickbooks.id, m.manual.id, m.reasons])).toEqual([
      [synced.id, manual.id, ['email']],
    ]);
    expect(await findManualMatchesFor(core.db, [])).toEqual([]);
    expect((await findManualMatchesFor(core.db, [other.id])).length).toBe(1);
  });

  it('counts every pair but returns only as many as asked', async () => {
    for (let i = 0; i < 5; i++) {
      await insertQuickBooksClient(core.db, { displayName: `Rider ${i}` });
      await insertManualClient(core.db, { displayName: `rider ${i}` });
    }
    const list = await core.call('duplicates.list', { limit: 2 });
    expect(list.total).toBe(5);
    expect(list.pairs).toHaveLength(2);
  });
});
