import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, type EventName, type SyncRun } from '../../src-shared/contract';
import { newClientInput } from '../clients/client-fixtures';
import type { Core } from '../core';
import { heartbeat } from '../db/postgres/presence';
import { insertRun } from '../sync/sync-log-repository';
import { seatsDb } from './seats-tables';
import { SkippedRun } from './sync-coordinator';
import { trySyncLock } from './sync-lock';
import { createOffice, nextFinishedRun, type Office } from './two-computers-test-support';

let office: Office | null = null;

afterEach(async () => {
  await office?.dispose();
  office = null;
});

async function frontDeskAndBarn(options: Parameters<typeof createOffice>[1] = {}) {
  office = await createOffice(['FRONT-DESK', 'BARN-OFFICE'], options);
  const [frontDesk, barn] = office.computers;
  return { office, frontDesk: frontDesk!, barn: barn! };
}

/** Every event a core's screens are told about, with whether it came from another computer. */
function recordEvents(core: Core) {
  const seen: { event: EventName; payload: unknown; remote: boolean }[] = [];
  core.events.subscribe((event, payload, meta) =>
    seen.push({ event, payload, remote: meta.remote }),
  );
  return seen;
}

async function call<T>(
  promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function runs(core: Core): Promise<{ id: number; trigger: string; result: string }[]> {
  return core.db
    .selectFrom('sync_runs')
    .select(['id', 'trigger', 'result'])
    .orderBy('id')
    .execute();
}

describe('several computers on one shared database', () => {
  it('makes the computer that connected QuickBooks the sync computer, and the others say which one it is', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();

    const here = await call(frontDesk.core.dispatcher.invoke('quickbooks.status', {}));
    expect(here.syncComputer).toEqual({
      name: 'FRONT-DESK',
      isThisComputer: true,
      online: true,
      lastSeenAt: null,
    });
    const there = await call(barn.core.dispatcher.invoke('quickbooks.status', {}));
    expect(there.state).toBe('connected');
    expect(there.syncComputer).toMatchObject({
      name: 'FRONT-DESK',
      isThisComputer: false,
      online: true,
    });
    expect(there.syncComputer?.lastSeenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The tokens are only in the front desk's keychain; the barn cannot call QuickBooks itself.
    await expect(barn.core.quickbooks.connectedApi()).rejects.toThrow(
      "Syncs run on FRONT-DESK: QuickBooks' keys are kept there.",
    );
  });

  it('shows a note added on one computer on the other at once, and sends nothing back', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    const atBarn = recordEvents(barn.core);
    const atDesk = recordEvents(frontDesk.core);
    const client = await call(
      frontDesk.core.dispatcher.invoke(
        'clients.create',
        newClientInput({ displayName: 'Ada Lovelace' }),
      ),
    );
    await call(
      frontDesk.core.dispatcher.invoke('notes.add', {
        clientId: client.id,
        body: 'Farrier on Tuesday',
      }),
    );

    await vi.waitFor(
      () =>
        expect(atBarn).toContainEqual({
          event: 'data.changed',
          payload: expect.objectContaining({ tables: expect.arrayContaining(['notes']) }),
          remote: true,
        }),
      { timeout: 2_000 },
    );
    const notes = await call(barn.core.dispatcher.invoke('clients.get', { id: client.id }));
    expect(JSON.stringify(notes)).toContain('Farrier on Tuesday');
    // The barn re-emitted it locally only: nothing came back to the front desk as a remote event.
    // (The barn's own "I am on" announcement may arrive here; nothing about notes or clients may.)
    const echoes = atDesk.filter(
      (e) =>
        e.remote &&
        (e.payload as { tables?: string[] }).tables?.some((t) => t === 'notes' || t === 'clients'),
    );
    expect(echoes).toEqual([]);
  });

  it('after its live-update connection is cut and comes back, refreshes every screen (missed changes are not replayed)', async () => {
    const { barn } = await frontDeskAndBarn();
    const atBarn = recordEvents(barn.core);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = ${`equineops-listen:${barn.core.context.computer.id}`}`.execute(
      barn.core.db,
    );

    await vi.waitFor(
      () =>
        expect(atBarn).toContainEqual({
          event: 'data.changed',
          payload: { tables: [...DataTable.options] },
          remote: true,
        }),
      { timeout: 5_000 },
    );
  });

  it('runs Sync Now pressed on another computer on the sync computer, with progress and result on the asker', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    const atBarn = recordEvents(barn.core);
    const before = await runs(frontDesk.core);

    const run = await call(barn.core.dispatcher.invoke('sync.run', { trigger: 'manual' }));

    expect(run.result).toBe('success');
    const after = await runs(frontDesk.core);
    expect(after).toEqual([...before, { id: run.id, trigger: 'manual', result: 'success' }]);
    await vi.waitFor(
      () =>
        expect(
          atBarn.some(
            (e) => e.event === 'sync.finished' && e.remote && (e.payload as SyncRun).id === run.id,
          ),
        ).toBe(true),
      { timeout: 15_000, interval: 100 },
    );
    expect(atBarn.some((e) => e.event === 'sync.progress' && e.remote)).toBe(true);
    // Once it finished, the barn's sync status says so too.
    const status = await call(barn.core.dispatcher.invoke('sync.status', {}));
    expect(status).toMatchObject({ running: false, progress: null, lastRun: { id: run.id } });
    // The audit names who pressed it, on the computer where they did.
    const audit = await frontDesk.core.db
      .selectFrom('activity')
      .select('actor')
      .where('action', '=', 'sync.run')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe('Staff at BARN-OFFICE');
  });

  it('runs the night once when both computers’ schedules fire, and the sandbox sees one pass', async () => {
    const { office, frontDesk, barn } = await frontDeskAndBarn({ scheduler: true });
    await frontDesk.connect();
    await Promise.all([frontDesk.core.scheduler!.reschedule(), barn.core.scheduler!.reschedule()]);
    const accountingBefore = office.sandbox
      .requests()
      .filter((r) => r.kind === 'accounting').length;
    const nightRun = nextFinishedRun(frontDesk.core);

    const pastTwo = new Date('2026-06-11T12:00:00.000Z');
    await Promise.all([frontDesk.timer.advanceTo(pastTwo), barn.timer.advanceTo(pastTwo)]);
    const run = await nightRun;
    // The barn's schedule fired too: its request for the same night is answered without a second run.
    await vi.waitFor(
      async () =>
        expect(
          await seatsDb(frontDesk.core.db)
            .selectFrom('sync_requests')
            .select(['requested_by_computer', 'trigger', 'outcome'])
            .execute(),
        ).toEqual([
          {
            requested_by_computer: barn.core.context.computer.id,
            trigger: 'schedule',
            outcome: expect.stringMatching(/^(finished|skipped)$/),
          },
        ]),
      { timeout: 15_000, interval: 100 },
    );

    const scheduled = (await runs(frontDesk.core)).filter((r) => r.trigger === 'schedule');
    expect(scheduled).toEqual([{ id: run.id, trigger: 'schedule', result: 'success' }]);
    const accounting = office.sandbox.requests().filter((r) => r.kind === 'accounting');
    const passes = accounting.slice(accountingBefore).filter((r) => r.path.endsWith('/cdc'));
    expect(passes).toHaveLength(1);
  });

  it('runs a night the sync computer missed when it starts again, from the request another computer left', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    await frontDesk.close();
    // 2:00 AM fires on the barn while the front desk is off: it leaves a request for that night.
    const slot = new Date('2026-06-11T06:00:00.000Z');
    await expect(barn.core.sync.run('schedule', { slot })).rejects.toBeInstanceOf(SkippedRun);

    await frontDesk.start();

    await vi.waitFor(
      async () =>
        expect(
          await seatsDb(barn.core.db)
            .selectFrom('sync_requests')
            .select(['slot', 'outcome'])
            .execute(),
        ).toEqual([{ slot: slot.toISOString(), outcome: 'finished' }]),
      { timeout: 15_000, interval: 100 },
    );
    expect((await runs(barn.core)).filter((r) => r.trigger === 'schedule')).toEqual([
      { id: expect.any(Number), trigger: 'schedule', result: 'success' },
    ]);
  });

  it('refuses Sync Now at once, naming the sync computer, when EquineOps is closed there', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    const atBarn = recordEvents(barn.core);
    await frontDesk.close();
    // The barn's Integrations page refetches at once and says the front desk is off.
    await vi.waitFor(
      () =>
        expect(atBarn).toContainEqual({
          event: 'data.changed',
          payload: { tables: ['connection'] },
          remote: true,
        }),
      { timeout: 15_000, interval: 100 },
    );

    const refused = await barn.core.dispatcher.invoke('sync.run', { trigger: 'manual' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          'The sync computer, FRONT-DESK, is off. Turn it on (EquineOps open), or connect QuickBooks here to sync from this computer.',
      },
    });
    const there = await call(barn.core.dispatcher.invoke('quickbooks.status', {}));
    expect(there.syncComputer).toMatchObject({ name: 'FRONT-DESK', online: false });
  });

  it('says the sync computer did not answer when nobody claims the request', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn({ seats: { answerTimeoutMs: 1_500 } });
    await frontDesk.connect();
    // A computer that is on (it just beat) but whose EquineOps does not claim anything.
    const db = frontDesk.core.db;
    await db
      .insertInto('computers')
      .values({
        id: 'ghost',
        name: 'TACK-ROOM',
        staff_name: null,
        app_version: '0.1.0',
        last_seen_at: null,
      })
      .execute();
    await heartbeat(db, 'ghost');
    await seatsDb(db)
      .updateTable('connection')
      .set({ sync_computer_id: 'ghost', sync_computer_name: 'TACK-ROOM' })
      .execute();

    const refused = await barn.core.dispatcher.invoke('sync.run', { trigger: 'manual' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          'The sync computer, TACK-ROOM, did not answer. Check that EquineOps is open there, or connect QuickBooks here to sync from this computer.',
      },
    });
    const request = await seatsDb(db)
      .selectFrom('sync_requests')
      .select('outcome')
      .executeTakeFirstOrThrow();
    expect(request.outcome).toBe('unanswered');
  });

  it('refuses a second manual run while another computer holds the company’s lock, and skips a scheduled one quietly', async () => {
    const { office, frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    const realmId = office.sandbox.realmId;
    const held = await trySyncLock(
      office.target,
      barn.core.db,
      barn.core.context.computer,
      realmId,
    );
    if (!('lock' in held)) throw new Error('the test could not take the lock');
    const before = await runs(frontDesk.core);
    try {
      await expect(frontDesk.core.sync.run('manual')).rejects.toThrow(
        'A sync is already running on BARN-OFFICE.',
      );
      await expect(
        frontDesk.core.sync.run('schedule', { slot: new Date('2026-06-11T06:00:00.000Z') }),
      ).rejects.toBeInstanceOf(SkippedRun);
      expect(await runs(frontDesk.core)).toEqual(before);
    } finally {
      await held.lock.release();
    }
    const run = await frontDesk.core.sync.run('manual');
    expect(run.result).toBe('success');
  });

  it('shows a run going on the sync computer as running on the others, with its progress', async () => {
    const { office, frontDesk, barn } = await frontDeskAndBarn({
      sync: { pageSize: 2, concurrency: 1 },
      sandbox: { customers: 40 },
    });
    await frontDesk.connect();
    office.sandbox.admin.setFaults({ latency: { kind: 'fixed', ms: 100 } });
    const midRun = new Promise<unknown>((resolve) => {
      const stop = barn.core.events.subscribe((event, payload, meta) => {
        if (!meta.remote || event !== 'sync.progress') return;
        // The initial sync's last progress may still be on its way: wait for this run's.
        const progress = payload as { fetched: number; trigger: string };
        if (progress.trigger !== 'manual' || progress.fetched === 0) return;
        stop();
        resolve(call(barn.core.dispatcher.invoke('sync.status', {})));
      });
    });

    const run = await frontDesk.core.sync.run('manual', { mode: 'full' });

    expect(await midRun).toMatchObject({
      running: true,
      progress: { runId: run.id, trigger: 'manual', fetched: expect.any(Number) },
    });
  });

  it('stops a run between pages when the connection holding the company’s lock drops, and says why', async () => {
    const { frontDesk } = await frontDeskAndBarn({
      sync: { pageSize: 2, concurrency: 1 },
      sandbox: { customers: 40 },
    });
    await frontDesk.connect();
    // A full pass again, slowly enough to cut the lock's connection half-way.
    office!.sandbox.admin.setFaults({ latency: { kind: 'fixed', ms: 100 } });
    const cut = new Promise<void>((resolve) => {
      const stop = frontDesk.core.events.subscribe((event, payload) => {
        if (event !== 'sync.progress' || (payload as { fetched: number }).fetched === 0) return;
        stop();
        void sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = ${`equineops-sync:${frontDesk.core.context.computer.id}`}`
          .execute(frontDesk.core.db)
          .then(() => resolve());
      });
    });

    const run = await frontDesk.core.sync.run('manual', { mode: 'full' });
    await cut;

    expect(run.result).toBe('failed');
    expect(run.message).toBe(
      'The sync stopped because the connection to the shared database dropped. The next sync carries on where it stopped.',
    );
    expect(run.counts.created + run.counts.unchanged).toBeLessThan(40);
  });

  it('closes runs a stopped computer left running only while holding the lock, sparing a live one', async () => {
    const { office, frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    const realmId = office.sandbox.realmId;
    const stale = await insertRun(frontDesk.core.db, 'manual', realmId, new Date(SCHEDULE_NOW));
    const held = await trySyncLock(
      office.target,
      barn.core.db,
      barn.core.context.computer,
      realmId,
    );
    if (!('lock' in held)) throw new Error('the test could not take the lock');
    // Someone is syncing: the "running" row may be theirs, so it stays.
    await frontDesk.close();
    await frontDesk.start();
    await call(frontDesk.core.dispatcher.invoke('sync.status', {}));
    expect((await runs(frontDesk.core)).find((r) => r.id === stale)?.result).toBe('running');
    await held.lock.release();

    await frontDesk.close();
    await frontDesk.start();
    expect((await runs(frontDesk.core)).find((r) => r.id === stale)?.result).toBe('failed');
  });

  it('gives a connection made before computers had roles to the computer holding its tokens', async () => {
    const { frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    await frontDesk.close();
    await seatsDb(barn.core.db)
      .updateTable('connection')
      .set({ sync_computer_id: null, sync_computer_name: null })
      .execute();
    // Nobody holds the role: the barn (no tokens) does not take it, nor sync in its place.
    expect(
      (await call(barn.core.dispatcher.invoke('quickbooks.status', {}))).syncComputer,
    ).toBeNull();
    expect(await barn.core.dispatcher.invoke('sync.run', { trigger: 'manual' })).toMatchObject({
      ok: false,
      error: {
        message:
          'No computer that is on holds the QuickBooks sign-in. Connect QuickBooks on this computer to sync from here.',
      },
    });

    await frontDesk.start();

    const there = await call(barn.core.dispatcher.invoke('quickbooks.status', {}));
    expect(there.syncComputer).toMatchObject({
      name: 'FRONT-DESK',
      isThisComputer: false,
      online: true,
    });
  });

  it('hands the sync role to a computer that connects QuickBooks, and the old one forgets its tokens', async () => {
    const { office, frontDesk, barn } = await frontDeskAndBarn();
    await frontDesk.connect();
    const realmId = office.sandbox.realmId;
    expect(await frontDesk.secrets.get(realmId)).not.toBeNull();

    await barn.connect();

    const there = await call(barn.core.dispatcher.invoke('quickbooks.status', {}));
    expect(there.syncComputer).toMatchObject({ name: 'BARN-OFFICE', isThisComputer: true });
    await vi.waitFor(async () => expect(await frontDesk.secrets.get(realmId)).toBeNull(), {
      timeout: 2_000,
    });
    const here = await call(frontDesk.core.dispatcher.invoke('quickbooks.status', {}));
    expect(here.syncComputer).toMatchObject({
      name: 'BARN-OFFICE',
      isThisComputer: false,
      online: true,
    });
    // Sync Now on the front desk now runs on the barn.
    const run = await call(frontDesk.core.dispatcher.invoke('sync.run', { trigger: 'manual' }));
    expect(run.result).toBe('success');
  });
});

const SCHEDULE_NOW = '2026-06-10T12:00:00.000Z';
