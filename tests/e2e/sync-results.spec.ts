import { connectQuickBooks, expect, test } from './fixtures';

const MINUTE = 60_000;

test('each sync result has its own toast colour and words, and "View run" opens that run; a failed run never shows "Errors 0"', async ({
  page,
  sandbox,
}, testInfo) => {
  const card = await connectQuickBooks(page);
  const toast = (result: string) =>
    page.locator(`[data-testid="sync-result-toast"][data-result="${result}"]`);

  // The first sync: green, and it says how many of the customers came in inactive.
  const first = toast('success');
  await expect(first).toContainText('Customer sync finished');
  await expect(first).toHaveAttribute('style', /--notification-color: var\(--mantine-color-teal/);
  const customers = sandbox.admin.listCustomers();
  const inactive = customers.filter((c) => !c.Active).length;
  expect(inactive).toBeGreaterThan(0);
  await expect(first).toContainText(
    `${customers.length - inactive} active · ${inactive} inactive in QuickBooks`,
  );
  await first.getByRole('link', { name: 'View run' }).click();
  await expect(page).toHaveURL(/#\/settings\/integrations\/sync-log\/\d+$/);
  await expect(page.getByTestId('sync-run-result')).toHaveText('Success');
  await expect(page.getByText('First sync ·')).toBeVisible();

  // Finished with errors: yellow, stays, and opens its run.
  sandbox.admin.advanceClock(MINUTE);
  sandbox.admin.createCustomer({ DisplayName: '' });
  sandbox.admin.createCustomer({ DisplayName: 'Willow Creek Riders' });
  const moved = customers.find((c) => c.Active && c.PrimaryPhone?.FreeFormNumber)!;
  sandbox.admin.updateCustomer(moved.Id, { PrimaryPhone: { FreeFormNumber: '(555) 010-4242' } });
  sandbox.admin.advanceClock(MINUTE);
  await page.goto('/#/settings/integrations');
  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  const partial = toast('partial');
  await expect(partial).toContainText('Customer sync finished with errors');
  await expect(partial).toHaveAttribute(
    'style',
    /--notification-color: var\(--mantine-color-yellow/,
  );
  await expect(partial).toContainText('Finished with 1 error');
  await page.screenshot({ path: testInfo.outputPath('sync-finished-with-errors.png') });
  await partial.getByRole('link', { name: 'View run' }).click();
  await expect(page.getByTestId('sync-run-result')).toHaveText('Finished with errors');
  await expect(page.getByTestId('sync-run-counts')).toContainText('Errors1');
  // The run can be searched, by the server, keeping its paging.
  const items = page.getByTestId('sync-items');
  await expect(items.getByRole('row')).toHaveCount(4);
  // An update says what it changed, old → new.
  await expect(items.getByTestId('sync-item-change')).toHaveText(
    `Phone: ${moved.PrimaryPhone!.FreeFormNumber!} → (555) 010-4242`,
  );
  await page.getByLabel('Search this sync').fill('willow');
  await expect(items.getByRole('row')).toHaveCount(2);
  await expect(items).toContainText('Willow Creek Riders');
  await page.getByLabel('Search this sync').fill('no such rider');
  await expect(page.getByText('Nothing in this sync matches “no such rider”.')).toBeVisible();

  // Failed (QuickBooks refuses the connection): red, stays, and it too opens its run.
  sandbox.admin.revokeAllTokens();
  await page.goto('/#/settings/integrations');
  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  const failed = toast('reconnect');
  await expect(failed).toContainText('Reconnect QuickBooks');
  await expect(failed).toHaveAttribute('style', /--notification-color: var\(--mantine-color-red/);
  await failed.getByRole('link', { name: 'View run' }).click();
  await expect(page.getByTestId('sync-run-result')).toHaveText('Failed');
  const counts = page.getByTestId('sync-run-counts');
  await expect(counts).toContainText('ErrorsSync failed');
  await expect(counts).not.toContainText('Errors0');
  await page.screenshot({ path: testInfo.outputPath('sync-failed-run.png'), fullPage: true });
});
