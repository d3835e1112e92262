import { connectQuickBooks, expect, test } from './fixtures';

test('a sync from the browser shows its result as a toast and updates the "Last sync" line', async ({
  page,
  sandbox,
}, testInfo) => {
  const card = await connectQuickBooks(page);

  // The first sync runs on connecting and says so.
  const toasts = page.locator('.mantine-Notification-root');
  await expect(toasts.filter({ hasText: 'Customer sync finished' }).first()).toBeVisible();
  await expect(card.getByTestId('sync-schedule')).toContainText(/Daily at 2:00 AM \(.+\)/);
  await expect(card.getByTestId('next-sync')).toContainText('Next run:');
  await expect(card.getByTestId('last-sync')).toContainText('just now');

  sandbox.admin.advanceClock(60_000);
  sandbox.admin.createCustomer({ DisplayName: 'Willow Creek Riders' });
  sandbox.admin.createCustomer({ DisplayName: 'Foxglove Eventing' });
  sandbox.admin.advanceClock(60_000);

  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  const toast = toasts.filter({ hasText: '2 created.' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Customer sync finished');
  await expect(card.getByTestId('last-sync')).toContainText('2 created');
  await expect(card.getByTestId('last-sync')).toContainText('just now');
  await page.screenshot({ path: testInfo.outputPath('sync-toast.png'), fullPage: true });

  // Clicking the toast opens that run in the Sync Log.
  await toast.click();
  await expect(page).toHaveURL(/#\/settings\/integrations\/sync-log\/\d+$/);
  await expect(page.getByTestId('sync-run-result')).toHaveText('Success');
});
