import { connectQuickBooks, expect, test } from './fixtures';

test('while a 50,000-customer first sync runs, the Clients list scrolls and searches', async ({
  page,
  sandbox,
}) => {
  test.setTimeout(180_000);
  // A barn the size of a big QuickBooks company, answering at a real company's pace.
  sandbox.admin.reset({ customers: 50_000, seed: 9 });
  sandbox.admin.setFaults({ latency: 400 });

  await connectQuickBooks(page);
  await expect(page.getByTestId('shell-sync-indicator')).toContainText('Syncing customers', {
    timeout: 30_000,
  });

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  // Scroll to the end of what has arrived so far; rows load on demand.
  await page.getByTestId('clients-table').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('client-row').last()).toBeVisible();

  // Search for someone already brought in; the list answers while the sync goes on.
  const firstName = (await page.getByTestId('client-row').first().innerText()).split('\n')[0]!;
  const search = page.getByRole('searchbox');
  await search.fill(firstName);
  await expect(page.getByTestId('client-row').first()).toContainText(firstName);
  await expect(page.getByTestId('shell-sync-indicator')).toContainText('Syncing customers');

  // And the sync still ends with everyone in.
  await expect(page.getByTestId('shell-sync-indicator')).toHaveCount(0, { timeout: 120_000 });
  await search.fill('');
  const active = sandbox.admin.listCustomers().filter((c) => c.Active && c.DisplayName).length;
  await expect(page.getByTestId('client-count')).toContainText(
    `${active.toLocaleString('en-US')} active`,
  );
});
