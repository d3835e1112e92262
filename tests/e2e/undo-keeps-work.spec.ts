import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import type { BrowserHost } from '../../src-main/server/browser-host';
import { expect, test } from './fixtures';

/** Seeds through the dispatcher, as the screens would call it. */
function invoker(host: BrowserHost) {
  return async (method: string, input: unknown) => {
    const result = await host.core.dispatcher.invoke(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
}

test('undoing an import lists the client staff worked on since, with why, and keeps it', async ({
  page,
  host,
}) => {
  const invoke = invoker(host);
  await invoke('import.commit', {
    fileName: 'spring.csv',
    fields: ['name', 'email'],
    rows: [
      ['Mary Smith', 'mary@example.com'],
      ['Juniper Lane', 'juniper@example.com'],
    ],
  });
  const list = (await invoke('clients.list', { search: 'Mary' })) as {
    rows: { id: number }[];
  };
  await invoke('portal.update', { clientId: list.rows[0]!.id, enabled: true });

  await page.goto('/#/clients/import');
  const batch = page.getByTestId('import-batch').filter({ hasText: 'spring.csv' });
  await batch.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByTestId('undo-kept-clients')).toHaveText(
    'Mary Smith — portal access was turned on after the import',
  );
  await expect(batch.getByText('Undone')).toBeVisible();

  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('client-row').click();
  await expect(page.getByTestId('client-name')).toHaveText('Mary Smith');
  await expect(page.getByRole('switch', { name: 'Portal access' })).toBeChecked();
});

test('undoing a merge from the history keeps preferences edited since, and says so', async ({
  page,
  host,
}) => {
  const invoke = invoker(host);
  const quickbooks = await insertQuickBooksClient(host.core.db, {
    qbId: '61',
    displayName: 'Smith, John',
    email: 'john@smithfarm.example',
  });
  const manual = await insertManualClient(host.core.db, {
    displayName: 'John Smith',
    email: 'john@smithfarm.example',
  });
  const preferences = {
    contactMethod: 'phone',
    newsletter: true,
    remindersEnabled: true,
    notes: '',
  };
  await invoke('preferences.update', { clientId: manual.id, preferences });
  await invoke('duplicates.merge', { keepClientId: quickbooks.id, archiveClientId: manual.id });
  await invoke('preferences.update', {
    clientId: quickbooks.id,
    preferences: { ...preferences, notes: 'Gate code 4411' },
  });

  await page.goto('/#/clients/duplicates');
  const row = page.getByTestId('merge-history-row').filter({ hasText: 'John Smith merged into' });
  await row.getByRole('button', { name: 'Undo merge' }).click();
  const kept = page.getByTestId('merge-undo-kept');
  await expect(kept).toContainText('the preferences were changed after the merge');
  await expect(row).toContainText('Undone');

  await page.goto(`/#/clients/${quickbooks.id}`);
  await expect(page.getByLabel('Preference notes')).toHaveValue('Gate code 4411');
});
