import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ImportResolution,
  MethodInput,
  MethodOutput,
  Method,
} from '../../src-shared/contract';
import { up as addOtherEmails } from '../db/migrations/0008-client-other-emails';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { corpusFile } from './corpus-files';
import { DATA_FILE_NAME } from '../core';
import type { Database } from '../db/schema';
import { testsUsePostgres } from '../db/testing/test-database';
import { openCoreDatabase } from '../sync/sync-test-support';
import { newClientInput } from '../clients/client-fixtures';

/**
 * Matching you can trust: a barn's QuickBooks company (the local sandbox,
 * synced over real HTTP) and the CSV files it would import, read the way the
 * wizard reads them.
 */

const MINUTE = 60_000;
let s: SandboxedCore | null = null;

afterEach(async () => {
  await s?.dispose();
  s = null;
});

async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const answer = await s!.core.dispatcher.invoke(method, input);
  if (!answer.ok) throw new Error(`${method} was refused: ${answer.error.message}`);
  return answer.value as MethodOutput<M>;
}

/** The barn's QuickBooks company, connected and synced once. */
async function barnCompany() {
  s = await createSandboxedCore({ sandbox: { customers: 3, seed: 14 } });
  const { admin } = s.sandbox;
  const hollis = admin.createCustomer({
    DisplayName: 'Hollis Family',
    PrimaryEmailAddr: { Address: 'ann@hollis.example, bob@hollis.example' },
  });
  const stables = admin.createCustomer({
    DisplayName: 'Pemberton Stables',
    PrimaryEmailAddr: { Address: 'barn@pemberton.example' },
  });
  const jane = admin.createCustomer({
    DisplayName: 'Jane Pemberton',
    PrimaryEmailAddr: { Address: 'barn@pemberton.example' },
    Job: true,
    ParentRef: { value: stables.Id },
  });
  const renee = admin.createCustomer({
    DisplayName: 'Renée Dubois',
    PrimaryEmailAddr: { Address: 'renee@example.com' },
  });
  admin.deactivateCustomer(renee.Id);
  const gone = admin.createCustomer({
    DisplayName: 'Gone Rider',
    PrimaryEmailAddr: { Address: 'gone@rider.example' },
  });
  const mergedAway = admin.createCustomer({
    DisplayName: 'Old Oak Farm',
    PrimaryEmailAddr: { Address: 'office@oldoak.example' },
  });
  const survivor = admin.createCustomer({
    DisplayName: 'Oak Farm Holdings',
    PrimaryEmailAddr: { Address: 'accounts@oakholdings.example' },
  });
  const synced = new Promise<void>((resolve) => {
    const stop = s!.core.events.subscribe((event) => {
      if (event !== 'sync.finished') return;
      stop();
      resolve();
    });
  });
  await s.connect();
  await synced;
  admin.advanceClock(MINUTE);
  admin.deleteCustomer(gone.Id);
  admin.mergeCustomers(mergedAway.Id, survivor.Id);
  admin.advanceClock(MINUTE);
  await s.core.sync.run('manual');
  const idOf = async (name: string) => {
    const listed = [
      ...(await call('clients.list', { search: name, status: 'active' })).rows,
      ...(await call('clients.list', { search: name, status: 'inactive' })).rows,
    ];
    return listed.find((r) => r.displayName === name)!.id;
  };
  return {
    hollis: await idOf(hollis.DisplayName!),
    stables: await idOf(stables.DisplayName!),
    jane: await idOf(jane.DisplayName!),
    renee: await idOf(renee.DisplayName!),
  };
}

describe('matching import rows to QuickBooks customers you can trust', () => {
  it("keeps every address of a QuickBooks customer's email box and matches, finds and pairs on each", async () => {
    const ids = await barnCompany();
    const detail = await call('clients.get', { id: ids.hollis });
    expect(detail.client.email).toBe('ann@hollis.example');
    expect(detail.client.emails).toEqual(['ann@hollis.example', 'bob@hollis.example']);

    // Search finds the couple by the second address.
    const found = await call('clients.list', { search: 'bob@hollis' });
    expect(found.rows.map((r) => r.id)).toEqual([ids.hollis]);

    // A CSV row with the second address links to the couple instead of creating a duplicate.
    const preview = await call('import.preview', {
      fields: ['name', 'email'],
      rows: [['Bob Hollis', 'bob@hollis.example']],
    });
    expect(preview.rows[0]).toMatchObject({ color: 'green', matchClientId: ids.hollis });

    // A custom client with the second address is a possible duplicate of the couple.
    const bob = await call(
      'clients.create',
      newClientInput({ displayName: 'Bob H.', email: 'Bob@Hollis.example' }),
    );
    const pairs = await call('duplicates.list', {});
    expect(pairs.pairs).toContainEqual(
      expect.objectContaining({
        quickbooks: expect.objectContaining({ id: ids.hollis }),
        manual: expect.objectContaining({ id: bob.id }),
        reasons: ['email'],
      }),
    );
    const merge = await call('duplicates.mergePreview', {
      quickbooksClientId: ids.hollis,
      manualClientId: bob.id,
    });
    expect(merge.reasons).toEqual(['email']);
  }, 60_000);

  it("imports QuickBooks' own Customer Contact List export: title and footer lines are not clients, a shared email waits for the bookkeeper", async () => {
    const ids = await barnCompany();
    const file = corpusFile('quickbooks-contact-list.csv');
    expect(file.table.headerRow).toBe(2);
    expect(file.table.rows.map((r) => r[0])).toEqual([
      'Hollis Family',
      'Pemberton Stables',
      'Renée Dubois',
    ]);

    const preview = await call('import.preview', { fields: file.fields, rows: file.rows });
    expect(preview.rows.map((r) => r.color)).toEqual(['green', 'amber', 'green']);
    // The couple's cell holds both of its QuickBooks addresses: that customer, no guess.
    expect(preview.rows[0]).toMatchObject({ matchClientId: ids.hollis });
    // Two active customers share barn@pemberton.example: nobody is picked by chance.
    expect(preview.rows[1]).toMatchObject({ matchClientId: null });
    // The row's name is the parent's very name: it is suggested for a one-click confirm, not taken.
    expect(preview.rows[1]!.reason).toMatch(
      /2 QuickBooks customers sharing this email: Pemberton Stables has the same name\. Confirm it/,
    );
    expect(preview.rows[1]!.suggestedClientId).toBe(ids.stables);
    expect(preview.rows[1]!.choices).toEqual([
      { clientId: ids.stables, name: 'Pemberton Stables', note: 'suggested (same name)' },
      { clientId: ids.jane, name: 'Jane Pemberton', note: 'sub-customer' },
    ]);
    // A link to an inactive customer says so.
    expect(preview.rows[2]).toMatchObject({
      matchClientId: ids.renee,
      reason: 'Inactive in QuickBooks',
    });
    expect(preview.counts).toEqual({ green: 2, blue: 0, red: 0, amber: 1 });

    const commit = (resolutions: ImportResolution[]) =>
      s!.core.dispatcher.invoke('import.commit', {
        fields: file.fields,
        rows: file.rows,
        fileName: 'Customer Contact List.csv',
        numbering: file.numbering,
        resolutions,
      });
    const refused = await commit([]);
    expect(refused.ok).toBe(false);
    // Named by its row in the sheet: the Pemberton row is row 6 (title, blank row and header above).
    if (!refused.ok) expect(refused.error.message).toMatch(/^Row 6 shares its email/);
    expect((await call('import.history', {})).length).toBe(0);

    const toJane = await call('import.preview', {
      fields: file.fields,
      rows: file.rows,
      resolutions: [{ index: 1, clientId: ids.jane }],
    });
    expect(toJane.rows[1]).toMatchObject({ color: 'green', matchClientId: ids.jane });
    expect(toJane.rows[1]!.reason).toMatch(/Your choice of 2 QuickBooks customers/);

    const asNew = await call('import.preview', {
      fields: file.fields,
      rows: file.rows,
      resolutions: [{ index: 1, clientId: null }],
    });
    expect(asNew.rows[1]).toMatchObject({ color: 'blue', matchClientId: null });

    const done = await commit([{ index: 1, clientId: ids.jane }]);
    expect(done.ok && done.value).toMatchObject({ linked: 3, created: 0, skipped: 0 });
  }, 60_000);

  it('never links a row to a customer deleted or merged in QuickBooks, and names it', async () => {
    await barnCompany();
    const preview = await call('import.preview', {
      fields: ['name', 'email'],
      rows: [
        ['Gone Rider', 'gone@rider.example'],
        ['Old Oak', 'office@oldoak.example'],
      ],
    });
    expect(preview.rows.map((r) => [r.color, r.matchClientId, r.reason])).toEqual([
      [
        'blue',
        null,
        'Not linked to Gone Rider (deleted or merged in QuickBooks): imported as a new client',
      ],
      [
        'blue',
        null,
        'Not linked to Old Oak Farm (deleted or merged in QuickBooks): imported as a new client',
      ],
    ]);
  }, 60_000);

  it('gives a couple synced before this version its other addresses at the next sync', async () => {
    const ids = await barnCompany();
    // The database as the version before left it: one address, no other_emails, a full pass just done.
    await s!.core.close();
    // SQLite: a plain connection (the app's own caches statements across the schema change).
    const before = testsUsePostgres()
      ? (await openCoreDatabase(s!.dataDir)).db
      : new Kysely<Database>({
          dialect: new SqliteDialect({ database: new SQLite(join(s!.dataDir, DATA_FILE_NAME)) }),
        });
    await before.schema.alterTable('clients').dropColumn('other_emails').execute();
    await before
      .updateTable('sync_state')
      .set({ last_full_at: new Date().toISOString() })
      .execute();
    // Then the upgrade step runs on it.
    await addOtherEmails(before as unknown as Kysely<unknown>);
    await before.destroy();
    await s!.restart();
    expect((await call('clients.get', { id: ids.hollis })).client.emails).toEqual([
      'ann@hollis.example',
    ]);

    await s!.core.sync.run('manual');
    expect((await call('clients.get', { id: ids.hollis })).client.emails).toEqual([
      'ann@hollis.example',
      'bob@hollis.example',
    ]);
  }, 60_000);
});
