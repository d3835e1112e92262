import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboCustomer } from '../company/customer.js';
import { startConnected, type ConnectedSandbox } from '../test-support.js';

let s: ConnectedSandbox;

beforeAll(async () => {
  s = await startConnected({ customers: 30, seed: 5 });
});
afterAll(() => s.sandbox.close());

const send = async <T>(path: string, method = 'GET', body?: unknown): Promise<[number, T]> => {
  const res = await s.admin(path, method, body);
  return [res.status, (await res.json()) as T];
};
type One = { customer: QboCustomer };

describe('admin customers over HTTP', () => {
  it('creates a customer with any fields, including an empty DisplayName', async () => {
    const [status, { customer }] = await send<One>('/customers', 'POST', {
      DisplayName: 'Zoë Muñoz',
      PrimaryEmailAddr: { Address: 'a@example.com, b@example.com' },
    });
    expect(status).toBe(201);
    expect(customer).toMatchObject({
      DisplayName: 'Zoë Muñoz',
      SyncToken: '0',
      Active: true,
      Job: false,
      domain: 'QBO',
    });
    const [, empty] = await send<One>('/customers', 'POST', { DisplayName: '', GivenName: '' });
    expect(empty.customer.DisplayName).toBe('');
    const [dup] = await send('/customers', 'POST', { DisplayName: 'Zoë Muñoz' });
    expect(dup).toBe(400);
    const [bad] = await send('/customers', 'POST', { Id: '1' });
    expect(bad).toBe(400);
  });

  it('creates sub-customers with Level and FullyQualifiedName', async () => {
    const [, parent] = await send<One>('/customers', 'POST', { DisplayName: 'Hart Family' });
    const [, child] = await send<One>('/customers', 'POST', {
      DisplayName: 'Pony Club',
      ParentRef: { value: parent.customer.Id },
    });
    expect(child.customer).toMatchObject({
      Job: true,
      Level: 1,
      FullyQualifiedName: 'Hart Family:Pony Club',
    });
  });

  it('updates, deactivates, reactivates — each bumping SyncToken and LastUpdatedTime', async () => {
    const [, { customer }] = await send<One>('/customers', 'POST', { DisplayName: 'Bump Test' });
    const [, updated] = await send<One>(`/customers/${customer.Id}`, 'PATCH', {
      FamilyName: 'Bumped',
    });
    expect(updated.customer).toMatchObject({ FamilyName: 'Bumped', SyncToken: '1' });
    expect(Date.parse(updated.customer.MetaData.LastUpdatedTime)).toBeGreaterThan(
      Date.parse(customer.MetaData.LastUpdatedTime),
    );
    const [, off] = await send<One>(`/customers/${customer.Id}/deactivate`, 'POST');
    expect(off.customer).toMatchObject({ Active: false, SyncToken: '2' });
    const plain = (await (
      await s.query(`select * from Customer where Id = '${customer.Id}'`)
    ).json()) as { QueryResponse: object };
    expect(plain.QueryResponse).toEqual({});
    const [, on] = await send<One>(`/customers/${customer.Id}/reactivate`, 'POST');
    expect(on.customer).toMatchObject({ Active: true, SyncToken: '3' });
    const [, read] = await send<One>(`/customers/${customer.Id}`);
    expect(read.customer.SyncToken).toBe('3');
  });

  it('deletes and merges: gone from queries, Deleted in CDC', async () => {
    const since = s.sandbox.admin.now();
    s.sandbox.admin.advanceClock(1000);
    const [, a] = await send<One>('/customers', 'POST', { DisplayName: 'Delete Me' });
    const [, b] = await send<One>('/customers', 'POST', { DisplayName: 'Merge Me', Balance: 10 });
    const [, c] = await send<One>('/customers', 'POST', { DisplayName: 'Survivor', Balance: 5 });
    expect((await send(`/customers/${a.customer.Id}`, 'DELETE'))[0]).toBe(200);
    const [, merged] = await send<One>(`/customers/${b.customer.Id}/merge`, 'POST', {
      intoId: c.customer.Id,
    });
    expect(merged.customer).toMatchObject({ Id: c.customer.Id, Balance: 15, SyncToken: '1' });
    const ids = `'${a.customer.Id}','${b.customer.Id}','${c.customer.Id}'`;
    const q = (await (
      await s.query(`select * from Customer where Id in (${ids}) and Active in (true,false)`)
    ).json()) as {
      QueryResponse: { Customer: QboCustomer[] };
    };
    expect(q.QueryResponse.Customer.map((x) => x.Id)).toEqual([c.customer.Id]);
    const cdc = (await (
      await s.api(`cdc?entities=Customer&changedSince=${encodeURIComponent(since)}`)
    ).json()) as {
      CDCResponse: { QueryResponse: { Customer: { Id: string; status?: string }[] }[] }[];
    };
    const items = cdc.CDCResponse[0]?.QueryResponse[0]?.Customer ?? [];
    expect(
      items
        .filter((x) => x.status === 'Deleted')
        .map((x) => x.Id)
        .sort(),
    ).toEqual([a.customer.Id, b.customer.Id].sort());
    expect((await send(`/customers/${a.customer.Id}`))[0]).toBe(404);
  });

  it('lists customers including inactive ones', async () => {
    const [, list] = await send<{ customers: QboCustomer[] }>('/customers');
    expect(list.customers.length).toBe(s.sandbox.admin.listCustomers().length);
  });
});

describe('admin controls over HTTP', () => {
  it('reads and advances the clock', async () => {
    const [, before] = await send<{ now: string }>('/clock');
    const [, after] = await send<{ now: string }>('/clock/advance', 'POST', { days: 1 });
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
  });

  it('sets, reads and clears fault knobs', async () => {
    const [, set] = await send<{ throttleNext: number }>('/faults', 'PATCH', {
      throttleNext: 3,
      latency: 5,
    });
    expect(set.throttleNext).toBe(3);
    expect((await send('/faults', 'PATCH', { nonsense: true }))[0]).toBe(400);
    const [, cleared] = await send<{ throttleNext: number; latency: null }>('/faults', 'DELETE');
    expect(cleared).toMatchObject({ throttleNext: 0, latency: null });
  });

  it('exposes the request log and stats, and clears them', async () => {
    await s.api(`companyinfo/${s.sandbox.realmId}`);
    const [, log] = await send<{ requests: { path: string }[] }>('/requests');
    expect(log.requests.some((r) => r.path.endsWith('/companyinfo/' + s.sandbox.realmId))).toBe(
      true,
    );
    expect(log.requests.some((r) => r.path.startsWith('/admin'))).toBe(false);
    const [, stats] = await send<{ total: number; maxInFlight: number; maxPerMinute: number }>(
      '/stats',
    );
    expect(stats.total).toBe(log.requests.length);
    await send('/requests', 'DELETE');
    expect((await send<{ requests: unknown[] }>('/requests'))[1].requests).toEqual([]);
  });

  it('toggles auto-approve and registers clients and redirect URIs', async () => {
    await send('/auto-approve', 'PUT', { enabled: false });
    const authorize = (clientId: string, redirect: string) =>
      fetch(
        `${s.sandbox.endpoints.authorize}?${new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'com.intuit.quickbooks.accounting', redirect_uri: redirect, state: 'x' })}`,
        { redirect: 'manual' },
      );
    expect((await authorize(s.sandbox.clientId, 'http://127.0.0.1:5000/callback')).status).toBe(
      200,
    );
    await send('/auto-approve', 'PUT', { enabled: true });
    expect((await authorize(s.sandbox.clientId, 'http://127.0.0.1:5000/callback')).status).toBe(
      302,
    );
    expect(
      (
        await send('/clients', 'POST', {
          clientId: 'prod-app',
          clientSecret: 'shh',
          redirectUris: ['https://app.example/cb'],
        })
      )[0],
    ).toBe(201);
    expect((await authorize('prod-app', 'https://app.example/cb')).status).toBe(302);
    expect((await authorize('prod-app', 'http://127.0.0.1:5000/callback')).status).toBe(400);
    await send('/redirect-uris', 'POST', { clientId: 'prod-app', uri: 'https://app.example/cb2' });
    expect((await authorize('prod-app', 'https://app.example/cb2')).status).toBe(302);
  });

  it('expires and revokes tokens', async () => {
    await send('/tokens/expire', 'POST', {});
    expect((await s.api(`companyinfo/${s.sandbox.realmId}`)).status).toBe(401);
    await send('/tokens/revoke', 'POST');
    const res = await fetch(s.sandbox.endpoints.token, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${s.sandbox.clientId}:${s.sandbox.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: s.tokens.refresh_token,
      }),
    });
    expect(res.status).toBe(400);
  });

  it('resets to a reseeded company', async () => {
    const [status, info] = await send<{ customers: number; seed: number }>('/reset', 'POST', {
      customers: 12,
      seed: 9,
    });
    expect(status).toBe(200);
    expect(info).toMatchObject({ customers: 12, seed: 9 });
    expect(s.sandbox.admin.listCustomers()).toHaveLength(12);
    expect((await send('/unknown'))[0]).toBe(404);
  });
});

describe('in-process admin API', () => {
  it('returns copies, so callers cannot mutate the company', () => {
    const c = s.sandbox.admin.listCustomers()[0];
    if (!c) throw new Error('no customers');
    c.DisplayName = 'hacked';
    expect(s.sandbox.admin.getCustomer(c.Id)?.DisplayName).not.toBe('hacked');
  });

  it('cascades deactivation to sub-customers', () => {
    const parent = s.sandbox.admin.createCustomer({ DisplayName: 'Cascade Parent' });
    const child = s.sandbox.admin.createCustomer({
      DisplayName: 'Cascade Child',
      ParentRef: { value: parent.Id },
    });
    s.sandbox.admin.deactivateCustomer(parent.Id);
    expect(s.sandbox.admin.getCustomer(child.Id)?.Active).toBe(false);
  });

  it('renaming a parent renames the children’s FullyQualifiedName', () => {
    const parent = s.sandbox.admin.createCustomer({ DisplayName: 'Old Name' });
    const child = s.sandbox.admin.createCustomer({
      DisplayName: 'Kid',
      ParentRef: { value: parent.Id },
    });
    s.sandbox.admin.updateCustomer(parent.Id, { DisplayName: 'New Name' });
    expect(s.sandbox.admin.getCustomer(child.Id)?.FullyQualifiedName).toBe('New Name:Kid');
  });
});

describe('admin API refuses web pages (the same checks as the app’s browser host)', () => {
  const port = () => new URL(s.sandbox.url).port;
  const raw = (headers: Record<string, string>, method = 'POST', path = '/admin/faults') =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(port()),
          method,
          path,
          headers: { host: `127.0.0.1:${port()}`, 'content-type': 'text/plain', ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? JSON.stringify({ throttleNext: 50 }) : undefined);
    });

  it('refuses a cross-site request, a foreign Origin and a rebound Host name, and changes nothing', async () => {
    const before = s.sandbox.admin.getFaults();
    expect(await raw({ origin: 'https://evil.example' })).toBe(403);
    expect(await raw({ 'sec-fetch-site': 'cross-site' })).toBe(403);
    // A page on another local port is "same-site" to the browser.
    expect(await raw({ origin: 'http://127.0.0.1:5180', 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(await raw({ host: `rebind.evil.example:${port()}` })).toBe(403);
    expect(await raw({ origin: 'null' })).toBe(403);
    expect(
      await raw(
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
        'GET',
        '/admin/requests',
      ),
    ).toBe(403);
    expect(s.sandbox.admin.getFaults()).toEqual(before);
  });

  it('still answers tools on this computer and its own pages', async () => {
    expect(await raw({}, 'GET', '/admin')).toBe(200);
    expect(await raw({ host: `localhost:${port()}` }, 'GET', '/admin')).toBe(200);
    expect(
      await raw({ origin: s.sandbox.url, 'sec-fetch-site': 'same-origin' }, 'GET', '/admin'),
    ).toBe(200);
  });
});
