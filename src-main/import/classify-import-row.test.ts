import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportField } from '../../src-shared/contract';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { corpusFile } from './corpus-files';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const preview = (rows: string[][], fields: ImportField[] = ['name', 'email']) =>
  core.call('import.preview', { fields, rows });

describe('classifying import rows (green links, blue creates, red skips with the reason)', () => {
  it('stops calling a row a repeat once the earlier row is unticked', async () => {
    const rows = [
      ['Tom Baker', 'tom@example.com'],
      ['Thomas Baker', ' TOM@example.com'],
    ];
    const both = await preview(rows);
    expect(both.rows[1]).toMatchObject({ color: 'red' });
    expect(both.rows[1]!.reason).toMatch(/Repeated/);

    const firstUnticked = await core.call('import.preview', {
      fields: ['name', 'email'],
      rows,
      excluded: [0],
    });
    expect(firstUnticked.rows[1]).toMatchObject({ color: 'blue', reason: null });
    expect(firstUnticked.counts).toEqual({ green: 0, blue: 1, red: 0, amber: 0 });
  });

  it('marks a row green when its email matches a QuickBooks client, ignoring case and spaces', async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'Willow Creek Farm',
      email: 'office@willowcreek.example',
    });
    const result = await preview([['Willow Creek', '  Office@WillowCreek.EXAMPLE ']]);
    expect(result.rows[0]).toMatchObject({
      color: 'green',
      matchClientId: qb.id,
      matchName: 'Willow Creek Farm',
    });
    expect(result.counts).toEqual({ green: 1, blue: 0, red: 0, amber: 0 });
  });

  it('matches any of the addresses a QuickBooks email field holds', async () => {
    const qb = await insertQuickBooksClient(core.db, {
      displayName: 'The Hollis Family',
      email: 'ann@hollis.example, bob@hollis.example',
    });
    const result = await preview([['Bob Hollis', 'bob@hollis.example']]);
    expect(result.rows[0]).toMatchObject({ color: 'green', matchClientId: qb.id });
  });

  it('links to the one active customer when an inactive one shares the email, and says "inactive" only for an inactive link', async () => {
    const active = await insertQuickBooksClient(core.db, {
      displayName: 'Pemberton Stables',
      email: 'barn@pemberton.example',
    });
    await insertQuickBooksClient(core.db, {
      displayName: 'Old Pemberton',
      email: 'barn@pemberton.example',
      active: false,
      inactiveReason: 'Inactive in QuickBooks',
    });
    const sleepy = await insertQuickBooksClient(core.db, {
      displayName: 'Sleepy Hollow',
      email: 'sleepy@hollow.example',
      active: false,
      inactiveReason: 'Inactive in QuickBooks',
    });
    const result = await preview([
      ['Someone', 'barn@pemberton.example'],
      ['Sleepy', 'sleepy@hollow.example'],
    ]);
    expect(result.rows.map((r) => [r.color, r.matchClientId, r.reason])).toEqual([
      ['green', active.id, null],
      ['green', sleepy.id, 'Inactive in QuickBooks'],
    ]);
  });

  it('asks which one when a row without email has the name of several QuickBooks customers', async () => {
    await insertQuickBooksClient(core.db, { displayName: 'Sam Green', email: null });
    await insertQuickBooksClient(core.db, { displayName: 'Sam Green', email: 'sam@green.example' });
    const result = await preview([['Sam Green', '']]);
    expect(result.rows[0]).toMatchObject({ color: 'amber', matchClientId: null });
    expect(result.rows[0]!.reason).toMatch(/2 QuickBooks customers sharing this name: choose/);
    expect(result.rows[0]!.choices.map((c) => c.note)).toEqual(['same name', 'same name']);
  });

  it('suggests the one customer with the row’s very name when several share its email, yet waits for the bookkeeper', async () => {
    const stables = await insertQuickBooksClient(core.db, {
      displayName: 'Pemberton Stables',
      email: 'barn@pemberton.example',
    });
    const jane = await insertQuickBooksClient(core.db, {
      displayName: 'Jane Pemberton',
      email: 'barn@pemberton.example',
    });
    const rows = [
      ['Jane Pemberton', 'barn@pemberton.example'],
      ['The Pembertons', 'barn@pemberton.example'],
    ];
    const result = await preview(rows);
    // Never a silent pick: the namesake is offered first and pre-selected, the row stays to be confirmed.
    expect(result.rows[0]).toMatchObject({
      color: 'amber',
      matchClientId: null,
      suggestedClientId: jane.id,
      reason:
        '2 QuickBooks customers sharing this email: Jane Pemberton has the same name. Confirm it, choose another, or import as a new client',
    });
    expect(result.rows[0]!.choices).toEqual([
      { clientId: jane.id, name: 'Jane Pemberton', note: 'suggested (same name)' },
      { clientId: stables.id, name: 'Pemberton Stables', note: null },
    ]);
    // A name that is neither customer's: nothing suggested.
    expect(result.rows[1]).toMatchObject({ color: 'amber', suggestedClientId: null });
    expect(result.counts.amber).toBe(2);

    const refused = await core.invoke('import.commit', {
      fields: ['name', 'email'],
      rows,
      fileName: 'x.csv',
    });
    expect(refused.ok).toBe(false);
    // Confirming the suggestion links that row; the other still needs its own answer.
    const confirmed = await core.call('import.preview', {
      fields: ['name', 'email'],
      rows,
      resolutions: [{ index: 0, clientId: jane.id }],
    });
    expect(confirmed.rows[0]).toMatchObject({ color: 'green', matchClientId: jane.id });
    expect(confirmed.rows[1]).toMatchObject({ color: 'amber' });
  });

  it('names a row by its number in the file, as Excel shows it, when it says which row it repeats', async () => {
    const result = await core.call('import.preview', corpusFile('blank-lines-above-header.csv'));
    // Anna Smith is on row 5 of the sheet (blank rows and the title above count); A. Smith on row 8 repeats her email.
    expect(result.rows[2]).toMatchObject({
      color: 'red',
      reason: 'Repeated: same email as row 5',
    });
  });

  it('never links to a client merged here into another one', async () => {
    const kept = await insertQuickBooksClient(core.db, {
      displayName: 'Kept',
      email: 'k@x.example',
    });
    const archived = await insertQuickBooksClient(core.db, {
      displayName: 'Merged Away',
      email: 'm@x.example',
    });
    await core.db
      .updateTable('clients')
      .set({ merged_into_id: kept.id })
      .where('id', '=', archived.id)
      .execute();
    const result = await preview([['Merged', 'm@x.example']]);
    expect(result.rows[0]).toMatchObject({
      color: 'blue',
      matchClientId: null,
      reason:
        'Not linked to Merged Away (merged into another client here): imported as a new client',
    });
  });

  it('marks a row blue when no QuickBooks client has its email', async () => {
    await insertQuickBooksClient(core.db, { email: 'someone@else.example' });
    const result = await preview([['New Person', 'new@person.example']]);
    expect(result.rows[0]).toMatchObject({ color: 'blue', reason: null, matchClientId: null });
  });

  it('builds the name from First and Last name, or the company', async () => {
    const result = await preview(
      [
        ['Anna', 'Smith', '', 'anna@example.com'],
        ['', '', 'Oak Hill Farm', 'oak@example.com'],
      ],
      ['firstName', 'lastName', 'company', 'email'],
    );
    expect(result.rows.map((r) => r.displayName)).toEqual(['Anna Smith', 'Oak Hill Farm']);
    expect(result.rows.map((r) => r.color)).toEqual(['blue', 'blue']);
  });

  it('marks rows red with the reason: missing name, invalid email, repeated in the file, already a manual client', async () => {
    const manual = await insertManualClient(core.db, {
      displayName: 'Maria Lopez',
      email: 'maria@willow.example',
    });
    const result = await preview([
      ['Anna Smith', 'anna@example.com'],
      ['Anna again', ' ANNA@Example.com '],
      ['', 'nobody@example.com'],
      ['Pat Lee', 'pat@@example'],
      ['Maria L.', 'Maria@Willow.example'],
      ['Sam Green', ''],
      ['sam  GREEN', ''],
    ]);
    expect(result.rows.map((r) => [r.color, r.reason])).toEqual([
      ['blue', null],
      ['red', 'Repeated: same email as row 1'],
      ['red', 'Missing name'],
      ['red', 'Not a valid email address: "pat@@example"'],
      ['red', 'Already a manual client: Maria Lopez (same email)'],
      ['blue', null],
      ['red', 'Repeated: same name as row 6 (no email)'],
    ]);
    expect(result.rows[4]!.matchClientId).toBe(manual.id);
    expect(result.counts).toEqual({ green: 0, blue: 2, red: 5, amber: 0 });
  });

  it('never links two rows to the same QuickBooks client', async () => {
    await insertQuickBooksClient(core.db, { displayName: 'Tom Baker', email: 'tom@example.com' });
    const result = await preview([
      ['Tom Baker', 'tom@example.com'],
      ['Tom B', 'TOM@example.com'],
    ]);
    expect(result.rows.map((r) => r.color)).toEqual(['green', 'red']);
    expect(result.rows[1]!.reason).toBe('Repeated: links to the same QuickBooks client as row 1');
  });

  it('links a row without email to the QuickBooks client of the same name rather than duplicate it', async () => {
    const qb = await insertQuickBooksClient(core.db, { displayName: 'Renée Dubois', email: null });
    const result = await preview([['renee dubois', '']]);
    expect(result.rows[0]).toMatchObject({
      color: 'green',
      matchClientId: qb.id,
      reason: 'Matched by name (this row has no email)',
    });
  });

  it('refuses rows whose width does not match the fields', async () => {
    const refused = await core.invoke('import.preview', {
      fields: ['name', 'email'],
      rows: [['only one']],
    });
    expect(refused.ok).toBe(false);
  });
});
