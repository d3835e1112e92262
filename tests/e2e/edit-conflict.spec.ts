import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { getClient } from '../../src-main/clients/clients-repository';
import { readPreferences } from '../../src-main/clients/preferences-repository';
import { saveStaffName } from '../../src-main/settings/settings-repository';
import { expect, test } from './fixtures';

/**
 * Two people on one client: two tabs here stand for two computers (the same
 * handlers answer both). The second save, typed over the client as it was
 * before the first, is refused with who and when; what was typed stays in
 * the form, and Reload shows what the other person saved.
 */
const REFUSED =
  /^Pat changed this client at \d{1,2}:\d{2}\s[AP]M\. Your changes were not saved: reload to see theirs, then make yours again\.$/;

test('the second save of a manual client says who changed it and when, keeps the typed text, and Reload shows theirs', async ({
  page,
  host,
}) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Tom Baker' });
  await saveStaffName(host.core.db, host.core.context.computer.id, 'Pat');
  const pats = page;
  const danas = await page.context().newPage();
  await pats.goto(`/#/clients/${client.id}`);
  await danas.goto(`/#/clients/${client.id}`);
  const patsForm = pats.getByTestId('contact-section');
  const danasForm = danas.getByTestId('contact-section');
  await danasForm.getByLabel('Phone').fill('(859) 555-0199');
  await danasForm.getByLabel('Email').fill('tom@example.com');

  await patsForm.getByLabel('Phone').fill('(859) 555-0102');
  await patsForm.getByRole('button', { name: 'Save' }).click();
  await expect(pats.getByText('Client saved')).toBeVisible();
  // Pat's save reaches Dana's tab (its Activity shows it), and the form being typed in is not reset by it.
  await expect(danas.getByText('Changed phone of Tom Baker')).toBeVisible();
  await expect(danasForm.getByLabel('Phone')).toHaveValue('(859) 555-0199');

  await danasForm.getByRole('button', { name: 'Save' }).click();
  const refused = danasForm.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refused).toBeVisible();
  await expect(refused.getByText(REFUSED)).toBeVisible();
  // Said once, beside the Save button, not again in a toast.
  await expect(danas.getByText(REFUSED)).toHaveCount(1);
  await expect(danasForm.getByLabel('Phone')).toHaveValue('(859) 555-0199');
  await expect(danasForm.getByLabel('Email')).toHaveValue('tom@example.com');
  expect(await getClient(host.core.db, client.id)).toMatchObject({
    phone: '(859) 555-0102',
    email: null,
  });

  await refused.getByRole('button', { name: 'Reload' }).click();
  await expect(refused).toBeHidden();
  await expect(danasForm.getByLabel('Phone')).toHaveValue('(859) 555-0102');
  await expect(danasForm.getByLabel('Email')).toHaveValue('');

  // Made again over Pat's version, Dana's change saves.
  await danasForm.getByLabel('Email').fill('tom@example.com');
  await danasForm.getByRole('button', { name: 'Save' }).click();
  await expect(danas.getByText('Client saved')).toBeVisible();
  expect(await getClient(host.core.db, client.id)).toMatchObject({
    phone: '(859) 555-0102',
    email: 'tom@example.com',
  });

  // Pat's form, untouched since its save, follows Dana's: Pat's next change saves without a refusal.
  await expect(patsForm.getByLabel('Email')).toHaveValue('tom@example.com');
  await patsForm.getByLabel('Mobile').fill('(859) 555-0177');
  await patsForm.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(async () => (await getClient(host.core.db, client.id)).mobile)
    .toBe('(859) 555-0177');
  expect(await getClient(host.core.db, client.id)).toMatchObject({ email: 'tom@example.com' });
  await expect(pats.getByTestId('edit-conflict')).toHaveCount(0);
});

test('the second save of the same preferences is refused the same way, and Reload shows the first', async ({
  page,
  host,
}) => {
  const client = await insertManualClient(host.core.db, { displayName: 'Tom Baker' });
  await saveStaffName(host.core.db, host.core.context.computer.id, 'Pat');
  const pats = page;
  const danas = await page.context().newPage();
  await pats.goto(`/#/clients/${client.id}`);
  await danas.goto(`/#/clients/${client.id}`);
  const patsForm = pats.getByTestId('preferences-section');
  const danasForm = danas.getByTestId('preferences-section');
  await danasForm.getByLabel('Preference notes').fill('Texts only, please');

  await patsForm.getByLabel('Receives the newsletter').check();
  await patsForm.getByRole('button', { name: 'Save preferences' }).click();
  await expect(pats.getByText('Preferences saved')).toBeVisible();

  await danasForm.getByRole('button', { name: 'Save preferences' }).click();
  const refused = danasForm.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refused.getByText(/^Pat changed this client's preferences at /)).toBeVisible();
  await expect(danasForm.getByLabel('Preference notes')).toHaveValue('Texts only, please');
  await expect(danasForm.getByLabel('Receives the newsletter')).not.toBeChecked();
  expect(await readPreferences(host.core.db, client.id)).toMatchObject({
    newsletter: true,
    notes: '',
  });

  await refused.getByRole('button', { name: 'Reload' }).click();
  await expect(refused).toBeHidden();
  await expect(danasForm.getByLabel('Receives the newsletter')).toBeChecked();
  await expect(danasForm.getByLabel('Preference notes')).toHaveValue('');
});
