import { expect, test } from './fixtures';

test.use({ setUp: false });

test('the first start asks for the organization, your name and a time zone found by city; then the app opens with them', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const setup = page.getByTestId('first-run-form');
  await expect(page.getByRole('heading', { name: 'Welcome to EquineOps' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  // Not skippable: nothing typed, nothing saved.
  await setup.getByRole('button', { name: 'Start using EquineOps' }).click();
  await expect(setup.getByText('Organization name is required')).toBeVisible();
  await expect(setup.getByText('Your name is required')).toBeVisible();

  await setup.getByLabel('Organization name').fill('Sunny Acres Stables');
  await setup.getByLabel('Your name').fill('Jane Miller');
  const zone = setup.getByRole('combobox', { name: 'Time zone' });
  await zone.click();
  await zone.fill('New York');
  const option = page.getByRole('option', {
    name: /^America\/New_York — Eastern Time \(UTC−0[45]:00\)$/,
  });
  await expect(option).toBeVisible();
  await option.click();
  await zone.click();
  await zone.fill('CET');
  await expect(page.getByRole('option').first()).toHaveText(
    /^Europe\/Berlin — Central European Time/,
  );
  await page.getByRole('option').first().click();
  await page.screenshot({ path: testInfo.outputPath('first-run.png') });
  await setup.getByRole('button', { name: 'Start using EquineOps' }).click();

  await expect(page.getByTestId('org-name')).toHaveText('Sunny Acres Stables');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // The keyboard starts at the page's title, not lost on the page body.
  await expect(page.getByRole('heading', { name: 'Clients', level: 2 })).toBeFocused();

  // Staff work is signed with the name given, not the computer's account.
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByTestId('new-client-form');
  await form.getByLabel('Display name').fill('Tom Baker');
  await form.getByRole('button', { name: 'Create client' }).click();
  await page.getByLabel('New staff note').fill('First note');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('staff-note')).toContainText('Jane Miller');
  await expect(page.getByTestId('activity-entry').first()).toContainText('Jane Miller');

  // Shown once: a reload goes straight to the app, and Settings → General holds the same answers.
  await page.goto('/#/settings');
  await page.reload();
  await expect(page.getByTestId('org-name')).toHaveText('Sunny Acres Stables');
  await expect(page.getByLabel('Organization name')).toHaveValue('Sunny Acres Stables');
  await expect(page.getByLabel('Your name')).toHaveValue('Jane Miller');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/^Europe\/Berlin/);

  // Reopened, the list starts at the chosen zone (far down the list), marked as chosen, and the
  // arrow keys go on from it; Escape leaves the choice as it was.
  await page.getByRole('combobox', { name: 'Time zone' }).click();
  const chosen = page.getByRole('option', { name: /^Europe\/Berlin/ });
  await expect(chosen).toBeInViewport();
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(chosen.locator('xpath=following-sibling::*[1]')).toHaveAttribute(
    'data-combobox-selected',
    'true',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/^Europe\/Berlin/);

  // A refused save says why and puts the cursor there; nothing is saved.
  const settings = page.getByTestId('settings-form');
  await settings.getByLabel('Organization name').fill('');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByText('Organization name is required')).toBeVisible();
  await expect(settings.getByLabel('Organization name')).toBeFocused();
  await expect(page.getByTestId('org-name')).toHaveText('Sunny Acres Stables');
});
