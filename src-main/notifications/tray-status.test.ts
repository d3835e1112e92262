import { describe, expect, it } from 'vitest';
import type { SyncProgress, SyncRun } from '../../src-shared/contract';
import { taskbarProgress, trayMenu, trayStatusLine, type TrayState } from './tray-status';

const lastRun: SyncRun = {
  id: 3,
  trigger: 'schedule',
  kind: 'incremental',
  result: 'success',
  startedAt: '2026-06-11T01:00:00.000Z',
  finishedAt: '2026-06-11T01:00:03.000Z',
  durationMs: 3000,
  counts: {
    created: 0,
    updated: 3,
    deactivated: 0,
    reactivated: 0,
    deleted: 0,
    unchanged: 40,
    errors: 0,
  },
  fetched: 3,
  message: null,
  detail: null,
};

const progress: SyncProgress = {
  runId: 4,
  trigger: 'tray',
  kind: 'full',
  phase: 'fetching',
  fetched: 40,
  applied: 40,
  total: 100,
};

const base: TrayState = {
  connection: 'connected',
  customerSyncEnabled: true,
  progress: null,
  lastRun,
  timeZone: 'Europe/London',
};
const morning = new Date('2026-06-11T08:00:00Z');

describe('the tray', () => {
  it('shows the last sync in the organization’s time: "Last sync 2:00 AM · 3 updated"', () => {
    expect(trayStatusLine(base, morning)).toBe('Last sync 2:00 AM · 3 updated');
    expect(trayStatusLine(base, new Date('2026-06-12T08:00:00Z'))).toBe(
      'Last sync Jun 11, 2:00 AM · 3 updated',
    );
  });

  it('shows "Syncing… 40%" while a sync runs, and fills the taskbar to match', () => {
    expect(trayStatusLine({ ...base, progress }, morning)).toBe('Syncing… 40%');
    expect(taskbarProgress(progress)).toBe(0.4);
    expect(trayStatusLine({ ...base, progress: { ...progress, total: null } }, morning)).toBe(
      'Syncing…',
    );
    expect(taskbarProgress({ ...progress, total: null })).toBe(2);
    expect(taskbarProgress(null)).toBe(-1);
  });

  it('says "Sync failed — Reconnect" and offers Reconnect when QuickBooks needs it', () => {
    const state: TrayState = {
      ...base,
      connection: 'reconnect_required',
      lastRun: { ...lastRun, result: 'failed' },
    };
    expect(trayStatusLine(state, morning)).toBe('Sync failed — Reconnect');
    expect(
      trayMenu(state, morning)
        .filter((i) => i.kind === 'action')
        .map((i) => i.label),
    ).toEqual(['Sync Customers Now', 'Reconnect QuickBooks…', 'Open EquineOps', 'Quit']);
  });

  it('mentions errors after a partial sync', () => {
    const partial: SyncRun = {
      ...lastRun,
      result: 'partial',
      counts: { ...lastRun.counts, errors: 2 },
    };
    expect(trayStatusLine({ ...base, lastRun: partial }, morning)).toBe(
      'Last sync 2:00 AM · 3 updated · 2 errors',
    );
  });

  it('lists status, Sync Customers Now, Open EquineOps and Quit, with Sync Now off while Customer Sync is off', () => {
    expect(trayMenu(base, morning)).toEqual([
      { kind: 'status', label: 'Last sync 2:00 AM · 3 updated' },
      { kind: 'separator' },
      { kind: 'action', action: 'sync-now', label: 'Sync Customers Now', enabled: true },
      { kind: 'action', action: 'open', label: 'Open EquineOps', enabled: true },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit', enabled: true },
    ]);
    const off = trayMenu({ ...base, customerSyncEnabled: false }, morning);
    expect(off[0]).toEqual({ kind: 'status', label: 'Customer Sync is off' });
    expect(off.find((i) => i.kind === 'action' && i.action === 'sync-now')).toMatchObject({
      enabled: false,
    });
    expect(trayStatusLine({ ...base, connection: 'not_connected', lastRun: null }, morning)).toBe(
      'QuickBooks not connected',
    );
  });
});
