import { join } from 'node:path';
import { sql } from 'kysely';
import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('with the disk full, adding a note says so, names the file and keeps the note typed; once there is room it is added', async ({
  page,
  host,
  dataDir,
}) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Willow Creek Farm' });
  await page.goto(`/#/clients/${client.id}`);
  await expect(page.getByRole('heading', { name: 'Willow Creek Farm' })).toBeVisible();

  // A real SQLITE_FULL: the file may not grow by one page, and a long note needs several.
  await sql`vacuum`.execute(host.core.db);
  const { page_count } = (
    await sql<{ page_count: number }>`pragma page_count`.execute(host.core.db)
  ).rows[0]!;
  await sql.raw(`pragma max_page_count = ${page_count}`).execute(host.core.db);

  const text = 'Farrier every six weeks; gate code 4411. '.repeat(200).trim();
  await page.getByLabel('New staff note').fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();

  const toast = page
    .getByRole('alert')
    .filter({ hasText: 'disk that holds the client database is full' });
  await expect(toast).toContainText('so nothing was changed');
  await expect(toast).toContainText(join(dataDir, 'equineops.sqlite'));
  await expect(page.getByTestId('staff-note')).toHaveCount(0);
  await expect(page.getByLabel('New staff note')).toHaveValue(text);

  await sql`pragma max_page_count = 1073741823`.execute(host.core.db);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('staff-note')).toHaveCount(1);
  await expect(page.getByTestId('staff-note')).toContainText('gate code 4411');
});
