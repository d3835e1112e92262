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
  await page.getByRole('main').getByRole('link', { name: 'Import' }).click();
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
  // All 5 rows and the Import button fit a 1024 × 720 window: the legend stays on one line.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1024, height: 720 });
  await expect(page.getByTestId('preview-row')).toHaveCount(5);
  const importAt1024 = await page
    .getByRole('button', { name: 'Import', exact: true })
    .boundingBox();
  expect(importAt1024!.y + importAt1024!.height).toBeLessThanOrEqual(720);
  await page.setViewportSize(viewport);
  await expect(page.locator('[data-testid=preview-row][data-color=red]').first()).toContainText(
    'Not a valid email address: "pat@@example"',
  );
  await page
    .locator('label')
    .filter({ hasText: /^Red \(2\)$/ })
    .click();
  await expect(page.getByTestId('preview-row')).toHaveCount(2);
  await expect(page.getByTestId('preview-row').nth(1)).toContainText(
    // Tom Baker is on row 4 of the file, as Excel shows it (the header is row 1).
    'Repeated: same email as row 4',
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
  await expect(page.getByTestId('horse-link').getByText('Biscuit')).toBeVisible();
  await expect(page.getByText('Pays by check', { exact: true })).toBeVisible();

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
  await expect(page.getByText('Pays by check', { exact: true })).toHaveCount(0);
});

// QuickBooks Online's "Customer Contact List" exported to CSV: company name and report title
// above the header, a timestamp footer below the clients.
const contactList = [
  'Willow Creek Equestrian LLC,,,,',
  'Customer Contact List,,,,',
  ',,,,',
  'Customer,Phone Numbers,Email,Full Name,Billing Address',
  'Hollis Family,(859) 555-0101,"ann@hollis.example, bob@hollis.example",Ann Hollis,12 Pike Rd',
  'Pemberton Stables,(859) 555-0102,barn@pemberton.example,Jane Pemberton,4 Fox Ln',
  'Renée Dubois,859-555-0103,renee@example.com,Renée Dubois,',
  ',,,,',
  '"Friday, November 27, 2026 07:43 AM GMT-08:00",,,,',
].join('\r\n');

test("staff import QuickBooks' own contact list: the header is found under the title (and can be chosen), a shared email is resolved in the preview, then undone", async ({
  page,
  host,
}, testInfo) => {
  // A small laptop's window: the header picker and the preview's pickers must still be usable.
  await page.setViewportSize({ width: 1024, height: 768 });
  await insertQuickBooksClient(host.core.db, {
    displayName: 'Hollis Family',
    email: 'ann@hollis.example, bob@hollis.example',
  });
  const stables = await insertQuickBooksClient(host.core.db, {
    displayName: 'Pemberton Stables',
    email: 'barn@pemberton.example',
  });
  await insertQuickBooksClient(host.core.db, {
    displayName: 'Jane Pemberton',
    email: 'barn@pemberton.example',
    parentId: stables.id,
  });

  await page.goto('/#/clients/import');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'Customer Contact List.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(contactList, 'utf8'),
    });

  // Found by itself: the title lines are passed over, the footer is not a client. Rows are
  // numbered as Excel shows them: the blank-padded row 3 counts, so the header is on row 4.
  await expect(page.getByTestId('header-row')).toContainText('Header on row 4');
  await expect(page.getByTestId('file-facts')).toContainText('Customer Contact List.csv: 3 rows');
  await expect(page.getByTestId('skipped-lines')).toContainText('3 lines above the header');
  await expect(page.getByRole('combobox', { name: 'Import Customer as' })).toHaveValue('Name');
  await expect(page.getByRole('combobox', { name: 'Import Email as' })).toHaveValue('Email');
  await page.screenshot({ path: testInfo.outputPath('import-header-row-1024.png') });

  // Choosing another row reads the file again from it; choosing row 4 back maps it again.
  const picker = page.getByRole('combobox', { name: 'Header row' });
  await picker.click();
  await page.getByRole('option', { name: /^Row 2: Customer Contact List/ }).click();
  await expect(page.getByTestId('header-row')).toContainText('Header on row 2');
  await expect(
    page.getByRole('combobox', { name: 'Import Customer Contact List as' }),
  ).toBeVisible();
  await expect(page.getByTestId('file-facts')).toContainText(': 4 rows');
  // Back to row 4 from the keyboard alone: the picker opens on the row chosen, the next one is row 4.
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(
    page.getByRole('option', { name: /^Row 4: Customer · Phone Numbers/ }),
  ).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('header-row')).toContainText('Header on row 4');
  await expect(page.getByRole('combobox', { name: 'Import Customer as' })).toHaveValue('Name');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();

  // The couple's cell holds both of its QuickBooks addresses: linked, no duplicate.
  await expect(page.getByTestId('count-green')).toHaveText('1');
  await expect(page.getByTestId('count-amber')).toHaveText('1');
  await expect(page.getByTestId('count-blue')).toHaveText('1');
  const shared = page.locator('[data-testid=preview-row][data-color=amber]');
  await expect(shared).toContainText('Pemberton Stables');
  // Excel's row 6; the customer with the row's very name is suggested, yet the row waits for a click.
  await expect(shared.getByRole('cell').nth(1)).toHaveText('6');
  await expect(shared).toContainText('Pemberton Stables has the same name. Confirm it');
  await expect(page.getByRole('combobox', { name: 'Link row 6 to' })).toHaveValue(
    'Link to Pemberton Stables · suggested (same name)',
  );
  await expect(page.getByTestId('import-plan')).toContainText('Choose a QuickBooks customer');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('import-shared-email.png'), fullPage: true });

  // The bookkeeper knows better than the suggestion: the barn's sub-customer gets this row.
  await page.getByRole('combobox', { name: 'Link row 6 to' }).click();
  await page.getByRole('option', { name: 'Link to Jane Pemberton · sub-customer' }).click();
  await expect(page.getByTestId('count-green')).toHaveText('2');
  await expect(page.getByTestId('count-amber')).toHaveCount(0);
  await expect(page.getByTestId('preview-row').nth(1)).toHaveAttribute('data-color', 'green');
  await expect(page.getByTestId('preview-row').nth(1)).toContainText(
    'Links to QuickBooks client Jane Pemberton',
  );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText(
    'Linked 2 QuickBooks clients, created 1 manual client, skipped 0 rows',
  );
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(4);
  await expect(
    page.getByTestId('client-row').filter({ hasText: 'Customer Contact List' }),
  ).toHaveCount(0);
  await expect(page.getByTestId('client-row').filter({ hasText: 'Friday' })).toHaveCount(0);

  await page.goto('/#/clients/import');
  const batch = page.getByTestId('import-batch').filter({ hasText: 'Customer Contact List.csv' });
  await batch.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await expect(batch.getByText('Undone')).toBeVisible();
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(3);
});

test('a shared email whose row has one customer’s very name is suggested: confirmed with one click or the keyboard, or all at once', async ({
  page,
  host,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const households = [
    ['Pemberton Stables', 'Jane Pemberton', 'barn@pemberton.example'],
    ['Hollis Family', 'Ann Hollis', 'home@hollis.example'],
    ['Cole Farm', 'Dana Cole', 'dana@cole.example'],
  ];
  const ids = new Map<string, number>();
  for (const [parent, child, email] of households) {
    const p = await insertQuickBooksClient(host.core.db, { displayName: parent!, email: email! });
    const c = await insertQuickBooksClient(host.core.db, {
      displayName: child!,
      email: email!,
      parentId: p.id,
    });
    ids.set(parent!, p.id).set(child!, c.id);
  }
  await page.goto('/#/clients/import');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'households.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Name,Email\nPemberton Stables,barn@pemberton.example\nAnn Hollis,home@hollis.example\nDana Cole,dana@cole.example\n',
        'utf8',
      ),
    });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('count-amber')).toHaveText('3');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('import-suggestions-1024.png') });

  // At 1280 and 1024 wide, 720 high: the picker is wide enough for "Choose a QuickBooks
  // customer…", the reason gets two lines instead of one cut short, and the table is only as
  // tall as its three rows.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    const amber = page.locator('[data-testid=preview-row][data-color=amber]');
    await expect(amber).toHaveCount(3);
    for (let i = 0; i < 3; i++) {
      const shown = await amber.nth(i).evaluate((row) => {
        const input = row.querySelector('input[aria-label^="Link row"]') as HTMLInputElement;
        const reason = row.querySelector('[role=cell]:last-child > span:last-child')!;
        const probe = document.createElement('span');
        probe.style.font = getComputedStyle(input).font;
        probe.textContent = 'Choose a QuickBooks customer…';
        document.body.append(probe);
        const placeholderWidth = probe.getBoundingClientRect().width;
        probe.remove();
        const style = getComputedStyle(input);
        const textRoom =
          input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return {
          placeholderFits: textRoom >= placeholderWidth,
          reasonLines: Math.round(
            reason.clientHeight / parseFloat(getComputedStyle(reason).lineHeight),
          ),
        };
      });
      expect(shown, `row ${i} at ${width}px`).toEqual({ placeholderFits: true, reasonLines: 2 });
    }
    // No empty band under the rows: the table ends where its last row does.
    const band = await page.getByTestId('preview-scroller').evaluate((scroller) => {
      const rows = Array.from(scroller.querySelectorAll('[data-testid=preview-row]'));
      return scroller.getBoundingClientRect().bottom - rows.at(-1)!.getBoundingClientRect().bottom;
    });
    expect(band, `space under the rows at ${width}px`).toBeLessThanOrEqual(2);
  }
  // With the legend on one line that brings Import on screen at 1280 × 720 and 1024 × 720; the
  // guide's full wording of each color is one click away.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    const legendWraps = await page.getByTestId('import-legend').evaluate((legend) => {
      const items = Array.from(legend.children);
      const firstBottom = items[0]!.getBoundingClientRect().bottom;
      return items.some((item) => item.getBoundingClientRect().top >= firstBottom);
    });
    expect(legendWraps, `legend wraps at ${width}px`).toBe(false);
    const importBox = await page.getByRole('button', { name: 'Import', exact: true }).boundingBox();
    expect(importBox!.y + importBox!.height, `Import at ${width}px`).toBeLessThanOrEqual(720);
  }
  await page.getByRole('button', { name: 'What the colors mean' }).click();
  await expect(
    page.getByText('Email shared by several QuickBooks customers: choose one, or a new client'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Hide what the colors mean' }).click();
  await page.setViewportSize({ width: 1024, height: 768 });

  // One row confirmed from the keyboard: its Confirm button takes the suggested customer.
  const confirmDana = page.getByRole('button', { name: 'Confirm row 4: link to Dana Cole' });
  await confirmDana.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('count-amber')).toHaveText('2');
  await expect(page.locator('[data-testid=preview-row][data-color=green]')).toContainText(
    'Links to QuickBooks client Dana Cole',
  );

  // The rest in one go; each stays changeable in its picker.
  await page.getByRole('button', { name: 'Use suggestions for all 2 rows' }).click();
  await expect(page.getByTestId('count-amber')).toHaveCount(0);
  await expect(page.getByTestId('count-green')).toHaveText('3');
  await expect(page.getByRole('combobox', { name: 'Link row 3 to' })).toHaveValue(
    'Link to Ann Hollis · suggested (same name), sub-customer',
  );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText(
    'Linked 3 QuickBooks clients, created 0 manual clients, skipped 0 rows',
  );
  const linked = await host.core.db
    .selectFrom('import_batch_items')
    .select('client_id')
    .where('kind', '=', 'match')
    .execute();
  expect(linked.map((r) => r.client_id).sort()).toEqual(
    [ids.get('Pemberton Stables'), ids.get('Ann Hollis'), ids.get('Dana Cole')].sort(),
  );
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

test('a broken CSV says what is wrong and on which row: a quote never closed, cells past the last column', async ({
  page,
}) => {
  await page.goto('/#/clients/import');
  const input = page.getByTestId('import-dropzone').locator('input[type=file]');
  await input.setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Name,Email\nAnna Smith,anna@x.example\n"Bob Lee,bob@x.example\nCy,cy@x.example\n',
    ),
  });
  await expect(page.getByRole('alert')).toContainText(
    'Row 3 opens a quote (") that is never closed',
  );

  await input.setInputFiles({
    name: 'commas.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Name,Email\nAnna Smith,anna@x.example\n\nLee, Bob,bob@x.example\n'),
  });
  await expect(page.getByTestId('overlong-rows')).toContainText(
    '1 row has cells past the last column',
  );
  await expect(page.getByTestId('overlong-rows')).toContainText('Row 4 has more cells');
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
