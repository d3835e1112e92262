import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('the sidebar reaches every page: Clients, Import, Duplicates with its count, Sync Log and Settings with General, Integrations, Data and About', async ({
  page,
  host,
}) => {
  await page.goto('/#/clients');
  const nav = page.getByRole('navigation', { name: 'Main' });

  await nav.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/#\/clients\/import$/);
  await expect(page.getByRole('heading', { name: 'Import clients' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Import', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await nav.getByRole('link', { name: /^Sync Log/ }).click();
  await expect(page.getByRole('heading', { name: 'Sync Log' })).toBeVisible();

  // "Settings" opens the Settings page; it no longer only folds the menu.
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  // The page is named after the menu entry it is, like Data and About.
  await expect(page.getByRole('heading', { name: 'General', level: 2 })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'General' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible();
  await nav.getByRole('link', { name: 'Data' }).click();
  await expect(page.getByRole('heading', { name: 'Data', level: 2 })).toBeVisible();
  await nav.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About', level: 2 })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
  // Settings stays open beneath itself: its sub-pages are still listed.
  await expect(nav.getByRole('link', { name: 'General' })).toBeVisible();

  // Duplicates is there even at zero, with its count.
  const duplicates = nav.getByRole('link', { name: /^Duplicates/ });
  await expect(duplicates.getByTestId('nav-duplicates-count')).toHaveText('0');
  await duplicates.click();
  await expect(page.getByTestId('no-duplicates')).toBeVisible();

  // A pair raises the count; after merging it the count is 0 again and Merge history is one click away.
  const quickbooks = await insertQuickBooksClient(host.core.db, {
    qbId: '61',
    displayName: 'Smith, John',
    email: 'john@smithfarm.example',
  });
  const manual = await insertManualClient(host.core.db, {
    displayName: 'John Smith',
    email: 'john@smithfarm.example',
  });
  await page.reload();
  await expect(duplicates.getByTestId('nav-duplicates-count')).toHaveText('1');
  const merged = await host.core.dispatcher.invoke('duplicates.merge', {
    keepClientId: quickbooks.id,
    archiveClientId: manual.id,
  });
  expect(merged.ok).toBe(true);
  await page.reload();
  await expect(duplicates.getByTestId('nav-duplicates-count')).toHaveText('0');
  await duplicates.click();
  await expect(page.getByTestId('merge-history-row')).toContainText(
    'John Smith merged into Smith, John',
  );
  await expect(duplicates).toHaveAttribute('aria-current', 'page');
});
