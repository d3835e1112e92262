import { describe, expect, it } from 'vitest';
import { compareByUpdated, compareTombstones, idNumber } from '../company/customer-order.js';
import { createPrng } from '../prng.js';
import { mixedCompany } from '../testing/mixed-company.js';
import { formatQboTime } from '../time-format.js';
import { createFastQueryRunner } from './fast-query.js';
import { parseQuery } from './parse-query.js';
import { createQueryRunner } from './query-runner.js';
import { compileQuery, createGenericQueryRunner, type QueryResult } from './run-query.js';

const ALL = 'Active IN (true, false)';

/** What a client can see of an answer: the Ids in order, or the count. */
const seen = (result: QueryResult | null) =>
  result === null
    ? null
    : result.kind === 'count'
      ? { count: result.totalCount }
      : { ids: result.rows.map((r) => r.data.Id), startPosition: result.startPosition };

function setUp(customers: number, seed: number) {
  const company = mixedCompany(customers, seed);
  const generic = createGenericQueryRunner(company.store);
  const fast = createFastQueryRunner(company.store);
  const runner = createQueryRunner(company.store);
  const answers = (sql: string) => {
    const expected = seen(generic(compileQuery(parseQuery(sql))));
    expect(seen(runner(parseQuery(sql))), sql).toEqual(expected);
    return expected;
  };
  /** The sync's own shapes must be answered from the indexes, and identically. */
  const answersFast = (sql: string) => {
    const expected = answers(sql);
    expect(seen(fast(compileQuery(parseQuery(sql)))), sql).toEqual(expected);
    return expected;
  };
  return { ...company, answers, answersFast };
}

/** The queries the sync sends, at positions and bounds picked from the live company. */
function syncQueries(c: ReturnType<typeof setUp>, rng: ReturnType<typeof createPrng>): string[] {
  const live = c.store.live();
  const someId = () => live[rng.int(0, Math.max(0, live.length - 1))]?.data.Id ?? '1';
  const gone = c.store.tombstones().map((t) => t.id);
  const afterId = someId();
  const start = rng.int(1, live.length + 5);
  const max = rng.pick([1, 7, 100, 1000]);
  const ids = [
    ...Array.from({ length: 40 }, someId),
    ...gone.slice(0, 10),
    '999999',
    afterId,
    afterId,
  ].map((id) => `'${id}'`);
  const byTime = c.store.byUpdated();
  const pivot = byTime[Math.floor(byTime.length * rng.pick([0, 0.5, 0.9, 0.99]))];
  const since = pivot ? formatQboTime(pivot.updatedMs) : formatQboTime(c.clock.now());
  return [
    `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${max}`,
    `SELECT * FROM Customer WHERE ${ALL} STARTPOSITION ${start} MAXRESULTS ${max}`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id > '${afterId}' ORDERBY Id STARTPOSITION ${rng.int(1, 50)} MAXRESULTS ${max}`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id > '${afterId}' MAXRESULTS 1000`,
    `SELECT COUNT(*) FROM Customer WHERE ${ALL}`,
    `SELECT COUNT(*) FROM Customer WHERE ${ALL} AND Id > '${afterId}'`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id IN (${ids.join(', ')}) MAXRESULTS 1000`,
    `SELECT * FROM Customer WHERE ${ALL} AND Metadata.LastUpdatedTime > '${since}' ORDERBY Metadata.LastUpdatedTime MAXRESULTS 1000`,
    `SELECT * FROM Customer WHERE Metadata.LastUpdatedTime > '${since}' ORDERBY Metadata.LastUpdatedTime STARTPOSITION 3 MAXRESULTS 50`,
    `SELECT * FROM Customer ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${max}`,
    `SELECT * FROM Customer WHERE Active = false MAXRESULTS 1000`,
    `SELECT COUNT(*) FROM Customer WHERE Active IN (false)`,
  ];
}

/** Other shapes, some planned and some left to the scan; all must agree. */
function otherQueries(c: ReturnType<typeof setUp>, rng: ReturnType<typeof createPrng>): string[] {
  const live = c.store.live();
  const someId = () => live[rng.int(0, Math.max(0, live.length - 1))]?.data.Id ?? '1';
  const row = c.store.byUpdated()[rng.int(0, Math.max(0, live.length - 1))];
  const iso = new Date(row?.updatedMs ?? c.clock.now()).toISOString();
  return [
    `SELECT * FROM Customer WHERE Id >= '${someId()}' AND Id <= '${someId()}' MAXRESULTS 1000`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id < '${someId()}' ORDERBY Id STARTPOSITION 2 MAXRESULTS 30`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id = '${someId()}'`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id != '${someId()}' MAXRESULTS 20`,
    `SELECT * FROM Customer WHERE ${ALL} AND Id > 'abc'`,
    `SELECT * FROM Customer WHERE DisplayName LIKE '%an%' ORDERBY Id MAXRESULTS 1000`,
    `SELECT * FROM Customer WHERE ${ALL} ORDERBY DisplayName STARTPOSITION 5 MAXRESULTS 25`,
    `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id DESC MAXRESULTS 25`,
    `SELECT * FROM Customer WHERE ${ALL} AND Metadata.LastUpdatedTime >= '${iso}' ORDERBY Metadata.LastUpdatedTime MAXRESULTS 1000`,
    `SELECT * FROM Customer WHERE ${ALL} AND Metadata.LastUpdatedTime < '${iso}' ORDERBY Metadata.LastUpdatedTime STARTPOSITION 10 MAXRESULTS 40`,
    `SELECT * FROM Customer WHERE ${ALL} AND Metadata.LastUpdatedTime > '${iso}' MAXRESULTS 1000`,
    `SELECT COUNT(*) FROM Customer WHERE Metadata.LastUpdatedTime > '${iso}'`,
    `SELECT * FROM Customer WHERE ${ALL} ORDERBY Metadata.LastUpdatedTime DESC MAXRESULTS 10`,
    `SELECT * FROM Customer WHERE ${ALL} AND Job = true ORDERBY Id MAXRESULTS 0`,
    `SELECT * FROM Customer WHERE ${ALL} STARTPOSITION ${live.length + 1} MAXRESULTS 10`,
  ];
}

describe('the fast query path', () => {
  it('answers every sync query exactly as the full scan does while the company keeps changing', () => {
    const c = setUp(3000, 11);
    const rng = createPrng(5);
    for (let round = 0; round < 40; round++) {
      for (const sql of syncQueries(c, rng)) c.answersFast(sql);
      for (const sql of otherQueries(c, rng)) c.answers(sql);
      // Changes between rounds: the cached lists must follow each one.
      for (let i = 0; i < rng.int(1, 25); i++) c.step();
    }
    expect(c.store.tombstones().length).toBeGreaterThan(20);
  });

  it('pages a whole company in Id order with no customer missed or repeated', () => {
    const c = setUp(2500, 4);
    for (let i = 0; i < 300; i++) c.step();
    const total = c.answersFast(`SELECT COUNT(*) FROM Customer WHERE ${ALL}`);
    const ids: string[] = [];
    for (let start = 1; ; start += 1000) {
      const page = c.answersFast(
        `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id STARTPOSITION ${start} MAXRESULTS 1000`,
      );
      if (!page?.ids?.length) break;
      ids.push(...page.ids);
    }
    expect(total).toEqual({ count: ids.length });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
  });

  it('keeps the store in Id order, the updated-time order current and tombstones in time order', () => {
    const c = setUp(1500, 8);
    for (let i = 0; i < 600; i++) c.step();
    const live = [...c.store.live()];
    expect(live.map(idNumber)).toEqual(live.map(idNumber).sort((a, b) => a - b));
    expect(c.store.byUpdated()).toEqual([...live].sort(compareByUpdated));
    const dead = [...c.store.tombstones()];
    expect(dead).toEqual([...dead].sort(compareTombstones));
  });
});
