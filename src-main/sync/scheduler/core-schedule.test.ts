import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core';
import { createMemorySecretStoreForTests } from '../../platform/node/memory-secret-store';
import { createNodePorts } from '../../platform/node/node-ports';
import { FakeScheduleTimer } from './fake-schedule-timer';

let core: Core | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  core = dataDir = null;
});

async function coreOnTestClock(start: string): Promise<{ core: Core; timer: FakeScheduleTimer }> {
  const timer = new FakeScheduleTimer(new Date(start));
  dataDir = mkdtempSync(join(tmpdir(), 'equineops-schedule-'));
  core = await createCore({
    dataDir,
    host: 'browser',
    quickbooks: null,
    ports: createNodePorts({
      clock: timer,
      secrets: createMemorySecretStoreForTests(),
      launchBrowser: false,
    }),
    scheduler: { timer },
  });
  const scheduler = core.scheduler!;
  timer.settle = () => scheduler.settled();
  await scheduler.settled();
  return { core, timer };
}

describe('the nightly schedule in the app', () => {
  it('follows the organization time zone set in Settings', async () => {
    const { core } = await coreOnTestClock('2026-06-10T12:00:00Z');
    const saved = await core.dispatcher.invoke('settings.update', { timeZone: 'Europe/London' });
    expect(saved.ok).toBe(true);
    await core.scheduler!.settled();
    expect(core.scheduler!.nextRunAt()?.toISOString()).toBe('2026-06-11T01:00:00.000Z');

    await core.dispatcher.invoke('settings.update', { timeZone: 'Australia/Sydney' });
    await core.scheduler!.settled();
    expect(core.scheduler!.nextRunAt()?.toISOString()).toBe('2026-06-10T16:00:00.000Z');
    const status = await core.dispatcher.invoke('quickbooks.status', {});
    expect(status.ok && status.value.schedule).toEqual({
      time: '02:00',
      label: 'Daily at 2:00 AM',
      timeZone: 'Australia/Sydney',
    });
    // Not connected: nothing will run, so the page shows no next run.
    expect(status.ok && status.value.nextRunAt).toBeNull();
  });

  it('stops planning when Customer Sync is turned off and plans again when it is on', async () => {
    const { core } = await coreOnTestClock('2026-06-10T12:00:00Z');
    await core.dispatcher.invoke('settings.update', { timeZone: 'America/New_York' });
    await core.dispatcher.invoke('quickbooks.setCustomerSync', { enabled: false });
    await core.scheduler!.settled();
    expect(core.scheduler!.nextRunAt()).toBeNull();
    await core.dispatcher.invoke('quickbooks.setCustomerSync', { enabled: true });
    await core.scheduler!.settled();
    expect(core.scheduler!.nextRunAt()?.toISOString()).toBe('2026-06-11T06:00:00.000Z');
  });
});
