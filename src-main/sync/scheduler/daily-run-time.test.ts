import { describe, expect, it } from 'vitest';
import { nextDailyRun, offsetAt, previousDailyRun } from './daily-run-time';

/** The wall clock in a zone, as "YYYY-MM-DD HH:MM", to read results the way staff would. */
function wall(date: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

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
    expect(nextDailyRun(tonight, '02:00', 'America/New_York').getTime() - tonight.getTime()).toBe(24 * HOUR);
  });

  const springForward = [
    ['America/New_York', '2026-03-08'],
    ['Europe/London', '2026-03-29'],
    ['Australia/Sydney', '2026-10-04'],
  ] as const;

  for (const [zone, day] of springForward) {
    it(`runs at 3:00 AM on ${day} in ${zone}, when clocks skip 2:00 AM`, () => {
      expect(occurrencesOfTwoAm(day, zone)).toBe(0);
      const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 30 * HOUR);
      const nightBefore = nextDailyRun(dayBefore, '02:00', zone);
      const run = nextDailyRun(nightBefore, '02:00', zone);
      expect(wall(run, zone)).toBe(`${day} 03:00`);
      // The first instant after the gap: one millisecond earlier the clock still read before 2:00.
      expect(wall(new Date(run.getTime() - 1), zone)).toBe(`${day} 01:59`);
      expect(nextDailyRun(run, '02:00', zone).getTime() - run.getTime()).toBe(23 * HOUR);
    });
  }

  const fallBack = [
    ['America/New_York', '2026-11-01', '01:00'],
    ['Europe/London', '2026-10-25', '01:00'],
    ['Australia/Sydney', '2026-04-05', '02:00'],
  ] as const;

  for (const [zone, day, repeatedHour] of fallBack) {
    it(`runs once, at the first 2:00 AM, on ${day} in ${zone}, when clocks fall back`, () => {
      const run = nextDailyRun(new Date(Date.parse(`${day}T00:00:00Z`) - 30 * HOUR), '02:00', zone);
      const first = nextDailyRun(run, '02:00', zone);
      expect(wall(first, zone)).toBe(`${day} 02:00`);
      // The offset an hour later is smaller: clocks went back after this run.
      expect(offsetAt(first.getTime() + 2 * HOUR, zone)).toBeLessThan(offsetAt(first.getTime() - 2 * HOUR, zone));
      const after = nextDailyRun(first, '02:00', zone);
      expect(wall(after, zone)).not.toContain(day);
      if (repeatedHour === '02:00') {
        // Sydney repeats 2:00–2:59 itself: 2:00 AM happens twice, and only the first counts.
        expect(occurrencesOfTwoAm(day, zone)).toBe(2);
        expect(wall(new Date(first.getTime() + HOUR), zone)).toBe(`${day} 02:00`);
        expect(after.getTime() - first.getTime()).toBe(25 * HOUR);
      } else {
        // New York and London repeat 1:00–1:59, so 2:00 AM still happens once.
        expect(occurrencesOfTwoAm(day, zone)).toBe(1);
        expect(after.getTime() - first.getTime()).toBe(24 * HOUR);
      }
    });
  }

  it('gives the most recent run for a catch-up, even after several missed nights', () => {
    const now = new Date('2026-03-30T09:15:00Z');
    expect(wall(previousDailyRun(now, '02:00', 'Europe/London'), 'Europe/London')).toBe('2026-03-30 02:00');
    const justBefore = new Date('2026-03-30T00:59:00Z');
    // 2026-03-29 had no 2:00 AM in London: that night ran at 3:00 AM.
    expect(wall(previousDailyRun(justBefore, '02:00', 'Europe/London'), 'Europe/London')).toBe('2026-03-29 03:00');
  });

  it('counts a run that is exactly now as the previous one, not the next', () => {
    const run = new Date('2026-06-11T01:00:00Z');
    expect(previousDailyRun(run, '02:00', 'Europe/London')).toEqual(run);
    expect(nextDailyRun(run, '02:00', 'Europe/London').getTime()).toBe(run.getTime() + 24 * HOUR);
  });

  it('follows a zone without DST, and one east of UTC', () => {
    expect(nextDailyRun(new Date('2026-01-01T00:00:00Z'), '02:00', 'UTC').toISOString()).toBe('2026-01-01T02:00:00.000Z');
    expect(wall(nextDailyRun(new Date('2026-01-01T00:00:00Z'), '02:00', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-01-02 02:00');
  });
});
