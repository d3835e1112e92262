import { describe, expect, it } from 'vitest';
import { formatQboTime, formatResponseTime, parseQboTime } from './time-format.js';

describe('time formats', () => {
  it('writes MetaData times with whole seconds and -08:00', () => {
    expect(formatQboTime(Date.parse('2026-11-20T18:15:00.999Z'))).toBe('2026-11-20T10:15:00-08:00');
    expect(formatQboTime(Date.parse('2024-03-01T07:59:59Z'))).toBe('2024-02-29T23:59:59-08:00');
    expect(formatQboTime(Date.parse('2000-01-01T00:00:00Z'))).toBe('1999-12-31T16:00:00-08:00');
  });

  it('matches toISOString for many instants', () => {
    for (let ms = 0; ms < 4e12; ms += 7_777_777_777) {
      expect(formatQboTime(ms)).toBe(
        new Date(ms - 8 * 3600e3).toISOString().slice(0, 19) + '-08:00',
      );
    }
  });

  it('writes response times with milliseconds', () => {
    expect(formatResponseTime(Date.parse('2026-11-20T18:15:00.123Z'))).toBe(
      '2026-11-20T10:15:00.123-08:00',
    );
  });

  it('reads ISO times with any offset, and bare dates as Pacific midnight', () => {
    expect(parseQboTime('2026-11-20T10:15:00-08:00')).toBe(Date.parse('2026-11-20T18:15:00Z'));
    expect(parseQboTime('2026-11-20')).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect(parseQboTime('nope')).toBeNaN();
  });
});
