import { testDatabaseTarget } from '../db/testing/test-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../qbo-sandbox/index';
import { createCore, type Core } from '../core';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts, type NodePorts } from '../platform/node/node-ports';
import type { OpenExternal, SecretStore } from '../platform/ports';
import type { SyncRun } from '../../src-shared/contract';
import { createIntuitOAuth, type OAuthExchanges } from './oauth/intuit-oauth-client';
import { sandboxQuickBooksConfig, type QuickBooksConfig } from './quickbooks-config';

/**
 * For tests: a core whose QuickBooks is the local sandbox, and a "system browser"
 * that approves Intuit's consent page and follows the redirect back to the app.
 */
export interface SandboxedCore {
  core: Core;
  sandbox: RunningSandbox;
  ports: NodePorts;
  config: QuickBooksConfig;
  dataDir: string;
  /** Connects through the real loopback flow, then waits for the initial sync it starts. */
  connect(): Promise<void>;
  /** The same, answering the initial sync's run once it has finished. */
  connectAndSync(): Promise<SyncRun>;
  restart(): Promise<Core>;
  dispose(): Promise<void>;
}

export async function createSandboxedCore(
  options: {
    sandbox?: SandboxOptions;
    secrets?: SecretStore;
    /** Alters what Intuit's answers say (e.g. a refresh token near its hard end). */
    adjustOAuth?: (real: OAuthExchanges) => OAuthExchanges;
  } = {},
): Promise<SandboxedCore> {
  const sandbox = await startSandbox({
    port: 0,
    customers: 20,
    seed: 1,
    autoApprove: true,
    ...options.sandbox,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-qb-'));
  const secrets = options.secrets ?? createMemorySecretStoreForTests();
  const config: QuickBooksConfig = sandboxQuickBooksConfig(sandbox);
  const ports = createNodePorts({ secrets, launchBrowser: false });
  const approvingBrowser: OpenExternal = {
    open: async (url) => {
      await ports.openExternal.open(url);
      // fetch follows the sandbox's redirect to the app's loopback callback.
      void fetch(url).catch(() => undefined);
    },
  };
  const database = await testDatabaseTarget(dataDir);
  const start = () =>
    createCore({
      dataDir,
      database,
      host: 'browser',
      quickbooks: config,
      oauth: options.adjustOAuth?.(createIntuitOAuth(config)),
      ports: { ...ports, openExternal: approvingBrowser },
    });
  const result: SandboxedCore = {
    core: await start(),
    sandbox,
    ports,
    config,
    dataDir,
    async connect() {
      const connected = new Promise<void>((resolve, reject) => {
        const stop = result.core.events.subscribe((event, payload) => {
          if (event !== 'quickbooks.changed') return;
          const status = payload as { state: string; detail: string | null };
          if (status.state === 'connected') {
            stop();
            resolve();
          } else if (status.state === 'not_connected' && status.detail) {
            stop();
            reject(new Error(status.detail));
          }
        });
      });
      const started = await result.core.dispatcher.invoke('quickbooks.connect', {});
      if (!started.ok) throw new Error(started.error.message);
      await connected;
      // Connecting starts the initial sync; let it finish so tests start from a quiet app.
      if (result.core.sync.isRunning()) await result.core.sync.run('initial');
    },
    async connectAndSync() {
      const finished = new Promise<SyncRun>((resolve) => {
        const stop = result.core.events.subscribe((event, payload) => {
          if (event !== 'sync.finished') return;
          stop();
          resolve(payload as SyncRun);
        });
      });
      await result.connect();
      return finished;
    },
    async restart() {
      await result.core.close();
      result.core = await start();
      return result.core;
    },
    async dispose() {
      await result.core.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return result;
}
