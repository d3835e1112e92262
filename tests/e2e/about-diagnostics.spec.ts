import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { BUNDLE_FILES } from '../../src-main/diagnostics/support-bundle';
import { openFileLog } from '../../src-main/logging/file-log';
import { writeSettings } from '../../src-main/settings/settings-repository';
import { expect, test } from './fixtures';

// Shaped like an Intuit refresh token, so only the redaction keeps it out of the bundle.
const REFRESH_TOKEN = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';

test('Settings → About shows the version, the folders and the licenses, and saves the diagnostics zip', async ({
  page,
  host,
  dataDir,
}, testInfo) => {
  openFileLog(join(dataDir, 'logs')).write('error', `Token refresh failed: ${REFRESH_TOKEN}`);
  await writeSettings(host.core.db, { 'quickbooks.refreshToken': REFRESH_TOKEN });

  await page.goto('/#/settings');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'About' }).click();
  await expect(page).toHaveURL(/#\/settings\/about$/);
  await expect(page.getByRole('heading', { name: 'About', level: 2 })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('heading', { name: /^EquineOps Client Sync \d+\.\d+\.\d+/ }),
  ).toBeVisible();
  await expect(page.getByTestId('about-data-folder')).toHaveText(dataDir);
  await expect(page.getByTestId('about-log-folder')).toHaveText(join(dataDir, 'logs'));

  const licenses = page.getByRole('table', { name: 'Open-source libraries' });
  await page.getByLabel('Find a library').fill('better-sqlite3');
  await expect(licenses.getByRole('row', { name: /^better-sqlite3 \S+ MIT$/ })).toBeVisible();
  await page.getByLabel('Find a library').fill('no-such-library');
  await expect(page.getByText('No library matches')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save diagnostics…' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^equineops-diagnostics-.*\.zip$/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved equineops-diagnostics-' }),
  ).toBeVisible();
  const path = testInfo.outputPath('diagnostics.zip');
  await saved.saveAs(path);
  const files = unzipSync(readFileSync(path));
  expect(Object.keys(files).sort()).toEqual([...BUNDLE_FILES].sort());
  expect(strFromU8(files['log.txt']!)).toContain('Token refresh failed: [redacted]');
  for (const [name, bytes] of Object.entries(files)) {
    expect(strFromU8(bytes), name).not.toContain(REFRESH_TOKEN);
  }
});
