import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../qbo-sandbox/index';
import type { PostgresTarget } from '../../src-main/db/database-target';
import { freshPostgresTarget } from '../../src-main/db/testing/test-database';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../src-main/platform/node/node-ports';
import type { SecretStore } from '../../src-main/platform/ports';
import { sandboxQuickBooksConfig } from '../../src-main/quickbooks/quickbooks-config';
import { startBrowserHost, type BrowserHost } from '../../src-main/server/browser-host';
import { COMPUTER_NAME_FILE_NAME } from '../../src-main/shared-database/computer-identity';
import { FakeScheduleTimer } from '../../src-main/sync/scheduler/fake-schedule-timer';
import { markSetUp } from './fixtures';

/** The schedule clocks of both computers start here, the afternoon before a 2:00 AM run. */
export const OFFICE_START = new Date('2026-06-10T12:00:00.000Z');

/**
 * One office computer: its own data folder (so its own id and name), its own
 * keychain, its own schedule clock, a browser host on the shared database and
 * a browser tab on that host.
 */
export interface Seat {
  name: string;
  timer: FakeScheduleTimer;
  secrets: SecretStore;
  /** The running host; throws once closed. */
  host(): BrowserHost;
  page: Page;
  /** EquineOps quits on this computer (a clean close). */
  close(): Promise<void>;
}

export interface Office {
  database: PostgresTarget;
  sandbox: RunningSandbox;
  frontDesk: Seat;
  barn: Seat;
}

/**
 * Two computers on one fresh PostgreSQL database and one QuickBooks sandbox
 * company: FRONT-DESK and BARN-OFFICE, each with its own browser host and tab.
 */
export const test = base.extend<{ office: Office }>({
  office: async ({ browser }, use) => {
    const database = await freshPostgresTarget();
    const sandbox = await startSandbox({ port: 0, customers: 25, seed: 3 });
    const seats: (Seat & { dispose(): Promise<void> })[] = [];
    try {
      seats.push(await openSeat(browser, 'FRONT-DESK', database, sandbox));
      seats.push(await openSeat(browser, 'BARN-OFFICE', database, sandbox));
      await use({ database, sandbox, frontDesk: seats[0]!, barn: seats[1]! });
    } finally {
      for (const seat of seats) await seat.dispose();
      await sandbox.close();
    }
  },
});

async function openSeat(
  browser: Browser,
  name: string,
  database: PostgresTarget,
  sandbox: RunningSandbox,
): Promise<Seat & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `equineops-e2e-${name}-`));
  writeFileSync(join(dataDir, COMPUTER_NAME_FILE_NAME), `${name}\n`);
  const timer = new FakeScheduleTimer(OFFICE_START);
  const secrets = createMemorySecretStoreForTests();
  let host: BrowserHost | null = await startBrowserHost({
    dataDir,
    port: 0,
    staticDir: resolve('out/renderer'),
    ports: createNodePorts({ secrets, clock: timer, launchBrowser: false }),
    quickbooks: sandboxQuickBooksConfig(sandbox),
    database,
    scheduler: { timer },
  });
  await markSetUp(host);
  const scheduler = host.core.scheduler;
  if (scheduler) timer.settle = () => scheduler.settled();
  const context = await browser.newContext({ baseURL: host.origin });
  const page = await context.newPage();
  // The address the host printed carries this launch's key and leaves it in a cookie.
  const visit = await context.request.get(host.url, { maxRedirects: 0 });
  expect(visit.status()).toBe(303);
  const close = async () => {
    const open = host;
    host = null;
    await open?.close();
  };
  return {
    name,
    timer,
    secrets,
    page,
    host: () => {
      if (!host) throw new Error(`${name} is closed`);
      return host;
    },
    close,
    dispose: async () => {
      await context.close();
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { expect };
