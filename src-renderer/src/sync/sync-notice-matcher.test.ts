import { describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../src-shared/contract';
import { SyncNoticeMatcher } from './sync-notice-matcher';

function run(id: number, result: SyncRun['result']): SyncRun {
  return {
    id,
    trigger: 'manual',
    kind: 'incremental',
    result,
    startedAt: '2026-11-27T08:00:00.000Z',
    finishedAt: '2026-11-27T08:00:05.000Z',
    durationMs: 5000,
    counts: {
      created: 0,
      updated: 0,
      deactivated: 0,
      reactivated: 0,
      deleted: 0,
      unchanged: 0,
      errors: result === 'partial' ? 1 : 0,
    },
    fetched: 0,
    message: null,
    detail: null,
  };
}

describe('which run a sync toast opens', () => {
  it('gives a result notice the run that just ended, once', () => {
    const matcher = new SyncNoticeMatcher<string>();
    matcher.progress(5);
    matcher.finish(run(5, 'partial'));
    expect(matcher.notice('open-sync-log')?.id).toBe(5);
    expect(matcher.notice('open-sync-log')).toBeNull();
  });

  it('ties a reconnect notice to a run only when that run failed', () => {
    const matcher = new SyncNoticeMatcher<string>();
    matcher.finish(run(6, 'failed'));
    expect(matcher.notice('reconnect')?.id).toBe(6);
    matcher.finish(run(7, 'success'));
    expect(matcher.notice('reconnect')).toBeNull();
  });

  it('does not hand an older run to the notice of a run that started since', () => {
    const matcher = new SyncNoticeMatcher<string>();
    matcher.finish(run(8, 'failed'));
    matcher.progress(9);
    expect(matcher.notice('reconnect')).toBeNull();
    expect(matcher.notice(undefined)).toBeNull();
  });

  it('links a "Reconnect QuickBooks" raised during a run to that run when it ends', () => {
    const matcher = new SyncNoticeMatcher<string>();
    matcher.raised('before any run');
    matcher.progress(10);
    matcher.raised('toast-1');
    expect(matcher.finish(run(10, 'failed'))).toBe('toast-1');
    expect(matcher.finish(run(11, 'failed'))).toBeNull();
  });
});
