import { describe, expect, it } from 'vitest';
import { SandboxError } from '../errors.js';
import { parseQuery } from './parse-query.js';

describe('parseQuery', () => {
  it('parses a plain select with defaults', () => {
    expect(parseQuery('select * from Customer')).toEqual({
      entity: 'Customer',
      count: false,
      where: [],
      orderBy: [],
      startPosition: 1,
      maxResults: 100,
    });
  });

  it('parses count, IN lists, comparisons, ORDERBY and paging in any case', () => {
    const q = parseQuery(
      "SELECT COUNT(*) FROM customer WHERE Active IN (true,false) AND Metadata.LastUpdatedTime > '2026-11-01T00:00:00-08:00' AND Id IN ('1', '2') ORDERBY Metadata.LastUpdatedTime DESC, Id STARTPOSITION 11 MAXRESULTS 50",
    );
    expect(q.count).toBe(true);
    expect(q.entity).toBe('customer');
    expect(q.where).toEqual([
      { field: 'Active', op: 'IN', values: [true, false] },
      { field: 'Metadata.LastUpdatedTime', op: '>', value: '2026-11-01T00:00:00-08:00' },
      { field: 'Id', op: 'IN', values: ['1', '2'] },
    ]);
    expect(q.orderBy).toEqual([
      { field: 'Metadata.LastUpdatedTime', desc: true },
      { field: 'Id', desc: false },
    ]);
    expect(q).toMatchObject({ startPosition: 11, maxResults: 50 });
  });

  it('handles escaped quotes, LIKE and "order by"', () => {
    const q = parseQuery(
      "select * from Customer where DisplayName = 'O\\'Brien' and CompanyName like '%Farm%' order by DisplayName asc",
    );
    expect(q.where).toEqual([
      { field: 'DisplayName', op: '=', value: "O'Brien" },
      { field: 'CompanyName', op: 'LIKE', value: '%Farm%' },
    ]);
    expect(q.orderBy).toEqual([{ field: 'DisplayName', desc: false }]);
  });

  it('caps MAXRESULTS at 1000 and floors STARTPOSITION at 1', () => {
    expect(parseQuery('select * from Customer maxresults 5000 startposition 0')).toMatchObject({
      maxResults: 1000,
      startPosition: 1,
    });
  });

  it.each([
    '',
    'select from Customer',
    'select * Customer',
    "select * from Customer where Name = 'x",
    'select * from Customer where Active',
    'select * from Customer extra',
    'select * from Customer where a = 1 or b = 2',
  ])('rejects %j with code 4000', (sql) => {
    try {
      parseQuery(sql);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).code).toBe('4000');
    }
  });
});
