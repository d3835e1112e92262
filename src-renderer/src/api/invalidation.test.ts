import { describe, expect, it } from 'vitest';
import { queryKeysForTables } from './invalidation';

describe('which queries a data change refetches', () => {
  it('refetches client lists and profiles when clients change, but not settings', () => {
    expect(queryKeysForTables(['clients'])).toEqual([['clients'], ['client']]);
  });

  it('refetches only profiles when a staff note changes, leaving the big list alone', () => {
    expect(queryKeysForTables(['notes', 'activity'])).toEqual([['client']]);
  });

  it('names each query once when several tables share it', () => {
    const keys = queryKeysForTables(['horses', 'clients', 'notes']).map((k) => JSON.stringify(k));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
