import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filePaths, type ClientPage, type SyncRun } from '../../src-shared/contract';
import { sql } from 'kysely';
import { createDispatcher } from '../api/dispatcher';
import type { Handlers } from '../api/handlers';
import { insertManualClient } from '../clients/client-fixtures';
import { createTestCore } from '../clients/test-core';
import { AppError } from '../errors';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { startPrivacyUpkeep } from '../privacy/privacy-upkeep';
import { createNodePorts } from '../platform/node/node-ports';
import type { SecretStore } from '../platform/ports';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { TokenSet } from '../quickbooks/tokens/token-set';
import { startBrowserHost } from '../server/browser-host';
import { rawRequest } from '../server/http-test-client';
import { captureConsole } from './console-capture';
import { openFileLog, type FileLog } from './file-log';
import { newClientInput } from '../clients/client-fixtures';

/*
 * QA's support bundle held only "browser host starting". This walks the steps
 * support asks about through a real core and the QuickBooks sandbox, with the
 * host's console capture writing the real log file, then reads that file.
 */
let env: SandboxedCore | undefined;
let undoCapture: (() => void) | undefined;
const folders: string[] = [];
afterEach(async () => {
  undoCapture?.();
  undoCapture = undefined;
  await env?.dispose();
  env = undefined;
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileLog(): FileLog {
  const dir = mkdtempSync(join(tmpdir(), 'equineops-support-log-'));
  folders.push(dir);
  const log = openFileLog(dir);
  undoCapture = captureConsole(log, console, new EventEmitter());
  return log;
}

/** The memory store, refusing like a locked keychain while `locked` is set. */
function keychain(): { store: SecretStore; setLocked(locked: boolean): void } {
  const inner = createMemorySecretStoreForTests();
  let locked = false;
  const refuse = () => {
    if (locked)
      throw new AppError('keychain_unavailable', 'The keychain is locked.', {
        detail: 'keychain: org.freedesktop.secrets was not provided by any .service files',
      });
  };
  return {
    setLocked: (value) => (locked = value),
    store: {
      get: async (account) => (refuse(), inner.get(account)),
      set: async (account, secret) => (refuse(), inner.set(account, secret)),
      delete: async (account) => (refuse(), inner.delete(account)),
    },
  };
}

async function call<T>(e: SandboxedCore, method: string, input: unknown = {}): Promise<T> {
  const result = await e.core.dispatcher.invoke(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('the log file support gets in the diagnostics bundle', () => {
  it('tells what happened to connections, syncs, faults, tokens, backups and erasures, without secrets or client details', async () => {
    const log = fileLog();
    const { store, setLocked } = keychain();
    const authCodes: string[] = [];
    env = await createSandboxedCore({
      secrets: store,
      adjustOAuth: (real) => ({
        ...real,
        exchangeCode: (uri, code, realm) => {
          authCodes.push(code);
          return real.exchangeCode(uri, code, realm);
        },
      }),
    });

    setLocked(true);
    const refused = await env.core.dispatcher.invoke('quickbooks.connect', {});
    expect(refused.ok).toBe(false);
    setLocked(false);
    await env.connect();
    const realm = env.sandbox.realmId;
    const tokens = [TokenSet.parse(JSON.parse((await store.get(realm)) ?? 'null'))];

    env.sandbox.admin.setFaults({
      serverErrorNext: 2,
      serverErrorStatus: 503,
      retryAfterSeconds: null,
    });
    const retried = await call<SyncRun>(env, 'sync.run', { trigger: 'manual' });
    expect(retried.result).toBe('success');
    tokens.push(TokenSet.parse(JSON.parse((await store.get(realm)) ?? 'null')));

    env.sandbox.admin.revokeAllTokens();
    const failed = await call<SyncRun>(env, 'sync.run', { trigger: 'manual' });
    expect(failed.result).toBe('failed');

    await call(env, 'quickbooks.disconnect');
    const backup = await call<{ name: string; takenAt: string }>(env, 'backups.create');
    const page = await call<ClientPage>(env, 'clients.list', {});
    const erased = page.rows[0]!;
    await call(env, 'privacy.erase', { clientId: erased.id, confirmName: erased.displayName });
    await call(env, 'backups.restore', { name: backup.name });

    const text = log.readAll();
    const lines = [
      /\[warn\] \[call\] quickbooks\.connect refused: keychain_unavailable \(keychain: /,
      /\[info\] \[quickbooks\] quickbooks\.connect: Connected to QuickBooks company /,
      /\[info\] \[sync\] run 1 started \(initial\)/,
      /\[info\] \[sync\] run 1 finished \(full\): 20 created, 0 updated, .* 0 errors/,
      new RegExp(`\\[sync\\] run ${retried.id} started \\(manual\\)`),
      /\[warn\] \[quickbooks\] GET \w+ failed: HTTP 503; .*intuit_tid 1-[0-9a-f]{8}-/,
      /\[warn\] \[quickbooks\] attempt 1 failed, retrying in \d+ ms: HTTP 503/,
      new RegExp(`\\[sync\\] run ${retried.id} finished \\(\\w+\\): .* 0 errors`),
      /\[warn\] \[tokens\] QuickBooks refused the access token \(HTTP 401\); refreshing/,
      /\[error\] \[tokens\] token refresh failed for company \d+: .*invalid_grant/,
      /\[warn\] \[quickbooks\] quickbooks\.refresh_failed: QuickBooks refused to renew/,
      new RegExp(`\\[error\\] \\[sync\\] run ${failed.id} failed \\(no kind\\): .*invalid_grant`),
      /\[info\] \[quickbooks\] quickbooks\.disconnect: Disconnected QuickBooks company /,
      new RegExp(`\\[info\\] \\[backup\\] manual backup taken ${backup.takenAt.slice(0, 19)}`),
      new RegExp(`\\[info\\] \\[privacy\\] client ${erased.id} erased \\(quickbooks`),
      /\[info\] \[backup\] restored the manual backup taken .*; the replaced file is kept as the set-aside backup taken /,
    ];
    for (const line of lines) expect(text).toMatch(line);

    const secrets = tokens.flatMap((t) => [t.accessToken, t.refreshToken]);
    expect(authCodes.length).toBeGreaterThan(0);
    const emails = env.sandbox.admin
      .listCustomers()
      .flatMap((c) => (c.PrimaryEmailAddr ? [c.PrimaryEmailAddr.Address] : []));
    expect(emails.length).toBeGreaterThan(0);
    for (const secret of [...secrets, ...authCodes, ...emails, erased.displayName]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('failures outside a QuickBooks answer in the log file', () => {
  it('names the refused night sync, the call and the storage failure, not the client or what was typed', async () => {
    const log = fileLog();
    const core = await createTestCore({ dataDir: mkdtempSync(join(tmpdir(), 'eq-log-')) });
    folders.push(core.dataDir);
    try {
      const client = await core.call(
        'clients.create',
        newClientInput({ displayName: 'Renée Lefèvre', email: 'renee@example.org' }),
      );
      await core.call('quickbooks.setCustomerSync', { enabled: false });
      // The scheduler drops a refused run; only the log tells support the night sync did not happen.
      await expect(core.sync.run('schedule')).rejects.toThrow(/Customer Sync is turned off/);
      // No free pages, and no room for one more: the note cannot be written.
      await sql`vacuum`.execute(core.db);
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(core.db))
        .rows[0]!;
      await sql.raw(`pragma max_page_count = ${pages.page_count}`).execute(core.db);
      const body = 'Farrier every six weeks. '.repeat(400);
      const refused = await core.invoke('notes.add', { clientId: client.id, body });
      expect(refused.ok).toBe(false);

      const text = log.readAll();
      expect(text).toMatch(
        /\[error\] \[sync\] a schedule sync stopped: conflict: Customer Sync is turned off/,
      );
      expect(text).toMatch(/\[error\] \[call\] notes\.add refused: database_full \(/);
      for (const personal of ['Renée', 'renee@example.org', 'Farrier']) {
        expect(text).not.toContain(personal);
      }
    } finally {
      await core.dispose();
    }
  });
});

/** What a library or the file system might quote when it fails: the file's path, which names the client. */
function failureQuoting(path: string): Error {
  return Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
    code: 'EACCES',
    syscall: 'open',
  });
}

describe('failures nobody expected in the log file', () => {
  const path = '/home/dana/Documents/Renée Lefèvre – Coggins 2026.pdf';

  it("names the call, the error's class and code and where it was thrown, not what its message quotes", async () => {
    const log = fileLog();
    const handlers = {
      'clients.get': async () => {
        throw failureQuoting(path);
      },
    } as unknown as Handlers;
    const result = await createDispatcher(handlers).invoke('clients.get', { id: 7 });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    const text = log.readAll();
    expect(text).toMatch(
      /\[error\] \[call\] clients\.get failed unexpectedly: Error \(EACCES, open\) at .*support-log\.test\.ts/,
    );
    for (const personal of ['Renée', 'Lefèvre', 'Coggins', '/home/dana']) {
      expect(text).not.toContain(personal);
    }
  });

  it("names the privacy upkeep that failed and the error's code, not the removed document's path", async () => {
    const log = fileLog();
    const core = await createTestCore({ dataDir: mkdtempSync(join(tmpdir(), 'eq-log-')) });
    folders.push(core.dataDir);
    try {
      core.documents.purge = async () => {
        throw failureQuoting(path);
      };
      const upkeep = startPrivacyUpkeep(core.context, core.documents);
      upkeep.stop();
      await upkeep.run();

      const text = log.readAll();
      expect(text).toMatch(/\[error\] \[privacy\] daily upkeep failed: Error \(EACCES, open\) at /);
      for (const personal of ['Renée', 'Lefèvre', 'Coggins', '/home/dana']) {
        expect(text).not.toContain(personal);
      }
    } finally {
      await core.dispose();
    }
  });

  it("names the file route and the error's code, not the document's name or its path", async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'equineops-files-log-'));
    folders.push(workDir);
    const host = await startBrowserHost({
      dataDir: join(workDir, 'data'),
      port: 0,
      staticDir: join(workDir, 'no-renderer'),
      ports: createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() }),
    });
    try {
      const log = fileLog();
      const client = await insertManualClient(host.core.db, { displayName: 'Renée Lefèvre' });
      host.core.documents.add = async () => {
        throw failureQuoting(path);
      };
      const query = new URLSearchParams({
        clientId: String(client.id),
        name: 'Renée Lefèvre – Coggins 2026.pdf',
        type: 'application/pdf',
      });
      const res = await rawRequest(host.port, {
        method: 'POST',
        path: `${filePaths.documentUpload}?${query}`,
        headers: { cookie: host.authCookie, 'content-type': 'application/octet-stream' },
        body: Buffer.from('%PDF coggins'),
      });

      expect(res.status).toBe(500);
      expect(JSON.parse(res.body).error.message).toMatch(/Nothing was changed/);
      const text = log.readAll();
      expect(text).toMatch(
        /\[error\] \[call\] POST \/api\/files\/documents failed unexpectedly: Error \(EACCES, open\) at /,
      );
      for (const personal of ['Renée', 'Lefèvre', 'Coggins', '/home/dana']) {
        expect(text).not.toContain(personal);
      }
    } finally {
      await host.close();
    }
  });
});
