import type { QboCustomerJson } from '../quickbooks/mapping/customer-mapping';
import type { QueryResponse } from './customer-source';

/** What the main thread needs of a page to check it off and move on: no customer data. */
export interface PageSummary {
  /** Names the parsed page, held on the worker until it is applied. */
  key: string;
  count: number;
  /** The customers' Ids in page order. */
  ids: string[];
  /** QuickBooks' time of answering. */
  time: string | null;
}

/**
 * Pages of a full pass, parsed on the database worker and held there until
 * their turn to be applied: the thread that answers the UI only ever sees
 * their Ids. A new pass drops whatever an interrupted one left.
 */
export class StagedPages {
  private readonly pages = new Map<string, QboCustomerJson[]>();
  private next = 1;

  stage(text: string): PageSummary {
    const answer = JSON.parse(text) as QueryResponse;
    const customers = answer.QueryResponse?.Customer ?? [];
    const key = `page-${this.next++}`;
    this.pages.set(key, customers);
    return {
      key,
      count: customers.length,
      ids: customers.map((c) => String(c.Id)),
      time: answer.time ?? null,
    };
  }

  /** Hands the page over once; applying it again would need reading it again. */
  take(key: string): QboCustomerJson[] {
    const customers = this.pages.get(key);
    if (!customers)
      throw new Error(`The sync page ${key} is no longer held; the sync starts it again.`);
    this.pages.delete(key);
    return customers;
  }

  clear(): void {
    this.pages.clear();
  }
}
