import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { exportClient } from './privacy-handlers';

const MINUTE = 60_000;
let s: SandboxedCore | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

async function connected(): Promise<SandboxedCore> {
  const sandboxed = await createSandboxedCore({ sandbox: { customers: 20, seed: 11 } });
  s = sandboxed;
  await sandboxed.connectAndSync();
  return sandboxed;
}

async function call<T>(s: SandboxedCore, method: string, input: unknown): Promise<T> {
  const result = await s.core.dispatcher.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

async function localByQbId(s: SandboxedCore, qbId: string) {
  return s.core.db.selectFrom('clients').selectAll().where('qb_id', '=', qbId).executeTakeFirst();
}

describe('erasing a QuickBooks client', () => {
  it('after the customer is deleted in QuickBooks, the next sync brings nothing back; after it is anonymized, only what QuickBooks still holds comes back', async () => {
    const sandboxed = await connected();
    const admin = sandboxed.sandbox.admin;
    const [deleted, anonymized] = admin
      .listCustomers()
      .filter((c) => c.Active && !c.Job && c.DisplayName);
    const erase = async (qbId: string) => {
      const local = (await localByQbId(sandboxed, qbId))!;
      await call(sandboxed, 'notes.add', { clientId: local.id, body: 'Allergic to penicillin' });
      const result = await call<{ message: string }>(sandboxed, 'privacy.erase', {
        clientId: local.id,
        confirmName: local.display_name,
      });
      expect(result.message).toMatch(/delete or anonymize the customer in QuickBooks/);
      return local;
    };
    const deletedLocal = await erase(deleted!.Id);
    const anonymizedLocal = await erase(anonymized!.Id);

    admin.advanceClock(5 * MINUTE);
    admin.deleteCustomer(deleted!.Id);
    admin.updateCustomer(anonymized!.Id, {
      DisplayName: `Erased customer ${anonymized!.Id}`,
      GivenName: undefined,
      FamilyName: undefined,
      PrimaryEmailAddr: undefined,
      PrimaryPhone: undefined,
      Mobile: undefined,
      BillAddr: undefined,
      ShipAddr: undefined,
      CompanyName: undefined,
    });
    admin.advanceClock(MINUTE);
    const run = await sandboxed.core.sync.run('manual');
    expect(run.result).toBe('success');

    expect(await localByQbId(sandboxed, deleted!.Id)).toBeUndefined();
    const back = await localByQbId(sandboxed, anonymized!.Id);
    expect(back).toMatchObject({ display_name: `Erased customer ${anonymized!.Id}`, email: null });
    expect(back!.id).not.toBe(anonymizedLocal.id);
    const notes = await sandboxed.core.db.selectFrom('staff_notes').selectAll().execute();
    expect(notes.filter((n) => n.body === 'Allergic to penicillin')).toEqual([]);
    for (const name of [deletedLocal.display_name, anonymizedLocal.display_name]) {
      for (const status of ['active', 'inactive', 'archived'] as const) {
        const found = await call<{ total: number }>(sandboxed, 'clients.list', {
          search: name,
          status,
        });
        expect(found.total, `${name} (${status})`).toBe(0);
      }
    }
  });

  it('exports what syncs changed on the client, old → new, in the activity (the right of access)', async () => {
    const sandboxed = await connected();
    const admin = sandboxed.sandbox.admin;
    const customer = admin.listCustomers().find((c) => c.Active && !c.Job && c.PrimaryPhone)!;
    const oldPhone = customer.PrimaryPhone!.FreeFormNumber!;
    admin.advanceClock(5 * MINUTE);
    admin.updateCustomer(customer.Id, { PrimaryPhone: { FreeFormNumber: '(555) 010-7777' } });
    admin.advanceClock(MINUTE);
    await sandboxed.core.sync.run('manual');
    const local = (await localByQbId(sandboxed, customer.Id))!;

    const zip = await exportClient(sandboxed.core.context, sandboxed.core.documents, local.id);
    const json = JSON.parse(strFromU8(unzipSync(zip.bytes)['client.json']!));
    expect(json.activity.map((a: { summary: string }) => a.summary)).toContain(
      `Phone updated from QuickBooks: ${oldPhone} → (555) 010-7777`,
    );
    // The old number is held only in that history line: the readable summary has it too.
    expect(strFromU8(unzipSync(zip.bytes)['summary.html']!)).toContain(oldPhone);
  });
});
