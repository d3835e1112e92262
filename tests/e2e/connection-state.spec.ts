import { connectQuickBooks, expect, test } from './fixtures';

test('the red "Reconnect QuickBooks" toast closes once reconnected, whose sync is not a "First sync"; after Disconnect the list says so and the schedule is paused', async ({
  page,
  sandbox,
}, testInfo) => {
  const card = await connectQuickBooks(page);
  await expect(card.getByTestId('sync-schedule')).toContainText('Daily at 2:00 AM');

  // QuickBooks stops accepting the connection.
  sandbox.admin.revokeAllTokens();
  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  const reconnectToast = page
    .locator('.mantine-Notification-root')
    .filter({ hasText: 'Reconnect QuickBooks' });
  await expect(reconnectToast).toBeVisible();
  await expect(card.getByTestId('sync-schedule')).toContainText(
    'Paused — reconnect QuickBooks to resume nightly syncs',
  );
  await expect(card.getByTestId('next-sync')).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await expect(page.getByTestId('quickbooks-disconnected')).toContainText(
    'QuickBooks needs to be reconnected',
  );

  // Reconnecting closes the toast, and its sync is labelled as a reconnect.
  await page.goto('/#/settings/integrations');
  const consentTab = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Reconnect QuickBooks' }).click();
  const consent = await consentTab;
  await consent.locator('#approve').click();
  await expect(consent.getByText('You can close this window')).toBeVisible();
  await consent.close();
  await expect(card.getByText('Connected to Sunny Acres Stables')).toBeVisible();
  await expect(reconnectToast).toHaveCount(0);
  await expect(card.getByTestId('sync-schedule')).toContainText('Daily at 2:00 AM');
  await page.goto('/#/settings/integrations/sync-log');
  const runs = page.getByTestId('sync-runs').getByRole('row');
  await expect(runs.nth(1)).toContainText('After reconnecting');
  await expect(runs.nth(1)).toContainText('Success');
  await expect(runs.last()).toContainText('First sync');

  // Disconnect: the list says QuickBooks is disconnected, with the way back.
  await page.goto('/#/settings/integrations');
  await card.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disconnect QuickBooks?' });
  // A reflexive Enter does not disconnect: the dialog opens on Cancel.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(card.getByText('Connected to Sunny Acres Stables')).toBeVisible();
  await card.getByRole('button', { name: 'Disconnect' }).click();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(card.getByText('Not connected')).toBeVisible();
  await expect(card.getByTestId('sync-schedule')).toContainText(
    'Paused — connect QuickBooks to sync nightly',
  );
  await expect(card.getByTestId('next-sync')).toHaveCount(0);
  await page.goto('/#/clients');
  const notice = page.getByTestId('quickbooks-disconnected');
  await expect(notice).toContainText('QuickBooks is disconnected');
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('clients-disconnected.png') });
  await notice.getByRole('link', { name: 'Connect to QuickBooks' }).click();
  await expect(page).toHaveURL(/#\/settings\/integrations$/);
  await expect(card.getByRole('button', { name: 'Connect to QuickBooks' })).toBeVisible();
});
