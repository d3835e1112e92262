import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listActivity } from '../activity/activity-log';
import { insertManualClient, insertQuickBooksClient } from './client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function rawClientRow(id: number) {
  return core.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('QuickBooks clients are read-only', () => {
  it("refuses to change a QuickBooks client's email and says to edit it in QuickBooks", async () => {
    const client = await insertQuickBooksClient(core.db, {
      qbId: '58',
      displayName: 'Sunny Acres Riding Club',
      email: 'office@sunnyacres.example',
    });
    const before = await rawClientRow(client.id);

    const result = await core.invoke('clients.update', {
      id: client.id,
      fields: { email: 'changed@example.com' },
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('read_only');
    expect(result.error.message).toBe(
      'Sunny Acres Riding Club comes from QuickBooks, so contact details can only be changed there. Edit the customer in QuickBooks; the change arrives here at the next sync.',
    );
    expect(await rawClientRow(client.id)).toEqual(before);
    expect(await listActivity(core.db, { clientId: client.id })).toEqual([]);
  });

  it('refuses every contact field of a QuickBooks client, addresses included', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Hollis Farm' });
    for (const fields of [
      { displayName: 'Hollis Farms' },
      { phone: '555-0100' },
      {
        billingAddress: {
          street: '1 Oak Rd',
          city: null,
          region: null,
          postalCode: null,
          country: null,
        },
      },
      { customerType: 'Boarder' },
    ]) {
      const result = await core.invoke('clients.update', { id: client.id, fields });
      expect(result.ok ? 'accepted' : result.error.code).toBe('read_only');
    }
  });

  it('accepts a QuickBooks client saved with its values unchanged, and records nothing', async () => {
    const client = await insertQuickBooksClient(core.db, {
      displayName: 'Hollis Farm',
      email: 'a@hollis.example',
    });
    const saved = await core.call('clients.update', {
      id: client.id,
      fields: { displayName: 'Hollis Farm', email: 'a@hollis.example' },
    });
    expect(saved).toEqual(client);
    expect(await listActivity(core.db, { clientId: client.id })).toEqual([]);
  });

  it('keeps horses, notes, portal and preferences editable on a QuickBooks client', async () => {
    const client = await insertQuickBooksClient(core.db, {
      displayName: 'Sunny Acres',
      email: 'office@sunny.example',
    });
    const horse = await core.call('horses.create', { name: 'Biscuit' });

    await core.call('horses.link', { clientId: client.id, horseId: horse.id });
    await core.call('notes.add', { clientId: client.id, body: 'Invoice goes to the barn manager' });
    await core.call('portal.update', { clientId: client.id, enabled: true });
    await core.call('preferences.update', {
      clientId: client.id,
      preferences: { contactMethod: 'text', newsletter: true, remindersEnabled: true, notes: '' },
    });

    const detail = await core.call('clients.get', { id: client.id });
    expect(detail.horses.map((h) => h.name)).toEqual(['Biscuit']);
    expect(detail.notes.map((n) => n.body)).toEqual(['Invoice goes to the barn manager']);
    expect(detail.portal).toMatchObject({ enabled: true, loginEmail: 'office@sunny.example' });
    expect(detail.preferences.contactMethod).toBe('text');
  });

  it('links a QuickBooks client to its customer in QuickBooks, on the sandbox host for sandbox companies', async () => {
    const production = await insertQuickBooksClient(core.db, { qbId: '58', realmId: 'realm-prod' });
    const sandboxed = await insertQuickBooksClient(core.db, {
      qbId: '59',
      realmId: 'realm-sandbox',
    });
    await core.db
      .insertInto('connection')
      .values({
        realm_id: 'realm-sandbox',
        company_name: 'Sandbox Co',
        environment: 'sandbox',
        connected_at: '2026-01-01T00:00:00.000Z',
        status: 'connected',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const manual = await insertManualClient(core.db, { displayName: 'Walk-in' });

    expect((await core.call('clients.get', { id: production.id })).client.quickBooksUrl).toBe(
      'https://app.qbo.intuit.com/app/customerdetail?nameId=58',
    );
    expect((await core.call('clients.get', { id: sandboxed.id })).client.quickBooksUrl).toBe(
      'https://app.sandbox.qbo.intuit.com/app/customerdetail?nameId=59',
    );
    expect((await core.call('clients.get', { id: manual.id })).client.quickBooksUrl).toBeNull();
  });
});

describe('custom (manual) clients are fully editable', () => {
  it('creates a custom client, not linked to QuickBooks, and records who did it', async () => {
    const created = await core.call('clients.create', {
      displayName: '  Renée Lefèvre ',
      givenName: 'Renée',
      familyName: 'Lefèvre',
      companyName: null,
      contactPerson: null,
      email: 'renee@example.com',
      phone: '(555) 010-0142',
      mobile: null,
      billingAddress: {
        street: '12 Barn Lane',
        city: 'Ocala',
        region: 'FL',
        postalCode: '34470',
        country: 'USA',
      },
      shippingAddress: null,
      customerType: null,
    });

    expect(created).toMatchObject({
      source: 'manual',
      qbId: null,
      displayName: 'Renée Lefèvre',
      quickBooksUrl: null,
      active: true,
      archivedAt: null,
      billingAddress: {
        street: '12 Barn Lane',
        city: 'Ocala',
        region: 'FL',
        postalCode: '34470',
        country: 'USA',
      },
    });
    const [entry] = await listActivity(core.db, { clientId: created.id });
    expect(entry).toMatchObject({ action: 'client.create', actor: TEST_STAFF_NAME });
  });

  it("changes a custom client's email and phone and lists the changed fields in the activity", async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'old@example.com',
    });
    core.clock.advance(60_000);

    const updated = await core.call('clients.update', {
      id: client.id,
      fields: { email: 'new@example.com', phone: '555 0142', displayName: 'Walk-in Rider' },
    });

    expect(updated.email).toBe('new@example.com');
    expect(updated.phone).toBe('555 0142');
    expect(updated.updatedAt).toBe(core.clock.now().toISOString());
    const [entry] = await listActivity(core.db, { clientId: client.id });
    expect(entry).toMatchObject({
      action: 'client.update',
      summary: 'Changed email, phone of Walk-in Rider',
    });
  });

  it('does not log a shipping address change when the edit did not touch it', async () => {
    const billing = {
      street: '12 Paddock Lane',
      city: 'Ocala',
      region: 'FL',
      postalCode: '34470',
      country: 'USA',
    };
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      billingAddress: billing,
      shippingAddress: null,
    });

    // What the profile sends with "Shipping address same as billing" ticked.
    const updated = await core.call('clients.update', {
      id: client.id,
      fields: { phone: '555 0199', billingAddress: billing, shippingAddress: { ...billing } },
    });

    expect(updated.shippingAddress).toBeNull();
    const [entry] = await listActivity(core.db, { clientId: client.id });
    expect(entry?.summary).toBe('Changed phone of Walk-in Rider');
  });

  it('logs the shipping address when it really changes, and when it follows a new billing address', async () => {
    const billing = {
      street: '1 Barn Rd',
      city: 'Ocala',
      region: null,
      postalCode: null,
      country: null,
    };
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      billingAddress: billing,
    });

    await core.call('clients.update', {
      id: client.id,
      fields: { shippingAddress: { ...billing, street: '9 Hay St' } },
    });
    const moved = { ...billing, city: 'Gainesville' };
    await core.call('clients.update', {
      id: client.id,
      fields: { billingAddress: moved, shippingAddress: moved },
    });

    const summaries = (await listActivity(core.db, { clientId: client.id })).map((e) => e.summary);
    expect(summaries).toEqual([
      'Changed billing address, shipping address of Walk-in Rider',
      'Changed shipping address of Walk-in Rider',
    ]);
  });

  it('treats an address re-sent with blanks for missing parts as unchanged', async () => {
    const billing = {
      street: '1 Barn Rd',
      city: 'Ocala',
      region: null,
      postalCode: null,
      country: null,
    };
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      billingAddress: billing,
    });

    await core.call('clients.update', {
      id: client.id,
      fields: {
        billingAddress: {
          country: '',
          postalCode: '',
          region: '',
          city: 'Ocala',
          street: '1 Barn Rd',
        },
      },
    });

    expect(await listActivity(core.db, { clientId: client.id })).toEqual([]);
  });

  it('refuses an empty name and changes nothing', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const before = await rawClientRow(client.id);

    const result = await core.invoke('clients.update', {
      id: client.id,
      fields: { displayName: '   ' },
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields).toMatchObject({ 'fields.displayName': 'Name is required' });
    expect(await rawClientRow(client.id)).toEqual(before);
  });

  it('refuses a badly formed email and changes nothing', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'ok@example.com',
    });
    const before = await rawClientRow(client.id);

    const result = await core.invoke('clients.update', {
      id: client.id,
      fields: { email: 'not-an-email' },
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toMatch(/valid email address/);
    expect(await rawClientRow(client.id)).toEqual(before);
  });

  it('clears an email given as an empty string', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Walk-in Rider',
      email: 'ok@example.com',
    });
    const updated = await core.call('clients.update', { id: client.id, fields: { email: '' } });
    expect(updated.email).toBeNull();
  });

  it('asks to restore an archived custom client before changing its contact details', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Old Duplicate' });
    await core.call('clients.archive', { id: client.id });

    const refused = await core.invoke('clients.update', {
      id: client.id,
      fields: { phone: '555-0100' },
    });
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('conflict');

    await core.call('clients.restore', { id: client.id });
    const updated = await core.call('clients.update', {
      id: client.id,
      fields: { phone: '555-0100' },
    });
    expect(updated.phone).toBe('555-0100');
  });
});

describe('requests that cannot be carried out', () => {
  it('names the wrong field when a payload has the wrong type', async () => {
    const result = await core.invoke('clients.update', { id: 'seven', fields: {} } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields).toHaveProperty('id');
  });

  it('says a client was not found for an unknown id', async () => {
    for (const [method, input] of [
      ['clients.get', { id: 4242 }],
      ['clients.update', { id: 4242, fields: { phone: '1' } }],
      ['clients.archive', { id: 4242 }],
      ['notes.add', { clientId: 4242, body: 'hello' }],
      ['portal.update', { clientId: 4242, enabled: false }],
    ] as const) {
      const result = await core.invoke(method, input as never);
      expect(result.ok ? 'accepted' : result.error).toMatchObject({
        code: 'not_found',
        message: 'This client was not found. It may have been removed.',
      });
    }
  });
});

describe('archive and restore', () => {
  it('archives a client out of the active list and restores it, recording both', async () => {
    const client = await insertQuickBooksClient(core.db, { displayName: 'Sunny Acres' });

    const archived = await core.call('clients.archive', { id: client.id });
    expect(archived.archivedAt).toBe(core.clock.now().toISOString());
    expect(archived.active).toBe(true);
    expect((await core.call('clients.list', {})).total).toBe(0);
    expect((await core.call('clients.list', { status: 'archived' })).rows.map((r) => r.id)).toEqual(
      [client.id],
    );

    const restored = await core.call('clients.restore', { id: client.id });
    expect(restored.archivedAt).toBeNull();
    expect((await core.call('clients.list', {})).rows.map((r) => r.id)).toEqual([client.id]);

    const actions = (await listActivity(core.db, { clientId: client.id })).map((a) => a.action);
    expect(actions).toEqual(['client.restore', 'client.archive']);
  });

  it('tells the renderer which tables changed, after the write', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Walk-in Rider' });
    const seen: unknown[] = [];
    // What this write emits. On a shared database other computers' changes arrive too (remote),
    // and the computers' presence refreshes Integrations ('connection') on its own clock.
    core.events.subscribe((event, payload, meta) => {
      const tables = (payload as { tables?: string[] }).tables;
      if (meta.remote || (tables?.length === 1 && tables[0] === 'connection')) return;
      seen.push({ event, payload });
    });

    await core.call('clients.archive', { id: client.id });

    expect(seen).toEqual([{ event: 'data.changed', payload: { tables: ['clients', 'activity'] } }]);
  });
});
