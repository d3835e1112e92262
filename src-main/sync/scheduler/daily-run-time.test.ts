import { describe, expect, it } from 'vitest';
import { nextDailyRun, offsetAt, previousDailyRun } from './daily-run-time';
import { wall } from './wall-clock-for-tests';

/** How many instants of a local day show the wall time 02:00, counted minute by minute with Intl. */
function occurrencesOfTwoAm(day: string, timeZone: string): number {
  const start = Date.parse(`${day}T00:00:00Z`) - 36 * 3_600_000;
  let count = 0;
  for (let t = start; t < start + 72 * 3_600_000; t += 60_000) {
    if (wall(new Date(t), timeZone) === `${day} 02:00`) count += 1;
  }
  return count;
}

const HOUR = 3_600_000;

describe('the nightly run time', () => {
  it('is 2:00 AM in the organization time zone on an ordinary night', () => {
    const run = nextDailyRun(new Date('2026-06-10T12:00:00Z'), '02:00', 'Europe/London');
    expect(run.toISOString()).toBe('2026-06-11T01:00:00.000Z');
    expect(wall(run, 'Europe/London')).toBe('2026-06-11 02:00');
  });

  it('is the next night once tonight’s run has started', () => {
    const tonight = nextDailyRun(new Date('2026-06-10T12:00:00Z'), '02:00', 'America/New_York');
    expect(nextDailyRun(tonight, '02:00', 'America/New_York').getTime() - tonight.getTime()).toBe(
      24 * HOUR,
    );
  });

  /** An instant at noon, local time, the day before `day`: a start well clear of that night's run. */
  function noonBefore(day: string, zone: string): Date {
    const utcNoon = Date.parse(`${day}T12:00:00Z`) - 24 * HOUR;
    return new Date(utcNoon - offsetAt(utcNoon, zone));
  }

  // What Intl says about 2:00 AM on each DST day (checked, not assumed, in the first assertion).
  const dstNights = [
    { zone: 'America/New_York', day: '2026-03-08', twoAms: 0, hoursToNext: 23 },
    { zone: 'America/New_York', day: '2026-11-01', twoAms: 1, hoursToNext: 24 },
    { zone: 'Europe/London', day: '2026-03-29', twoAms: 1, hoursToNext: 24 },
    { zone: 'Europe/London', day: '2026-10-25', twoAms: 1, hoursToNext: 24 },
    { zone: 'Australia/Sydney', day: '2026-10-04', twoAms: 0, hoursToNext: 23 },
    { zone: 'Australia/Sydney', day: '2026-04-05', twoAms: 2, hoursToNext: 25 },
  ] as const;

  for (const { zone, day, twoAms, hoursToNext } of dstNights) {
    const story =
      twoAms === 0
        ? 'runs at 3:00 AM, when clocks skip 2:00 AM'
        : twoAms === 2
          ? 'runs once, at the first 2:00 AM, when 2:00 AM happens twice'
          : 'runs at 2:00 AM, which the clock change leaves alone';
    it(`${story} — ${day} in ${zone}`, () => {
      expect(occurrencesOfTwoAm(day, zone)).toBe(twoAms);
      const run = nextDailyRun(noonBefore(day, zone), '02:00', zone);
      const next = nextDailyRun(run, '02:00', zone);
      if (twoAms === 0) {
        expect(wall(run, zone)).toBe(`${day} 03:00`);
        // The first instant after the gap: a millisecond earlier the clock read 1:59.
        expect(wall(new Date(run.getTime() - 1), zone)).toBe(`${day} 01:59`);
      } else {
        expect(wall(run, zone)).toBe(`${day} 02:00`);
        // The first occurrence: an hour earlier the clock did not read 2:00 yet.
        expect(wall(new Date(run.getTime() - HOUR), zone)).not.toBe(`${day} 02:00`);
      }
      if (twoAms === 2) expect(wall(new Date(run.getTime() + HOUR), zone)).toBe(`${day} 02:00`);
      // The repeat is never a second run: the next one is the following night.
      expect(wall(next, zone)).not.toContain(day);
      expect(next.getTime() - run.getTime()).toBe(hoursToNext * HOUR);
    });
  }

  it('gives the most recent run for a catch-up, even after several missed nights', () => {
    const now = new Date('2026-03-30T09:15:00Z');
    expect(wall(previousDailyRun(now, '02:00', 'Europe/London'), 'Europe/London')).toBe(
      '2026-03-30 02:00',
    );
    // 2026-03-08 had no 2:00 AM in New York: that night's run was at 3:00 AM.
    const nextMorning = new Date('2026-03-09T05:59:00Z');
    expect(
      wall(previousDailyRun(nextMorning, '02:00', 'America/New_York'), 'America/New_York'),
    ).toBe('2026-03-08 03:00');
  });

  it('counts a run that is exactly now as the previous one, not the next', () => {
    const run = new Date('2026-06-11T01:00:00Z');
    expect(previousDailyRun(run, '02:00', 'Europe/London')).toEqual(run);
    expect(nextDailyRun(run, '02:00', 'Europe/London').getTime()).toBe(run.getTime() + 24 * HOUR);
  });

  it('follows a zone without DST, and one east of UTC', () => {
    expect(nextDailyRun(new Date('2026-01-01T00:00:00Z'), '02:00', 'UTC').toISOString()).toBe(
      '2026-01-01T02:00:00.000Z',
    );
    expect(
      wall(nextDailyRun(new Date('2026-01-01T00:00:00Z'), '02:00', 'Asia/Kolkata'), 'Asia/Kolkata'),
    ).toBe('2026-01-02 02:00');
  });
});
