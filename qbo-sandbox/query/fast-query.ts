import type { StoredCustomer } from '../company/customer.js';
import { idNumber, lowerBound } from '../company/customer-order.js';
import type { CompanyStore } from '../company/store.js';
import type { Condition } from './parse-query.js';
import { literalFor, matcher, type CompiledQuery, type QueryResult } from './run-query.js';

const UPDATED = 'metadata.lastupdatedtime';
// Past this many cached filters the cache starts over; a sync uses two or three.
const MAX_CACHED_FILTERS = 16;
// Each patched change moves part of a list; past this many a rebuild (one pass) is cheaper.
const MAX_PATCHED_CHANGES = 200;

/** Live rows in Id order that pass `keep`. */
interface PassingList {
  keep: (row: StoredCustomer) => boolean;
  rows: StoredCustomer[];
}

type RangeCondition = Extract<Condition, { value: unknown }> & { op: '>' | '>=' | '<' | '<=' };

type Bound = { lo: number; hi: number };

/** Narrows [lo, hi) of a list sorted by `key` to the rows passing `key op value`. */
function narrow<T>(
  list: readonly T[],
  key: (item: T) => number,
  op: RangeCondition['op'],
  value: number,
  bound: Bound,
): void {
  const firstAbove = lowerBound(list, (item) => key(item) <= value);
  const firstAtOrAbove = lowerBound(list, (item) => key(item) < value);
  if (op === '>') bound.lo = Math.max(bound.lo, firstAbove);
  else if (op === '>=') bound.lo = Math.max(bound.lo, firstAtOrAbove);
  else if (op === '<') bound.hi = Math.min(bound.hi, firstAtOrAbove);
  else bound.hi = Math.min(bound.hi, firstAbove);
}

const isRangeOn =
  (field: string) =>
  (c: Condition): c is RangeCondition =>
    c.field.toLowerCase() === field &&
    (c.op === '>' || c.op === '>=' || c.op === '<' || c.op === '<=');

/**
 * Answers the query shapes a sync sends without scanning the company:
 * Id order (the default) with an optional Id range or Id list, and
 * `ORDERBY Metadata.LastUpdatedTime` from a time. Other conditions (Active,
 * anything else) filter with the generic runner's own tests, so answers are
 * the same by construction; a page is then a binary search and a slice.
 * Returns null for shapes it does not plan, which the generic runner answers.
 */
export function createFastQueryRunner(store: CompanyStore) {
  // The live rows, in Id order, that pass a set of conditions: built once
  // (one pass), then every page slices it. A change re-files just the rows it
  // touched, which gives the same list as filtering again.
  let cacheVersion = -1;
  const passing = new Map<string, PassingList>();

  const refile = (list: PassingList, row: StoredCustomer) => {
    const at = lowerBound(list.rows, (r) => idNumber(r) < idNumber(row));
    if (list.rows[at] === row) list.rows.splice(at, 1);
    if (store.get(row.data.Id) === row && list.keep(row)) list.rows.splice(at, 0, row);
  };

  const catchUp = () => {
    if (cacheVersion === store.version()) return;
    const changed = store.changedSince(cacheVersion);
    if (changed === null || changed.length > MAX_PATCHED_CHANGES) passing.clear();
    else for (const list of passing.values()) for (const row of new Set(changed)) refile(list, row);
    cacheVersion = store.version();
  };

  const idOrderedPassing = (conditions: readonly Condition[]): readonly StoredCustomer[] => {
    catchUp();
    const key = JSON.stringify(conditions);
    let list = passing.get(key);
    if (!list) {
      if (passing.size >= MAX_CACHED_FILTERS) passing.clear();
      const keep = matcher(conditions);
      list = { keep, rows: store.live().filter(keep) };
      passing.set(key, list);
    }
    return list.rows;
  };

  const page = (rows: readonly StoredCustomer[], { query }: CompiledQuery): QueryResult => {
    const from = query.startPosition - 1;
    return {
      kind: 'rows',
      rows: rows.slice(from, from + query.maxResults),
      startPosition: query.startPosition,
    };
  };

  /** Id order: an Id list looks rows up; otherwise a range of the filtered Id-ordered list. */
  const inIdOrder = (compiled: CompiledQuery): QueryResult | null => {
    const { query, conditions, keep } = compiled;
    const idList = conditions.find(
      (c) => c.field.toLowerCase() === 'id' && (c.op === 'IN' || c.op === '='),
    );
    if (idList) {
      const values = idList.op === 'IN' ? idList.values : [idList.value];
      const ids = new Set(values.map((v) => literalFor('id', v)));
      const rows: StoredCustomer[] = [];
      for (const id of ids) {
        const row = store.get(String(id));
        if (row && keep(row)) rows.push(row);
      }
      rows.sort((a, b) => idNumber(a) - idNumber(b));
      return query.count ? { kind: 'count', totalCount: rows.length } : page(rows, compiled);
    }
    const ranges = conditions.filter(isRangeOn('id'));
    const rest = conditions.filter((c) => !ranges.includes(c as RangeCondition));
    const list = idOrderedPassing(rest);
    const bound: Bound = { lo: 0, hi: list.length };
    for (const c of ranges) {
      const value = Number(literalFor('id', c.value));
      // A non-numeric Id compares as NaN in the generic runner; leave it that oddity.
      if (Number.isNaN(value)) return null;
      narrow(list, idNumber, c.op, value, bound);
    }
    const size = Math.max(0, bound.hi - bound.lo);
    if (query.count) return { kind: 'count', totalCount: size };
    const from = bound.lo + query.startPosition - 1;
    return {
      kind: 'rows',
      rows: list.slice(from, Math.min(bound.hi, from + query.maxResults)),
      startPosition: query.startPosition,
    };
  };

  /** Oldest change first from a time: walk the updated-time order from there. */
  const byLastUpdated = (compiled: CompiledQuery): QueryResult | null => {
    const { query, conditions, keep } = compiled;
    const list = store.byUpdated();
    const bound: Bound = { lo: 0, hi: list.length };
    for (const c of conditions.filter(isRangeOn(UPDATED))) {
      narrow(list, (r) => r.updatedMs, c.op, Number(literalFor(UPDATED, c.value)), bound);
    }
    const skip = query.startPosition - 1;
    const rows: StoredCustomer[] = [];
    let seen = 0;
    for (let i = bound.lo; i < bound.hi && rows.length < query.maxResults; i++) {
      const row = list[i] as StoredCustomer;
      if (keep(row) && seen++ >= skip) rows.push(row);
    }
    return { kind: 'rows', rows, startPosition: query.startPosition };
  };

  return (compiled: CompiledQuery): QueryResult | null => {
    const { orderBy, count } = compiled.query;
    const only = orderBy.length === 1 && !orderBy[0]?.desc ? orderBy[0]?.field.toLowerCase() : null;
    // A count ignores order, so any count can use the Id-ordered lists.
    if (count || orderBy.length === 0 || only === 'id') return inIdOrder(compiled);
    if (only === UPDATED) return byLastUpdated(compiled);
    return null;
  };
}
