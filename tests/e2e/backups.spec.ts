import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('Settings → Data lists the backups; restoring one brings its clients back on every open screen', async ({
  page,
  host,
}, testInfo) => {
  // Today's daily copy is made at start, of the still empty file.
  await host.core.backups.settled();
  for (const name of ['Willow Creek Farm', 'Maple Hollow Stables', 'Renée Lefèvre']) {
    await insertManualClient(host.core.db, { displayName: name });
  }

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(3);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
  await expect(page.getByRole('heading', { name: 'Data', level: 2 })).toBeVisible();
  await expect(page.getByTestId('data-file-path')).toContainText('equineops.sqlite');
  // The browser host cannot open a folder: it offers the path to copy instead.
  await expect(page.getByRole('button', { name: 'Copy folder path' })).toBeVisible();
  const rows = page.getByTestId('backup-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Daily');
  await expect(rows.first()).toContainText('0 clients');

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(rows).toHaveCount(2);
  const manual = rows.filter({ hasText: 'Back up now' });
  await expect(manual).toContainText('3 clients, 0 horses, 0 notes');

  // Work after the backup, which the restore will take away (the file keeps it aside).
  await insertManualClient(host.core.db, { displayName: 'Added After The Backup' });
  const clientsTab = await page.context().newPage();
  await clientsTab.goto('/#/clients');
  await expect(clientsTab.getByTestId('client-row')).toHaveCount(4);

  await manual.getByRole('button', { name: /Restore the backup of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('3 clients, 0 horses, 0 notes');
  await expect(dialog).toContainText('The current file is not deleted');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  await expect(page.getByTestId('restore-done')).toContainText('Restored the backup of');
  const setAside = rows.filter({ hasText: 'Set aside by a restore' });
  await expect(setAside).toContainText('4 clients');
  await page.screenshot({ path: testInfo.outputPath('settings-data.png'), fullPage: true });

  // The other tab refreshed by itself: the restored clients, without the later one.
  await expect(clientsTab.getByTestId('client-row')).toHaveCount(3);
  await expect(clientsTab.getByText('Added After The Backup')).toHaveCount(0);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await expect(page.getByTestId('client-row')).toHaveCount(3);
  await expect(page.getByTestId('client-row').filter({ hasText: 'Renée Lefèvre' })).toHaveCount(1);
});

test('a restore is refused with a reason while the backup cannot be used, and nothing changes', async ({
  page,
  host,
}) => {
  await host.core.backups.settled();
  await insertManualClient(host.core.db, { displayName: 'Willow Creek Farm' });
  await page.goto('/#/settings/data');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const manual = page.getByTestId('backup-row').filter({ hasText: 'Back up now' });
  await expect(manual).toContainText('1 client,');
  // The copy is damaged on disk after it was listed.
  const overview = await host.core.dispatcher.invoke('backups.overview', {});
  if (!overview.ok) throw new Error(overview.error.message);
  const name = overview.value.backups.find((b) => b.kind === 'manual')!.name;
  writeFileSync(join(overview.value.backupsFolder, name), 'not a database any more');

  await manual.getByRole('button', { name: /Restore the backup of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('cannot be read');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was changed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
});

test('a damaged data file at start opens the recovery screen; restoring the newest good backup brings the list back', async ({
  page,
  host,
  startHost,
  dataDir,
}, testInfo) => {
  await host.core.backups.settled();
  for (const name of ['Willow Creek Farm', 'Maple Hollow Stables']) {
    await insertManualClient(host.core.db, { displayName: name });
  }
  const made = await host.core.dispatcher.invoke('backups.create', {});
  expect(made.ok).toBe(true);
  await host.close();
  const dataFile = join(dataDir, 'equineops.sqlite');
  writeFileSync(dataFile, 'garbage where the client list was');
  rmSync(`${dataFile}-wal`, { force: true });
  rmSync(`${dataFile}-shm`, { force: true });

  const again = await startHost();
  // A new launch has a new key: open the address it printed, as a person would.
  await page.context().request.get(again.url, { maxRedirects: 0 });
  await page.goto(`${again.origin}/#/clients`);

  await expect(
    page.getByRole('heading', { name: 'Your client list could not be opened' }),
  ).toBeVisible();
  await expect(page.getByTestId('recovery-problem')).toContainText('damaged');
  await expect(page.getByTestId('recovery-problem')).toContainText(dataFile);
  await expect(page.getByTestId('recovery-backup')).toContainText('2 clients, 0 horses, 0 notes');
  await page.screenshot({ path: testInfo.outputPath('recovery-screen.png'), fullPage: true });
  await page.getByRole('button', { name: 'Restore this backup' }).click();

  await expect(page.getByTestId('client-row')).toHaveCount(2);
  await page.goto(`${again.origin}/#/settings/data`);
  // The damaged file is kept, listed as unreadable, with no Restore button.
  const aside = page.getByTestId('backup-row').filter({ hasText: 'Set aside by a restore' });
  await expect(aside).toContainText('Cannot be read');
  await expect(aside.getByRole('button')).toHaveCount(0);
});
