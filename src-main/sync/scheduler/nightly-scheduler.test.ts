import { describe, expect, it } from 'vitest';
import { FakeScheduleTimer } from './fake-schedule-timer';
import { NightlyScheduler, type SchedulePlan } from './nightly-scheduler';
import { wall } from './wall-clock-for-tests';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CATCH_UP_DELAY = 20_000;

interface Setup {
  start: string;
  timeZone: string;
  /** The last successful sync; by default just before `start`, so launching makes nothing up. */
  lastSuccess?: string | null;
}

/** A scheduler on a test clock, whose "sync" records its trigger and wall time and succeeds. */
function scheduleAt(setup: Setup) {
  const timer = new FakeScheduleTimer(new Date(setup.start));
  const plan: SchedulePlan = {
    timeZone: setup.timeZone,
    customerSyncEnabled: true,
    connection: 'connected',
  };
  const state = {
    lastSuccess:
      setup.lastSuccess === undefined
        ? new Date(Date.parse(setup.start) - 60_000)
        : setup.lastSuccess === null
          ? null
          : new Date(setup.lastSuccess),
    runs: [] as string[],
    /** While set, a run does not end until it resolves (a slow sync). */
    hold: null as Promise<void> | null,
    fail: false,
  };
  const resumeListeners = new Set<() => void>();
  const nextRuns: (Date | null)[] = [];
  const scheduler = new NightlyScheduler({
    clock: timer,
    timer,
    power: {
      onResume(listener) {
        resumeListeners.add(listener);
        return () => resumeListeners.delete(listener);
      },
    },
    readPlan: async () => ({ ...plan }),
    lastSuccessfulSyncAt: async () => state.lastSuccess,
    runSync: async (trigger) => {
      state.runs.push(`${trigger} ${wall(timer.now(), plan.timeZone)}`);
      if (state.hold) await state.hold;
      if (state.fail) throw new Error('QuickBooks could not be reached');
      state.lastSuccess = timer.now();
    },
    onNextRunChanged: (next) => nextRuns.push(next),
    catchUpDelayMs: CATCH_UP_DELAY,
  });
  timer.settle = () => scheduler.settled();
  return {
    timer,
    plan,
    state,
    scheduler,
    nextRuns,
    wake: () => resumeListeners.forEach((listener) => listener()),
    nextRunWall: () => {
      const next = scheduler.nextRunAt();
      return next ? wall(next, plan.timeZone) : null;
    },
  };
}

describe('the nightly customer sync', () => {
  it('runs every night at 2:00 AM in the organization time zone', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    expect(s.nextRunWall()).toBe('2026-06-11 02:00');
    await s.timer.advanceTo(new Date('2026-06-13T12:00:00Z'));
    expect(s.state.runs).toEqual([
      'schedule 2026-06-11 02:00',
      'schedule 2026-06-12 02:00',
      'schedule 2026-06-13 02:00',
    ]);
    expect(s.nextRunWall()).toBe('2026-06-14 02:00');
    // One timer for tonight, no more: each run plans the next.
    expect(s.timer.scheduled()).toHaveLength(1);
  });

  const nights = [
    {
      zone: 'America/New_York',
      start: '2026-03-06T17:00:00Z',
      end: '2026-03-10T17:00:00Z',
      runs: ['2026-03-07 02:00', '2026-03-08 03:00', '2026-03-09 02:00', '2026-03-10 02:00'],
      story: 'runs at 3:00 AM on the night New York skips 2:00 AM',
    },
    {
      zone: 'America/New_York',
      start: '2026-10-30T16:00:00Z',
      end: '2026-11-02T17:00:00Z',
      runs: ['2026-10-31 02:00', '2026-11-01 02:00', '2026-11-02 02:00'],
      story: 'runs once a night when New York falls back',
    },
    {
      zone: 'Europe/London',
      start: '2026-03-27T12:00:00Z',
      end: '2026-03-30T12:00:00Z',
      runs: ['2026-03-28 02:00', '2026-03-29 02:00', '2026-03-30 02:00'],
      story: 'keeps 2:00 AM when London springs forward at 1:00 AM',
    },
    {
      zone: 'Europe/London',
      start: '2026-10-23T12:00:00Z',
      end: '2026-10-26T12:00:00Z',
      runs: ['2026-10-24 02:00', '2026-10-25 02:00', '2026-10-26 02:00'],
      story: 'runs once a night when London falls back',
    },
    {
      zone: 'Australia/Sydney',
      start: '2026-10-02T02:00:00Z',
      end: '2026-10-05T02:00:00Z',
      runs: ['2026-10-03 02:00', '2026-10-04 03:00', '2026-10-05 02:00'],
      story: 'runs at 3:00 AM on the night Sydney skips 2:00 AM',
    },
    {
      zone: 'Australia/Sydney',
      start: '2026-04-03T02:00:00Z',
      end: '2026-04-06T02:00:00Z',
      runs: ['2026-04-04 02:00', '2026-04-05 02:00', '2026-04-06 02:00'],
      story: 'runs once, not twice, on the night Sydney has 2:00 AM twice',
    },
  ];

  for (const night of nights) {
    it(night.story, async () => {
      const s = scheduleAt({ start: night.start, timeZone: night.zone });
      await s.scheduler.start();
      await s.timer.advanceTo(new Date(night.end));
      expect(s.state.runs).toEqual(night.runs.map((at) => `schedule ${at}`));
    });
  }

  it('moves to 2:00 AM in the new time zone when the organization’s zone changes', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    await s.timer.advance(CATCH_UP_DELAY);
    s.plan.timeZone = 'America/New_York';
    await s.scheduler.reschedule();
    expect(s.nextRunWall()).toBe('2026-06-11 02:00');
    expect(s.scheduler.nextRunAt()?.toISOString()).toBe('2026-06-11T06:00:00.000Z');
    expect(s.timer.scheduled().map((d) => d.toISOString())).toEqual(['2026-06-11T06:00:00.000Z']);
    await s.timer.advanceTo(new Date('2026-06-11T12:00:00Z'));
    // Nothing ran at London's 2:00 AM (01:00 UTC).
    expect(s.state.runs).toEqual(['schedule 2026-06-11 02:00']);
    expect(s.nextRuns.map((d) => d?.toISOString())).toEqual([
      '2026-06-11T01:00:00.000Z',
      '2026-06-11T06:00:00.000Z',
      '2026-06-12T06:00:00.000Z',
    ]);
  });

  it('stops when Customer Sync is turned off and resumes when it is turned on', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    s.plan.customerSyncEnabled = false;
    await s.scheduler.reschedule();
    expect(s.scheduler.nextRunAt()).toBeNull();
    await s.timer.advanceTo(new Date('2026-06-13T12:00:00Z'));
    expect(s.state.runs).toEqual([]);

    s.plan.customerSyncEnabled = true;
    await s.scheduler.reschedule();
    expect(s.nextRunWall()).toBe('2026-06-14 02:00');
    await s.timer.advanceTo(new Date('2026-06-14T12:00:00Z'));
    expect(s.state.runs).toEqual(['schedule 2026-06-14 02:00']);
  });

  it('skips the night while QuickBooks is not connected, and runs with an expired connection so the failure is reported', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    s.plan.connection = 'not_connected';
    await s.scheduler.start();
    await s.timer.advanceTo(new Date('2026-06-11T12:00:00Z'));
    expect(s.state.runs).toEqual([]);
    expect(s.nextRunWall()).toBe('2026-06-12 02:00');

    s.plan.connection = 'reconnect_required';
    s.state.fail = true;
    await s.timer.advanceTo(new Date('2026-06-12T12:00:00Z'));
    expect(s.state.runs).toEqual(['schedule 2026-06-12 02:00']);
    expect(s.nextRunWall()).toBe('2026-06-13 02:00');
  });

  it('makes up a night missed while the computer slept once after it wakes, not once per night', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    await s.timer.advanceTo(new Date('2026-06-10T22:00:00Z'));
    // The lid closes at 11 PM and opens three nights later at 8 AM.
    s.timer.sleepUntil(new Date('2026-06-13T07:00:00Z'));
    s.wake();
    await s.scheduler.settled();
    expect(s.state.runs).toEqual([]);
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:00']);

    // Waking again the same morning does not run it again.
    s.wake();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:00']);
    // And the schedule carries on that night.
    expect(s.nextRunWall()).toBe('2026-06-14 02:00');
    await s.timer.advanceTo(new Date('2026-06-14T12:00:00Z'));
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:00', 'schedule 2026-06-14 02:00']);
  });

  it('does not run twice when the 2:00 AM timer fires late after waking', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    await s.timer.advanceTo(new Date('2026-06-10T22:00:00Z'));
    s.timer.sleepUntil(new Date('2026-06-11T05:00:00Z'));
    // The old timer fires on wake, before the resume event arrives.
    await s.timer.advance(0);
    s.wake();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual(['schedule 2026-06-11 06:00']);
    expect(s.nextRunWall()).toBe('2026-06-12 02:00');
  });

  it('makes up a night missed while the app was closed, shortly after it starts', async () => {
    const s = scheduleAt({
      start: '2026-06-13T07:30:00Z',
      timeZone: 'Europe/London',
      lastSuccess: '2026-06-11T01:04:00Z',
    });
    await s.scheduler.start();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:30']);
  });

  it('makes nothing up at launch when the last sync is newer than the last 2:00 AM', async () => {
    const s = scheduleAt({
      start: '2026-06-13T07:30:00Z',
      timeZone: 'Europe/London',
      lastSuccess: '2026-06-13T01:03:00Z',
    });
    await s.scheduler.start();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual([]);
  });

  it('does not start a second catch-up while one is running', async () => {
    const s = scheduleAt({
      start: '2026-06-13T07:30:00Z',
      timeZone: 'Europe/London',
      lastSuccess: null,
    });
    let finish!: () => void;
    s.state.hold = new Promise<void>((resolve) => (finish = resolve));
    // The held run would block settling: let the clock move without waiting for it.
    s.timer.settle = async () => undefined;
    await s.scheduler.start();
    await s.timer.advance(CATCH_UP_DELAY);
    s.wake();
    await s.timer.advance(CATCH_UP_DELAY);
    s.wake();
    await s.timer.advance(CATCH_UP_DELAY);
    finish();
    await s.scheduler.settled();
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:30']);
  });

  it('waits for Customer Sync to be on before making up a missed night', async () => {
    const s = scheduleAt({
      start: '2026-06-13T07:30:00Z',
      timeZone: 'Europe/London',
      lastSuccess: '2026-06-10T01:00:00Z',
    });
    s.plan.customerSyncEnabled = false;
    await s.scheduler.start();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual([]);
    s.plan.customerSyncEnabled = true;
    s.wake();
    await s.timer.advance(CATCH_UP_DELAY);
    expect(s.state.runs).toEqual(['catch-up 2026-06-13 08:30']);
  });

  it('stops every timer when the app closes', async () => {
    const s = scheduleAt({ start: '2026-06-10T12:00:00Z', timeZone: 'Europe/London' });
    await s.scheduler.start();
    s.scheduler.stop();
    expect(s.timer.scheduled()).toEqual([]);
    s.wake();
    await s.timer.advance(3 * DAY);
    expect(s.state.runs).toEqual([]);
  });
});
