import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncRun } from '../../../src-shared/contract';
import { DATA_FILE_NAME } from '../../core';
import { createMemorySecretStoreForTests } from '../../platform/node/memory-secret-store';
import { createSandboxedCore, type SandboxedCore } from '../connected-test-core';
import { TokenSet } from '../tokens/token-set';

/*
 * Intuit sometimes answers a refused token with HTTP 200 and a 3200
 * AuthenticationFault whose Detail quotes the whole token ("Token expired: …").
 * The sandbox does the same with `authFaultIn200Next`.
 */
let env: SandboxedCore | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await env?.dispose();
  env = undefined;
});

async function connected() {
  const store = createMemorySecretStoreForTests();
  env = await createSandboxedCore({ secrets: store });
  await env.connect();
  const realm = env.sandbox.realmId;
  const tokens = async () => TokenSet.parse(JSON.parse((await store.get(realm)) ?? 'null'));
  return { env, tokens };
}

const refreshes = (e: SandboxedCore) =>
  e.sandbox.requests().filter((r) => r.path === '/oauth2/v1/tokens/bearer').length;

async function call<T>(e: SandboxedCore, method: string, input: unknown = {}): Promise<T> {
  const result = await e.core.dispatcher.invoke(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('a 3200 fault inside an HTTP 200', () => {
  it('refreshes the token once and retries, like a 401, and the sync carries on', async () => {
    const { env, tokens } = await connected();
    const before = await tokens();
    const refreshesBefore = refreshes(env);
    env.sandbox.admin.setFaults({ authFaultIn200Next: 1 });

    const run = await call<SyncRun>(env, 'sync.run', { trigger: 'manual' });

    expect(run.result).toBe('success');
    expect(refreshes(env) - refreshesBefore).toBe(1);
    expect((await tokens()).accessToken).not.toBe(before.accessToken);
    const status = await call<{ state: string }>(env, 'quickbooks.status');
    expect(status.state).toBe('connected');
  });

  it('refused again after the refresh: the Sync Log and Integrations both ask for a reconnect, with the real status and intuit_tid for support', async () => {
    const { env } = await connected();
    env.sandbox.admin.setFaults({ authFaultIn200Next: 1000 });

    const run = await call<SyncRun>(env, 'sync.run', { trigger: 'manual' });

    expect(run.result).toBe('failed');
    expect(run.message).toMatch(/Reconnect QuickBooks/);
    expect(run.detail).toMatch(/^HTTP 200; code 3200;/);
    expect(run.detail).toMatch(/intuit_tid 1-[0-9a-f]{8}-[0-9a-f]{24}/);
    expect(run.detail).not.toMatch(/HTTP 400/);
    const status = await call<{ state: string; detail: string | null }>(env, 'quickbooks.status');
    expect(status.state).toBe('reconnect_required');
    expect(status.detail).toMatch(/Reconnect QuickBooks/);
  });

  it('leaves no token in the Sync Log, the audit log, the database file, the answers or the log lines', async () => {
    const { env, tokens } = await connected();
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    const issued = [await tokens()];
    env.sandbox.admin.setFaults({ authFaultIn200Next: 1000 });

    const run = await call<SyncRun>(env, 'sync.run', { trigger: 'manual' });
    issued.push(await tokens());
    expect(run.result).toBe('failed');

    const secrets = issued.flatMap((t) => [t.accessToken, t.refreshToken]);
    const shown = JSON.stringify([
      run,
      await call(env, 'sync.runs'),
      await call(env, 'sync.items', { runId: run.id }),
      await call(env, 'sync.exportCsv', { runId: run.id }),
      await call(env, 'quickbooks.status'),
      await env.core.dispatcher.invoke('sync.run', { trigger: 'manual' }),
    ]);
    const audit = await env.core.db.selectFrom('activity').selectAll().execute();
    const stored = JSON.stringify(audit);
    expect(stored).toMatch(/Token expired: \[redacted\]/);
    await env.core.close();
    const file = ['', '-wal']
      .map((suffix) => {
        try {
          return readFileSync(join(env.dataDir, `${DATA_FILE_NAME}${suffix}`)).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    for (const secret of secrets) {
      for (const text of [shown, stored, file, logged.join('\n')]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(0, 16));
      }
    }
    await env.restart();
  });
});
