import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('↓ from the search box moves into the results, ↑ goes back, and Enter opens the client with focus on its name', async ({
  page,
  host,
}) => {
  for (const name of ['Abbott Riding', 'Abbey Meadows', 'Abernathy Stables', 'Zephyr Farm'])
    await insertManualClient(host.core.db, { displayName: name });
  await page.goto('/#/clients');
  const search = page.getByLabel('Search clients');
  await search.fill('abb');
  const rows = page.getByTestId('client-row');
  await expect(rows).toHaveCount(2);

  await search.press('ArrowDown');
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0)).toContainText('Abbey Meadows');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toBeFocused();
  // ↑ on the first row goes back to the search box, its text kept.
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('abb');

  await search.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const name = page.getByTestId('client-name');
  await expect(name).toHaveText('Abbott Riding');
  await expect(name).toBeFocused();
});
