import { expect, test } from './fixtures';

test('an admin connects QuickBooks from Settings → Integrations and stays connected after a restart', async ({
  page,
  startHost,
  sandbox,
}, testInfo) => {
  await page.goto('/#/settings/integrations');
  const card = page.getByRole('region', { name: 'QuickBooks Online' });
  await expect(card.getByText('Not connected')).toBeVisible();
  // Nothing runs nightly until QuickBooks is connected.
  await expect(card.getByTestId('sync-schedule')).toContainText(
    'Paused — connect QuickBooks to sync nightly',
  );

  const consentTab = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  const consent = await consentTab;
  await expect(consent).toHaveURL(new RegExp(`^${sandbox.url}/connect/oauth2`));
  await consent.locator('#approve').click();
  await expect(consent.getByText('You can close this window')).toBeVisible();
  await consent.close();

  await expect(card.getByText('Connected to Sunny Acres Stables')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  await expect(card.getByTestId('sync-schedule')).toContainText('Daily at 2:00 AM');
  await page.screenshot({
    path: testInfo.outputPath('integrations-connected.png'),
    fullPage: true,
  });

  const restarted = await startHost();
  await page.goto(`${restarted.url}#/settings/integrations`);
  await expect(
    page
      .getByRole('region', { name: 'QuickBooks Online' })
      .getByText('Connected to Sunny Acres Stables'),
  ).toBeVisible();
});
