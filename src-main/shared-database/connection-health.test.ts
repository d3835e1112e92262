import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHealth } from '../../src-shared/contract';
import { markPostgresError } from '../db/postgres/pg-failures';
import { AppError } from '../errors';
import { ConnectionHealth, isConnectionLoss } from './connection-health';

afterEach(() => {
  vi.useRealTimers();
});

/** The database driver's refusal, as pg-connection.ts hands it on (marked as the database's). */
function refused(): Error {
  return markPostgresError(
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
  ) as Error;
}

describe('a lost connection to the shared database', () => {
  it('is told apart from a statement that was simply wrong', () => {
    expect(isConnectionLoss(refused())).toBe(true);
    expect(
      isConnectionLoss(markPostgresError(new Error('Connection terminated unexpectedly'))),
    ).toBe(true);
    expect(
      isConnectionLoss(
        Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
          severity: 'FATAL',
        }),
      ),
    ).toBe(true);
    expect(
      isConnectionLoss(
        new AppError('database_unavailable', 'The shared database cannot be reached.'),
      ),
    ).toBe(true);
    expect(isConnectionLoss(new Error('wrapped', { cause: refused() }))).toBe(true);
    expect(
      isConnectionLoss(Object.assign(new Error('duplicate key value'), { code: '23505' })),
    ).toBe(false);
    expect(isConnectionLoss(new AppError('validation', 'Name is required'))).toBe(false);
    // QuickBooks unreachable is not the database unreachable.
    const network = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), {
      code: 'ECONNREFUSED',
    });
    expect(isConnectionLoss(network)).toBe(false);
    expect(
      isConnectionLoss(new AppError('quickbooks', 'QuickBooks did not answer', { cause: network })),
    ).toBe(false);
  });

  it('says lost since when, tries again at 1, 2, 5, then every 10 seconds, and says when it is back', async () => {
    vi.useFakeTimers();
    const now = new Date('2026-03-02T14:00:00.000Z');
    const seen: DatabaseHealth[] = [];
    const tries: number[] = [];
    let up = false;
    let refreshed = 0;
    const health = new ConnectionHealth({
      clock: { now: () => now },
      server: () => 'equineops on db.barn.local:5432',
      probe: async () => {
        tries.push(Date.now());
        if (!up) throw refused();
      },
      onChange: (h) => seen.push(h),
      onBack: () => {
        refreshed += 1;
      },
    });
    const start = Date.now();

    expect(health.notice(new Error('syntax error at or near "selct"'))).toBe(false);
    expect(seen).toEqual([]);
    expect(health.notice(refused())).toBe(true);
    expect(health.notice(refused())).toBe(true);
    expect(seen).toEqual([
      {
        state: 'lost',
        since: '2026-03-02T14:00:00.000Z',
        server: 'equineops on db.barn.local:5432',
        neverOpened: false,
      },
    ]);

    await vi.advanceTimersByTimeAsync(1000 + 2000 + 5000 + 10_000 + 10_000);
    expect(tries.map((t) => (t - start) / 1000)).toEqual([1, 3, 8, 18, 28]);

    up = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.at(-1)).toEqual({
      state: 'ok',
      since: null,
      server: 'equineops on db.barn.local:5432',
      neverOpened: false,
    });
    expect(refreshed).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries).toHaveLength(6);
    health.stop();
  });

  it('tries at once when asked (Retry), and a start-up without the server is the waiting kind', async () => {
    vi.useFakeTimers();
    let up = false;
    const health = new ConnectionHealth({
      clock: { now: () => new Date('2026-03-02T14:00:00.000Z') },
      server: () => 'equineops on db.barn.local:5432',
      probe: async () => {
        if (!up) throw refused();
      },
      onChange: () => undefined,
      onBack: () => undefined,
    });
    health.lostAtStart();
    expect(health.health).toMatchObject({ state: 'lost', neverOpened: true });
    expect((await health.retryNow()).state).toBe('lost');
    up = true;
    expect(await health.retryNow()).toMatchObject({ state: 'ok', neverOpened: false });
    health.stop();
  });
});
