import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput, SyncRun } from '../../src-shared/contract';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';

const MINUTE = 60_000;
let current: SandboxedCore | null = null;

afterEach(async () => {
  await current?.dispose();
  current = null;
});

async function connected(customers: number): Promise<SandboxedCore & { initial: SyncRun }> {
  const s = await createSandboxedCore({ sandbox: { customers, seed: 5 } });
  current = s;
  return Object.assign(s, { initial: await s.connectAndSync() });
}

async function items(s: SandboxedCore, input: MethodInput<'sync.items'>) {
  const answer = await s.core.dispatcher.invoke('sync.items', input);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('the Sync Log of one run', () => {
  it('finds a run’s customers by name, email, QuickBooks ID or message, and keeps the paging', async () => {
    const s = await connected(30);
    s.sandbox.admin.advanceClock(MINUTE);
    const willow = s.sandbox.admin.createCustomer({
      DisplayName: 'Willow Creek Riders',
      PrimaryEmailAddr: { Address: 'office@willowcreek.example' },
    });
    s.sandbox.admin.createCustomer({ DisplayName: 'Foxglove Eventing' });
    s.sandbox.admin.createCustomer({ DisplayName: 'Foxglove Pony Club' });
    s.sandbox.admin.createCustomer({ DisplayName: '' });
    s.sandbox.admin.advanceClock(MINUTE);
    const run = await s.core.sync.run('manual');
    expect(run.result).toBe('partial');

    const everything = await items(s, { runId: run.id });
    expect(everything.total).toBeGreaterThanOrEqual(4);

    const byName = await items(s, { runId: run.id, search: 'willow' });
    expect(byName.items.map((i) => i.clientName)).toEqual(['Willow Creek Riders']);
    const byEmail = await items(s, { runId: run.id, search: 'office@willowcreek' });
    expect(byEmail.items.map((i) => i.clientName)).toEqual(['Willow Creek Riders']);
    const byId = await items(s, { runId: run.id, search: willow.Id });
    expect(byId.items.some((i) => i.qbId === willow.Id)).toBe(true);
    const byMessage = await items(s, { runId: run.id, search: 'has no name' });
    expect(byMessage.items.map((i) => i.action)).toEqual(['error']);
    // Every word counts, in any order; a "%" is a percent sign, not a wildcard.
    expect((await items(s, { runId: run.id, search: 'eventing foxglove' })).total).toBe(1);
    expect((await items(s, { runId: run.id, search: '%' })).total).toBe(0);
    expect((await items(s, { runId: run.id, search: 'foxglove', errorsOnly: true })).total).toBe(0);

    // Export CSV writes what the search shows.
    const csv = await s.core.dispatcher.invoke('sync.exportCsv', {
      runId: run.id,
      search: 'foxglove',
    });
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.csv.split('\r\n').filter(Boolean)).toHaveLength(3); // header + 2
    expect(csv.value.csv).not.toContain('Willow Creek Riders');

    const firstPage = await items(s, { runId: run.id, search: 'foxglove', limit: 1 });
    const secondPage = await items(s, { runId: run.id, search: 'foxglove', limit: 1, offset: 1 });
    expect(firstPage.total).toBe(2);
    expect(secondPage.total).toBe(2);
    expect([firstPage.items[0]!.clientName, secondPage.items[0]!.clientName].sort()).toEqual([
      'Foxglove Eventing',
      'Foxglove Pony Club',
    ]);
  });

  it('lists, for each customer a run updated, the fields it changed, old → new', async () => {
    const s = await connected(10);
    const customer = s.sandbox.admin
      .listCustomers()
      .find((c) => c.Active && c.PrimaryPhone?.FreeFormNumber)!;
    const oldPhone = customer.PrimaryPhone!.FreeFormNumber!;
    s.sandbox.admin.advanceClock(MINUTE);
    s.sandbox.admin.updateCustomer(customer.Id, {
      PrimaryPhone: { FreeFormNumber: '(555) 010-4242' },
    });
    s.sandbox.admin.advanceClock(MINUTE);
    const run = await s.core.sync.run('manual');
    const updated = (await items(s, { runId: run.id })).items.find((i) => i.qbId === customer.Id);
    expect(updated?.action).toBe('updated');
    expect(updated?.changes).toEqual([
      { label: 'phone', before: oldPhone, after: '(555) 010-4242' },
    ]);
  });

  it('labels the sync that connecting again to an already synced company starts as a reconnect, not a first sync', async () => {
    const s = await connected(10);
    expect(s.initial.trigger).toBe('initial');
    const reconnectRun = new Promise<SyncRun>((resolve) => {
      const stop = s.core.events.subscribe((event, payload) => {
        if (event !== 'sync.finished') return;
        stop();
        resolve(payload as SyncRun);
      });
    });
    await s.connect();
    const run = await reconnectRun;
    expect(run.trigger).toBe('reconnect');
    expect(run.result).toBe('success');
  });
});
