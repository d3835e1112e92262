import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('New client warns when the email belongs to a QuickBooks client: Open goes there, nothing created', async ({
  page,
  host,
}) => {
  const qb = await insertQuickBooksClient(host.core.db, {
    qbId: '58',
    displayName: 'Willow Creek Farm',
    email: 'office@willowcreek.example',
  });

  await page.goto('/#/clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  await form.getByLabel('Display name').fill('Willow Creek');
  await form.getByLabel('Email').fill('Office@WillowCreek.example');

  const warning = form.getByTestId('duplicate-contact-warning');
  await expect(warning).toContainText('Willow Creek Farm in QuickBooks has this email');
  await warning.getByRole('button', { name: 'Open Willow Creek Farm' }).click();

  await expect(page).toHaveURL(new RegExp(`#/clients/${qb.id}$`));
  await expect(page.getByRole('heading', { name: 'Willow Creek Farm' })).toBeVisible();
  const { total } = await host.core.dispatcher
    .invoke('clients.list', { source: 'manual' })
    .then((r) => (r.ok ? r.value : { total: -1 }));
  expect(total).toBe(0);
});

test('New client warns about a custom client with the same phone, and "Create anyway" still creates', async ({
  page,
  host,
}) => {
  await insertManualClient(host.core.db, { displayName: 'Tom Baker', phone: '(859) 555-0102' });

  await page.goto('/#/clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  await form.getByLabel('Display name').fill('Thomas Baker Jr');
  await form.getByLabel('Phone').fill('+1 859.555.0102');

  const warning = form.getByTestId('duplicate-contact-warning');
  await expect(warning).toContainText('Tom Baker (a custom client) has this phone number');
  // It goes with the number, and comes back with it.
  await form.getByLabel('Phone', { exact: true }).fill('');
  await expect(warning).toBeHidden();
  await form.getByLabel('Phone', { exact: true }).fill('859 555 0102');
  await expect(warning).toContainText('Tom Baker (a custom client) has this phone number');
  await warning.getByRole('button', { name: 'Create anyway' }).click();

  await expect(page.getByRole('heading', { name: 'Thomas Baker Jr' })).toBeVisible();
});

test('New client checks on submit too, when Create is pressed before the check has run', async ({
  page,
  host,
}) => {
  await insertQuickBooksClient(host.core.db, {
    qbId: '77',
    displayName: 'Foxglove Eventing',
    email: 'fox@glove.example',
  });

  await page.goto('/#/clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  await form.getByLabel('Display name').fill('Foxglove');
  await form.getByLabel('Email').fill('fox@glove.example');
  await form.getByRole('button', { name: 'Create client' }).click();

  await expect(form.getByTestId('duplicate-contact-warning')).toContainText(
    'Foxglove Eventing in QuickBooks has this email',
  );
  await expect(form).toBeVisible();
  // Pressing Create again with the warning on screen is "create anyway".
  await form.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Foxglove', exact: true })).toBeVisible();
});

test('by keyboard at 1024×768: the warning shows beside the email while typing, and Enter on Create moves to "Open"', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const qb = await insertQuickBooksClient(host.core.db, {
    qbId: '91',
    displayName: 'Meadow Lane Stables',
    email: 'meadow@lane.example',
  });

  await page.goto('/#/clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  // The dialog opens with the cursor in Display name.
  await expect(form.getByLabel('Display name')).toBeFocused();
  await page.keyboard.type('Meadow Lane');
  await form.getByLabel('Email').focus();
  await page.keyboard.type('meadow@lane.example');

  const warning = form.getByTestId('duplicate-contact-warning');
  await expect(warning).toContainText('Meadow Lane Stables in QuickBooks has this email');
  // Under the email and phones, not below the addresses out of sight.
  await expect(warning).toBeInViewport();

  await page.keyboard.press('Enter');
  const open = warning.getByRole('button', { name: 'Open Meadow Lane Stables' });
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/clients/${qb.id}$`));
});
