import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { SyncService } from './sync-service';
import {
  accountingRequests,
  clientWritesMark,
  differencesFromQuickBooks,
} from './sync-test-support';
import type { SyncRun } from '../../src-shared/contract';
import { newClientInput } from '../clients/client-fixtures';

const MINUTE = 60_000;
let current: SandboxedCore | null = null;

afterEach(async () => {
  await current?.dispose();
  current = null;
});

/** A core connected to a sandbox company, once the initial sync that connecting starts has ended. */
async function connected(customers: number): Promise<SandboxedCore & { initial: SyncRun }> {
  const s = await createSandboxedCore({ sandbox: { customers, seed: 7 } });
  current = s;
  return Object.assign(s, { initial: await s.connectAndSync() });
}

async function clientsSnapshot(s: SandboxedCore): Promise<string> {
  const rows = await s.core.db.selectFrom('clients').selectAll().orderBy('id').execute();
  return JSON.stringify(rows);
}

async function addManualClientWithHorseAndNote(s: SandboxedCore): Promise<number> {
  const created = await s.core.dispatcher.invoke(
    'clients.create',
    newClientInput({
      displayName: 'Hand Made Farm',
      givenName: 'Hana',
      familyName: 'Made',
      email: 'hana@example.com',
      phone: '555-0100',
    }),
  );
  if (!created.ok) throw new Error(created.error.message);
  const horse = await s.core.dispatcher.invoke('horses.create', {
    name: 'Biscuit',
    breed: null,
    color: null,
    birthYear: null,
  });
  if (!horse.ok) throw new Error(horse.error.message);
  const link = await s.core.dispatcher.invoke('horses.link', {
    clientId: created.value.id,
    horseId: horse.value.id,
    role: 'Owner',
  });
  if (!link.ok) throw new Error(link.error.message);
  const note = await s.core.dispatcher.invoke('notes.add', {
    clientId: created.value.id,
    body: 'Prefers morning calls',
  });
  if (!note.ok) throw new Error(note.error.message);
  return created.value.id;
}

async function manualClientState(s: SandboxedCore, id: number): Promise<string> {
  const client = await s.core.db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const horses = await s.core.db
    .selectFrom('client_horses')
    .selectAll()
    .where('client_id', '=', id)
    .execute();
  const notes = await s.core.db
    .selectFrom('staff_notes')
    .selectAll()
    .where('client_id', '=', id)
    .execute();
  return JSON.stringify({ client, horses, notes });
}

describe('customer sync with QuickBooks', () => {
  it('brings in all 5,000 customers right after connecting, inactive ones stored inactive and sub-customers under their parent', async () => {
    const s = await connected(5000);
    const run = s.initial;
    expect(run.trigger).toBe('initial');
    expect(run.kind).toBe('full');
    expect(run.result).toBe('success');
    expect(run.counts.created).toBe(5000);
    expect(await differencesFromQuickBooks(s.core.db, s.sandbox.admin, s.sandbox.realmId)).toEqual(
      [],
    );
    const inactive = await s.core.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(inactive.n)).toBe(
      s.sandbox.admin.listCustomers().filter((c) => !c.Active).length,
    );
    const withParent = await s.core.db
      .selectFrom('clients')
      .select('id')
      .where('parent_id', 'is not', null)
      .execute();
    expect(withParent.length).toBeGreaterThan(0);
    const stats = s.sandbox.admin.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(10);
    expect(stats.maxPerMinute).toBeLessThanOrEqual(500);
    // The search index follows: a synced customer is found by name.
    const someone = s.sandbox.admin.listCustomers().find((c) => c.Active && c.FamilyName)!;
    const found = await s.core.dispatcher.invoke('clients.list', { search: someone.DisplayName });
    expect(found.ok && found.value.rows.some((r) => r.qbId === someone.Id)).toBe(true);
    const activity = await s.core.db
      .selectFrom('activity')
      .selectAll()
      .where('action', '=', 'sync.run')
      .execute();
    expect(activity).toHaveLength(1);
  });

  it('after creates, edits, deactivations, reactivations, deletions and merges in QuickBooks, a sync makes the clients equal again in at most 2 calls, leaving manual clients, horses and notes alone', async () => {
    const s = await connected(5000);
    const manualId = await addManualClientWithHorseAndNote(s);
    const manualBefore = await manualClientState(s, manualId);
    const admin = s.sandbox.admin;
    const all = admin.listCustomers();
    const active = all.filter((c) => c.Active && !c.Job);
    const inactive = all.filter((c) => !c.Active);

    admin.advanceClock(5 * MINUTE);
    for (let i = 0; i < 150; i++)
      admin.createCustomer({
        DisplayName: `New Rider ${i}`,
        GivenName: 'New',
        FamilyName: `Rider ${i}`,
        PrimaryEmailAddr: { Address: `rider${i}@example.com, second@example.com` },
      });
    admin.createCustomer({ DisplayName: 'Pony Club Junior', ParentRef: { value: active[0]!.Id } });
    admin.advanceClock(MINUTE);
    for (const c of active.slice(10, 310))
      admin.updateCustomer(c.Id, {
        PrimaryPhone: { FreeFormNumber: '(555) 010-9999' },
        BillAddr: { Line1: '1 Barn Rd', Line2: 'Unit 4', City: 'Lexington' },
      });
    admin.advanceClock(MINUTE);
    for (const c of active.slice(400, 450)) admin.deactivateCustomer(c.Id);
    for (const c of inactive.slice(0, 30)) admin.reactivateCustomer(c.Id);
    admin.advanceClock(MINUTE);
    for (const c of active.slice(500, 530)) admin.deleteCustomer(c.Id);
    for (let i = 0; i < 20; i++) admin.mergeCustomers(active[600 + i]!.Id, active[700 + i]!.Id);
    // Money moves SyncToken and LastUpdatedTime but nothing the app stores.
    admin.updateCustomer(active[800]!.Id, { Balance: 99.5 });
    admin.advanceClock(MINUTE);

    admin.clearRequests();
    const run = await s.core.sync.run('manual');
    expect(run.result).toBe('success');
    expect(run.kind).toBe('incremental');
    expect(accountingRequests(admin)).toBeLessThanOrEqual(2);
    expect(run.counts.created).toBe(151);
    expect(run.counts.deactivated).toBeGreaterThanOrEqual(50);
    expect(run.counts.reactivated).toBe(30);
    expect(run.counts.deleted).toBeGreaterThanOrEqual(50);
    expect(await differencesFromQuickBooks(s.core.db, admin, s.sandbox.realmId)).toEqual([]);
    const balanceOnly = await s.core.db
      .selectFrom('sync_items')
      .select('action')
      .where('run_id', '=', run.id)
      .where('qb_id', '=', active[800]!.Id)
      .execute();
    expect(balanceOnly).toEqual([]);
    const merged = await s.core.db
      .selectFrom('clients')
      .select(['active', 'inactive_reason'])
      .where('qb_id', '=', active[600]!.Id)
      .executeTakeFirstOrThrow();
    expect(merged).toEqual({ active: 0, inactive_reason: 'Deleted or merged in QuickBooks' });
    expect(await manualClientState(s, manualId)).toBe(manualBefore);
  });

  it('a sync with no QuickBooks changes writes no client row, only its log entry', async () => {
    const s = await connected(1500);
    s.sandbox.admin.advanceClock(2 * MINUTE);
    const before = await clientsSnapshot(s);
    const changesBefore = await clientWritesMark(s.core.db);
    const run = await s.core.sync.run('manual');
    const changesAfter = await clientWritesMark(s.core.db);
    expect(run.result).toBe('success');
    expect(run.counts).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
      reactivated: 0,
      deleted: 0,
      errors: 0,
    });
    expect(await clientsSnapshot(s)).toBe(before);
    // The run row (insert, kind, counts, finish), the cursor and the audit entry: nothing else.
    if (typeof changesAfter === 'number')
      expect(changesAfter - (changesBefore as number)).toBeLessThanOrEqual(6);
    // On PostgreSQL every client row keeps its stored version: none was rewritten.
    else expect(changesAfter).toBe(changesBefore);
    const items = await s.core.dispatcher.invoke('sync.items', { runId: run.id });
    expect(items.ok && items.value.total).toBe(0);
  });

  it('a full first sync again over a company already here (its sync position forgotten) finds its clients: nothing counted as added, no row duplicated', async () => {
    const s = await connected(1500);
    const before = await clientsSnapshot(s);
    await s.core.db.deleteFrom('sync_state').execute();
    s.sandbox.admin.advanceClock(2 * MINUTE);
    const run = await s.core.sync.run('manual');
    expect(run.result).toBe('success');
    expect(run.kind).toBe('full');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1500, errors: 0 });
    expect(await clientsSnapshot(s)).toBe(before);
  });

  it('joins a sync already running instead of starting a second one', async () => {
    const s = await connected(3000);
    const a = s.core.sync.run('manual');
    const b = s.core.sync.run('tray');
    const c = await s.core.dispatcher.invoke('sync.run', { trigger: 'manual' });
    const [runA, runB] = await Promise.all([a, b]);
    expect(runA.id).toBe(runB.id);
    expect(c.ok && c.value.id).toBe(runA.id);
    const runs = await s.core.db.selectFrom('sync_runs').select('id').execute();
    expect(runs.map((r) => r.id)).toEqual([s.initial.id, runA.id]);
  });

  it('logs a customer without a name as an error in plain words and finishes the rest', async () => {
    const s = await connected(200);
    s.sandbox.admin.advanceClock(MINUTE);
    const nameless = s.sandbox.admin.createCustomer({ DisplayName: '' });
    s.sandbox.admin.createCustomer({ DisplayName: 'Named Rider' });
    s.sandbox.admin.advanceClock(MINUTE);
    const run = await s.core.sync.run('manual');
    expect(run.result).toBe('partial');
    expect(run.counts).toMatchObject({ created: 1, errors: 1 });
    const errors = await s.core.dispatcher.invoke('sync.items', {
      runId: run.id,
      errorsOnly: true,
    });
    if (!errors.ok) throw new Error(errors.error.message);
    expect(errors.value.items).toHaveLength(1);
    expect(errors.value.items[0]!.message).toContain(
      `QuickBooks customer ${nameless.Id} has no name`,
    );
    const csv = await s.core.dispatcher.invoke('sync.exportCsv', { runId: run.id });
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.fileName).toMatch(/^equineops-sync-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.value.csv.split('\r\n')[0]).toBe(
      'Time,QuickBooks ID,Client,What happened,Message,Support detail',
    );
    expect(csv.value.csv).toContain('has no name');
    expect(csv.value.csv).toContain('Named Rider');
  });

  it('past the 30-day change window, a full reconciliation marks customers deleted in QuickBooks as inactive, never removing them', async () => {
    const s = await connected(1200);
    const victim = s.sandbox.admin.listCustomers().find((c) => c.Active && !c.Job)!;
    s.sandbox.admin.deleteCustomer(victim.Id);
    s.sandbox.admin.advanceClock(31 * 24 * 60 * MINUTE);
    const run = await s.core.sync.run('schedule');
    expect(run.result).toBe('success');
    expect(run.kind).toBe('full');
    const row = await s.core.db
      .selectFrom('clients')
      .select(['active', 'inactive_reason'])
      .where('qb_id', '=', victim.Id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ active: 0, inactive_reason: 'Deleted in QuickBooks' });
    expect(await differencesFromQuickBooks(s.core.db, s.sandbox.admin, s.sandbox.realmId)).toEqual(
      [],
    );
  });

  it('completes under 429 bursts, server errors and dropped connections without going over Intuit’s limits', async () => {
    const s = await connected(0);
    s.sandbox.admin.reset({ customers: 8000, seed: 3 });
    s.sandbox.admin.clearRequests();
    s.sandbox.admin.setFaults({
      throttleNext: 6,
      serverErrorNext: 2,
      serverErrorStatus: 503,
      retryAfterSeconds: 1,
      dropNext: 2,
      latency: { kind: 'uniform', minMs: 5, maxMs: 40 },
    });
    // The app's own waits, only shorter, so the test does not sit through minutes of back-off.
    const sync = new SyncService(s.core.context, s.core.quickbooks, {
      retry: { attempts: 12, baseDelayMs: 40, maxDelayMs: 1500 },
    });
    const run: SyncRun = await sync.run('manual', { mode: 'full' });
    expect(run.detail ?? run.message).toBe(null);
    expect(run.result).toBe('success');
    expect(await differencesFromQuickBooks(s.core.db, s.sandbox.admin, s.sandbox.realmId)).toEqual(
      [],
    );
    const stats = s.sandbox.admin.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(10);
    expect(stats.maxPerMinute).toBeLessThanOrEqual(500);
    expect(stats.byStatus['429']).toBeGreaterThan(0);
  });

  it('fails fast with a readable message and a failed log entry when QuickBooks is not connected', async () => {
    current = await createSandboxedCore();
    const run = await current.core.sync.run('manual');
    expect(run.result).toBe('failed');
    expect(run.message).toMatch(/QuickBooks is not connected/);
    const status = await current.core.dispatcher.invoke('sync.status', {});
    expect(status.ok && status.value.lastRun?.id).toBe(run.id);
    expect(status.ok && status.value.lastSuccessAt).toBe(null);
  });

  it('fails with "Reconnect QuickBooks" when Intuit no longer accepts the connection', async () => {
    const s = await connected(50);
    s.sandbox.admin.revokeAllTokens();
    const run = await s.core.sync.run('manual');
    expect(run.result).toBe('failed');
    expect(run.message).toMatch(/Reconnect QuickBooks/);
    const again = await s.core.sync.run('manual');
    expect(again.result).toBe('failed');
    expect(again.message).toMatch(/Reconnect QuickBooks/);
  });
});
