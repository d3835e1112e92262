import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import {
  MAX_EVENT_STREAMS,
  startBrowserHost,
  TEST_OUTBOX_PATH,
  type BrowserHost,
} from './browser-host';
import { postJson as postJsonRaw, rawRequest as rawRequestRaw } from './http-test-client';

let workDir: string;
let staticDir: string;
let host: BrowserHost;

beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'equineops-host-'));
  staticDir = join(workDir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>EquineOps</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(workDir, 'secret.txt'), 'TOP-SECRET');
  host = await startBrowserHost({
    dataDir: join(workDir, 'data'),
    port: 0,
    host: '127.0.0.1',
    staticDir,
    maxBodyBytes: 64 * 1024,
    testHooks: true,
    ports: createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() }),
  });
});

afterEach(async () => {
  await host.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** The page's own requests: they carry the key's cookie the printed address set. */
const postJson = (
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) => postJsonRaw(port, path, body, { cookie: host.authCookie, ...headers });
const rawRequest = (port: number, options: Parameters<typeof rawRequestRaw>[1]) =>
  rawRequestRaw(port, { ...options, headers: { cookie: host.authCookie, ...options.headers } });

async function settings(): Promise<Record<string, string>> {
  const res = await postJson(host.port, '/api/call/settings.get', {});
  return JSON.parse(res.body).value;
}

describe('browser host calls', () => {
  it('answers a contract call with its value', async () => {
    const res = await postJson(host.port, '/api/call/settings.update', {
      organizationName: 'Willow Creek Stables',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: { organizationName: 'Willow Creek Stables' },
    });
    expect((await settings()).organizationName).toBe('Willow Creek Stables');
  });

  it('refuses a bad payload with 400 and a message staff can read, and changes nothing', async () => {
    const before = await settings();
    const res = await postJson(host.port, '/api/call/settings.update', { staffName: '   ' });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toMatch(/your name is required/i);
    expect(await settings()).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/call/settings.get',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/not valid JSON/);
  });

  it('answers 404 for a request the contract does not have', async () => {
    const res = await postJson(host.port, '/api/call/clients.dropTable', {});
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('takes calls only as JSON POSTs', async () => {
    const get = await rawRequest(host.port, { path: '/api/call/settings.get' });
    expect(get.status).toBe(405);
    const form = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/call/settings.update',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'organizationName=Hacked',
    });
    expect(form.status).toBe(415);
    expect((await settings()).organizationName).not.toBe('Hacked');
  });

  it('refuses a request larger than the limit with 413', async () => {
    const res = await postJson(host.port, '/api/call/settings.update', {
      organizationName: 'x'.repeat(70 * 1024),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/larger than/);
  });
});

describe('browser host only answers its own page', () => {
  it('refuses a call from another web site and changes nothing', async () => {
    const res = await postJson(
      host.port,
      '/api/call/settings.update',
      { organizationName: 'Hacked' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect((await settings()).organizationName).not.toBe('Hacked');
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const res = await postJson(
      host.port,
      '/api/call/settings.get',
      {},
      { host: `rebind.evil.example:${host.port}` },
    );
    expect(res.status).toBe(403);
    const page = await rawRequest(host.port, {
      path: '/',
      headers: { host: `rebind.evil.example:${host.port}` },
    });
    expect(page.status).toBe(403);
  });

  it('accepts calls from its own page at 127.0.0.1 or localhost', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const res = await postJson(
        host.port,
        '/api/call/settings.get',
        {},
        { origin, host: new URL(origin).host },
      );
      expect(res.status).toBe(200);
    }
  });

  it('refuses a sandboxed or file page ("null" origin)', async () => {
    const res = await postJson(host.port, '/api/call/settings.get', {}, { origin: 'null' });
    expect(res.status).toBe(403);
  });
});

describe('browser host needs the key it printed', () => {
  it('refuses a call without the key (401) and changes nothing; the same call with it is answered', async () => {
    // What another account on the computer can do: plain HTTP to 127.0.0.1, no cookie.
    const before = await settings();
    const bare = await postJsonRaw(host.port, '/api/call/settings.update', {
      organizationName: 'Hacked',
    });
    expect(bare.status).toBe(401);
    expect(JSON.parse(bare.body).error.message).toMatch(/address EquineOps printed/);
    const list = await postJsonRaw(host.port, '/api/call/clients.list', {});
    expect(list.status).toBe(401);
    expect(list.body).not.toContain('displayName');
    expect(await settings()).toEqual(before);

    const answered = await postJson(host.port, '/api/call/settings.update', {
      organizationName: 'Willow Creek Stables',
    });
    expect(answered.status).toBe(200);
  });

  it('refuses a wrong or stale key', async () => {
    const wrongCookie = host.authCookie.replace(/=.*/, '=not-the-key');
    const res = await postJsonRaw(host.port, '/api/call/settings.get', {}, { cookie: wrongCookie });
    expect(res.status).toBe(401);
    const stale = await rawRequestRaw(host.port, { path: '/?key=from-an-earlier-launch' });
    expect(stale.status).toBe(401);
    expect(stale.headers['set-cookie']).toBeUndefined();
    expect(stale.body).toMatch(/earlier start of EquineOps/);
  });

  it('the printed address hands over an HttpOnly SameSite=Strict cookie and leaves the key out of the address bar', async () => {
    const printed = new URL(host.url);
    expect(printed.origin).toBe(host.origin);
    expect(printed.searchParams.get('key')?.length).toBeGreaterThanOrEqual(40);
    const res = await rawRequestRaw(host.port, { path: `${printed.pathname}${printed.search}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    const call = await postJsonRaw(host.port, '/api/call/settings.get', {}, { cookie });
    expect(call.status).toBe(200);
  });

  it('makes a new key at each launch', async () => {
    const other = await startBrowserHost({
      dataDir: join(workDir, 'data-2'),
      port: 0,
      staticDir,
      ports: createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() }),
    });
    try {
      expect(new URL(other.url).searchParams.get('key')).not.toBe(
        new URL(host.url).searchParams.get('key'),
      );
    } finally {
      await other.close();
    }
  });

  it('a tab without the key is told which address to open; the app files themselves are plain code', async () => {
    const page = await rawRequestRaw(host.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toMatch(/address it printed/);
    expect(page.body).not.toContain('<title>EquineOps</title>');
    const script = await rawRequestRaw(host.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
  });

  it('refuses the event stream without the key, and sends app.openUrl only to the stream that has it', async () => {
    const stranger = openEventStream(host.port, {});
    const own = openEventStream(host.port);
    try {
      expect(await stranger.status()).toBe(401);
      expect(await own.status()).toBe(200);
      await own.waitFor((t) => t.includes(': connected'));
      const url = 'http://127.0.0.1:9/connect/oauth2?state=secret-state';
      host.core.events.emit('app.openUrl', { url });
      await own.waitFor((t) => t.includes('event: app.openUrl'));
      expect(stranger.text()).not.toContain('secret-state');
      expect(stranger.text()).not.toContain('app.openUrl');
    } finally {
      stranger.close();
      own.close();
    }
  });

  it('a link on another web site to the printed address does not open the app, and says what to do', async () => {
    const printed = new URL(host.url);
    const res = await rawRequestRaw(host.port, {
      path: `/${printed.search}`,
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toMatch(/Paste the address EquineOps printed/);
  });

  it('refuses a cross-site no-cors request for the event stream, even with the cookie', async () => {
    const res = await rawRequest(host.port, {
      path: '/api/events',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(res.status).toBe(403);
    // Another port on this computer is "same-site" to the browser and gets the cookie: refused too.
    const sameSite = await rawRequest(host.port, {
      path: '/api/events',
      headers: { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(sameSite.status).toBe(403);
  });

  it('keeps at most MAX_EVENT_STREAMS streams open and says why it refuses one more', async () => {
    const streams = Array.from({ length: MAX_EVENT_STREAMS }, () => openEventStream(host.port));
    try {
      for (const stream of streams) expect(await stream.status()).toBe(200);
      const extra = openEventStream(host.port);
      expect(await extra.status()).toBe(503);
      await extra.waitFor((t) => t.includes('Too many EquineOps tabs'));
      extra.close();
      streams.shift()?.close();
      // The server learns of the closed socket a moment later; then a stream is accepted again.
      let again = openEventStream(host.port);
      while ((await again.status()) === 503) {
        again.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = openEventStream(host.port);
      }
      expect(await again.status()).toBe(200);
      streams.push(again);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('sends its page with a CSP, frame and opener isolation', async () => {
    const page = await rawRequest(host.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('browser host events', () => {
  it('pushes data.changed over server-sent events after a write', async () => {
    const stream = openEventStream(host.port);
    try {
      await stream.waitFor((text) => text.includes(': connected'));
      expect(stream.contentType()).toMatch(/^text\/event-stream/);
      await postJson(host.port, '/api/call/settings.update', {
        organizationName: 'Maple Ridge Farm',
      });
      const text = await stream.waitFor((t) => t.includes('event: data.changed\n'));
      const data = /event: data\.changed\ndata: (.*)\n\n/.exec(text)?.[1];
      expect(JSON.parse(data ?? 'null')).toMatchObject({
        tables: expect.arrayContaining(['settings']),
      });
    } finally {
      stream.close();
    }
  });
});

describe('browser host pages', () => {
  it('serves the built renderer with the right content types', async () => {
    const page = await rawRequest(host.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>EquineOps</title>');
    const script = await rawRequest(host.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for app routes but not for missing files', async () => {
    const route = await rawRequest(host.port, { path: '/clients/42' });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>EquineOps</title>');
    const missing = await rawRequest(host.port, { path: '/assets/missing.js' });
    expect(missing.status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/..%00/secret.txt',
    ]) {
      const res = await rawRequest(host.port, { path });
      expect(res.body, path).not.toContain('TOP-SECRET');
      expect(res.status, path).toBe(404);
    }
  });
});

describe('browser host test hooks', () => {
  it('records links opened in the system browser instead of launching one', async () => {
    const res = await postJson(host.port, '/api/call/app.openExternal', {
      url: 'https://app.qbo.intuit.com/app/customerdetail?nameId=58',
    });
    expect(res.status).toBe(200);
    const outbox = JSON.parse((await rawRequest(host.port, { path: TEST_OUTBOX_PATH })).body);
    expect(outbox.openedUrls).toEqual(['https://app.qbo.intuit.com/app/customerdetail?nameId=58']);
  });
});

function openEventStream(
  port: number,
  headers: Record<string, string> = { cookie: host.authCookie },
) {
  let text = '';
  let contentType = '';
  let status = 0;
  let settleStatus: (s: number) => void = () => undefined;
  const statusKnown = new Promise<number>((resolve) => (settleStatus = resolve));
  const waiters: { test: (t: string) => boolean; resolve: (t: string) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  };
  const req: ClientRequest = httpRequest(
    {
      host: '127.0.0.1',
      port,
      path: '/api/events',
      headers: { accept: 'text/event-stream', ...headers },
    },
    (res) => {
      contentType = String(res.headers['content-type'] ?? '');
      status = res.statusCode ?? 0;
      settleStatus(status);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        check();
      });
    },
  );
  req.on('error', () => undefined);
  req.end();
  return {
    contentType: () => contentType,
    status: () => statusKnown,
    text: () => text,
    waitFor: (test: (t: string) => boolean) =>
      new Promise<string>((resolve) => {
        waiters.push({ test, resolve });
        check();
      }),
    close: () => req.destroy(),
  };
}
