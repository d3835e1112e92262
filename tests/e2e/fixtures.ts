import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../qbo-sandbox/index';
import { createKeytarSecretStore } from '../../src-main/platform/keychain/keytar-secret-store';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../src-main/platform/node/node-ports';
import type { SecretStore } from '../../src-main/platform/ports';
import { sandboxQuickBooksConfig } from '../../src-main/quickbooks/quickbooks-config';
import { startBrowserHost, type BrowserHost } from '../../src-main/server/browser-host';
import { chooseDemoSecretStore } from '../../src-main/server/demo-token-place';
import {
  isSetUp,
  saveStaffName,
  storedStaffName,
  writeSettings,
} from '../../src-main/settings/settings-repository';
import { storageKind } from '../../src-main/db/dialect';

interface Options {
  /** False shows the first-run setup; true (the default) starts as an organization already set up. */
  setUp: boolean;
  /** True: tokens kept as `npm run demo` keeps them on a computer whose keytar finds no keychain. */
  demoWithoutKeychain: boolean;
}

/** The organization name a set-up test starts with (the staff name stays the computer's). */
export const TEST_ORGANIZATION = 'Sunny Acres Barn';

interface Fixtures {
  dataDir: string;
  /** The OS keychain (a service name of this test's own) where one is reachable, as in CI. */
  secrets: SecretStore;
  /** The QuickBooks sandbox company this test's app is configured for. */
  sandbox: RunningSandbox;
  /** Starts (or restarts) the browser host on the same data folder and keychain. */
  startHost: () => Promise<BrowserHost>;
  host: BrowserHost;
}

let keychainReachable: Promise<boolean> | undefined;

/**
 * Every test gets its own data folder and its own browser host on a free port,
 * serving the renderer built by `npm run build`, so tests never share a database.
 * Its QuickBooks is a sandbox company of the test's own.
 */
export const test = base.extend<Fixtures & Options>({
  setUp: [true, { option: true }],
  demoWithoutKeychain: [false, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'equineops-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  secrets: async ({ demoWithoutKeychain, sandbox }, use, testInfo) => {
    if (demoWithoutKeychain) {
      const noKeychain = createKeytarSecretStore({
        loadKeytar: () => Promise.reject(new Error('no D-Bus session bus')),
      });
      await use(await chooseDemoSecretStore(noKeychain, sandboxQuickBooksConfig(sandbox)));
      return;
    }
    const keychain = createKeytarSecretStore({
      service: `EquineOps QuickBooks e2e ${process.pid} ${testInfo.testId}`,
      timeoutMs: 10_000,
    });
    keychainReachable ??= keychain.get('probe').then(
      () => true,
      () => false,
    );
    await use((await keychainReachable) ? keychain : createMemorySecretStoreForTests());
  },
  // eslint-disable-next-line no-empty-pattern
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0, customers: 25, seed: 3 });
    await use(sandbox);
    await sandbox.close();
  },
  startHost: async ({ dataDir, secrets, sandbox, setUp }, use) => {
    let current: BrowserHost | undefined;
    await use(async () => {
      await current?.close();
      current = await startBrowserHost({
        dataDir,
        port: 0,
        staticDir: resolve('out/renderer'),
        ports: createNodePorts({ secrets, launchBrowser: false }),
        quickbooks: sandboxQuickBooksConfig(sandbox),
      });
      if (setUp) await markSetUp(current);
      return current;
    });
    await current?.close();
  },
  host: async ({ startHost }, use) => {
    await use(await startHost());
  },
  baseURL: async ({ host }, use) => {
    await use(host.origin);
  },
  // The browser visits the address the host printed, which carries this launch's key and
  // leaves it in a cookie; the test's first page.goto is then the app's first load.
  page: async ({ page, host }, use) => {
    const visit = await page.context().request.get(host.url, { maxRedirects: 0 });
    expect(visit.status()).toBe(303);
    await use(page);
  },
});

export { expect };

/**
 * Stores the organization name, so the app opens on its pages instead of the
 * first-run setup: for every test but the setup's own, and for a host a test
 * starts by itself.
 */
export async function markSetUp(host: BrowserHost): Promise<void> {
  // A data file that could not be opened shows the recovery screen: nothing to set up there.
  const status = await host.core.dispatcher.invoke('app.status', {});
  if (!status.ok || status.value.state !== 'ready') return;
  if (!(await isSetUp(host.core.db)))
    await writeSettings(host.core.db, { organizationName: TEST_ORGANIZATION });
  // A shared database asks each computer its own name: give this one a name too.
  if (
    storageKind(host.core.db) === 'postgres' &&
    !(await storedStaffName(host.core.db, host.core.context.computer.id))
  )
    await saveStaffName(host.core.db, host.core.context.computer.id, 'E2E Staff');
}

/**
 * Settings → Integrations → Connect to QuickBooks, approved on the sandbox's
 * consent page in the tab it opens; returns the QuickBooks card once connected.
 */
export async function connectQuickBooks(page: Page) {
  await page.goto('/#/settings/integrations');
  const card = page.getByRole('region', { name: 'QuickBooks Online' });
  const consentTab = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  const consent = await consentTab;
  await consent.locator('#approve').click();
  await expect(consent.getByText('You can close this window')).toBeVisible();
  await consent.close();
  await expect(card.getByText('Connected to Sunny Acres Stables')).toBeVisible();
  return card;
}
