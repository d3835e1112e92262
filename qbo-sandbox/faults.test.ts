import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLatencyArg } from './faults.js';
import { startConnected, type ConnectedSandbox } from './test-support.js';

let s: ConnectedSandbox;
const info = () => s.api(`companyinfo/${s.sandbox.realmId}?minorversion=75`);

beforeAll(async () => {
  s = await startConnected({ customers: 20 });
});
afterAll(() => s.sandbox.close());
beforeEach(() => {
  s.sandbox.admin.clearFaults();
  s.sandbox.admin.clearRequests();
});

describe('counted faults', () => {
  it('answers the next N requests with XML 429 ThrottleExceeded', async () => {
    s.sandbox.admin.setFaults({ throttleNext: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await info();
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toContain('xml');
        const xml = await res.text();
        expect(xml).toContain('<Fault type="SERVICE"><Error code="3001">');
        expect(xml).toContain('message=ThrottleExceeded; errorCode=003001; statusCode=429');
      }
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('answers 5xx with an optional Retry-After', async () => {
    s.sandbox.admin.setFaults({ serverErrorNext: 1, serverErrorStatus: 503, retryAfterSeconds: 7 });
    const res = await info();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { Fault: { type: string } }).Fault.type).toBe('SERVICE');
    s.sandbox.admin.setFaults({
      serverErrorNext: 1,
      serverErrorStatus: 500,
      retryAfterSeconds: null,
    });
    const plain = await info();
    expect(plain.status).toBe(500);
    expect(plain.headers.get('retry-after')).toBeNull();
  });

  it('drops connections', async () => {
    s.sandbox.admin.setFaults({ dropNext: 1 });
    await expect(info()).rejects.toThrow();
    expect((await info()).status).toBe(200);
    const [dropped] = s.sandbox.requests();
    expect(dropped).toMatchObject({ dropped: true, status: 0, fault: 'drop' });
  });

  it('answers a Fault inside HTTP 200', async () => {
    s.sandbox.admin.setFaults({ faultIn200Next: 1 });
    const res = await info();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { Fault: { Error: { code: string }[] } };
    expect(body.Fault.Error[0]?.code).toBe('10000');
  });

  it('answers a 3200 AuthenticationFault inside HTTP 200, quoting the token sent', async () => {
    s.sandbox.admin.setFaults({ authFaultIn200Next: 1 });
    const res = await info();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      Fault: { type: string; Error: { code: string; Detail: string }[] };
    };
    expect(body.Fault.type).toBe('AuthenticationFault');
    expect(body.Fault.Error[0]?.code).toBe('3200');
    expect(body.Fault.Error[0]?.Detail).toMatch(/^Token expired: \S{20,}$/);
    expect((await info()).status).toBe(200);
  });
});

describe('latency', () => {
  it('applies fixed and distributed delays and logs them', async () => {
    s.sandbox.admin.setFaults({ latency: { kind: 'fixed', ms: 30 } });
    await info();
    s.sandbox.admin.setFaults({ latency: { kind: 'uniform', minMs: 5, maxMs: 15 } });
    await info();
    s.sandbox.admin.setFaults({ latency: { kind: 'normal', meanMs: 10, stddevMs: 2 } });
    await info();
    const [fixed, uniform, normal] = s.sandbox.requests();
    expect(fixed?.delayMs).toBe(30);
    expect(uniform?.delayMs).toBeGreaterThanOrEqual(5);
    expect(uniform?.delayMs).toBeLessThanOrEqual(15);
    expect(normal?.delayMs).toBeGreaterThanOrEqual(0);
  });

  it('parses CLI latency specs', () => {
    expect(parseLatencyArg('200')).toEqual({ kind: 'fixed', ms: 200 });
    expect(parseLatencyArg('100-300')).toEqual({ kind: 'uniform', minMs: 100, maxMs: 300 });
    expect(parseLatencyArg('200~50')).toEqual({ kind: 'normal', meanMs: 200, stddevMs: 50 });
    expect(() => parseLatencyArg('fast')).toThrow();
  });

  it('rejects malformed knobs', () => {
    expect(() => s.sandbox.admin.setFaults({ throttleNext: -1 })).toThrow();
  });
});

describe("Intuit's per-company limits", () => {
  it('throttles the 11th concurrent request and records the peak', async () => {
    // Latency holds requests open so all 11 overlap.
    s.sandbox.admin.setFaults({ latency: 400 });
    const results = await Promise.all(Array.from({ length: 11 }, () => info()));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 429)).toHaveLength(1);
    expect(statuses.filter((x) => x === 200)).toHaveLength(10);
    const stats = s.sandbox.admin.stats();
    expect(stats.maxInFlight).toBe(11);
    expect(s.sandbox.requests().find((r) => r.status === 429)).toMatchObject({
      inFlight: 11,
      fault: 'limit:in-flight',
    });
  });

  it('throttles past 500 requests a minute, and the window slides with the clock', async () => {
    s.sandbox.admin.setFaults({ perMinuteLimit: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await info()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(s.sandbox.admin.stats().maxPerMinute).toBe(7);
    s.sandbox.admin.advanceClock(61_000);
    expect((await info()).status).toBe(200);
    expect(s.sandbox.admin.getFaults().perMinuteLimit).toBe(5);
  });

  it('can switch enforcement off', async () => {
    s.sandbox.admin.setFaults({ perMinuteLimit: 1, enforceLimits: false });
    expect((await info()).status).toBe(200);
    expect((await info()).status).toBe(200);
  });

  it('defaults to 500 a minute and 10 in flight', () => {
    expect(s.sandbox.admin.getFaults()).toMatchObject({
      perMinuteLimit: 500,
      maxInFlight: 10,
      enforceLimits: true,
    });
  });
});

describe('token knobs', () => {
  it('expires all access tokens now, then a refresh recovers', async () => {
    s.sandbox.admin.expireAccessTokens();
    expect((await info()).status).toBe(401);
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
    const fresh = (await res.json()) as { access_token: string; refresh_token: string };
    s.tokens.access_token = fresh.access_token;
    s.tokens.refresh_token = fresh.refresh_token;
    expect((await info()).status).toBe(200);
  });

  it('revokes every grant', async () => {
    s.sandbox.admin.revokeAllTokens();
    expect((await info()).status).toBe(401);
  });
});

describe('request log', () => {
  it('records method, path, query, status, realm, time and in-flight count', async () => {
    await s.api('query?query=select%20*%20from%20Customer&minorversion=75', { token: 'bad' });
    const [entry] = s.sandbox.requests();
    expect(entry).toMatchObject({
      method: 'GET',
      path: `/v3/company/${s.sandbox.realmId}/query`,
      query: { query: 'select * from Customer', minorversion: '75' },
      status: 401,
      realmId: s.sandbox.realmId,
      kind: 'accounting',
      inFlight: 1,
    });
    expect(entry?.time).toMatch(/-08:00$/);
  });
});
