import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.js';
import { createCompanyStore } from './store.js';

const company = (customers: number) =>
  createCompanyStore({
    realmId: '1',
    companyName: 'Sunny Acres Stables',
    customers,
    seed: 2,
    clock: createClock(Date.parse('2026-11-20T18:15:00Z')),
  });

describe('the change log caches follow', () => {
  it('names every customer edited, created, deactivated with its sub-customers, merged or deleted since a version', () => {
    const store = company(400);
    const parent = store
      .live()
      .find((row) => store.live().some((sub) => sub.data.ParentRef?.value === row.data.Id));
    const before = store.version();
    store.update('5', { Notes: 'moved to barn 3' });
    const created = store.create({ DisplayName: 'Willow Bend Farm' });
    store.deactivate(parent?.data.Id ?? '');
    store.merge('7', '9');
    store.remove('11');

    const ids = new Set(store.changedSince(before)?.map((row) => row.data.Id));
    const subs = store.live().filter((row) => row.data.ParentRef?.value === parent?.data.Id);
    expect(subs.length).toBeGreaterThan(0);
    for (const id of [
      '5',
      created.Id,
      parent?.data.Id,
      ...subs.map((s) => s.data.Id),
      '7',
      '9',
      '11',
    ])
      expect(ids.has(id ?? ''), `customer ${id}`).toBe(true);
    expect(store.changedSince(store.version())).toEqual([]);
  });

  it('says it cannot tell once the changes asked about are older than it keeps, or the company was reseeded', () => {
    const store = company(50);
    const start = store.version();
    for (let i = 0; i < 10_001; i++) store.update('1', { Notes: `edit ${i}` });
    expect(store.changedSince(start)).toBeNull();
    expect(store.changedSince(store.version() - 3)).toHaveLength(3);

    const beforeReseed = store.version();
    store.reseed(60, 3);
    expect(store.changedSince(beforeReseed)).toBeNull();
    expect(store.changedSince(store.version())).toEqual([]);
  });
});
