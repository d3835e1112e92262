import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Changes the hash only, so the toast shown after the merge stays on screen. */
async function openWithoutReload(page: Page, clientId: number): Promise<void> {
  await page.evaluate(`window.location.hash = '#/clients/${clientId}'`);
}

test('staff find a duplicate pair, merge keeping the QuickBooks client, then undo', async ({
  page,
  host,
}, testInfo) => {
  const quickbooks = await insertQuickBooksClient(host.core.db, {
    qbId: '61',
    displayName: 'Smith, John',
    email: 'john@smithfarm.example, office@smithfarm.example',
  });
  const manual = await insertManualClient(host.core.db, {
    displayName: 'John Smith',
    email: 'John@SmithFarm.example',
  });
  const invoke = async (method: string, input: unknown) => {
    const result = await host.core.dispatcher.invoke(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as { id: number };
  };
  for (const name of ['Biscuit', 'Pepper']) {
    const horse = await invoke('horses.create', { name });
    await invoke('horses.link', { clientId: manual.id, horseId: horse.id, role: 'Owner' });
  }
  await invoke('notes.add', { clientId: manual.id, body: 'Prefers morning lessons' });

  await page.goto('/#/clients');
  await page.getByRole('link', { name: 'Possible duplicates (1)' }).click();
  const pair = page.getByTestId('duplicate-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair.getByText('Same email')).toBeVisible();
  await expect(pair.getByText('Same name')).toBeVisible();
  await expect(pair.getByText('From QuickBooks')).toBeVisible();
  await expect(pair.getByText('Custom Client')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('duplicates-page.png'), fullPage: true });

  await pair.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicate clients' });
  await expect(dialog.getByLabel('Keep this QuickBooks client (recommended)')).toBeChecked();
  await expect(dialog.getByTestId('merge-steps')).toContainText('Move 2 horses to Smith, John.');
  await expect(dialog.getByTestId('merge-steps')).toContainText(
    'Copy 1 staff note, marked "Copied from John Smith".',
  );
  await page.screenshot({ path: testInfo.outputPath('merge-dialog.png') });
  await dialog.getByRole('button', { name: 'Merge clients' }).click();

  const toast = page.getByTestId('merge-toast');
  await expect(toast).toContainText('John Smith was merged into Smith, John');
  await expect(toast.getByRole('button', { name: 'Undo merge' })).toBeVisible();
  await expect(page.getByTestId('no-duplicates')).toBeVisible();
  await expect(page.getByTestId('merge-history-row')).toContainText(
    'John Smith merged into Smith, John',
  );

  // The kept QuickBooks client now has the horses and the note, marked as copied.
  await openWithoutReload(page, quickbooks.id);
  await expect(page.getByTestId('client-name')).toHaveText('Smith, John');
  await expect(page.getByTestId('horse-link')).toHaveCount(2);
  await expect(page.getByTestId('horses-section')).toContainText('Biscuit');
  const note = page.getByTestId('staff-note');
  await expect(note).toContainText('Prefers morning lessons');
  await expect(note).toContainText('Copied from John Smith');
  await page.screenshot({ path: testInfo.outputPath('kept-client.png'), fullPage: true });

  // The manual client is archived, points at the kept one, and offers the undo.
  await openWithoutReload(page, manual.id);
  const banner = page.getByTestId('merged-banner');
  await expect(banner).toContainText('Archived by a merge');
  // A plain Restore would leave its horses behind: only "Undo merge" is offered.
  await expect(page.getByTestId('archived-banner')).toHaveCount(0);
  await expect(banner).toContainText('Merged into Smith, John');
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row').filter({ hasText: 'John Smith' })).toHaveCount(0);
  await expect(page.getByTestId('possible-duplicates')).toHaveCount(0);

  await page.goto(`/#/clients/${manual.id}`);
  await banner.getByRole('button', { name: 'Undo merge' }).click();
  await expect(page.getByText('Merge undone: John Smith is restored.')).toBeVisible();
  await expect(page.getByTestId('archived-banner')).toHaveCount(0);
  await expect(page.getByTestId('horse-link')).toHaveCount(2);

  await page.goto(`/#/clients/${quickbooks.id}`);
  await expect(page.getByTestId('client-name')).toHaveText('Smith, John');
  await expect(page.getByTestId('horse-link')).toHaveCount(0);
  await expect(page.getByTestId('staff-note')).toHaveCount(0);

  // Merged again, then undone straight from the toast.
  await page.goto('/#/clients');
  await page.getByRole('link', { name: 'Possible duplicates (1)' }).click();
  await page.getByTestId('duplicate-pair').getByRole('button', { name: 'Merge…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Merge clients' }).click();
  await expect(page.getByTestId('no-duplicates')).toBeVisible();
  await page.getByTestId('merge-toast').getByRole('button', { name: 'Undo merge' }).click();
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);
  await expect(page.getByTestId('merge-history-row').first()).toContainText('Undone');
});
