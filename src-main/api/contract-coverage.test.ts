import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPaths, ipcChannels, methods } from '../../src-shared/contract';
import { createCore, type Core } from '../core';
import { registerContractIpc, type IpcHandleRegistry } from '../platform/electron/ipc';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import { startBrowserHost, type BrowserHost } from '../server/browser-host';
import { postJson } from '../server/http-test-client';

/*
 * Every call the contract declares is answered by the core, served by the
 * browser host and registered by the Electron host. A new contract method
 * without a handler fails here before it reaches a user.
 */
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'equineops-contract-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const testPorts = () =>
  createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() });

describe('every contract call has a handler', () => {
  it('in the core', async () => {
    const core: Core = await createCore({
      dataDir: join(dataDir, 'core'),
      ports: testPorts(),
      host: 'browser',
    });
    try {
      const missing = methods.filter((m) => typeof core.handlers[m] !== 'function');
      expect(missing).toEqual([]);
      expect(Object.keys(core.handlers).sort()).toEqual([...methods].sort());
    } finally {
      await core.close();
    }
  });

  it('in the browser host (no method answers 404)', async () => {
    const host: BrowserHost = await startBrowserHost({
      dataDir: join(dataDir, 'browser'),
      port: 0,
      staticDir: join(dataDir, 'no-renderer'),
      ports: testPorts(),
    });
    try {
      const notServed: string[] = [];
      for (const method of methods) {
        // An empty payload is invalid for most calls: a 400 still proves the route exists.
        const res = await postJson(
          host.port,
          httpPaths.call(method),
          {},
          { cookie: host.authCookie },
        );
        expect(res.status, method).not.toBe(401);
        if (res.status === 404) notServed.push(method);
      }
      expect(notServed).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('in the Electron IPC registration, each channel exactly once', () => {
    const registered: string[] = [];
    const removed: string[] = [];
    const ipcMain: IpcHandleRegistry = {
      handle: (channel) => registered.push(channel),
      removeHandler: (channel) => removed.push(channel),
    };
    const unregister = registerContractIpc({
      ipcMain,
      dispatcher: { invoke: async () => ({ ok: true, value: null }) },
      isTrustedSender: () => true,
    });
    const expected = methods.map((m) => ipcChannels.call(m));
    expect([...registered].sort()).toEqual([...expected].sort());
    expect(new Set(registered).size).toBe(registered.length);
    unregister();
    expect([...removed].sort()).toEqual([...expected].sort());
  });
});
