import { describe, expect, it } from 'vitest';
import type { SyncCounts, SyncRun } from '../../src-shared/contract';
import { notificationTarget } from './notification-target';
import { describeSyncChanges } from '../../src-shared/contract';
import { syncFinishedNotification } from './sync-notification';

const none: SyncCounts = {
  created: 0,
  updated: 0,
  deactivated: 0,
  reactivated: 0,
  deleted: 0,
  unchanged: 20,
  errors: 0,
};

function run(
  result: SyncRun['result'],
  counts: Partial<SyncCounts> = {},
  message: string | null = null,
): SyncRun {
  return {
    id: 7,
    trigger: 'schedule',
    kind: 'incremental',
    result,
    startedAt: '2026-06-11T01:00:00.000Z',
    finishedAt: '2026-06-11T01:00:04.000Z',
    durationMs: 4000,
    counts: { ...none, ...counts },
    fetched: 9,
    message,
    detail: null,
  };
}

describe('the sync-finished notification', () => {
  it('counts what changed: "3 created, 5 updated, 1 made inactive"', () => {
    expect(
      syncFinishedNotification(run('success', { created: 3, updated: 5, deactivated: 1 }), false),
    ).toEqual({
      title: 'Customer sync finished',
      body: '3 created, 5 updated, 1 made inactive.',
      action: 'open-sync-log',
    });
  });

  it('says everything was up to date when nothing changed', () => {
    expect(syncFinishedNotification(run('success'), false).body).toBe(
      'Everything was already up to date.',
    );
  });

  it('points to the Sync Log when some customers could not be brought in', () => {
    expect(syncFinishedNotification(run('partial', { created: 1, errors: 2 }), false)).toEqual({
      title: 'Customer sync finished with errors',
      body: 'Finished with 2 errors — see the Sync Log. 1 created.',
      action: 'open-sync-log',
    });
  });

  it('offers "Reconnect" when the sync failed because the connection expired', () => {
    const notice = syncFinishedNotification(
      run('failed', {}, 'The QuickBooks connection has expired.'),
      true,
    );
    expect(notice.action).toBe('reconnect');
    expect(notice.title).toContain('Reconnect QuickBooks');
    expect(notificationTarget(notice.action)).toBe('#/settings/integrations');
  });

  it('gives any other failure in the sync’s own plain words', () => {
    const notice = syncFinishedNotification(
      run('failed', {}, 'QuickBooks could not be reached. Check the internet connection.'),
      false,
    );
    expect(notice).toEqual({
      title: 'Customer sync failed',
      body: 'QuickBooks could not be reached. Check the internet connection.',
      action: 'open-sync-log',
    });
    expect(notificationTarget(notice.action)).toBe('#/settings/integrations/sync-log');
  });

  it('writes large counts with separators and names deletions in QuickBooks', () => {
    expect(describeSyncChanges({ ...none, created: 4200, reactivated: 1, deleted: 2 })).toBe(
      '4,200 created, 1 reactivated, 2 deleted in QuickBooks',
    );
  });
});
