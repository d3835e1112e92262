import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { runTrayAction } from './tray-commands';

const MINUTE = 60_000;
let env: SandboxedCore | null = null;

afterEach(async () => {
  await env?.dispose();
  env = null;
});

/** Connected, with the initial sync finished and its notification sent. */
async function connectedCore(
  options: Parameters<typeof createSandboxedCore>[0] = {},
): Promise<SandboxedCore> {
  env = await createSandboxedCore(options);
  await env.connect();
  // The initial sync started on connect; a second request joins it.
  await env.core.sync.run('manual');
  await env.core.syncNotices.idle();
  return env;
}

async function runCount(s: SandboxedCore): Promise<number> {
  return (await s.core.db.selectFrom('sync_runs').select('id').execute()).length;
}

describe('notifications when a customer sync ends', () => {
  it('tells staff what changed and opens the Sync Log when clicked', async () => {
    const s = await connectedCore();
    expect(s.ports.notifier.sent.at(-1)).toMatchObject({
      title: 'Customer sync finished',
      action: 'open-sync-log',
    });

    s.sandbox.admin.advanceClock(MINUTE);
    for (const name of ['Aspen Rider', 'Birch Rider', 'Cedar Rider'])
      s.sandbox.admin.createCustomer({ DisplayName: name });
    const existing = s.sandbox.admin.listCustomers().find((c) => c.Active)!;
    s.sandbox.admin.updateCustomer(existing.Id, {
      DisplayName: `${existing.DisplayName} (moved barns)`,
    });
    s.sandbox.admin.advanceClock(MINUTE);
    const run = await s.core.sync.run('schedule');
    await s.core.syncNotices.idle();

    expect(run.result).toBe('success');
    expect(s.ports.notifier.sent.at(-1)).toEqual({
      title: 'Customer sync finished',
      body: '3 created, 1 updated.',
      action: 'open-sync-log',
    });
  });

  it('says "Finished with 1 error — see the Sync Log" when a customer could not be brought in', async () => {
    const s = await connectedCore();
    s.sandbox.admin.advanceClock(MINUTE);
    s.sandbox.admin.createCustomer({ DisplayName: '' });
    s.sandbox.admin.createCustomer({ DisplayName: 'Named Rider' });
    s.sandbox.admin.advanceClock(MINUTE);
    const run = await s.core.sync.run('manual');
    await s.core.syncNotices.idle();

    expect(run.result).toBe('partial');
    expect(s.ports.notifier.sent.at(-1)).toEqual({
      title: 'Customer sync finished with errors',
      body: 'Finished with 1 error — see the Sync Log. 1 created.',
      action: 'open-sync-log',
    });
  });

  it('offers "Reconnect" once when the connection expired, and on every later failed run', async () => {
    const s = await connectedCore();
    const before = s.ports.notifier.sent.length;
    s.sandbox.admin.revokeAllTokens();
    s.sandbox.admin.expireAccessTokens();
    const failed = await s.core.sync.run('schedule');
    await s.core.syncNotices.idle();

    expect(failed.result).toBe('failed');
    // The connection service asked for the reconnect as Intuit refused; the sync does not say it twice.
    const during = s.ports.notifier.sent.slice(before);
    expect(during).toEqual([
      expect.objectContaining({ title: 'Reconnect QuickBooks', action: 'reconnect' }),
    ]);

    // The next night the connection is known to be expired: the run fails at once and says so.
    const again = await s.core.sync.run('schedule');
    await s.core.syncNotices.idle();
    expect(again.result).toBe('failed');
    expect(s.ports.notifier.sent.at(-1)).toMatchObject({
      title: 'Customer sync failed — Reconnect QuickBooks',
      action: 'reconnect',
    });
    expect(s.ports.notifier.sent.at(-1)?.body).toMatch(/connection has expired/);
  });
});

describe('the tray’s Sync Customers Now', () => {
  it('joins a sync that is already running instead of starting another', async () => {
    const s = await connectedCore({ sandbox: { customers: 300 } });
    s.sandbox.admin.setFaults({ latency: { kind: 'fixed', ms: 150 } });
    const runsBefore = await runCount(s);

    const manual = s.core.sync.run('manual', { mode: 'full' });
    expect(s.core.sync.isRunning()).toBe(true);
    const opened: string[] = [];
    await runTrayAction('sync-now', {
      runSync: (trigger) => s.core.sync.run(trigger),
      openWindow: (hash) => opened.push(hash ?? ''),
      quit: () => undefined,
    });
    const run = await manual;

    expect(await runCount(s)).toBe(runsBefore + 1);
    const logged = await s.core.db
      .selectFrom('sync_runs')
      .select(['id', 'trigger'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged).toEqual({ id: run.id, trigger: 'manual' });
    expect(opened).toEqual([]);
  });

  it('starts a tray sync when none is running', async () => {
    const s = await connectedCore();
    await runTrayAction('sync-now', {
      runSync: (trigger) => s.core.sync.run(trigger),
      openWindow: () => undefined,
      quit: () => undefined,
    });
    const logged = await s.core.db
      .selectFrom('sync_runs')
      .select('trigger')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.trigger).toBe('tray');
  });
});
