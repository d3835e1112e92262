import { log } from '../../logging/core-log';
import type { TokenManager } from '../tokens/token-manager';
import { parseFault, quickBooksError, type FaultDetail } from './quickbooks-fault';
import { markHttpFailure } from './retry-policy';

/** Intuit refuses minor versions below 75 since 2025-08. */
export const MINOR_VERSION = '75';

/** One answer from the Accounting API, read once. */
interface Answer {
  status: number;
  body: string;
  fault: FaultDetail | null;
  tid: string | null;
  retryAfter: string | null;
}

/**
 * The one HTTP client for the Accounting API. Only GET requests exist here: the
 * app never writes to QuickBooks. A refused token (401, or a 3200 fault, which
 * Intuit also sends inside an HTTP 200) refreshes the token once and retries;
 * refused again, the connection needs a reconnect, and the connection's state
 * says so too (Integrations and the Sync Log agree).
 */
export class QuickBooksClient {
  constructor(
    private readonly apiBase: string,
    private readonly realmId: string,
    private readonly tokens: TokenManager,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return JSON.parse(await this.getText(path, query)) as T;
  }

  /**
   * The answer's JSON text, checked for faults but not parsed: a sync hands
   * pages of customers to the database worker as text, so the thread that
   * answers the UI never parses or copies 1,000 customer objects.
   */
  async getText(path: string, query: Record<string, string> = {}): Promise<string> {
    const url = new URL(`${this.apiBase}/v3/company/${encodeURIComponent(this.realmId)}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('minorversion', MINOR_VERSION);

    let token = await this.tokens.accessToken();
    let answer = await this.send(url, token);
    if (tokenRefused(answer)) {
      log.warn('tokens', `QuickBooks refused the access token (HTTP ${answer.status}); refreshing`);
      token = (await this.tokens.refresh(token)).accessToken;
      answer = await this.send(url, token);
    }
    // A Fault can arrive inside an HTTP 200; the support detail keeps the status as it came.
    if (answer.status < 200 || answer.status >= 300 || answer.fault) {
      const error = quickBooksError(answer.status, answer.fault, answer.tid);
      // The path only: a query's text is not needed to find the request in Intuit's logs (intuit_tid is).
      log.warn('quickbooks', `GET ${path} failed: ${error.options.detail ?? error.message}`);
      if (tokenRefused(answer)) await this.tokens.refusedAfterRefresh(error.options.detail ?? '');
      throw markHttpFailure(error, {
        status: answer.status,
        faultCode: answer.fault?.code || null,
        retryAfter: answer.retryAfter,
      });
    }
    return answer.body;
  }

  async companyName(): Promise<string | null> {
    const info = await this.get<{ CompanyInfo?: { CompanyName?: string } }>(
      `companyinfo/${encodeURIComponent(this.realmId)}`,
    );
    return info.CompanyInfo?.CompanyName ?? null;
  }

  private async send(url: URL, token: string): Promise<Answer> {
    const response = await this.fetchImpl(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(120_000),
    });
    const body = await response.text();
    return {
      status: response.status,
      body,
      // Only error statuses and bodies that start like a Fault are parsed twice; a page of customers is not.
      fault: !response.ok || mayHoldFault(body) ? parseFault(body) : null,
      tid: response.headers.get('intuit_tid'),
      retryAfter: response.headers.get('retry-after'),
    };
  }
}

/** Intuit puts a Fault first; a page of customers is not parsed twice to look for one. */
function mayHoldFault(body: string): boolean {
  const head = body.slice(0, 200);
  return head.trimStart().startsWith('<') || /"[Ff]ault"\s*:/.test(head);
}

function tokenRefused(answer: Answer): boolean {
  return answer.status === 401 || answer.fault?.code === '3200';
}
