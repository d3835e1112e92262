import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../index.js';
import { basicAuth } from '../test-support.js';

let sandbox: RunningSandbox;
const redirectUri = 'http://127.0.0.1:40123/callback';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, customers: 3 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.setAutoApprove(false));

function authorizeUrl(params: Record<string, string> = {}): string {
  return `${sandbox.endpoints.authorize}?${new URLSearchParams({
    client_id: sandbox.clientId,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    redirect_uri: redirectUri,
    state: 'st-1',
    ...params,
  })}`;
}

async function codeFor(params: Record<string, string> = {}): Promise<URL> {
  sandbox.admin.setAutoApprove(true);
  const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
  return new URL(res.headers.get('location') ?? '');
}

function token(
  body: Record<string, string>,
  auth = basicAuth(sandbox.clientId, sandbox.clientSecret),
) {
  return fetch(sandbox.endpoints.token, {
    method: 'POST',
    headers: {
      Authorization: auth,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams(body),
  });
}

async function exchange(code: string) {
  const res = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string };
}

const companyInfo = (accessToken: string) =>
  fetch(`${sandbox.url}/v3/company/${sandbox.realmId}/companyinfo/${sandbox.realmId}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });

describe('authorize', () => {
  it('shows a consent page with Connect and Cancel buttons', async () => {
    const res = await fetch(authorizeUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('intuit_tid')).toBeTruthy();
    const html = await res.text();
    expect(html).toMatch(/<button[^>]*id="approve"[^>]*>Connect<\/button>/);
    expect(html).toMatch(/>Cancel<\/button>/);
    expect(html).toContain('Sunny Acres Stables');
  });

  it('Connect redirects back with code, state and realmId', async () => {
    const html = await (await fetch(authorizeUrl())).text();
    const consent = /name="consent" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await fetch(`${sandbox.url}/connect/oauth2/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent, decision: 'approve' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('realmId')).toBe(sandbox.realmId);
    // The consent form is single use.
    const again = await fetch(`${sandbox.url}/connect/oauth2/consent`, {
      method: 'POST',
      body: new URLSearchParams({ consent, decision: 'approve' }),
      redirect: 'manual',
    });
    expect(again.status).toBe(400);
  });

  it('Cancel redirects back with access_denied and the state', async () => {
    const html = await (await fetch(authorizeUrl())).text();
    const consent = /name="consent" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await fetch(`${sandbox.url}/connect/oauth2/consent`, {
      method: 'POST',
      body: new URLSearchParams({ consent, decision: 'cancel' }),
      redirect: 'manual',
    });
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('auto-approve skips the page', async () => {
    const back = await codeFor();
    expect(back.searchParams.get('code')).toMatch(/^AB1/);
  });

  it('accepts loopback redirects on any port but refuses unregistered ones without redirecting', async () => {
    sandbox.admin.setAutoApprove(true);
    const localhost = await fetch(
      authorizeUrl({ redirect_uri: 'http://localhost:9999/callback' }),
      { redirect: 'manual' },
    );
    expect(localhost.status).toBe(302);
    const evil = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/callback' }), {
      redirect: 'manual',
    });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    const otherPath = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:9999/other' }), {
      redirect: 'manual',
    });
    expect(otherPath.status).toBe(400);
    const unknownClient = await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
  });

  it('honours registered redirect URIs', async () => {
    sandbox.admin.registerRedirectUri('https://relay.example/qbo/callback');
    const back = await codeFor({ redirect_uri: 'https://relay.example/qbo/callback' });
    expect(back.host).toBe('relay.example');
  });

  it('redirects scope and response_type errors back to the app', async () => {
    sandbox.admin.setAutoApprove(true);
    const scope = await fetch(authorizeUrl({ scope: 'profile' }), { redirect: 'manual' });
    expect(new URL(scope.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_scope',
    );
    const type = await fetch(authorizeUrl({ response_type: 'token' }), { redirect: 'manual' });
    expect(new URL(type.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'unsupported_response_type',
    );
  });
});

describe('token endpoint', () => {
  it('exchanges a code once for Intuit-shaped tokens', async () => {
    const code = (await codeFor()).searchParams.get('code') ?? '';
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    const reused = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_grant' });
  });

  it('accepts a JSON body too', async () => {
    const code = (await codeFor()).searchParams.get('code') ?? '';
    const res = await fetch(sandbox.endpoints.token, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(sandbox.clientId, sandbox.clientSecret),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
    });
    expect(res.status).toBe(200);
  });

  it('rejects a mismatched redirect_uri and an expired code', async () => {
    const code = (await codeFor()).searchParams.get('code') ?? '';
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:1/callback',
    });
    expect(await wrong.json()).toEqual({ error: 'invalid_grant' });
    const stale = (await codeFor()).searchParams.get('code') ?? '';
    sandbox.admin.advanceClock(10 * 60 * 1000 + 1);
    const expired = await token({
      grant_type: 'authorization_code',
      code: stale,
      redirect_uri: redirectUri,
    });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: 'invalid_grant' });
  });

  it('requires HTTP Basic client authentication', async () => {
    const code = (await codeFor()).searchParams.get('code') ?? '';
    const none = await token(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
      '',
    );
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'invalid_client' });
    const bad = await token(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
      basicAuth(sandbox.clientId, 'wrong'),
    );
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
  });

  it('rejects unknown grant types', async () => {
    const res = await token({ grant_type: 'password' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('rotates refresh tokens: the old one stops working, the new one works', async () => {
    const first = await exchange((await codeFor()).searchParams.get('code') ?? '');
    const res = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(res.status).toBe(200);
    const second = (await res.json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const old = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({ error: 'invalid_grant' });
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token })).status,
    ).toBe(200);
  });

  it('expires access tokens after an hour of sandbox time', async () => {
    const tokens = await exchange((await codeFor()).searchParams.get('code') ?? '');
    expect((await companyInfo(tokens.access_token)).status).toBe(200);
    sandbox.admin.advanceClock(3600 * 1000);
    const expired = await companyInfo(tokens.access_token);
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as { Fault: { Error: { code: string }[]; type: string } };
    expect(body.Fault.type).toBe('AuthenticationFault');
    expect(body.Fault.Error[0]?.code).toBe('3200');
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status,
    ).toBe(200);
  });

  it('expires refresh tokens after x_refresh_token_expires_in', async () => {
    const tokens = await exchange((await codeFor()).searchParams.get('code') ?? '');
    sandbox.admin.advanceClock(8726400 * 1000);
    const res = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await res.json()).toEqual({ error: 'invalid_grant' });
  });
});

describe('revoke endpoint', () => {
  it('revokes the whole grant from a refresh token', async () => {
    const tokens = await exchange((await codeFor()).searchParams.get('code') ?? '');
    const res = await fetch(sandbox.endpoints.revoke, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(sandbox.clientId, sandbox.clientSecret),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ token: tokens.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect((await companyInfo(tokens.access_token)).status).toBe(401);
    const refresh = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('needs client auth and a token', async () => {
    const noAuth = await fetch(sandbox.endpoints.revoke, {
      method: 'POST',
      body: new URLSearchParams({ token: 'x' }),
    });
    expect(noAuth.status).toBe(401);
    const noToken = await fetch(sandbox.endpoints.revoke, {
      method: 'POST',
      headers: { Authorization: basicAuth(sandbox.clientId, sandbox.clientSecret) },
      body: new URLSearchParams({}),
    });
    expect(noToken.status).toBe(400);
  });
});
