import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('staff delete a note, click Undo in the toast, and the note is back; a second delete is restored from the Activity', async ({
  page,
  host,
}) => {
  const client = await insertQuickBooksClient(host.core.db, {
    displayName: 'Sunny Acres Riding Club',
    email: 'office@sunnyacres.example',
  });
  await page.goto(`/#/clients/${client.id}`);
  await page.getByLabel('New staff note').fill('Gate code is 4411');
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.getByTestId('staff-note').filter({ hasText: 'Gate code is 4411' });
  await expect(note).toBeVisible();

  await note.getByRole('button', { name: 'Delete note' }).click();
  await expect(note).toHaveCount(0);
  const toast = page.getByTestId('note-deleted-toast');
  await expect(toast).toContainText('restore it from the client');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Note restored.')).toBeVisible();
  await expect(note).toBeVisible();

  // Deleted again, and brought back later from the client's Activity instead.
  await note.getByRole('button', { name: 'Delete note' }).click();
  await expect(note).toHaveCount(0);
  const deleted = page.getByTestId('deleted-note').filter({ hasText: 'Gate code is 4411' });
  await expect(deleted).toContainText('restorable until');
  await expect(page.getByTestId('activity-entry').first()).toContainText('deleted a note by');
  await deleted.getByRole('button', { name: /Restore the note/ }).click();
  await expect(note).toBeVisible();
  await expect(deleted).toHaveCount(0);
});
