import type { QuickBooksReader } from '../quickbooks/api/paced-client';
import type { QboCustomerJson } from '../quickbooks/mapping/customer-mapping';

/** Intuit's largest page and the most objects one CDC answer holds. */
export const PAGE_SIZE = 1000;
export const CDC_CAP = 1000;

export interface QueryResponse {
  QueryResponse?: { Customer?: QboCustomerJson[]; totalCount?: number };
  time?: string;
}

interface CdcResponse {
  CDCResponse?: { QueryResponse?: { Customer?: QboCustomerJson[] }[] }[];
  time?: string;
}

// Without this, QuickBooks returns only active customers and deactivations go unseen.
const ALL = 'Active IN (true, false)';

const quote = (id: string) => `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The customer queries the sync sends; GET only, nothing is ever written to QuickBooks. */
export class CustomerSource {
  constructor(
    private readonly api: QuickBooksReader,
    readonly pageSize = PAGE_SIZE,
  ) {}

  /** How many customers lie after `afterId`, and QuickBooks' own time of answering. */
  async count(afterId: string | null): Promise<{ total: number; time: string | null }> {
    const where = afterId === null ? ALL : `${ALL} AND Id > ${quote(afterId)}`;
    const res = await this.api.get<QueryResponse>('query', {
      query: `SELECT COUNT(*) FROM Customer WHERE ${where}`,
    });
    return { total: res.QueryResponse?.totalCount ?? 0, time: res.time ?? null };
  }

  /**
   * Page `index` (0-based) of the customers after `afterId`, in Id order, as
   * QuickBooks' JSON text: the database worker parses it (readCustomerPage).
   */
  pageText(afterId: string | null, index: number): Promise<string> {
    const where = afterId === null ? ALL : `${ALL} AND Id > ${quote(afterId)}`;
    const query = `SELECT * FROM Customer WHERE ${where} ORDERBY Id STARTPOSITION ${1 + index * this.pageSize} MAXRESULTS ${this.pageSize}`;
    return this.api.getText('query', { query });
  }

  /** The customers with these Ids that still exist (active or not). */
  async byIds(ids: readonly string[]): Promise<QboCustomerJson[]> {
    const found: QboCustomerJson[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const list = ids
        .slice(i, i + 100)
        .map(quote)
        .join(', ');
      const res = await this.api.get<QueryResponse>('query', {
        query: `SELECT * FROM Customer WHERE ${ALL} AND Id IN (${list}) MAXRESULTS ${PAGE_SIZE}`,
      });
      found.push(...(res.QueryResponse?.Customer ?? []));
    }
    return found;
  }

  /** Customers changed since a moment (deleted and merged ones as `status: "Deleted"`). */
  async changes(
    changedSince: string,
  ): Promise<{ customers: QboCustomerJson[]; time: string | null }> {
    const res = await this.api.get<CdcResponse>('cdc', { entities: 'Customer', changedSince });
    const customers = (res.CDCResponse ?? []).flatMap((r) =>
      (r.QueryResponse ?? []).flatMap((q) => q.Customer ?? []),
    );
    return { customers, time: res.time ?? null };
  }
}

/** Compares QuickBooks Ids the way QuickBooks orders them: as numbers when they are. */
export function compareQbIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
