import { describe, expect, it } from 'vitest';
import { allTimeZoneOptions } from './time-zones';
import { timeZonesShown } from './time-zones-shown';

const options = allTimeZoneOptions(new Date('2026-01-15T12:00:00Z'));

describe('the zones the time-zone picker lists', () => {
  it('lists every zone when it opens on a chosen one, so a zone late in the list can be scrolled to', () => {
    const shown = timeZonesShown(options, '', 50).map((o) => o.value);
    expect(options.length).toBeGreaterThan(50);
    expect(shown).toHaveLength(options.length);
    expect(shown.indexOf('Pacific/Auckland')).toBeGreaterThanOrEqual(50);
    expect(timeZonesShown(options, '   ', 50)).toHaveLength(options.length);
  });

  it('lists only the best matches of a search, best first', () => {
    const shown = timeZonesShown(options, 'a', 50);
    expect(shown).toHaveLength(50);
    expect(timeZonesShown(options, 'Berlin', 50)[0]?.value).toBe('Europe/Berlin');
  });
});
