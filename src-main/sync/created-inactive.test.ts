import { afterEach, describe, expect, it } from 'vitest';
import { insertQuickBooksClient } from '../clients/client-fixtures';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';

let current: SandboxedCore | null = null;

afterEach(async () => {
  await current?.dispose();
  current = null;
});

describe('how many of a run’s creations came in inactive', () => {
  it('counts the run’s own inactive creations, not inactive clients the list already held', async () => {
    const s = await createSandboxedCore({ sandbox: { customers: 30, seed: 5 } });
    current = s;
    // Already in the list before the first sync: not this run's.
    for (const name of ['Old Inactive One', 'Old Inactive Two'])
      await insertQuickBooksClient(s.core.db, { displayName: name, active: false });
    const customers = s.sandbox.admin.listCustomers();
    s.sandbox.admin.deactivateCustomer(customers[3]!.Id);
    const inactiveInQuickBooks = s.sandbox.admin
      .listCustomers()
      .filter((c) => c.Active === false).length;

    const run = await s.connectAndSync();
    expect(run.counts.created).toBe(customers.length);

    const answer = await s.core.dispatcher.invoke('sync.run.createdInactive', { runId: run.id });
    expect(answer).toEqual({ ok: true, value: { inactive: inactiveInQuickBooks } });
    const listed = await s.core.dispatcher.invoke('clients.list', {
      status: 'inactive',
      source: 'quickbooks',
      limit: 1,
    });
    // The list's count, which the toast used before, includes the two older ones.
    expect(listed.ok && listed.value.total).toBe(inactiveInQuickBooks + 2);
  });

  it('is 0 for a run that created nothing, and refuses an unknown run', async () => {
    const s = await createSandboxedCore({ sandbox: { customers: 5, seed: 5 } });
    current = s;
    await s.connectAndSync();
    const again = await s.core.dispatcher.invoke('sync.run', { trigger: 'manual' });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.counts.created).toBe(0);
    expect(
      await s.core.dispatcher.invoke('sync.run.createdInactive', { runId: again.value.id }),
    ).toEqual({ ok: true, value: { inactive: 0 } });
    const missing = await s.core.dispatcher.invoke('sync.run.createdInactive', { runId: 9999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
