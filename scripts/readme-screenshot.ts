// Retakes docs/clients-page.png, the README's picture of the Clients page:
// a browser host connected to a sandbox company of 5,000 customers, plus a few
// custom clients. Run after `npm run build`: `npx tsx scripts/readme-screenshot.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { startSandbox } from '../qbo-sandbox/index';
import { createMemorySecretStoreForTests } from '../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../src-main/platform/node/node-ports';
import { sandboxQuickBooksConfig } from '../src-main/quickbooks/quickbooks-config';
import { startBrowserHost } from '../src-main/server/browser-host';

const dataDir = mkdtempSync(join(tmpdir(), 'equineops-screenshot-'));
const sandbox = await startSandbox({ port: 0, customers: 5000, seed: 1, autoApprove: true });
const host = await startBrowserHost({
  dataDir,
  port: 0,
  staticDir: resolve('out/renderer'),
  ports: createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
  quickbooks: sandboxQuickBooksConfig(sandbox),
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const call = (method: string, input: unknown) => host.core.dispatcher.invoke(method, input);
  const setup = await call('settings.setup.complete', {
    organizationName: 'Willow Creek Stables',
    staffName: 'Dana Whitfield',
    timeZone: 'America/New_York',
  });
  if (!setup.ok) throw new Error(setup.error.message);
  for (const [displayName, email, phone] of [
    ['Abigail Turner', 'abby.turner@mail.example', '(555) 010-4471'],
    ['Aiden Brooks (lesson rider)', 'aiden.brooks@mail.example', '555-010-9920'],
  ]) {
    await call('clients.create', { displayName, email, phone });
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${host.url}#/settings/integrations`);
  await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  await page.getByText('Connected to Sunny Acres Stables').waitFor();
  await page
    .getByTestId('last-sync')
    .getByText(/created/)
    .waitFor({ timeout: 120_000 });
  await page.goto(`${host.url}#/clients`);
  await page.getByTestId('client-row').first().waitFor();
  // "4,767 active · 233 inactive": the count line has both numbers.
  await page.getByTestId('client-count-other').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/clients-page.png' });
  console.log('Wrote docs/clients-page.png');
} finally {
  await browser.close();
  await host.close();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}
