import { connectQuickBooks, expect, test } from './fixtures';

test('a long sync shows its progress on the Integrations page and in the header until it ends', async ({
  page,
  sandbox,
}, testInfo) => {
  // A bigger, slower company so the first sync runs long enough to watch.
  sandbox.admin.reset({ customers: 3000, seed: 4 });
  sandbox.admin.setFaults({ latency: 1200 });
  test.setTimeout(120_000);

  const card = await connectQuickBooks(page);
  const progress = card.getByTestId('sync-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('shell-sync-indicator')).toContainText('Syncing customers');
  await page.screenshot({ path: testInfo.outputPath('sync-progress.png'), fullPage: true });

  await expect(progress).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('shell-sync-indicator')).toHaveCount(0);
  await expect(card.getByTestId('last-sync')).toContainText(/[\d,]+ created/);
});
