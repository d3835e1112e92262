import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('the Clients list counts active and inactive clients, and never says "No clients yet" while inactive ones exist', async ({
  page,
  host,
}) => {
  for (const name of ['Inactive Ivy', 'Inactive Ian'])
    await insertQuickBooksClient(host.core.db, { displayName: name, active: false });
  await page.goto('/#/clients');
  await expect(page.getByTestId('clients-only-inactive')).toContainText(
    'All 2 clients here are inactive.',
  );
  await expect(page.getByTestId('client-count')).toHaveText('0 active · 2 inactive');
  await page.getByRole('button', { name: 'Show inactive clients' }).click();
  await expect(page.getByTestId('client-row')).toHaveCount(2);

  for (const name of ['Active Ada', 'Active Abe', 'Active Al'])
    await insertQuickBooksClient(host.core.db, { displayName: name });
  // Written straight to the file, as a sync would: a new load reads them.
  await page.reload();
  const count = page.getByTestId('client-count');
  await expect(count).toHaveText('3 active · 2 inactive');
  await expect(page.getByTestId('client-row')).toHaveCount(3);
  // The other status is a link to it.
  await count.getByRole('button', { name: '2 inactive' }).click();
  await expect(page.getByTestId('client-row')).toHaveCount(2);
  await expect(page.getByTestId('client-row').first()).toContainText('Inactive');
});

test('an empty list shows "No clients yet" without a "0 active · 0 inactive" line above it', async ({
  page,
}) => {
  await page.goto('/#/clients');
  await expect(page.getByText('No clients yet')).toBeVisible();
  await expect(page.getByTestId('client-count')).not.toContainText('0 active');
  await expect(page.getByTestId('client-count-other')).toHaveCount(0);
});
