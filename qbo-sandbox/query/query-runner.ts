import type { CompanyStore } from '../company/store.js';
import { createFastQueryRunner } from './fast-query.js';
import type { ParsedQuery } from './parse-query.js';
import { compileQuery, createGenericQueryRunner, type QueryResult } from './run-query.js';

/** Runs a parsed query: from the store's sorted lists when its shape allows, else by scanning. */
export function createQueryRunner(store: CompanyStore): (query: ParsedQuery) => QueryResult {
  const generic = createGenericQueryRunner(store);
  const fast = createFastQueryRunner(store);
  return (query) => {
    const compiled = compileQuery(query);
    return fast(compiled) ?? generic(compiled);
  };
}
