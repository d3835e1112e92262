import { insertManyClients } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('50,000 clients: the list keeps fewer than 200 rows in the page and scrolls to the end', async ({
  page,
  host,
}) => {
  await insertManyClients(host.core.db, 50_000, 7);

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-count')).toHaveText(/[\d,]+ active/);
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  expect(await page.getByTestId('client-row').count()).toBeLessThan(200);

  // Jump to the end: rows there load on demand and the page still holds few rows.
  await page.getByTestId('client-row').first().focus();
  await page.keyboard.press('End');
  await page.getByTestId('clients-table').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('client-row').last()).toBeVisible();
  expect(await page.getByTestId('client-row').count()).toBeLessThan(200);
});
