import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

const csv = [
  'Client,E-mail Address,Phone #,Horses,Office Memo',
  'Willow Creek (from old list),  OFFICE@willowcreek.example ,000-0000,Biscuit,Pays by check',
  'Renée Dubois,renee@example.com,555-0101,Pepper; Star,Morning lessons',
  'Tom Baker,tom@example.com,555-0102,,',
  'Pat Lee,pat@@example,555-0103,,',
  'Tom again,TOM@example.com ,555-0104,,',
].join('\r\n');

test('staff import a CSV: map columns, see green / blue / red, import without duplicating QuickBooks, then undo', async ({
  page,
  host,
}, testInfo) => {
  const willow = await insertQuickBooksClient(host.core.db, {
    qbId: '58',
    displayName: 'Willow Creek Farm',
    email: 'office@willowcreek.example',
    phone: '(859) 555-0100',
  });

  await page.goto('/#/clients');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import clients' })).toBeVisible();

  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'barn-clients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF' + csv, 'utf8'),
    });

  await expect(page.getByTestId('file-facts')).toContainText(
    '5 rows · UTF-8 with BOM · comma separated · CRLF',
  );
  await expect(page.getByRole('combobox', { name: 'Import Client as' })).toHaveValue('Name');
  await expect(page.getByRole('combobox', { name: 'Import E-mail Address as' })).toHaveValue(
    'Email',
  );
  await expect(page.getByRole('combobox', { name: 'Import Office Memo as' })).toHaveValue(
    "Don't import",
  );
  await page.getByRole('combobox', { name: 'Import Office Memo as' }).click();
  await page.getByRole('option', { name: 'Notes' }).click();
  await expect(page.getByRole('combobox', { name: 'Import Office Memo as' })).toHaveValue('Notes');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();

  await expect(page.getByTestId('count-green')).toHaveText('1');
  await expect(page.getByTestId('count-blue')).toHaveText('2');
  await expect(page.getByTestId('count-red')).toHaveText('2');
  await expect(page.locator('[data-testid=preview-row][data-color=green]')).toContainText(
    'Links to QuickBooks client Willow Creek Farm',
  );
  await expect(page.locator('[data-testid=preview-row][data-color=red]').first()).toContainText(
    'Invalid email',
  );
  await page
    .locator('label')
    .filter({ hasText: /^Red \(2\)$/ })
    .click();
  await expect(page.getByTestId('preview-row')).toHaveCount(2);
  await expect(page.getByTestId('preview-row').nth(1)).toContainText(
    'Repeated: same email as row 3',
  );
  await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText(
    'Linked 1 QuickBooks client, created 2 manual clients, skipped 2 rows',
  );

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(3);
  const renee = page.getByTestId('client-row').filter({ hasText: 'Renée Dubois' });
  await expect(renee.getByText('Custom Client')).toBeVisible();
  await expect(
    page.getByTestId('client-row').filter({ hasText: 'Tom Baker' }).getByText('Custom Client'),
  ).toBeVisible();
  const willowRow = page.getByTestId('client-row').filter({ hasText: 'Willow Creek Farm' });
  await expect(willowRow).toContainText('office@willowcreek.example');
  await expect(willowRow).toContainText('(859) 555-0100');
  await expect(willowRow.getByText('From QuickBooks')).toBeVisible();

  await page.goto(`/#/clients/${willow.id}`);
  await expect(page.getByRole('heading', { name: 'Willow Creek Farm' })).toBeVisible();
  await expect(page.getByText('Biscuit')).toBeVisible();
  await expect(page.getByText('Pays by check')).toBeVisible();

  await page.goto('/#/clients/import');
  const batch = page.getByTestId('import-batch').filter({ hasText: 'barn-clients.csv' });
  await expect(batch).toBeVisible();
  await batch.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByText('Undid the import of barn-clients.csv')).toBeVisible();
  await expect(batch.getByText('Undone')).toBeVisible();

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Willow Creek Farm');
  await page.goto(`/#/clients/${willow.id}`);
  await expect(page.getByRole('heading', { name: 'Willow Creek Farm' })).toBeVisible();
  await expect(page.getByText('Pays by check')).toHaveCount(0);
});

test('refuses an Excel workbook renamed .csv, changing nothing', async ({ page }) => {
  await page.goto('/#/clients/import');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'clients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
    });
  await expect(page.getByRole('alert')).toContainText('Excel workbook (.xlsx)');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
});

test('the preview of 50,000 rows keeps fewer than 200 rows in the page', async ({ page }) => {
  const lines = ['Name,Email'];
  for (let i = 0; i < 50_000; i++) lines.push(`Person ${i},person${i}@example.com`);
  await page.goto('/#/clients/import');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('count-blue')).toHaveText('50,000', { timeout: 30_000 });
  expect(await page.getByTestId('preview-row').count()).toBeLessThan(200);
  await page
    .getByTestId('preview-scroller')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.getByTestId('preview-row').last()).toContainText('person49999@example.com');
  expect(await page.getByTestId('preview-row').count()).toBeLessThan(200);
});

test('undoing an import right after it says so where the summary was, and the clients are gone', async ({
  page,
}) => {
  await page.goto('/#/clients/import');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'one-rider.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Name,Email\nJuniper Lane,juniper@example.com\n', 'utf8'),
    });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('count-blue')).toHaveText('1');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText('created 1 manual client');

  const batch = page.getByTestId('import-batch').filter({ hasText: 'one-rider.csv' });
  await batch.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByText('The import of one-rider.csv was undone')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveCount(0);

  await page.goto('/#/clients');
  await expect(page.getByTestId('clients-empty')).toBeVisible();
});
