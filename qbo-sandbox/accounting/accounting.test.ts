import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboCustomer } from '../company/customer.js';
import { startConnected, type ConnectedSandbox } from '../test-support.js';

let s: ConnectedSandbox;
const NOW = '2026-11-20T18:15:00Z';

beforeAll(async () => {
  s = await startConnected({ customers: 1200, seed: 11, now: NOW });
});
afterAll(() => s.sandbox.close());

interface QueryBody {
  QueryResponse: {
    Customer?: QboCustomer[];
    startPosition?: number;
    maxResults?: number;
    totalCount?: number;
  };
  time: string;
}
const rows = async (sql: string) => {
  const res = await s.query(sql);
  expect(res.status).toBe(200);
  return (await res.json()) as QueryBody;
};
const all = () => s.sandbox.admin.listCustomers();

describe('query', () => {
  it('returns active customers only, 100 by default, in QBO shape', async () => {
    const body = await rows('select * from Customer');
    expect(body.QueryResponse.startPosition).toBe(1);
    expect(body.QueryResponse.maxResults).toBe(100);
    expect(body.QueryResponse.Customer?.every((c) => c.Active)).toBe(true);
    expect(body.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-08:00$/);
    const c = body.QueryResponse.Customer?.[0];
    expect(c).toMatchObject({ domain: 'QBO', sparse: false });
    expect(typeof c?.SyncToken).toBe('string');
    expect(c?.MetaData.LastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-08:00$/);
  });

  it('counts, with and without inactive customers', async () => {
    const active = all().filter((c) => c.Active).length;
    expect((await rows('select count(*) from Customer')).QueryResponse).toEqual({
      totalCount: active,
    });
    expect(
      (await rows('SELECT COUNT(*) FROM Customer WHERE Active IN (true,false)')).QueryResponse,
    ).toEqual({
      totalCount: 1200,
    });
    expect(
      (await rows('select count(*) from Customer where Active = false')).QueryResponse.totalCount,
    ).toBe(1200 - active);
  });

  it('pages with STARTPOSITION and MAXRESULTS, capping pages at 1000', async () => {
    const first = await rows(
      'select * from Customer where Active in (true, false) orderby Id startposition 1 maxresults 1000',
    );
    expect(first.QueryResponse.maxResults).toBe(1000);
    const second = await rows(
      'select * from Customer where Active in (true, false) orderby Id startposition 1001 maxresults 1000',
    );
    expect(second.QueryResponse).toMatchObject({ startPosition: 1001, maxResults: 200 });
    expect(second.QueryResponse.Customer?.[0]?.Id).toBe('1001');
    const capped = await rows(
      'select * from Customer where Active in (true,false) maxresults 5000',
    );
    expect(capped.QueryResponse.maxResults).toBe(1000);
  });

  it('answers an empty QueryResponse when nothing matches', async () => {
    const body = await rows("select * from Customer where Id = '999999'");
    expect(body.QueryResponse).toEqual({});
  });

  it('filters by Id IN, Metadata.LastUpdatedTime and combines with AND', async () => {
    const byIds = await rows(
      "select * from Customer where Id IN ('1','2','3') and Active IN (true,false)",
    );
    expect(byIds.QueryResponse.Customer?.map((c) => c.Id)).toEqual(['1', '2', '3']);
    const since = '2026-11-01T00:00:00-08:00';
    const recent = await rows(
      `select * from Customer where Metadata.LastUpdatedTime > '${since}' and Active in (true,false) orderby Metadata.LastUpdatedTime maxresults 1000`,
    );
    const expected = all().filter(
      (c) => Date.parse(c.MetaData.LastUpdatedTime) > Date.parse(since),
    );
    expect(recent.QueryResponse.Customer?.length ?? 0).toBe(expected.length);
    const times = (recent.QueryResponse.Customer ?? []).map((c) =>
      Date.parse(c.MetaData.LastUpdatedTime),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('orders by a field descending', async () => {
    const body = await rows('select * from Customer orderby DisplayName desc maxresults 20');
    const names = (body.QueryResponse.Customer ?? []).map((c) => c.DisplayName);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('refuses unparseable queries and other entities with a ValidationFault', async () => {
    for (const sql of [
      'select * form Customer',
      'select * from Invoice',
      "select * from Customer where Id = 'x",
    ]) {
      const res = await s.query(sql);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { Fault: { type: string; Error: { code: string }[] } };
      expect(body.Fault.type).toBe('ValidationFault');
      expect(body.Fault.Error[0]?.code).toBe('4000');
    }
  });
});

describe('cdc', () => {
  it('reports changed, deactivated and deleted customers since a time', async () => {
    // Customers without sub-customers, so cascades don't add to the change set.
    const parents = new Set(all().map((c) => c.ParentRef?.value));
    const [a, b, c] = all()
      .filter((x) => x.Active && !parents.has(x.Id))
      .map((x) => x.Id);
    const since = s.sandbox.admin.now();
    s.sandbox.admin.advanceClock(5_000);
    s.sandbox.admin.updateCustomer(a ?? '', { GivenName: 'Changed' });
    s.sandbox.admin.deactivateCustomer(b ?? '');
    s.sandbox.admin.deleteCustomer(c ?? '');
    const res = await s.api(
      `cdc?entities=Customer&changedSince=${encodeURIComponent(since)}&minorversion=75`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      CDCResponse: {
        QueryResponse: { Customer?: Record<string, unknown>[]; maxResults?: number }[];
      }[];
      time: string;
    };
    const changed = body.CDCResponse[0]?.QueryResponse[0]?.Customer ?? [];
    expect(changed.map((x) => x.Id)).toEqual([a, b, c]);
    expect(changed.find((x) => x.Id === b)).toMatchObject({ Active: false });
    expect(changed.find((x) => x.Id === c)).toEqual({
      Id: c,
      status: 'Deleted',
      domain: 'QBO',
      MetaData: { LastUpdatedTime: expect.stringMatching(/-08:00$/) as unknown },
    });
    expect(body.CDCResponse[0]?.QueryResponse[0]?.maxResults).toBe(3);
    expect(body.time).toBeTruthy();
  });

  it('caps a response at 1000 objects', async () => {
    const since = new Date(Date.parse(NOW) - 29 * 24 * 3600 * 1000).toISOString();
    s.sandbox.admin.advanceClock(1000);
    for (let id = 100; id < 1200; id++)
      s.sandbox.admin.updateCustomer(String(id), { Notes: 'touched' });
    const res = await s.api(`cdc?entities=Customer&changedSince=${encodeURIComponent(since)}`);
    const body = (await res.json()) as {
      CDCResponse: { QueryResponse: { Customer?: unknown[] }[] }[];
    };
    expect(body.CDCResponse[0]?.QueryResponse[0]?.Customer?.length).toBe(1000);
  });

  it('refuses a look-back beyond 30 days and a missing changedSince', async () => {
    const old = new Date(Date.parse(s.sandbox.admin.now()) - 31 * 24 * 3600 * 1000).toISOString();
    const res = await s.api(`cdc?entities=Customer&changedSince=${encodeURIComponent(old)}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { Fault: { type: string; Error: { element: string }[] } };
    expect(body.Fault.type).toBe('ValidationFault');
    expect(body.Fault.Error[0]?.element).toBe('changedSince');
    expect((await s.api('cdc?entities=Customer')).status).toBe(400);
  });

  it('answers empty when nothing changed', async () => {
    s.sandbox.admin.advanceClock(60_000);
    const res = await s.api(
      `cdc?entities=Customer&changedSince=${encodeURIComponent(s.sandbox.admin.now())}`,
    );
    expect(await res.json()).toMatchObject({ CDCResponse: [{ QueryResponse: [{}] }] });
  });
});

describe('companyinfo and customer reads', () => {
  it('returns CompanyInfo for the realm', async () => {
    const res = await s.api(`companyinfo/${s.sandbox.realmId}?minorversion=75`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { CompanyInfo: { CompanyName: string; Id: string } };
    expect(body.CompanyInfo).toMatchObject({
      CompanyName: 'Sunny Acres Stables',
      Id: s.sandbox.realmId,
    });
  });

  it('reads one customer by Id', async () => {
    const res = await s.api('customer/1');
    expect(((await res.json()) as { Customer: QboCustomer }).Customer.Id).toBe('1');
  });
});

describe('gatekeeping', () => {
  it('puts an intuit_tid header on every response', async () => {
    const ok = await s.api(`companyinfo/${s.sandbox.realmId}`);
    const bad = await s.api(`companyinfo/${s.sandbox.realmId}`, { token: 'nope' });
    expect(ok.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(bad.headers.get('intuit_tid')).not.toBe(ok.headers.get('intuit_tid'));
  });

  it('answers 401 AuthenticationFault 3200 without a valid bearer token', async () => {
    const missing = await fetch(
      `${s.sandbox.url}/v3/company/${s.sandbox.realmId}/companyinfo/${s.sandbox.realmId}`,
    );
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as {
      Fault: { type: string; Error: { code: string; Message: string }[] };
    };
    expect(body.Fault.type).toBe('AuthenticationFault');
    expect(body.Fault.Error[0]).toMatchObject({ code: '3200' });
    expect(body.Fault.Error[0]?.Message).toContain('AuthenticationFailed');
  });

  it('answers 403 for another company', async () => {
    const res = await fetch(`${s.sandbox.url}/v3/company/123/companyinfo/123`, {
      headers: { Authorization: `Bearer ${s.tokens.access_token}` },
    });
    expect(res.status).toBe(403);
  });

  it('refuses minorversion below 75', async () => {
    const res = await s.api(`companyinfo/${s.sandbox.realmId}?minorversion=65`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { Fault: { type: string; Error: { element: string }[] } };
    expect(body.Fault.type).toBe('ValidationFault');
    expect(body.Fault.Error[0]?.element).toBe('minorversion');
    expect((await s.api(`companyinfo/${s.sandbox.realmId}?minorversion=80`)).status).toBe(200);
  });

  it('refuses writes and unknown resources', async () => {
    const before = all().length;
    const post = await s.api('customer?minorversion=75', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ DisplayName: 'Nope' }),
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(((await post.json()) as { Fault: unknown }).Fault).toBeTruthy();
    expect(all().length).toBe(before);
    expect((await s.api('invoice/1')).status).toBe(400);
    expect((await fetch(`${s.sandbox.url}/nowhere`)).status).toBe(404);
  });
});
