import { describe, expect, it } from 'vitest';
import { parentsFirst } from './customer-page-writes';

const row = (qbId: string, parent: string | null = null) => ({
  qbId,
  columns: { parent_qb_id: parent },
});
const ids = (groups: { qbId: string }[][]) => groups.map((group) => group.map((r) => r.qbId));

describe('a sync page written parents first (PostgreSQL writer)', () => {
  it('writes a page without families in one statement', () => {
    expect(ids(parentsFirst([row('1'), row('2'), row('3', '99')]))).toEqual([['1', '2', '3']]);
  });

  it('writes a sub-customer after its parent when both are in the page, however they are listed', () => {
    const groups = parentsFirst([row('12', '11'), row('11', '10'), row('10'), row('13', '10')]);
    expect(ids(groups)).toEqual([['10'], ['11', '13'], ['12']]);
  });

  it('still writes every customer when parents point at each other', () => {
    const groups = parentsFirst([row('1', '2'), row('2', '1'), row('3')]);
    expect(ids(groups).flat().sort()).toEqual(['1', '2', '3']);
  });
});
