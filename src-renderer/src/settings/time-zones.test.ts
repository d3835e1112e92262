import { describe, expect, it } from 'vitest';
import { allTimeZoneOptions, describeTimeZone, matchTimeZones, utcOffsetOf } from './time-zones';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');
const options = allTimeZoneOptions(winter);
const first = (search: string) => matchTimeZones(options, search)[0]?.value;
const found = (search: string) => matchTimeZones(options, search).map((o) => o.value);

describe('finding a time zone by what people type', () => {
  it('finds a city with or without the underscore', () => {
    expect(first('New York')).toBe('America/New_York');
    expect(first('new_york')).toBe('America/New_York');
    expect(first('Berlin')).toBe('Europe/Berlin');
  });

  it('finds the zones of a name, the one most people mean first', () => {
    expect(first('Eastern')).toBe('America/New_York');
    expect(found('Eastern')).toContain('America/Detroit');
    expect(found('Eastern')).toContain('Europe/Athens');
    expect(first('Central European')).toBe('Europe/Berlin');
  });

  it('finds a zone by its abbreviation, also ones Intl only prints as an offset', () => {
    expect(first('EST')).toBe('America/New_York');
    expect(first('est')).toBe('America/New_York');
    expect(first('PST')).toBe('America/Los_Angeles');
    expect(first('CET')).toBe('Europe/Berlin');
    expect(found('CET')).toContain('Europe/Paris');
    expect(found('CET')).not.toContain('America/New_York');
  });

  it('matches an abbreviation to whole zone names and word starts, never letters inside words', () => {
    const est = found('EST');
    expect(est).toContain('America/Detroit');
    expect(est).not.toContain('Africa/Lagos'); // West Africa Time
    expect(est).not.toContain('Europe/Lisbon'); // Western European Time
    expect(est).not.toContain('Australia/Sydney'); // Australian Eastern Time
    expect(est.length).toBeLessThan(30);
    expect(found('CET')).not.toContain('Africa/Lagos');
  });

  it('finds nothing for words no zone has', () => {
    expect(found('Atlantis Standard')).toEqual([]);
  });

  it('keeps every zone when nothing is typed', () => {
    expect(found('')).toHaveLength(options.length);
    expect(found('')).toContain('UTC');
  });
});

describe('how a zone is shown', () => {
  it('names the zone and its offset today, following daylight saving', () => {
    expect(describeTimeZone('America/New_York', winter).label).toBe(
      'America/New_York — Eastern Time (UTC−05:00)',
    );
    expect(utcOffsetOf('America/New_York', summer)).toBe('UTC−04:00');
    expect(utcOffsetOf('Asia/Kolkata', winter)).toBe('UTC+05:30');
  });

  it('shows UTC plainly', () => {
    expect(describeTimeZone('UTC', winter).label).toBe(
      'UTC — Coordinated Universal Time (UTC+00:00)',
    );
  });
});
