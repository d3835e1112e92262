import { readFileSync } from 'node:fs';
import { connectQuickBooks, expect, test } from './fixtures';

const MINUTE = 60_000;

test('Sync Now brings new QuickBooks customers in, and the Sync Log explains what happened', async ({
  page,
  sandbox,
}, testInfo) => {
  const card = await connectQuickBooks(page);
  // Connecting starts the initial sync; its result appears as the last sync.
  await expect(card.getByTestId('last-sync')).toContainText(/\d+ created/);

  sandbox.admin.advanceClock(MINUTE);
  sandbox.admin.createCustomer({
    DisplayName: 'Juniper Hollow Farm',
    PrimaryEmailAddr: { Address: 'office@juniper.example' },
  });
  const nameless = sandbox.admin.createCustomer({ DisplayName: '' });
  sandbox.admin.advanceClock(MINUTE);

  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  await expect(card.getByTestId('last-sync')).toContainText('1 created, 1 error');

  await card.getByRole('button', { name: 'View Sync Log' }).click();
  const runs = page.getByTestId('sync-runs');
  await expect(runs.getByRole('row')).toHaveCount(3); // header, the manual run, the initial run
  await expect(runs.getByRole('row').nth(1)).toContainText('Finished with errors');
  await page.screenshot({ path: testInfo.outputPath('sync-log.png'), fullPage: true });

  await runs.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByTestId('sync-items')).toContainText('Juniper Hollow Farm');
  await page.getByRole('switch', { name: 'Errors only' }).click({ force: true });
  await expect(page.getByTestId('sync-items')).toContainText(
    `QuickBooks customer ${nameless.Id} has no name`,
  );
  await expect(page.getByTestId('sync-items')).not.toContainText('Juniper Hollow Farm');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path()) as string, 'utf8');
  expect(csv).toContain('has no name');

  await page.goto('/#/clients');
  await page.getByLabel('Search clients').fill('juniper');
  const row = page.getByTestId('client-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('badge-quickbooks')).toBeVisible();
});
