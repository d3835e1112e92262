import OAuthClient from 'intuit-oauth';
import QuickBooks from 'node-quickbooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type QboCustomer, type RunningSandbox } from './index.js';

// The published clients hard-code Intuit's hosts in module-level constants;
// pointing those at the sandbox is how the app's own client gets tested too.
const saved = {
  authorize: OAuthClient.authorizeEndpoint,
  token: OAuthClient.tokenEndpoint,
  revoke: OAuthClient.revokeEndpoint,
  qbBase: QuickBooks.V3_ENDPOINT_BASE_URL,
  qbToken: QuickBooks.TOKEN_URL,
  qbRevoke: QuickBooks.REVOKE_URL,
};

let sandbox: RunningSandbox;
const redirectUri = 'http://127.0.0.1:53682/callback';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, customers: 2345, seed: 7, autoApprove: true });
  OAuthClient.authorizeEndpoint = sandbox.endpoints.authorize;
  OAuthClient.tokenEndpoint = sandbox.endpoints.token;
  OAuthClient.revokeEndpoint = sandbox.endpoints.revoke;
  QuickBooks.V3_ENDPOINT_BASE_URL = sandbox.endpoints.accountingBase;
  QuickBooks.TOKEN_URL = sandbox.endpoints.token;
  QuickBooks.REVOKE_URL = sandbox.endpoints.revoke;
});

afterAll(async () => {
  OAuthClient.authorizeEndpoint = saved.authorize;
  OAuthClient.tokenEndpoint = saved.token;
  OAuthClient.revokeEndpoint = saved.revoke;
  QuickBooks.V3_ENDPOINT_BASE_URL = saved.qbBase;
  QuickBooks.TOKEN_URL = saved.qbToken;
  QuickBooks.REVOKE_URL = saved.qbRevoke;
  await sandbox.close();
});

function newOAuthClient(): OAuthClient {
  // Never set `logging`: intuit-oauth would write the Basic auth header to disk.
  return new OAuthClient({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    environment: 'sandbox',
    redirectUri,
  });
}

async function followAuthorize(authUri: string): Promise<string> {
  const response = await fetch(authUri, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = response.headers.get('location');
  if (!location) throw new Error('no redirect');
  return location;
}

const byId = (a: { Id: string }, b: { Id: string }) => Number(a.Id) - Number(b.Id);

describe('intuit-oauth against the sandbox', () => {
  it('exchanges a code, refreshes with rotation, lists customers and revokes', async () => {
    const client = newOAuthClient();
    const authUri = client.authorizeUri({
      scope: [OAuthClient.scopes.Accounting],
      state: 'compat-state',
    });
    expect(authUri.startsWith(sandbox.endpoints.authorize)).toBe(true);
    const callback = await followAuthorize(authUri);
    const back = new URL(callback);
    expect(back.searchParams.get('state')).toBe('compat-state');
    expect(back.searchParams.get('realmId')).toBe(sandbox.realmId);

    const created = await client.createToken(callback);
    const first = created.getJson() as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
    expect(first.expires_in).toBe(3600);
    expect(client.getToken().realmId).toBe(sandbox.realmId);
    expect(client.isAccessTokenValid()).toBe(true);

    await client.refresh();
    const second = client.getToken();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    // The rotated-out refresh token is dead.
    await expect(client.refreshUsingToken(first.refresh_token)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    client.setToken({ ...second, realmId: sandbox.realmId });

    const all: QboCustomer[] = [];
    for (let start = 1; ; start += 1000) {
      const query = `select * from Customer where Active IN (true,false) STARTPOSITION ${start} MAXRESULTS 1000`;
      const response = await client.makeApiCall({
        url: `${sandbox.url}/v3/company/${sandbox.realmId}/query?query=${encodeURIComponent(query)}&minorversion=75`,
      });
      const page =
        (response.json as { QueryResponse: { Customer?: QboCustomer[] } }).QueryResponse.Customer ??
        [];
      all.push(...page);
      if (page.length < 1000) break;
    }
    expect(all.length).toBe(2345);
    expect(all.sort(byId)).toEqual(sandbox.admin.listCustomers().sort(byId));

    await client.revoke({ refresh_token: second.refresh_token });
    const denied = await fetch(
      `${sandbox.url}/v3/company/${sandbox.realmId}/companyinfo/${sandbox.realmId}`,
      {
        headers: { Authorization: `Bearer ${second.access_token}`, Accept: 'application/json' },
      },
    );
    expect(denied.status).toBe(401);
  });
});

describe('node-quickbooks against the sandbox', () => {
  it('uses tokens from a code exchange, refreshes, and lists every customer with fetchAll', async () => {
    const oauth = newOAuthClient();
    await oauth.createToken(
      await followAuthorize(
        oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }),
      ),
    );
    const token = oauth.getToken();

    const qbo = new QuickBooks(
      sandbox.clientId,
      sandbox.clientSecret,
      token.access_token,
      false,
      sandbox.realmId,
      true,
      false,
      '75',
      '2.0',
      token.refresh_token,
    );
    expect(qbo.endpoint).toBe(sandbox.endpoints.accountingBase);

    const refreshed = await new Promise<{ access_token: string; refresh_token: string }>(
      (resolve, reject) =>
        qbo.refreshAccessToken((err, data) =>
          err || !data ? reject(err ?? new Error('no data')) : resolve(data),
        ),
    );
    expect(refreshed.refresh_token).not.toBe(token.refresh_token);
    expect(qbo.token).toBe(refreshed.access_token);

    const active = await new Promise<{ QueryResponse: { Customer?: QboCustomer[] } }>(
      (resolve, reject) =>
        qbo.findCustomers({ fetchAll: true }, (err: unknown, data: unknown) =>
          err
            ? reject(err instanceof Error ? err : new Error(JSON.stringify(err)))
            : resolve(data as never),
        ),
    );
    const expectedActive = sandbox.admin.listCustomers().filter((c) => c.Active);
    expect(active.QueryResponse.Customer?.length).toBe(expectedActive.length);
    expect([...(active.QueryResponse.Customer ?? [])].sort(byId)).toEqual(
      expectedActive.sort(byId),
    );

    const everyone = await new Promise<{ QueryResponse: { Customer?: QboCustomer[] } }>(
      (resolve, reject) =>
        qbo.findCustomers(
          [
            { field: 'Active', value: [true, false], operator: 'IN' },
            { field: 'fetchAll', value: true },
          ],
          (err: unknown, data: unknown) =>
            err ? reject(new Error(JSON.stringify(err))) : resolve(data as never),
        ),
    );
    expect(everyone.QueryResponse.Customer?.length).toBe(2345);

    // node-quickbooks unwraps single-entity reads.
    const info = await new Promise<{ CompanyName: string; Id: string }>((resolve, reject) =>
      qbo.getCompanyInfo(sandbox.realmId, (err: unknown, data: unknown) =>
        err ? reject(new Error(JSON.stringify(err))) : resolve(data as never),
      ),
    );
    expect(info).toMatchObject({ CompanyName: 'Sunny Acres Stables', Id: sandbox.realmId });

    const since = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const cdc = await new Promise<{
      CDCResponse: { QueryResponse: { Customer?: QboCustomer[] }[] }[];
    }>((resolve, reject) =>
      qbo.changeDataCapture(['Customer'], since, (err: unknown, data: unknown) =>
        err ? reject(new Error(JSON.stringify(err))) : resolve(data as never),
      ),
    );
    expect(cdc.CDCResponse[0]?.QueryResponse[0]?.Customer?.length ?? 0).toBeGreaterThanOrEqual(0);

    // node-quickbooks sends writes as POST; the sandbox refuses them.
    const write = await new Promise<unknown>((resolve) =>
      qbo.createCustomer({ DisplayName: 'Should Not Exist' }, (err: unknown) => resolve(err)),
    );
    expect(JSON.stringify(write)).toContain('405');
    expect(sandbox.admin.listCustomers().some((c) => c.DisplayName === 'Should Not Exist')).toBe(
      false,
    );
  });
});
