import { describe, expect, it } from 'vitest';
import { accessRetentionProblem } from './privacy';

describe('how long the access log is kept', () => {
  it('refuses fewer than 30 days by saying the minimum, rather than saving 30', () => {
    expect(accessRetentionProblem(10)).toBe('Keep access entries at least 30 days (the minimum)');
    expect(accessRetentionProblem('10')).toBe('Keep access entries at least 30 days (the minimum)');
  });

  it('accepts the limits and anything between', () => {
    expect(accessRetentionProblem(30)).toBeNull();
    expect(accessRetentionProblem(365)).toBeNull();
    expect(accessRetentionProblem(3650)).toBeNull();
  });

  it('says what to type for an empty box, a fraction or too many days', () => {
    expect(accessRetentionProblem('')).toBe('Enter a number of days');
    expect(accessRetentionProblem(45.5)).toBe('Enter whole days');
    expect(accessRetentionProblem(4000)).toBe('Keep access entries at most 10 years (3650 days)');
  });
});
