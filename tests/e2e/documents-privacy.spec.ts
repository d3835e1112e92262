import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** A real drag and drop: the file travels in a DataTransfer, as from the desktop. */
async function dropFile(page: Page, testId: string, name: string, type: string, text: string) {
  const transfer = await page.evaluateHandle(
    ({ name, type, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type }));
      return data;
    },
    { name, type, text },
  );
  const zone = page.getByTestId(testId);
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

test('staff drop a PDF on a profile, see who opened it in Access, export the client as a zip, then erase the client', async ({
  page,
  host,
}) => {
  const client = await insertManualClient(host.core.db, {
    displayName: 'Avery Barn',
    email: 'avery@barn.example',
  });
  await host.core.dispatcher.invoke('notes.add', {
    clientId: client.id,
    body: 'Prefers texts after 6pm',
  });
  await page.goto(`/#/clients/${client.id}`);

  await dropFile(page, 'documents-dropzone', 'Coggins 2026.pdf', 'application/pdf', PDF);
  const row = page.getByTestId('document-row').filter({ hasText: 'Coggins 2026.pdf' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('application/pdf');
  // The portal is off for this client: the document cannot be shown there.
  await expect(row.getByRole('switch', { name: 'Visible in portal' })).toBeDisabled();
  await expect(row).toContainText('Turn on portal access for this client first');
  // Once the client has portal access, the document can be shown there.
  await host.core.dispatcher.invoke('portal.update', { clientId: client.id, enabled: true });
  await page.reload();
  const portalSwitch = row.getByRole('switch', { name: 'Visible in portal' });
  await expect(portalSwitch).toBeEnabled();
  // By keyboard: focus the switch and press Space.
  await portalSwitch.focus();
  await page.keyboard.press('Space');
  await expect(portalSwitch).toBeChecked();

  // Remove, then Undo from the message: the document is back.
  await dropFile(page, 'documents-dropzone', 'Old release.pdf', 'application/pdf', PDF);
  const oldRow = page.getByTestId('document-row').filter({ hasText: 'Old release.pdf' });
  await oldRow.getByRole('button', { name: 'Remove Old release.pdf' }).click();
  await expect(oldRow).toHaveCount(0);
  await page.getByTestId('document-removed-toast').getByRole('button', { name: 'Undo' }).click();
  await expect(oldRow).toBeVisible();
  await oldRow.getByRole('button', { name: 'Remove Old release.pdf' }).click();
  await expect(oldRow).toHaveCount(0);

  // In the browser host, opening a document downloads it.
  const download = page.waitForEvent('download');
  await row.getByTestId('document-open').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Coggins 2026.pdf');
  expect(readFileSync(await file.path()).toString()).toBe(PDF);

  // The Clients list finds the client by the document's name.
  await page.goto('/#/clients');
  await page.getByLabel('Search clients').fill('coggins');
  await expect(page.getByRole('row', { name: /Avery Barn/ })).toBeVisible();
  await page.goto(`/#/clients/${client.id}`);

  await page.getByRole('tab', { name: 'Access' }).click();
  const access = page.getByTestId('access-entry');
  await expect(access.filter({ hasText: 'Downloaded the document Coggins 2026.pdf' })).toHaveCount(
    1,
  );
  await expect(access.filter({ hasText: 'Opened the profile of Avery Barn' })).toHaveCount(3);

  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export client data' }).click();
  const zipFile = await exported;
  expect(zipFile.suggestedFilename()).toMatch(/^Avery Barn - data export \d{4}-\d{2}-\d{2}\.zip$/);
  const zip = unzipSync(readFileSync(await zipFile.path()));
  expect(strFromU8(zip['summary.html']!)).toContain('<h1>Avery Barn</h1>');
  const json = JSON.parse(strFromU8(zip['client.json']!));
  expect(json.client.email).toBe('avery@barn.example');
  // A removed document is still held (it can be brought back), so it is in the export too.
  expect(json.documents).toEqual([
    expect.objectContaining({ name: 'Coggins 2026.pdf', removedAt: null }),
    expect.objectContaining({ name: 'Old release.pdf', removedAt: expect.any(String) }),
  ]);
  // Everything held about the client, as the issue lists it.
  for (const key of ['horses', 'notes', 'preferences', 'portal', 'activity', 'accessLog'])
    expect(json, key).toHaveProperty(key);
  expect(json.notes).toEqual([expect.objectContaining({ body: 'Prefers texts after 6pm' })]);
  expect(json.activity.map((a: { summary: string }) => a.summary)).toContain(
    'Added the document Coggins 2026.pdf to Avery Barn',
  );
  expect(json.accessLog.map((a: { summary: string }) => a.summary)).toContain(
    'Downloaded the document Coggins 2026.pdf',
  );
  const docEntry = Object.keys(zip).find((name) => name.endsWith('Coggins 2026.pdf'))!;
  expect(strFromU8(zip[docEntry]!)).toBe(PDF);
  await expect(access.filter({ hasText: 'Exported the data of Avery Barn' })).toHaveCount(1);

  // A backup from before the erasure, to see what Settings → Data says about it.
  await host.core.dispatcher.invoke('backups.create', {});
  await page.getByRole('button', { name: 'Erase client…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Erase Avery Barn?' });
  const eraseButton = dialog.getByRole('button', { name: 'Erase for good' });
  await expect(eraseButton).toBeDisabled();
  await dialog.getByLabel(/Type the client's name/).fill('Avery');
  // A wrong name keeps the button locked, and Enter does not erase either.
  await expect(eraseButton).toBeDisabled();
  await dialog.getByLabel(/Type the client's name/).press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Type the client's name/).fill('  avery barn ');
  await expect(eraseButton).toBeEnabled();
  // The erased profile's queries must not ask again (each would fail with a 400 in the console).
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 400) refused.push(response.url());
  });
  await eraseButton.click();
  await expect(page.getByText('Client erased')).toBeVisible();
  await expect(page).toHaveURL(/#\/clients$/);
  await expect(page.getByRole('row', { name: /Avery Barn/ })).toHaveCount(0);

  await page.goto('/#/settings/data');
  // Fewer days than allowed: said at once, not quietly saved as 30.
  const retention = page.getByLabel('Keep access log entries for (days)');
  await retention.fill('10');
  await retention.blur();
  await expect(page.getByText('Keep access entries at least 30 days (the minimum)')).toBeVisible();
  await expect(retention).toHaveValue('10');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(retention).toHaveValue('10');
  await expect(page.getByText('Access log retention saved.')).toHaveCount(0);
  await retention.fill('45');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Access log retention saved.')).toBeVisible();
  await expect(page.getByText('Keep access entries at least 30 days (the minimum)')).toHaveCount(0);
  const notices = page.getByTestId('erasure-notices');
  await expect(notices).toContainText('A client was erased by');
  await expect(notices).toContainText(/made before it still holds? that client's data/);
  // Restoring that backup would bring the client back: the dialog says so.
  await page
    .getByTestId('backup-row')
    .first()
    .getByRole('button', { name: /Restore the backup of/ })
    .click();
  await expect(page.getByTestId('restore-erasure-warning')).toContainText(
    'Restoring it brings that client back',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Checked last, so any late refetch of the erased profile would have been counted.
  expect(refused).toEqual([]);
});

test('a file over 50 MB is refused with the reason, and nothing is added', async ({
  page,
  host,
}, testInfo) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Blake Stables' });
  await page.goto(`/#/clients/${client.id}`);
  await expect(page.getByText('No documents yet.')).toBeVisible();
  const huge = testInfo.outputPath('Huge scan.pdf');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1));
  await page.getByLabel('Add documents').setInputFiles(huge);
  await expect(page.getByTestId('documents-refusal')).toContainText(
    'Huge scan.pdf is larger than 50 MB, the most a document can be',
  );
  await expect(page.getByText('No documents yet.')).toBeVisible();
});

test('the merge preview says the documents move to the kept client, they do, and each erase dialog says what the merge means for it', async ({
  page,
  host,
}) => {
  const quickbooks = await insertQuickBooksClient(host.core.db, {
    displayName: 'Smith, John',
    email: 'john@smithfarm.example',
  });
  const manual = await insertManualClient(host.core.db, {
    displayName: 'John Smith',
    email: 'john@smithfarm.example',
  });
  await page.goto(`/#/clients/${manual.id}`);
  await dropFile(page, 'documents-dropzone', 'Boarding contract.pdf', 'application/pdf', PDF);
  await dropFile(page, 'documents-dropzone', 'Signed release.pdf', 'application/pdf', PDF);
  await expect(page.getByTestId('document-row')).toHaveCount(2);

  await page.goto('/#/clients');
  await page.getByRole('link', { name: 'Possible duplicates (1)' }).click();
  await page.getByTestId('duplicate-pair').getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicate clients' });
  await expect(dialog.getByTestId('merge-steps')).toContainText(
    '2 documents move to the kept client, Smith, John.',
  );
  await dialog.getByRole('button', { name: 'Merge clients' }).click();
  await expect(page.getByTestId('merge-toast')).toBeVisible();

  await page.goto(`/#/clients/${quickbooks.id}`);
  await expect(page.getByTestId('document-row')).toHaveCount(2);

  // Erasing the kept client says the archived record merged into it stays, to be erased too.
  await page.getByRole('button', { name: 'Erase client…' }).click();
  await expect(page.getByTestId('erase-merged-in')).toContainText(
    'John Smith was merged into this client',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.goto(`/#/clients/${manual.id}`);
  await page.getByRole('button', { name: 'Erase client…' }).click();
  await expect(page.getByTestId('erase-merged-into')).toContainText(
    'This client was merged into Smith, John: the copies of its notes made there are erased too.',
  );
});
