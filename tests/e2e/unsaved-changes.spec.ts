import { insertManualClient, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

test('leaving a profile with an unsaved preference asks "Discard changes?": Stay keeps it, Discard leaves', async ({
  page,
  host,
}) => {
  const client = await insertQuickBooksClient(host.core.db, {
    qbId: '58',
    displayName: 'Willow Creek Farm',
  });
  await page.goto(`/#/clients/${client.id}`);
  const preferences = page.getByTestId('preferences-section');
  await preferences.getByLabel('Receives the newsletter').check();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  const prompt = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Stay' }).click();
  await expect(prompt).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/clients/${client.id}$`));
  await expect(preferences.getByLabel('Receives the newsletter')).toBeChecked();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/#\/clients$/);
  await expect(page.getByTestId('client-row').first()).toBeVisible();

  // Nothing was saved, and leaving without edits asks nothing.
  await page.goto(`/#/clients/${client.id}`);
  await expect(preferences.getByLabel('Receives the newsletter')).not.toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/#\/clients$/);
  await expect(prompt).toBeHidden();
});

test('a note being typed and an edited contact are kept by Stay, also from the browser Back button', async ({
  page,
  host,
}) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Tom Baker' });
  await page.goto('/#/clients');
  await page.goto(`/#/clients/${client.id}`);
  await page.getByLabel('New staff note').fill('Call back about the saddle');
  await page.getByTestId('contact-section').getByLabel('Phone').fill('555 0102');

  await page.goBack();
  const prompt = page.getByRole('dialog', { name: 'Discard changes?' });
  await prompt.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`#/clients/${client.id}$`));
  await expect(page.getByLabel('New staff note')).toHaveValue('Call back about the saddle');
  await expect(page.getByTestId('contact-section').getByLabel('Phone')).toHaveValue('555 0102');

  // Back again asks again (Stay left no extra history entry behind), and Discard goes back to the list.
  await page.goBack();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/#\/clients$/);
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  // …and the profile is one Forward away, as in any browser.
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`#/clients/${client.id}$`));
  await expect(page.getByTestId('contact-section').getByLabel('Phone')).toHaveValue('');
});

test('closing the window with unsaved edits asks the browser to confirm', async ({
  page,
  host,
}) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Tom Baker' });
  await page.goto(`/#/clients/${client.id}`);
  await page.getByLabel('New staff note').fill('Half a thought');

  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
});

test('closing New client with typed details asks first; Discard empties the form', async ({
  page,
}) => {
  await page.goto('/#/clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  await form.getByLabel('Display name').fill('Half Typed');
  await form.getByRole('button', { name: 'Cancel' }).click();

  const prompt = page.getByRole('dialog', { name: 'Discard changes?' });
  await prompt.getByRole('button', { name: 'Stay' }).click();
  await expect(form.getByLabel('Display name')).toHaveValue('Half Typed');

  await page.keyboard.press('Escape');
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByTestId('new-client-form').getByLabel('Display name')).toHaveValue('');
});
