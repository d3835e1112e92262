import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import type { Db } from '../../src-main/db/open-database';
import { connectQuickBooks } from './fixtures';
import { expect, test } from './shared-database-fixtures';

/** Sync Log lines of one trigger, as the shared database holds them. */
function runsOf(db: Db, trigger: string) {
  return db
    .selectFrom('sync_runs')
    .select(['id', 'result'])
    .where('trigger', '=', trigger)
    .execute();
}

test('two computers on one shared database: one syncs, both see every change, the night runs once, the other can take over', async ({
  office,
}) => {
  const { frontDesk, barn, sandbox } = office;

  // (1) The front desk connects QuickBooks: it is the sync computer, and the barn says so.
  await connectQuickBooks(frontDesk.page);
  await barn.page.goto('/#/settings/integrations');
  const barnCard = barn.page.getByRole('region', { name: 'QuickBooks Online' });
  const notice = barnCard.getByTestId('sync-computer');
  await expect(notice).toContainText('Syncs run on FRONT-DESK');
  await expect(notice).toContainText('FRONT-DESK is on.');
  await expect(
    notice.getByRole('button', { name: 'Connect QuickBooks here to make this the sync computer' }),
  ).toBeVisible();

  // (2) A note added at the front desk appears on the barn's open profile, without a reload.
  const client = await insertQuickBooksClient(frontDesk.host().core.db, {
    displayName: 'Sunny Acres Riding Club',
    email: 'office@sunnyacres.example',
  });
  await barn.page.goto(`/#/clients/${client.id}`);
  await expect(barn.page.getByLabel('New staff note')).toBeVisible();
  await frontDesk.page.goto(`/#/clients/${client.id}`);
  await frontDesk.page.getByLabel('New staff note').fill('Farrier on Tuesday');
  await frontDesk.page.getByRole('button', { name: 'Add note' }).click();
  await expect(
    barn.page.getByTestId('staff-note').filter({ hasText: 'Farrier on Tuesday' }),
  ).toBeVisible({ timeout: 2_000 });

  // (3) Both schedules pass 2:00 AM: both fire, one scheduled run, one pass in QuickBooks.
  const cdcBefore = sandbox.requests().filter((r) => r.path.endsWith('/cdc')).length;
  const pastTwo = new Date('2026-06-11T12:00:00.000Z');
  await Promise.all([frontDesk.timer.advanceTo(pastTwo), barn.timer.advanceTo(pastTwo)]);
  await expect
    .poll(() => runsOf(barn.host().core.db, 'schedule'))
    .toEqual([{ id: expect.any(Number), result: 'success' }]);
  // The barn's firing became a request for the same night, answered without a second run.
  await expect
    .poll(async () =>
      (
        await frontDesk
          .host()
          .core.db.withTables<{ sync_requests: { outcome: string | null; trigger: string } }>()
          .selectFrom('sync_requests')
          .select(['trigger', 'outcome'])
          .execute()
      ).map((r) => `${r.trigger}: ${r.outcome ?? 'open'}`),
    )
    .toEqual([expect.stringMatching(/^schedule: (finished|skipped)$/)]);
  expect(sandbox.requests().filter((r) => r.path.endsWith('/cdc')).length - cdcBefore).toBe(1);
  expect(await runsOf(barn.host().core.db, 'schedule')).toHaveLength(1);

  // (4) Sync Now on the barn runs on the front desk; the barn's Sync Log shows it.
  await barn.page.goto('/#/settings/integrations');
  await barnCard.getByRole('button', { name: 'Sync Customers Now' }).click();
  await expect
    .poll(() => runsOf(barn.host().core.db, 'manual'))
    .toEqual([{ id: expect.any(Number), result: 'success' }]);
  await barnCard.getByRole('button', { name: 'View Sync Log' }).click();
  const runs = barn.page.getByTestId('sync-runs');
  await expect(runs.getByRole('row').nth(1)).toContainText('Sync Now');

  // (5) EquineOps closes at the front desk: Sync Now on the barn says the sync computer is off.
  await frontDesk.close();
  await barn.page.goto('/#/settings/integrations');
  await expect(notice).toContainText('FRONT-DESK is off');
  await barnCard.getByRole('button', { name: 'Sync Customers Now' }).click();
  await expect(
    barn.page.getByText('The sync computer, FRONT-DESK, is off.', { exact: false }),
  ).toBeVisible();

  // (6) The barn takes the role over by connecting QuickBooks there; its Sync Now then runs here.
  const consentTab = barn.page.waitForEvent('popup');
  await notice
    .getByRole('button', { name: 'Connect QuickBooks here to make this the sync computer' })
    .click();
  const consent = await consentTab;
  await consent.locator('#approve').click();
  await expect(consent.getByText('You can close this window')).toBeVisible();
  await consent.close();
  await expect(notice).toContainText('This computer is the sync computer');
  expect(await barn.secrets.get(sandbox.realmId)).not.toBeNull();
  const manualRuns = (await runsOf(barn.host().core.db, 'manual')).length;
  await barnCard.getByRole('button', { name: 'Sync Customers Now' }).click();
  await expect
    .poll(async () => (await runsOf(barn.host().core.db, 'manual')).length)
    .toBe(manualRuns + 1);
});
