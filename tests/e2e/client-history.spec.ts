import { connectQuickBooks, expect, test } from './fixtures';

const MINUTE = 60_000;

test("a client's Activity shows what the sync changed (old → new) and what an import did, beside staff actions", async ({
  page,
  sandbox,
  host,
}, testInfo) => {
  const card = await connectQuickBooks(page);
  await expect(card.getByTestId('last-sync')).toContainText('just now');
  const customers = sandbox.admin.listCustomers();
  const firstEmail = (c: (typeof customers)[number]) =>
    c.PrimaryEmailAddr?.Address?.split(',')[0]?.trim().toLowerCase() ?? '';
  // An import row links when one customer alone holds its email (a shared one waits for a choice).
  const customer = customers.find(
    (c) =>
      c.Active &&
      !c.Job &&
      c.PrimaryPhone?.FreeFormNumber &&
      firstEmail(c) !== '' &&
      customers.filter((o) =>
        (o.PrimaryEmailAddr?.Address ?? '').toLowerCase().includes(firstEmail(c)),
      ).length === 1,
  )!;
  const oldPhone = customer.PrimaryPhone!.FreeFormNumber!;

  sandbox.admin.advanceClock(MINUTE);
  sandbox.admin.updateCustomer(customer.Id, { PrimaryPhone: { FreeFormNumber: '(555) 010-4242' } });
  sandbox.admin.advanceClock(MINUTE);
  await card.getByRole('button', { name: 'Sync Customers Now' }).click();
  await expect(
    page.locator('.mantine-Notification-root').filter({ hasText: '1 updated' }),
  ).toBeVisible();

  // An import links a row to the same client by its email, bringing a horse.
  const imported = await page.evaluate(
    async ({ name, email }) => {
      const response = await fetch('/api/call/import.commit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fileName: 'barn-list.csv',
          fields: ['name', 'email', 'horses'],
          rows: [[name, email, 'Biscuit']],
          excluded: [],
        }),
      });
      return (await response.json()) as { ok: boolean };
    },
    {
      name: customer.DisplayName!,
      email: firstEmail(customer),
    },
  );
  expect(imported.ok).toBe(true);

  const client = await host.core.db
    .selectFrom('clients')
    .select('id')
    .where('qb_id', '=', customer.Id)
    .executeTakeFirstOrThrow();
  await page.goto(`/#/clients/${client.id}`);
  await expect(page.getByTestId('read-only-alert')).toContainText(
    'the changes arrive here with the next sync',
  );
  await page.getByLabel('New staff note').fill('Asked for the new number');
  await page.getByRole('button', { name: 'Add note' }).click();

  const entries = page.getByTestId('activity-section').getByTestId('activity-entry');
  await expect(entries.first()).toContainText(`Added a note to ${customer.DisplayName!}`);
  await expect(entries.nth(1)).toContainText(
    'Linked by importing barn-list.csv, with horse Biscuit',
  );
  const syncLine = entries.filter({ hasText: 'Phone updated from QuickBooks' });
  await expect(syncLine).toContainText(
    `Phone updated from QuickBooks: ${oldPhone} → (555) 010-4242`,
  );
  await expect(syncLine).toContainText('QuickBooks sync');
  await expect(entries.last()).toContainText('Added from QuickBooks');
  await page.screenshot({ path: testInfo.outputPath('client-history.png'), fullPage: true });

  // Each "View sync run" link keeps its text and is named by its line's time for screen readers.
  const runLinks = page
    .getByTestId('activity-section')
    .getByRole('link', { name: /^View sync run/ });
  await expect(syncLine.getByRole('link')).toHaveCount(1);
  for (const link of await runLinks.all()) {
    const line = (await link.locator('xpath=..').textContent())!;
    const time = / · (.+) · View sync run$/.exec(line)?.[1];
    expect(time, line).toMatch(/\d{4}, \d{1,2}:\d{2}/);
    await expect(link).toHaveText('View sync run');
    await expect(link).toHaveAccessibleName(`View sync run of ${time}`);
  }

  // The sync line opens its run in the Sync Log.
  await syncLine.getByRole('link', { name: 'View sync run' }).click();
  await expect(page).toHaveURL(/#\/settings\/integrations\/sync-log\/\d+$/);

  // After Disconnect the profile no longer promises changes "with the next sync".
  await page.goto('/#/settings/integrations');
  await card.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(card.getByRole('button', { name: 'Connect to QuickBooks' })).toBeVisible();
  await page.goto(`/#/clients/${client.id}`);
  const alert = page.getByTestId('read-only-alert');
  await expect(alert).toContainText('QuickBooks is disconnected');
  await expect(alert).not.toContainText('next sync');
});
