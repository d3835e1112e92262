import { afterEach, describe, expect, it } from 'vitest';
import type { ClientHistoryEntry } from '../../src-shared/contract';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { importEntries, mergeNewestFirst, syncEntries } from './client-history';
import { describeSyncChanges } from './sync-changes';

const MINUTE = 60_000;
let current: SandboxedCore | null = null;

afterEach(async () => {
  await current?.dispose();
  current = null;
});

async function connected(): Promise<SandboxedCore> {
  const s = await createSandboxedCore({ sandbox: { customers: 12, seed: 5 } });
  current = s;
  await s.connect();
  await s.core.sync.run('manual');
  return s;
}

async function clientByQbId(s: SandboxedCore, qbId: string): Promise<number> {
  const row = await s.core.db
    .selectFrom('clients')
    .select('id')
    .where('qb_id', '=', qbId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function history(s: SandboxedCore, id: number): Promise<ClientHistoryEntry[]> {
  const detail = await s.core.dispatcher.invoke('clients.get', { id });
  if (!detail.ok) throw new Error(detail.error.message);
  return detail.value.activity;
}

describe("a client's history", () => {
  it('says what a sync changed on the client, old → new, newest first', async () => {
    const s = await connected();
    const admin = s.sandbox.admin;
    const customer = admin.listCustomers().find((c) => c.Active && !c.Job && c.PrimaryPhone)!;
    const id = await clientByQbId(s, customer.Id);
    const oldPhone = customer.PrimaryPhone!.FreeFormNumber!;

    admin.advanceClock(5 * MINUTE);
    admin.updateCustomer(customer.Id, { PrimaryPhone: { FreeFormNumber: '(555) 010-7777' } });
    admin.advanceClock(MINUTE);
    await s.core.sync.run('manual');
    admin.advanceClock(MINUTE);
    admin.deactivateCustomer(customer.Id);
    admin.advanceClock(MINUTE);
    await s.core.sync.run('manual');

    const lines = await history(s, id);
    expect(lines.map((l) => l.summary)).toEqual([
      'Made inactive in QuickBooks; horses and notes kept',
      `Phone updated from QuickBooks: ${oldPhone} → (555) 010-7777`,
      'Added from QuickBooks',
    ]);
    expect(lines[1]).toMatchObject({ actor: 'QuickBooks sync', source: 'sync' });
    expect(lines[1]!.syncRunId).not.toBeNull();
  });

  it('shows a client deleted in QuickBooks, and active again', async () => {
    const s = await connected();
    const admin = s.sandbox.admin;
    const [gone, back] = admin.listCustomers().filter((c) => !c.Job);
    const goneId = await clientByQbId(s, gone!.Id);
    admin.advanceClock(5 * MINUTE);
    admin.deleteCustomer(gone!.Id);
    if (back!.Active) admin.deactivateCustomer(back!.Id);
    admin.advanceClock(MINUTE);
    await s.core.sync.run('manual');
    admin.advanceClock(MINUTE);
    admin.reactivateCustomer(back!.Id);
    admin.advanceClock(MINUTE);
    await s.core.sync.run('manual');

    expect((await history(s, goneId))[0]!.summary).toMatch(
      /^Deleted .*in QuickBooks; kept here as inactive$/,
    );
    expect((await history(s, await clientByQbId(s, back!.Id)))[0]!.summary).toBe(
      'Active again in QuickBooks',
    );
  });

  it('says an import linked the client, with what it brought, beside staff actions', async () => {
    const s = await connected();
    const customers = s.sandbox.admin.listCustomers();
    const firstEmail = (c: (typeof customers)[number]) =>
      c.PrimaryEmailAddr?.Address?.split(',')[0]?.trim().toLowerCase() ?? '';
    // A row whose email one customer alone holds links; a shared one waits for a choice.
    const customer = customers.find(
      (c) =>
        c.Active &&
        !c.Job &&
        firstEmail(c) !== '' &&
        customers.filter((o) =>
          (o.PrimaryEmailAddr?.Address ?? '').toLowerCase().includes(firstEmail(c)),
        ).length === 1,
    )!;
    const id = await clientByQbId(s, customer.Id);
    const imported = await s.core.dispatcher.invoke('import.commit', {
      fileName: 'barn-list.csv',
      fields: ['name', 'email', 'horses', 'notes'],
      rows: [[customer.DisplayName!, firstEmail(customer), 'Biscuit; Star', 'Pays by check']],
      excluded: [],
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const note = await s.core.dispatcher.invoke('notes.add', {
      clientId: id,
      body: 'Called about shoes',
    });
    if (!note.ok) throw new Error(note.error.message);

    const lines = await history(s, id);
    expect(lines.map((l) => [l.source, l.summary])).toEqual([
      ['staff', `Added a note to ${customer.DisplayName!}`],
      ['import', 'Linked by importing barn-list.csv, with horses Biscuit, Star and 1 note'],
      ['sync', 'Added from QuickBooks'],
    ]);
  });
});

describe('what a sync changed, field by field', () => {
  it('reads an address as one value and leaves unchanged fields out', () => {
    const before = {
      phone: '555 0100',
      billing_street: '1 Barn Rd',
      billing_city: 'Ocala',
      email: 'a@x.com',
    };
    const after = {
      phone: '555 0100',
      billing_street: '9 Hay St',
      billing_city: 'Ocala',
      email: 'a@x.com',
      other_emails: 'b@x.com',
    };

    expect(describeSyncChanges(before, after)).toEqual([
      { label: 'email', before: 'a@x.com', after: 'a@x.com, b@x.com' },
      { label: 'billing address', before: '1 Barn Rd, Ocala', after: '9 Hay St, Ocala' },
    ]);
  });
});

describe('merging the history sources', () => {
  const entry = (key: string, at: string): ClientHistoryEntry => ({
    key,
    at,
    actor: 'x',
    source: 'staff',
    action: 'a',
    summary: key,
    syncRunId: null,
  });

  it('puts the newest first across sources and keeps each source’s order at the same moment', () => {
    const merged = mergeNewestFirst(
      [
        [
          entry('staff-2', '2026-03-02T10:00:00.000Z'),
          entry('staff-1', '2026-03-01T10:00:00.000Z'),
        ],
        [
          entry('sync-9-0', '2026-03-02T10:00:00.000Z'),
          entry('sync-9-1', '2026-03-02T10:00:00.000Z'),
        ],
        [entry('import-1', '2026-03-03T09:00:00.000Z')],
      ],
      4,
    );
    expect(merged.map((e) => e.key)).toEqual(['import-1', 'staff-2', 'sync-9-0', 'sync-9-1']);
  });
});

describe('sync and import lines in words', () => {
  const line = { id: 7, run_id: 3, at: '2026-03-02T10:00:00.000Z', message: '', changes: null };

  it('says when a field was added or removed in QuickBooks, and reads an old line without values', () => {
    const changes = JSON.stringify([
      { label: 'mobile', before: null, after: '555 0199' },
      { label: 'email', before: 'a@x.com', after: null },
    ]);
    expect(
      syncEntries({ ...line, action: 'updated', message: 'Updated mobile, email', changes }).map(
        (e) => e.summary,
      ),
    ).toEqual([
      'Mobile added from QuickBooks: 555 0199',
      'Email removed in QuickBooks (was a@x.com)',
    ]);
    expect(
      syncEntries({ ...line, action: 'updated', message: 'Updated phone' }).map((e) => e.summary),
    ).toEqual(['Updated from QuickBooks: phone']);
  });

  it('names a sync error and keeps the run to open', () => {
    const [entry] = syncEntries({ ...line, action: 'error', message: 'The customer has no name' });
    expect(entry).toMatchObject({
      summary: 'Not updated by the sync: The customer has no name',
      syncRunId: 3,
      actor: 'QuickBooks sync',
    });
  });

  it('says an import created the client, and that the import was undone since', () => {
    const batch = {
      batch_id: 4,
      file_name: 'old-list.csv',
      actor: 'Jane Miller',
      imported_at: '2026-03-01T09:00:00.000Z',
      undone_at: '2026-03-01T10:00:00.000Z',
    };
    expect(
      importEntries([
        { ...batch, kind: 'client', horse_name: null },
        { ...batch, kind: 'link', horse_name: 'Pepper' },
        { ...batch, kind: 'note', horse_name: null },
        { ...batch, kind: 'note', horse_name: null },
      ]),
    ).toEqual([
      {
        key: 'import-4',
        at: batch.imported_at,
        actor: 'Jane Miller',
        source: 'import',
        action: 'import.created',
        summary:
          'Created by importing old-list.csv, with horse Pepper and 2 notes (import undone since)',
        syncRunId: null,
      },
    ]);
  });
});
