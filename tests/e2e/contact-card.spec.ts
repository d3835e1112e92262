import { insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { saveClientSearchRows } from '../../src-main/db/search-index';
import { expect, test } from './fixtures';

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
]) {
  test(`a QuickBooks client's contact is a compact card at ${viewport.width}×${viewport.height}: links, copy, no empty fields, Horses and Notes in sight`, async ({
    page,
    host,
    context,
  }, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize(viewport);
    const client = await insertQuickBooksClient(host.core.db, {
      qbId: '58',
      displayName: 'Willow Creek Farm',
      givenName: 'Dana',
      familyName: 'Whitfield',
      email: 'office@willowcreek.example',
      phone: '+1 (859) 555-0100 ext. 204',
      billingAddress: {
        street: '4100 Paris Pike',
        city: 'Lexington',
        region: 'KY',
        postalCode: '40511',
        country: 'USA',
      },
    });
    await host.core.db
      .updateTable('clients')
      .set({ other_emails: 'barn@willowcreek.example' })
      .where('id', '=', client.id)
      .execute();
    await saveClientSearchRows(host.core.db, [client.id]);

    await page.goto(`/#/clients/${client.id}`);
    // Never connected here: nothing "arrives with the next sync".
    const alert = page.getByTestId('read-only-alert');
    await expect(alert).toContainText('QuickBooks is disconnected');
    await expect(alert).not.toContainText('next sync');
    const card = page.getByTestId('contact-card');
    await expect(card.getByRole('link', { name: 'office@willowcreek.example' })).toHaveAttribute(
      'href',
      'mailto:office@willowcreek.example',
    );
    await expect(card.getByRole('link', { name: 'barn@willowcreek.example' })).toHaveAttribute(
      'href',
      'mailto:barn@willowcreek.example',
    );
    await expect(card.getByText('Email (primary)')).toBeVisible();
    await expect(card.getByRole('link', { name: '+1 (859) 555-0100 ext. 204' })).toHaveAttribute(
      'href',
      'tel:+18595550100;ext=204',
    );
    await expect(card).toContainText('Dana Whitfield');
    await expect(card).toContainText('4100 Paris Pike');
    // Empty fields are left out, not shown as blank boxes.
    await expect(card.getByText('Mobile', { exact: true })).toHaveCount(0);
    await expect(card.getByText('Company', { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('contact-section').getByRole('textbox')).toHaveCount(0);

    await card.getByRole('button', { name: 'Copy email barn@willowcreek.example' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'barn@willowcreek.example',
    );

    // The whole phone number is on screen, not cut off.
    const phone = card.getByRole('link', { name: '+1 (859) 555-0100 ext. 204' });
    expect(await phone.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // Horses and Notes start within the first screen.
    const horses = await page.getByTestId('horses-section').boundingBox();
    const notes = await page.getByTestId('notes-section').boundingBox();
    expect(horses!.y).toBeLessThan(viewport.height);
    expect(notes!.y).toBeLessThan(viewport.height * 1.6);
    await page.screenshot({
      path: testInfo.outputPath(`profile-${viewport.width}x${viewport.height}.png`),
    });
  });
}
