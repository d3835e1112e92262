import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { DATA_FILE_NAME } from '../core';
import { isPostgres } from '../db/dialect';
import { everyRowAsText } from '../db/postgres/pg-test-admin';
import { listActivity } from '../activity/activity-log';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createSandboxedCore, type SandboxedCore } from './connected-test-core';
import { TokenSet } from './tokens/token-set';

let env: SandboxedCore | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

const secretsWithPeek = () => {
  const store = createMemorySecretStoreForTests();
  return {
    store,
    tokens: async (realm: string) => TokenSet.parse(JSON.parse((await store.get(realm)) ?? 'null')),
  };
};

async function status(e: SandboxedCore) {
  const result = await e.core.dispatcher.invoke('quickbooks.status', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Awaited<ReturnType<typeof e.core.quickbooks.status>>;
}

const tokenRequests = (e: SandboxedCore) =>
  e.sandbox.requests().filter((r) => r.path === '/oauth2/v1/tokens/bearer');

describe('connecting QuickBooks', () => {
  it('connects through the consent page and the loopback callback, and names the company', async () => {
    const { store } = secretsWithPeek();
    env = await createSandboxedCore({ secrets: store });
    expect((await status(env)).state).toBe('not_connected');

    await env.connect();

    const now = await status(env);
    expect(now).toMatchObject({
      state: 'connected',
      companyName: 'Sunny Acres Stables',
      realmId: env.sandbox.realmId,
    });
    expect(env.ports.openExternal.opened[0]).toMatch(/\/connect\/oauth2\?/);
    expect(store.accounts()).toEqual([env.sandbox.realmId]);
    const audit = await listActivity(env.core.db, { action: 'quickbooks.connect' });
    expect(audit[0]?.summary).toContain('Sunny Acres Stables');
  });

  it('is still connected after the app restarts', async () => {
    env = await createSandboxedCore();
    await env.connect();
    await env.restart();
    expect((await status(env)).state).toBe('connected');
    await expect((await env.core.quickbooks.connectedApi()).companyName()).resolves.toBe(
      'Sunny Acres Stables',
    );
  });

  it('never stores a token in the database file', async () => {
    const { store, tokens } = secretsWithPeek();
    env = await createSandboxedCore({ secrets: store });
    await env.connect();
    const held = await tokens(env.sandbox.realmId);
    // On a shared database, every row of every table; else the file and its write-ahead log as bytes.
    const shared = isPostgres(env.core.db) ? await everyRowAsText(env.core.db as never) : null;
    await env.core.close();
    const stored = shared ?? localFileBytes(env.dataDir);
    expect(stored).not.toContain(held.accessToken.toLowerCase());
    expect(stored).not.toContain(held.refreshToken.toLowerCase());
    await env.restart();
  });

  it('says clearly when the app keys are not configured', async () => {
    env = await createSandboxedCore();
    await env.core.close();
    const { createCore } = await import('../core');
    const { createNodePorts } = await import('../platform/node/node-ports');
    env.core = await createCore({
      dataDir: env.dataDir,
      host: 'browser',
      quickbooks: null,
      ports: createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
    });
    const result = await env.core.dispatcher.invoke('quickbooks.connect', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/app keys are not set up/);
  });
});

describe('keeping the connection alive', () => {
  it('rotates the refresh token: the old one is refused by QuickBooks and the app kept the new one', async () => {
    const { store, tokens } = secretsWithPeek();
    env = await createSandboxedCore({ secrets: store });
    await env.connect();
    const before = await tokens(env.sandbox.realmId);

    env.sandbox.admin.expireAccessTokens();
    await (await env.core.quickbooks.connectedApi()).companyName();

    const after = await tokens(env.sandbox.realmId);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    const replay = await fetch(env.sandbox.endpoints.token, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${env.sandbox.clientId}:${env.sandbox.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: before.refreshToken,
      }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refreshes exactly once when 20 calls find the access token expired at the same time', async () => {
    env = await createSandboxedCore();
    await env.connect();
    const api = await env.core.quickbooks.connectedApi();
    const refreshesBefore = tokenRequests(env).length;

    env.sandbox.admin.expireAccessTokens();
    const names = await Promise.all(Array.from({ length: 20 }, () => api.companyName()));

    expect(new Set(names)).toEqual(new Set(['Sunny Acres Stables']));
    expect(tokenRequests(env).length - refreshesBefore).toBe(1);
  });

  it('refreshes ahead of time when the access token is about to end, surviving a restart', async () => {
    const { store, tokens } = secretsWithPeek();
    env = await createSandboxedCore({ secrets: store });
    await env.connect();
    const held = await tokens(env.sandbox.realmId);
    // The app believes the access token ends in a minute: it must refresh before using it.
    await store.set(
      env.sandbox.realmId,
      JSON.stringify({ ...held, accessExpiresAt: new Date(Date.now() + 60_000).toISOString() }),
    );
    await env.restart();
    const refreshesBefore = tokenRequests(env).length;
    await (await env.core.quickbooks.connectedApi()).companyName();
    expect(tokenRequests(env).length - refreshesBefore).toBe(1);
    expect((await tokens(env.sandbox.realmId)).refreshToken).not.toBe(held.refreshToken);
  });

  it('asks to "Reconnect QuickBooks" when the token was revoked, and loses no client', async () => {
    env = await createSandboxedCore();
    await env.connect();
    await insertQuickBooksClient(env.core.db, {
      displayName: 'Hollow Oak Farm',
      realmId: env.sandbox.realmId,
    });
    await insertManualClient(env.core.db, { displayName: 'Walk-in Rider' });
    const names = async () =>
      (await env!.core.db.selectFrom('clients').select('display_name').execute())
        .map((c) => c.display_name)
        .sort();
    const before = await names();
    expect(before).toContain('Hollow Oak Farm');
    expect(before).toContain('Walk-in Rider');

    env.sandbox.admin.revokeAllTokens();
    const api = await env.core.quickbooks.connectedApi();
    await expect(api.companyName()).rejects.toMatchObject({ code: 'reconnect_required' });

    const now = await status(env);
    expect(now.state).toBe('reconnect_required');
    expect(now.detail).toMatch(/Reconnect QuickBooks/);
    expect(env.ports.notifier.sent.at(-1)).toMatchObject({
      title: 'Reconnect QuickBooks',
      action: 'reconnect',
    });
    expect(await listActivity(env.core.db, { action: 'quickbooks.refresh_failed' })).toHaveLength(
      1,
    );
    expect(await names()).toEqual(before);

    // Reconnecting brings the same company back with every client and its history.
    await env.connect();
    expect((await status(env)).state).toBe('connected');
    expect(await names()).toEqual(before);
    expect(await listActivity(env.core.db, { action: 'quickbooks.reconnect' })).toHaveLength(1);
  });

  it('warns once, ahead of time, when Intuit says the connection is about to end', async () => {
    const tenDays = 10 * 24 * 60 * 60;
    env = await createSandboxedCore({
      adjustOAuth: (real) => ({
        ...real,
        // Intuit's answer near a refresh token's hard end: the rolling 100 days no longer apply.
        refresh: async (token) => ({
          ...(await real.refresh(token)),
          x_refresh_token_expires_in: tenDays,
        }),
      }),
    });
    await env.connect();
    const api = await env.core.quickbooks.connectedApi();
    env.sandbox.admin.expireAccessTokens();
    await api.companyName();
    env.sandbox.admin.expireAccessTokens();
    await api.companyName();

    const warnings = env.ports.notifier.sent.filter((n) => n.title === 'Reconnect QuickBooks soon');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ action: 'reconnect' });
    expect(warnings[0]?.body).toMatch(/ends in 10 days/);
    expect(await status(env)).toMatchObject({ state: 'connected', refreshExpiresSoon: true });
  });
});

describe('disconnecting QuickBooks', () => {
  it('revokes the token at Intuit, forgets it here, keeps the synced clients read-only and audits it', async () => {
    const { store } = secretsWithPeek();
    env = await createSandboxedCore({ secrets: store });
    await env.connect();
    const client = await insertQuickBooksClient(env.core.db, {
      displayName: 'Hollow Oak Farm',
      realmId: env.sandbox.realmId,
    });

    const result = await env.core.dispatcher.invoke('quickbooks.disconnect', {});
    expect(result.ok && (result.value as { state: string }).state).toBe('not_connected');
    expect(
      env.sandbox.requests().some((r) => r.path === '/v2/oauth2/tokens/revoke' && r.status === 200),
    ).toBe(true);
    expect(store.accounts()).toEqual([]);

    const kept = await env.core.dispatcher.invoke('clients.get', { id: client.id });
    expect(kept.ok && (kept.value as { client: { source: string } }).client.source).toBe(
      'quickbooks',
    );
    const edit = await env.core.dispatcher.invoke('clients.update', {
      id: client.id,
      fields: { phone: '555' },
    });
    expect(edit.ok).toBe(false);
    expect(await listActivity(env.core.db, { action: 'quickbooks.disconnect' })).toHaveLength(1);
  });
});

describe('read-only toward QuickBooks', () => {
  it('sends QuickBooks nothing but reads', async () => {
    env = await createSandboxedCore();
    await env.connect();
    env.sandbox.admin.expireAccessTokens();
    await (await env.core.quickbooks.connectedApi()).companyName();
    await env.core.dispatcher.invoke('quickbooks.disconnect', {});
    const accounting = env.sandbox.requests().filter((r) => r.kind === 'accounting');
    expect(accounting.length).toBeGreaterThan(0);
    expect(accounting.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('tokens in the OS keychain', () => {
  it('keeps the tokens in the real keychain through keytar, or refuses to connect with a clear message when there is none', async () => {
    const { createKeytarSecretStore } = await import('../platform/keychain/keytar-secret-store');
    const service = `EquineOps QuickBooks test ${process.pid}-${Date.now()}`;
    const keychain = createKeytarSecretStore({ service, timeoutMs: 10_000 });
    const reachable = await keychain.get('probe').then(
      () => true,
      () => false,
    );
    env = await createSandboxedCore({ secrets: keychain });
    if (reachable) {
      await env.connect();
      const stored = TokenSet.parse(
        JSON.parse((await keychain.get(env.sandbox.realmId)) ?? 'null'),
      );
      expect(stored.refreshToken.length).toBeGreaterThan(10);
      await env.core.dispatcher.invoke('quickbooks.disconnect', {});
      expect(await keychain.get(env.sandbox.realmId)).toBeNull();
    } else {
      await expect(env.connect()).rejects.toThrow(/keychain is not available/);
      expect((await status(env)).state).toBe('not_connected');
    }
  });
});

/** The data file and its write-ahead log as bytes, lower-cased like everyRowAsText. */
function localFileBytes(dataDir: string): string {
  const file = readFileSync(join(dataDir, DATA_FILE_NAME)).toString('latin1');
  let wal = '';
  try {
    wal = readFileSync(join(dataDir, `${DATA_FILE_NAME}-wal`)).toString('latin1');
  } catch {
    // No write-ahead log left after a clean close.
  }
  return (file + wal).toLowerCase();
}
