import { connectQuickBooks, expect, test } from './fixtures';

// As `npm run demo` starts the host on a server whose keytar finds no keychain.
test.use({ demoWithoutKeychain: true });

test('the demo on a computer without a keychain connects the sandbox company, syncs, and says where its tokens are', async ({
  page,
  sandbox,
  secrets,
}, testInfo) => {
  expect(secrets.kept).toBe('memory');

  await page.goto('/#/settings/integrations');
  const card = page.getByRole('region', { name: 'QuickBooks Online' });
  const demoLine =
    "Demo: this computer has no keychain, so the sandbox company's tokens are kept in memory and forgotten when the demo stops.";
  // Said before Connect, so nobody wonders where the tokens will go.
  await expect(card.getByText(demoLine)).toBeVisible();

  await connectQuickBooks(page);
  await expect(card.getByText('The system keychain is not available')).toHaveCount(0);
  await expect(card.getByText(demoLine)).toBeVisible();

  const finished = page.locator('[data-testid="sync-result-toast"][data-result="success"]');
  await expect(finished).toContainText('Customer sync finished');
  await page.screenshot({ path: testInfo.outputPath('demo-without-keychain.png'), fullPage: true });

  // The sandbox's customers are now clients.
  const name = sandbox.admin.listCustomers().find((c) => c.Active)?.DisplayName ?? '';
  expect(name).not.toBe('');
  await page.goto('/#/clients');
  await page.getByLabel('Search clients').fill(name);
  await expect(page.getByRole('main').getByText(name).first()).toBeVisible();
});
