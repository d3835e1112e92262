/**
 * When "daily at 02:00 in the organization's time zone" happens, with the DST
 * rule of DESIGN rule 8: on the night 02:00 does not exist the run is the first
 * instant after the gap (wall time 03:00 for a one-hour jump); on the night it
 * happens twice the run is the first occurrence only. Uses Intl, so the zone
 * rules are the ones the OS and Node ship.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "HH:MM", 24-hour, wall time in the zone. */
export type DailyTime = `${number}:${number}`;

/** The first scheduled run strictly after `after`. */
export function nextDailyRun(after: Date, time: DailyTime, timeZone: string): Date {
  const today = localDate(after.getTime(), timeZone);
  for (let day = -1; day <= 3; day += 1) {
    const run = runOnDay(shiftDate(today, day), time, timeZone);
    if (run > after.getTime()) return new Date(run);
  }
  // Unreachable: some day within three has a run after `after`.
  throw new Error(`No daily run found after ${after.toISOString()} in ${timeZone}`);
}

/** The most recent scheduled run at or before `atOrBefore` (the slot a catch-up makes up for). */
export function previousDailyRun(atOrBefore: Date, time: DailyTime, timeZone: string): Date {
  const today = localDate(atOrBefore.getTime(), timeZone);
  for (let day = 1; day >= -3; day -= 1) {
    const run = runOnDay(shiftDate(today, day), time, timeZone);
    if (run <= atOrBefore.getTime()) return new Date(run);
  }
  throw new Error(`No daily run found before ${atOrBefore.toISOString()} in ${timeZone}`);
}

interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** The run instant for one local calendar day: the first instant whose wall clock reads `time` or later that day. */
function runOnDay(date: LocalDate, time: DailyTime, timeZone: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  // The wall time written as if it were UTC; subtracting the zone's offset gives the instant.
  const wall = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  // Repeated hour: both offsets read `time`; the earlier instant is the first occurrence.
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped hour: the run is the moment the clocks jump, the first instant after the gap.
  return transitionBetween(wall - offsetAfter, wall - offsetBefore, timeZone, offsetAfter);
}

/** Binary search for the first instant in (low, high] already on `offsetAfter`. */
function transitionBetween(
  low: number,
  high: number,
  timeZone: string,
  offsetAfter: number,
): number {
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === offsetAfter) hi = mid;
    else lo = mid;
  }
  return hi;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock year, month, day, hour, minute and second of an instant in a time zone. */
export function wallParts(instant: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
export function offsetAt(instant: number, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wall - whole;
}

function localDate(instant: number, timeZone: string): LocalDate {
  const p = wallParts(instant, timeZone);
  return { year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1 };
}

function shiftDate(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}
