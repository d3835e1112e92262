import type { Locator, Page, TestInfo } from '@playwright/test';
import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { connectQuickBooks, expect, test } from './fixtures';

const MINUTE = 60_000;
const LONG_PHONE = '+1 (555) 010-2233 ext. 4567';

/**
 * Why an element's text is not fully on screen, or null when it is: its own box
 * cuts it (an ellipsis), or a clipping ancestor (a table cell, the table) does.
 */
async function clipping(element: Locator): Promise<string | null> {
  return element.evaluate((el) => {
    const inner = el.querySelector('.mantine-Badge-label') ?? el;
    if (inner.scrollWidth > inner.clientWidth + 0.5)
      return `cut: ${inner.scrollWidth}px of text in ${inner.clientWidth}px`;
    const box = el.getBoundingClientRect();
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflow === 'visible') continue;
      const frame = up.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5)
        return `outside its ${up.className || up.tagName}: ${box.left}–${box.right} vs ${frame.left}–${frame.right}`;
    }
    if (box.right > window.innerWidth) return `past the window: ${box.right}px`;
    return null;
  });
}

async function expectWhole(element: Locator, text: string | RegExp): Promise<void> {
  await expect(element).toHaveText(text);
  expect(await clipping(element)).toBeNull();
}

/** Kept beside the test's other artifacts and listed in the report. */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const sizes = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

test('at 1440×900, 1280×720 and 1024×768 no badge, phone or "Synced … ago" is cut, and the clients table never scrolls sideways', async ({
  page,
  host,
  sandbox,
}, testInfo) => {
  await connectQuickBooks(page);
  // A run with errors, for the longest status badge in the Sync Log.
  sandbox.admin.advanceClock(MINUTE);
  sandbox.admin.createCustomer({ DisplayName: '' });
  sandbox.admin.advanceClock(MINUTE);
  await host.core.sync.run('manual');
  await insertQuickBooksClient(host.core.db, {
    displayName: 'Aardvark Hollow Equestrian Center',
    companyName: 'Aardvark Hollow Equestrian Center LLC',
    email: 'front-office.bookings@aardvarkhollow-equestrian.example',
    phone: LONG_PHONE,
    lastSyncedAt: new Date(Date.now() - 15 * MINUTE).toISOString(),
  });

  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto('/#/clients');
    const table = page.getByTestId('clients-table');
    const rows = page.getByTestId('client-row');
    await expect(rows.first()).toContainText('Aardvark Hollow Equestrian Center');

    // No sideways scroll; "Last synced" is on screen.
    const scroller = table.locator('> div').first();
    const widths = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(widths[0], `sideways scroll at ${size.width}`).toBeLessThanOrEqual(widths[1]!);
    await expectWhole(table.getByRole('columnheader', { name: 'Last synced' }), 'Last synced');

    const first = rows.first();
    await expectWhole(first.getByTestId('badge-quickbooks'), 'From QuickBooks');
    await expectWhole(first.getByText('Synced 15 minutes ago'), 'Synced 15 minutes ago');
    await expectWhole(first.getByText(LONG_PHONE).locator('visible=true'), LONG_PHONE);
    for (const badge of await page.getByTestId('badge-quickbooks').all())
      await expectWhole(badge, 'From QuickBooks');
    await attachScreenshot(page, testInfo, `clients-${size.width}x${size.height}.png`);

    await page.goto('/#/settings/integrations/sync-log');
    const badges = page.getByTestId('run-result-badge');
    await expect(badges).toHaveCount(2);
    await expectWhole(badges.nth(0), 'Finished with errors');
    await expectWhole(badges.nth(1), 'Success');
    await attachScreenshot(page, testInfo, `sync-log-${size.width}x${size.height}.png`);
  }
});
