import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactFields } from '../../src-shared/contract';
import { insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { corpusFile } from './corpus-files';
import { newClientInput } from '../clients/client-fixtures';

/** The email rule an import applies: the same one as the New client form. */

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

describe('email rules of an import', () => {
  it('says word for word what the New client form says for the same address', async () => {
    for (const typed of ['mary smith@example.com', 'ann@hollis.example; bob@hollis.example']) {
      const preview = await core.call('import.preview', {
        fields: ['name', 'email'],
        rows: [['Mary Smith', `  ${typed} `]],
      });
      expect(preview.rows[0]!.color).toBe('red');
      // The New client form shows the contract's own message for its Email box (contact-form.ts).
      const form = ContactFields.safeParse(
        newClientInput({ displayName: 'Mary Smith', email: typed }),
      );
      const formMessage = form.error?.issues.find((i) => i.path[0] === 'email')?.message;
      expect(formMessage).toBeDefined();
      expect(preview.rows[0]!.reason).toBe(formMessage);
      // The core refuses the same address from any caller, with the same words.
      const created = await core.invoke(
        'clients.create',
        newClientInput({ displayName: 'Mary Smith', email: typed }),
      );
      expect(created.ok).toBe(false);
      if (!created.ok) expect(created.error.message).toContain(formMessage);
    }
  });

  it('marks an address with a space inside red instead of removing the space, and trims only the ends', async () => {
    const file = corpusFile('inner-space-email.csv');
    const preview = await core.call('import.preview', file);
    expect(preview.rows.map((r) => [r.displayName, r.color, r.reason])).toEqual([
      ['Mary Smith', 'red', 'Not a valid email address: "mary smith@example.com"'],
      ['Jo Park', 'blue', null],
    ]);
    const summary = await core.call('import.commit', { ...file, fileName: 'spaces.csv' });
    expect(summary).toMatchObject({ created: 1, skipped: 1 });
    const [jo] = (await core.call('clients.list', { search: 'park' })).rows;
    expect(jo!.email).toBe('jo@park.example');
    // Nobody is stored with an address nobody typed.
    expect((await core.call('clients.list', { search: 'marysmith' })).total).toBe(0);
  });

  it('marks two addresses in one cell red: keep one (commas and semicolons alike)', async () => {
    const preview = await core.call('import.preview', corpusFile('two-addresses.csv'));
    expect(preview.rows.map((r) => [r.color, r.reason])).toEqual([
      ['red', 'Two addresses in one cell: keep one ("ann@hollis.example, bob@hollis.example")'],
      [
        'red',
        'Two addresses in one cell: keep one ("carla@diaz.example; carla.work@diaz.example")',
      ],
    ]);
  });

  it("links a cell holding exactly a QuickBooks customer's addresses to that customer", async () => {
    const couple = await insertQuickBooksClient(core.db, {
      displayName: 'Hollis Family',
      email: 'ann@hollis.example, bob@hollis.example',
    });
    const preview = await core.call('import.preview', corpusFile('two-addresses.csv'));
    expect(preview.rows[0]).toMatchObject({ color: 'green', matchClientId: couple.id });
    expect(preview.rows[1]).toMatchObject({ color: 'red' });
  });

  it('imports a German Excel export with its fields where they belong', async () => {
    const file = corpusFile('german-excel.csv');
    const summary = await core.call('import.commit', { ...file, fileName: 'Kunden.csv' });
    expect(summary).toMatchObject({ created: 2, skipped: 0, horsesCreated: 3 });
    const [juergen] = (await core.call('clients.list', { search: 'müller' })).rows;
    const detail = await core.call('clients.get', { id: juergen!.id });
    expect(detail.client).toMatchObject({
      displayName: 'Jürgen Müller',
      companyName: 'Gestüt Müller',
      email: 'juergen@gestuet-mueller.example',
      emails: ['juergen@gestuet-mueller.example'],
      phone: '06221 12345',
      mobile: '0171 2345678',
      billingAddress: {
        street: 'Hauptstraße 5',
        city: 'Heidelberg',
        region: null,
        postalCode: '69117',
        country: 'Deutschland',
      },
    });
    expect(detail.horses.map((h) => h.name).sort()).toEqual(['Blitz', 'Stern']);
  });
});
