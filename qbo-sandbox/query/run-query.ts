import type { StoredCustomer } from '../company/customer.js';
import type { CompanyStore } from '../company/store.js';
import { SandboxError } from '../errors.js';
import { parseQboTime } from '../time-format.js';
import type { Condition, ParsedQuery, QueryValue } from './parse-query.js';

export type QueryResult =
  | { kind: 'count'; totalCount: number }
  | { kind: 'rows'; rows: readonly StoredCustomer[]; startPosition: number };

type Getter = (row: StoredCustomer) => QueryValue | undefined;

/** A query checked and turned into one row test, shared by the fast and the generic runner. */
export interface CompiledQuery {
  query: ParsedQuery;
  /** The WHERE conditions plus the implicit `Active = true`. */
  conditions: Condition[];
  keep: (row: StoredCustomer) => boolean;
}

// Times compare as instants, whatever offset the client wrote them with.
const TIME_FIELDS: Record<string, Getter> = {
  'metadata.lastupdatedtime': (row) => row.updatedMs,
  'metadata.createtime': (row) => row.createdMs,
};

/** Resolves a dotted field case-insensitively; `PrimaryEmailAddr` means its Address. */
function getterFor(field: string): Getter {
  const lower = field.toLowerCase();
  const time = TIME_FIELDS[lower];
  if (time) return time;
  if (lower === 'id') return (row) => Number(row.data.Id);
  const path = lower.split('.');
  // Records spell their fields alike: remember the spelling found rather than
  // scan every key of every row (a record spelling a field two ways is read
  // by the spelling seen first).
  const spelled: (string | undefined)[] = path.map(() => undefined);
  return (row) => {
    let current: unknown = row.data;
    for (let i = 0; i < path.length; i++) {
      if (current === null || typeof current !== 'object') return undefined;
      const record = current as Record<string, unknown>;
      let key = spelled[i];
      if (key === undefined || !Object.hasOwn(record, key)) {
        key = Object.keys(record).find((k) => k.toLowerCase() === path[i]);
        if (key !== undefined) spelled[i] = key;
      }
      current = key === undefined ? undefined : record[key];
    }
    if (current && typeof current === 'object') {
      const leaf = current as Record<string, unknown>;
      current = leaf.Address ?? leaf.FreeFormNumber ?? leaf.value;
    }
    return typeof current === 'string' ||
      typeof current === 'number' ||
      typeof current === 'boolean'
      ? current
      : undefined;
  };
}

export function literalFor(field: string, value: QueryValue): QueryValue {
  const lower = field.toLowerCase();
  if (TIME_FIELDS[lower]) {
    const ms = typeof value === 'string' ? parseQboTime(value) : NaN;
    if (Number.isNaN(ms)) {
      throw new SandboxError(
        400,
        '4000',
        'Error parsing query',
        `QueryValidationError: invalid date ${String(value)}`,
      );
    }
    return ms;
  }
  if (lower === 'id') return Number(value);
  if (lower === 'active' || lower === 'job') return value === true || value === 'true';
  return value;
}

function compare(a: QueryValue, b: QueryValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function predicate(condition: Condition): (row: StoredCustomer) => boolean {
  const get = getterFor(condition.field);
  if (condition.op === 'IN') {
    const wanted = condition.values.map((v) => literalFor(condition.field, v));
    return (row) => {
      const actual = get(row);
      return actual !== undefined && wanted.some((w) => compare(actual, w) === 0);
    };
  }
  const literal = literalFor(condition.field, condition.value);
  if (condition.op === 'LIKE') {
    const re = likeToRegExp(String(literal));
    return (row) => re.test(String(get(row) ?? ''));
  }
  const op = condition.op;
  return (row) => {
    const actual = get(row);
    if (actual === undefined) return op === '!=';
    const c = compare(actual, literal);
    switch (op) {
      case '=':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '>':
        return c > 0;
      case '<=':
        return c <= 0;
      default:
        return c >= 0;
    }
  };
}

function sorter(orderBy: ParsedQuery['orderBy']): (a: StoredCustomer, b: StoredCustomer) => number {
  const keys = orderBy.map((o) => ({ get: getterFor(o.field), sign: o.desc ? -1 : 1 }));
  return (a, b) => {
    for (const key of keys) {
      const x = key.get(a);
      const y = key.get(b);
      if (x === undefined && y !== undefined) return -key.sign;
      if (y === undefined && x !== undefined) return key.sign;
      if (x !== undefined && y !== undefined) {
        const c = compare(x, y);
        if (c !== 0) return c * key.sign;
      }
    }
    // Ties fall back to Id so paging is stable.
    return Number(a.data.Id) - Number(b.data.Id);
  };
}

/** Checks the entity and builds the row test; throws the same errors whichever runner answers. */
export function compileQuery(query: ParsedQuery): CompiledQuery {
  if (query.entity.toLowerCase() !== 'customer') {
    throw new SandboxError(
      400,
      '4000',
      'Error parsing query',
      `QueryValidationError: qbo-sandbox only serves Customer, not ${query.entity}`,
    );
  }
  const conditions = [...query.where];
  // A plain query shows only active customers, as QBO does.
  if (!conditions.some((c) => c.field.toLowerCase() === 'active')) {
    conditions.push({ field: 'Active', op: '=', value: true });
  }
  const tests = conditions.map(predicate);
  return { query, conditions, keep: (row) => tests.every((t) => t(row)) };
}

/** A test for a subset of a compiled query's conditions (the fast runner filters by these). */
export function matcher(conditions: readonly Condition[]): (row: StoredCustomer) => boolean {
  const tests = conditions.map(predicate);
  return (row) => tests.every((t) => t(row));
}

/**
 * Any query, by scanning the company: filter, then walk the rows in the
 * asked order. Sorted row lists are cached per (store version, order)
 * because a full export pages through the same ordering a hundred times.
 * The fast runner must give exactly this answer.
 */
export function createGenericQueryRunner(store: CompanyStore) {
  let cacheVersion = -1;
  const sorted = new Map<string, StoredCustomer[]>();

  const ordered = (orderBy: ParsedQuery['orderBy']): readonly StoredCustomer[] => {
    if (cacheVersion !== store.version()) {
      sorted.clear();
      cacheVersion = store.version();
    }
    const key = JSON.stringify(orderBy.map((o) => [o.field.toLowerCase(), o.desc]));
    let rows = sorted.get(key);
    if (!rows) {
      rows = [...store.live()].sort(sorter(orderBy));
      sorted.set(key, rows);
    }
    return rows;
  };

  return ({ query, keep }: CompiledQuery): QueryResult => {
    if (query.count) {
      let totalCount = 0;
      for (const row of store.live()) if (keep(row)) totalCount++;
      return { kind: 'count', totalCount };
    }
    const skip = query.startPosition - 1;
    const rows: StoredCustomer[] = [];
    let seen = 0;
    for (const row of ordered(query.orderBy)) {
      if (rows.length >= query.maxResults) break;
      if (!keep(row)) continue;
      if (seen++ >= skip) rows.push(row);
    }
    return { kind: 'rows', rows, startPosition: query.startPosition };
  };
}
