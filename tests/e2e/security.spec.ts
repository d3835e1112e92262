/// <reference lib="dom" />
import { resolve } from 'node:path';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../src-main/platform/node/node-ports';
import { sandboxQuickBooksConfig } from '../../src-main/quickbooks/quickbooks-config';
import { startBrowserHost } from '../../src-main/server/browser-host';
import { expect, markSetUp, test } from './fixtures';

test('a tab opened without the printed address is told which address to open; the printed one opens the app and drops the key from the address bar', async ({
  browser,
  host,
}) => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`${host.origin}/#/clients`);
    await expect(
      tab.getByRole('heading', { name: 'Open EquineOps from the address it printed' }),
    ).toBeVisible();

    await tab.goto(`${host.url}#/clients`);
    await expect(tab.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
    expect(tab.url()).toBe(`${host.origin}/#/clients`);
    // The key lives in an HttpOnly cookie: the page's scripts cannot read it.
    expect(await tab.evaluate(() => document.cookie)).toBe('');
  } finally {
    await context.close();
  }
});

test('the QuickBooks sign-in opens in a tab with no handle back to the app', async ({ page }) => {
  await page.goto('/#/settings/integrations');
  const card = page.getByRole('region', { name: 'QuickBooks Online' });
  const consentTab = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  const consent = await consentTab;
  expect(await consent.evaluate(() => window.opener === null)).toBe(true);
  await consent.locator('#approve').click();
  await expect(consent.getByText('EquineOps is connected to QuickBooks')).toBeVisible();
});

test('with a wrong client secret, the sign-in tab says QuickBooks was not connected and what to check', async ({
  page,
  sandbox,
  dataDir,
}) => {
  const misconfigured = await startBrowserHost({
    dataDir: `${dataDir}-wrong-secret`,
    port: 0,
    staticDir: resolve('out/renderer'),
    ports: createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
    quickbooks: { ...sandboxQuickBooksConfig(sandbox), clientSecret: 'not-the-right-secret' },
  });
  await markSetUp(misconfigured);
  try {
    await page.goto(`${misconfigured.url}#/settings/integrations`);
    const card = page.getByRole('region', { name: 'QuickBooks Online' });
    const consentTab = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    const consent = await consentTab;
    await consent.locator('#approve').click();

    await expect(
      consent.getByRole('heading', { name: 'QuickBooks was not connected' }),
    ).toBeVisible();
    await expect(consent.getByText(/client secret is wrong/)).toBeVisible();
    await expect(consent.getByText('EquineOps is connected to QuickBooks')).toHaveCount(0);
    await expect(card.getByText(/client secret is wrong/)).toBeVisible();
    await expect(card.getByRole('button', { name: 'Connect to QuickBooks' })).toBeVisible();
  } finally {
    await misconfigured.close();
  }
});
