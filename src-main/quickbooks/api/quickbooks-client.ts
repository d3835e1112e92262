import type { TokenManager } from '../tokens/token-manager';
import { parseFault, quickBooksError } from './quickbooks-fault';
import { markHttpFailure } from './retry-policy';

/** Intuit refuses minor versions below 75 since 2025-08. */
export const MINOR_VERSION = '75';

/**
 * The one HTTP client for the Accounting API. Only GET requests exist here: the
 * app never writes to QuickBooks. A 401 refreshes the token once and retries.
 */
export class QuickBooksClient {
  constructor(
    private readonly apiBase: string,
    private readonly realmId: string,
    private readonly tokens: TokenManager,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(`${this.apiBase}/v3/company/${encodeURIComponent(this.realmId)}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('minorversion', MINOR_VERSION);

    let token = await this.tokens.accessToken();
    let response = await this.send(url, token);
    if (response.status === 401) {
      token = (await this.tokens.refresh(token)).accessToken;
      response = await this.send(url, token);
    }
    const body = await response.text();
    const tid = response.headers.get('intuit_tid');
    const retryAfter = response.headers.get('retry-after');
    if (!response.ok) {
      const fault = parseFault(body);
      const failure = { status: response.status, faultCode: fault?.code || null, retryAfter };
      throw markHttpFailure(quickBooksError(response.status, fault, tid), failure);
    }
    // A Fault can arrive inside an HTTP 200.
    const fault = parseFault(body);
    if (fault)
      throw markHttpFailure(quickBooksError(400, fault, tid), {
        status: 200,
        faultCode: fault.code || null,
        retryAfter,
      });
    return JSON.parse(body) as T;
  }

  async companyName(): Promise<string | null> {
    const info = await this.get<{ CompanyInfo?: { CompanyName?: string } }>(
      `companyinfo/${encodeURIComponent(this.realmId)}`,
    );
    return info.CompanyInfo?.CompanyName ?? null;
  }

  private send(url: URL, token: string): Promise<Response> {
    return this.fetchImpl(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(120_000),
    });
  }
}
