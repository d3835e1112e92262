import { AppError } from '../../src-main/errors';
import type { SecretStore } from '../../src-main/platform/ports';
import { expect, test as base } from './fixtures';

/** A computer whose keychain is locked or missing: every call is refused, as keytar's store refuses it. */
const lockedKeychain: SecretStore = {
  get: () => Promise.reject(locked()),
  set: () => Promise.reject(locked()),
  delete: () => Promise.reject(locked()),
};

function locked(): AppError {
  return new AppError(
    'keychain_unavailable',
    'The system keychain is not available, so QuickBooks cannot be connected. Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and try again.',
  );
}

const test = base.extend<{ secrets: SecretStore }>({
  // eslint-disable-next-line no-empty-pattern
  secrets: async ({}, use) => use(lockedKeychain),
});

test('a connect error stays on the QuickBooks card with what to do, and Try again asks again', async ({
  page,
}, testInfo) => {
  await page.goto('/#/settings/integrations');
  const card = page.getByRole('region', { name: 'QuickBooks Online' });
  await card.getByRole('button', { name: 'Connect to QuickBooks' }).click();

  const error = card.getByTestId('connect-error');
  await expect(error).toContainText('QuickBooks was not connected');
  await expect(error).toContainText('The system keychain is not available');
  await expect(error).toContainText('Once it is unlocked or set up, click Try again');
  await page.screenshot({ path: testInfo.outputPath('connect-error.png'), fullPage: true });

  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(error).toBeVisible();
  await expect(card.getByText('Not connected', { exact: true })).toBeVisible();
});
