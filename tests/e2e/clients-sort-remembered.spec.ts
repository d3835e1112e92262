import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('the Clients list opens sorted the way staff last sorted it', async ({ page, host }) => {
  await insertManualClient(host.core.db, { displayName: 'Alder Farm', email: 'zed@alder.example' });
  await insertManualClient(host.core.db, { displayName: 'Birch Barn', email: 'amy@birch.example' });
  await page.goto('/#/clients');
  const rows = page.getByTestId('client-row');
  await expect(rows.first()).toContainText('Alder Farm');

  await page.getByRole('button', { name: 'Sort by email' }).click();
  await expect(rows.first()).toContainText('Birch Barn');

  // A new launch of the page: the sort comes back.
  await page.reload();
  await expect(page.getByRole('columnheader', { name: /email/i })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(rows.first()).toContainText('Birch Barn');
});
