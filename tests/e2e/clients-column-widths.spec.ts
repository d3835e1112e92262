import type { Locator } from '@playwright/test';
import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { expect, test } from './fixtures';

async function widthOf(element: Locator): Promise<number> {
  const box = await element.boundingBox();
  if (!box) throw new Error('not on screen');
  return Math.round(box.width);
}

/** The table's scroller is its first child (ClientsTable.tsx). */
async function scrollsSideways(table: Locator): Promise<boolean> {
  return table.evaluate((el) => {
    const scroller = el.firstElementChild as HTMLElement;
    return scroller.scrollWidth > scroller.clientWidth + 0.5;
  });
}

test('a Clients column dragged or moved with the keyboard keeps its width after a reload', async ({
  page,
  host,
}) => {
  // An office monitor: room for a wider column. In a smaller window the other columns
  // give way only down to what keeps their badges and phone numbers whole.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await insertManualClient(host.core.db, {
    displayName: 'Aardvark Hollow Equestrian Center',
    email: 'office@aardvark-hollow.example',
  });
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  const nameHeader = page.getByRole('columnheader', { name: /name/i });
  const emailHeader = page.getByRole('columnheader', { name: /email/i });
  const nameBefore = await widthOf(nameHeader);

  // Drag the Name header's right edge 120 px to the right.
  const handle = page.getByRole('separator', { name: 'Resize the Name column' });
  const grip = (await handle.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 60, grip.y + grip.height / 2, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 + 120, grip.y + grip.height / 2, { steps: 4 });
  await page.mouse.up();
  const nameAfter = await widthOf(nameHeader);
  expect(Math.abs(nameAfter - (nameBefore + 120))).toBeLessThanOrEqual(2);
  // The rows follow their header, and a drag does not sort.
  const firstCell = page.getByTestId('client-row').first().getByRole('cell').first();
  expect(await widthOf(firstCell)).toBe(nameAfter);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

  // The keyboard: Tab to the Email column's edge, two steps narrower.
  const emailHandle = page.getByRole('separator', { name: 'Resize the Email column' });
  await emailHandle.focus();
  const emailBefore = await widthOf(emailHeader);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => widthOf(emailHeader)).toBe(emailBefore - 32);
  await expect(emailHandle).toHaveAttribute('aria-valuenow', String(emailBefore - 32));

  // Not narrower than the column's minimum, however often it is pressed.
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => widthOf(emailHeader)).toBe(140);

  await page.reload();
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect.poll(() => widthOf(nameHeader)).toBe(nameAfter);
  await expect.poll(() => widthOf(emailHeader)).toBe(140);
  // Nothing scrolls sideways with the wider Name column.
  expect(await scrollsSideways(page.getByTestId('clients-table'))).toBe(false);
});

test('a width saved in a wide window gives way in a narrow one instead of scrolling sideways', async ({
  page,
  host,
}) => {
  await insertManualClient(host.core.db, { displayName: 'Birch Barn', email: 'amy@birch.example' });
  await host.core.dispatcher.invoke('layout.save', {
    table: 'clients',
    columnWidths: { name: 600, email: 600, phone: 600 },
  });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/#/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  expect(await scrollsSideways(page.getByTestId('clients-table'))).toBe(false);
  await expect(page.getByRole('columnheader', { name: 'Last synced' })).toBeInViewport({
    ratio: 1,
  });
});
