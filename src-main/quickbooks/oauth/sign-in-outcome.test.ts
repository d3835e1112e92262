import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../qbo-sandbox/index';
import { createCore, type Core } from '../../core';
import { createMemorySecretStoreForTests } from '../../platform/node/memory-secret-store';
import { createNodePorts } from '../../platform/node/node-ports';
import { sandboxQuickBooksConfig } from '../quickbooks-config';

/*
 * The sign-in tab is the page the browser shows when Intuit sends it back to
 * the app. Here the "browser" is fetch: it approves the sandbox's consent page
 * and follows the redirect to the app's loopback callback, whose page it reads.
 */
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function appWithSecret(clientSecret: (sandbox: RunningSandbox) => string) {
  const sandbox = await startSandbox({ port: 0, customers: 3, seed: 1, autoApprove: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-signin-'));
  let signInTab: Promise<{ status: number; text: string }> | undefined;
  const core: Core = await createCore({
    dataDir,
    host: 'browser',
    quickbooks: { ...sandboxQuickBooksConfig(sandbox), clientSecret: clientSecret(sandbox) },
    ports: {
      ...createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
      openExternal: {
        open: async (url) => {
          signInTab = fetch(url).then(async (r) => ({ status: r.status, text: await r.text() }));
        },
      },
    },
  });
  cleanup = async () => {
    await core.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = await core.dispatcher.invoke('quickbooks.connect', {});
  expect(started.ok).toBe(true);
  const tab = await (signInTab ?? Promise.reject(new Error('no sign-in tab was opened')));
  const status = await core.dispatcher.invoke('quickbooks.status', {});
  if (!status.ok) throw new Error(status.error.message);
  return { tab, status: status.value as { state: string; detail: string | null }, core };
}

describe('the sign-in tab reports the outcome of the token exchange', () => {
  it('with a wrong client secret, says QuickBooks was not connected and what to check', async () => {
    const { tab, status } = await appWithSecret(() => 'not-the-sandbox-secret');
    expect(tab.text).toContain('QuickBooks was not connected');
    expect(tab.text).toMatch(/client secret is wrong/);
    expect(tab.text).toMatch(/Connect to QuickBooks/);
    expect(tab.text).not.toContain('is connected');
    expect(tab.text).not.toContain('not-the-sandbox-secret');
    expect(status.state).toBe('not_connected');
    expect(status.detail).toMatch(/client secret is wrong/);
  });

  it('with the right keys, says connected only once the app is connected', async () => {
    const { tab, status } = await appWithSecret((sandbox) => sandbox.clientSecret);
    expect(tab.status).toBe(200);
    expect(tab.text).toContain('EquineOps is connected to QuickBooks');
    expect(status.state).toBe('connected');
  });
});

describe('the fixed relay port (production keys)', () => {
  it('when another program holds the port, says which port and what to do, and does not open the sign-in', async () => {
    const squatter = createServer(() => undefined);
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as AddressInfo).port;
    const sandbox = await startSandbox({ port: 0, customers: 1, seed: 1, autoApprove: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-relay-'));
    const ports = createNodePorts({
      secrets: createMemorySecretStoreForTests(),
      launchBrowser: false,
    });
    const core = await createCore({
      dataDir,
      host: 'browser',
      quickbooks: {
        ...sandboxQuickBooksConfig(sandbox),
        redirectUri: 'https://relay.example/qbo/callback',
        loopbackPort: port,
      },
      ports,
    });
    cleanup = async () => {
      await core.close();
      await sandbox.close();
      squatter.close();
      rmSync(dataDir, { recursive: true, force: true });
    };

    const started = await core.dispatcher.invoke('quickbooks.connect', {});

    expect(started.ok).toBe(false);
    if (!started.ok) {
      expect(started.error.message).toContain(`port ${port}`);
      expect(started.error.message).toMatch(/Close that program/);
      expect(started.error.message).toMatch(/sign-in was not started/);
    }
    expect(ports.openExternal.opened).toEqual([]);
    expect(sandbox.requests().filter((r) => r.kind === 'oauth')).toEqual([]);
    const status = await core.dispatcher.invoke('quickbooks.status', {});
    expect(status.ok && status.value.state).toBe('not_connected');
  });
});
