import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('staff create, edit, find, link a horse, note, archive and restore a manual client', async ({
  page,
}, testInfo) => {
  await page.goto('/#/clients');
  await expect(page.getByTestId('clients-empty')).toContainText(/Integrations/);

  await page.getByRole('button', { name: 'New client' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Display name').fill('Maria Lopez');
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(dialog.getByText(/valid email/i)).toBeVisible();
  await dialog.getByLabel('Email').fill('maria@willowcreek.example');
  await dialog.getByLabel('Phone', { exact: true }).fill('(555) 010-2233');
  await dialog.getByRole('button', { name: 'Create client' }).click();

  await expect(page.getByTestId('client-name')).toHaveText('Maria Lopez');
  await expect(page.getByTestId('client-header').getByText('Custom Client')).toBeVisible();
  await expect(page.getByTestId('not-synced')).toHaveText('Not synced to QuickBooks');

  await page.getByLabel('Display name').fill('Maria Lopez-Grant');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('client-name')).toHaveText('Maria Lopez-Grant');

  await page.getByRole('button', { name: 'Link horse' }).click();
  const linkDialog = page.getByRole('dialog', { name: 'Link horse' });
  await linkDialog.getByRole('combobox', { name: 'Horse', exact: true }).fill('Biscuit');
  await page.getByRole('option', { name: '+ Create new horse' }).click();
  // The name typed in the search, not found, is the new horse's name.
  await expect(linkDialog.getByLabel('Horse name')).toHaveValue('Biscuit');
  await linkDialog.getByRole('button', { name: 'Create and link' }).click();
  await expect(page.getByTestId('horse-link')).toContainText('Biscuit');

  await page.getByLabel('New staff note').fill('Prefers morning lessons');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('staff-note')).toContainText('Prefers morning lessons');
  await expect(page.getByTestId('activity-entry').first()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('manual-client-profile.png'), fullPage: true });

  await page.goto('/#/clients');
  await page.getByLabel('Search clients').fill('5550102233');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Maria Lopez-Grant');
  await page.getByLabel('Search clients').fill('lopez-gr');
  await expect(page.getByTestId('client-row')).toHaveCount(1);

  await page.getByTestId('client-row').click();
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive client' }).click();
  await expect(page.getByTestId('archived-banner')).toBeVisible();

  await page.goto('/#/clients');
  await page.getByLabel('Search clients').fill('');
  await expect(page.getByTestId('client-row')).toHaveCount(0);
  await page.getByTestId('status-filter-archived').click();
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('client-row').click();
  await page.getByRole('button', { name: 'Restore', exact: true }).first().click();
  await expect(page.getByTestId('archived-banner')).toHaveCount(0);

  await page.goto('/#/clients');
  await page.getByTestId('status-filter-active').click();
  await expect(page.getByTestId('client-row')).toContainText('Maria Lopez-Grant');
  // Horses and notes survived the archive and restore.
  await page.getByTestId('client-row').click();
  await expect(page.getByTestId('horse-link')).toContainText('Biscuit');
  await expect(page.getByTestId('staff-note')).toContainText('Prefers morning lessons');
});

test('a QuickBooks client shows its badge and refuses contact edits', async ({
  page,
  host,
}, testInfo) => {
  const client = await insertQuickBooksClient(host.core.db, {
    qbId: '58',
    displayName: 'Sunny Acres Riding Club',
    email: 'office@sunnyacres.example',
  });

  await page.goto('/#/clients');
  const row = page.getByTestId('client-row').filter({ hasText: 'Sunny Acres Riding Club' });
  await expect(row.getByTestId('badge-quickbooks')).toHaveText('From QuickBooks');
  await expect(row.getByLabel('Read-only: edit in QuickBooks')).toBeVisible();
  await expect(row).toContainText(/Synced/);
  await page.screenshot({ path: testInfo.outputPath('clients-page.png') });

  await row.click();
  await expect(page.getByTestId('from-quickbooks-label')).toContainText('From QuickBooks');
  await expect(page.getByTestId('quickbooks-id')).toContainText('58');
  await expect(page.getByTestId('last-sync')).toBeVisible();
  await expect(page.getByRole('button', { name: 'View in QuickBooks' })).toBeVisible();
  await expect(page.getByTestId('read-only-alert')).toContainText('QuickBooks');
  // A compact card, not a form: the email is a mailto link, and there is nothing to type in.
  const card = page.getByTestId('contact-card');
  await expect(card.getByRole('link', { name: 'office@sunnyacres.example' })).toHaveAttribute(
    'href',
    'mailto:office@sunnyacres.example',
  );
  await expect(page.getByTestId('contact-section').getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);

  // The core refuses the edit too, not only the screen without inputs.
  const refused = await page.evaluate(async (id) => {
    const response = await fetch('/api/call/clients.update', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, fields: { email: 'changed@example.com' } }),
    });
    return (await response.json()) as { ok: boolean; error: { message: string } };
  }, client.id);
  expect(refused.ok).toBe(false);
  expect(refused.error.message).toMatch(/Edit the customer in QuickBooks/);

  // Local data stays editable on a QuickBooks client.
  await page.getByLabel('New staff note').fill('Invoice goes to the barn manager');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('staff-note')).toContainText('Invoice goes to the barn manager');
  await page.screenshot({
    path: testInfo.outputPath('quickbooks-client-profile.png'),
    fullPage: true,
  });
});
