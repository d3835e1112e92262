import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { freshPostgresTarget, testDatabaseTarget } from '../db/testing/test-database';
import { openDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';
import { createFileSecretStoreForTests } from './crash-test/file-secret-store-for-tests';
import { clientIndexCount, differencesFromQuickBooks, openCoreDatabase } from './sync-test-support';

const CUSTOMERS = 20_000;
const KILLS = 20;
// The child's own words (not imported: importing the child would run it).
const PAGE_APPLIED = 'crash-child: a page is applied';
const CHILD = fileURLToPath(new URL('./crash-test/crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let sandboxed: SandboxedCore | null = null;
afterAll(async () => {
  await sandboxed?.dispose();
});

interface ChildOutcome {
  killed: boolean;
  output: string;
}

/** Runs the child; with `killAfterMs`, SIGKILLs it that long after its sync applied a first page. */
function runChild(env: Record<string, string>, killAfterMs: number | null): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader, not the tsx wrapper: SIGKILL must hit the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killAfterMs !== null && output.includes(PAGE_APPLIED) && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
  });
}

it(`a sync killed ${KILLS} times over ${CUSTOMERS.toLocaleString('en-US')} customers resumes each time and ends equal to QuickBooks, with no duplicates`, async () => {
  // The parent connects (tokens go to a test-only file the children read), then steps aside.
  const dataDirHolder = { secretsFile: '' };
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  dataDirHolder.secretsFile = join(
    mkdtempSync(join(tmpdir(), 'equineops-crash-secrets-')),
    'secrets.json',
  );
  sandboxed = await createSandboxedCore({
    sandbox: { customers: 0, seed: 11 },
    secrets: createFileSecretStoreForTests(dataDirHolder.secretsFile),
  });
  await sandboxed.connect();
  await sandboxed.core.sync.run('manual');
  await sandboxed.core.close();
  // The children's pass is a first sync (the company was empty until now): it sets the
  // Clients list's indexes aside, so kills also land while they are missing.
  const setup = await openCoreDatabase(sandboxed.dataDir);
  await setup.db
    .updateTable('sync_state')
    .set({ last_full_at: null, changed_since: null })
    .execute();
  await setup.close();
  const { sandbox } = sandboxed;
  sandbox.admin.reset({ customers: CUSTOMERS, seed: 11 });
  // Slow answers make kills land mid-run rather than between runs.
  sandbox.admin.setFaults({ latency: { kind: 'uniform', minMs: 20, maxMs: 120 } });
  const env = {
    CRASH_CHILD_ARGS: JSON.stringify({
      dataDir: sandboxed.dataDir,
      sandboxUrl: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      secretsFile: dataDirHolder.secretsFile,
      // In the PostgreSQL run the children open the same shared database.
      database: (await testDatabaseTarget(sandboxed.dataDir)) ?? null,
      mode: 'full',
    }),
  };

  let kills = 0;
  let random = 12345;
  const nextRandom = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const live = () => sandbox.admin.listCustomers().filter((c) => c.Active && !c.Job);
  for (let attempt = 0; attempt < KILLS * 3 && kills < KILLS; attempt++) {
    // A pass over 20,000 customers takes about a second here: kill within its first 600 ms.
    const outcome = await runChild(env, Math.floor(nextRandom() * 600));
    if (!outcome.killed) {
      // It finished before the kill: QuickBooks changes a little and the next full pass begins.
      expect(outcome.output).toContain('"result":"success"');
      continue;
    }
    kills++;
    // QuickBooks keeps changing between crashes; the per-minute window moves on too.
    const someone = live()[Math.floor(nextRandom() * 1000)];
    if (someone && kills % 3 === 0) sandbox.admin.deleteCustomer(someone.Id);
    else if (someone)
      sandbox.admin.updateCustomer(someone.Id, {
        PrimaryPhone: { FreeFormNumber: `555-01${String(kills).padStart(2, '0')}` },
      });
    sandbox.admin.advanceClock(61_000);
  }
  expect(kills).toBe(KILLS);

  // Let the interrupted pass finish, then one incremental run picks up what changed behind the cursor.
  sandbox.admin.clearFaults();
  const finished = await runChild(
    { CRASH_CHILD_ARGS: env.CRASH_CHILD_ARGS.replace('"mode":"full"', '"mode":"auto"') },
    null,
  );
  expect(finished.output).toContain('"result":"success"');
  const caughtUp = await runChild(
    { CRASH_CHILD_ARGS: env.CRASH_CHILD_ARGS.replace('"mode":"full"', '"mode":"auto"') },
    null,
  );
  expect(caughtUp.output).toContain('"result":"success"');

  const { db, close } = await openCoreDatabase(sandboxed.dataDir);
  try {
    expect(await differencesFromQuickBooks(db, sandbox.admin, sandbox.realmId)).toEqual([]);
    const runs = await db
      .selectFrom('sync_runs')
      .select(['result', 'message', 'fetched'])
      .execute();
    expect(runs.filter((r) => r.result === 'running')).toEqual([]);
    // Kills landed mid-pass: interrupted runs had already applied pages that the next run did not read again.
    expect(runs.filter((r) => r.result === 'failed' && r.fetched > 0).length).toBeGreaterThan(
      KILLS / 4,
    );
    const searchRows = await db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { sql } = await import('kysely');
    const indexed = await sql<{ n: number }>`select count(*) as n from clients_search`.execute(db);
    expect(Number(indexed.rows[0]!.n)).toBe(Number(searchRows.n));
    // The first sync set the Clients list's indexes aside (SQLite); whatever the kills, they are all back.
    const fresh = (await testDatabaseTarget(sandboxed.dataDir))
      ? await openPostgres(await freshPostgresTarget(), {
          max: 1,
          applicationName: 'test',
          migrate: false,
        })
      : await openDatabase(join(sandboxed.dataDir, 'fresh.sqlite'));
    const expected = await clientIndexCount(fresh.db);
    await fresh.close();
    expect(await clientIndexCount(db)).toBe(expected);
    const deferred = await sql<{ n: number }>`select count(*) as n from deferred_indexes`.execute(
      db,
    );
    expect(Number(deferred.rows[0]!.n)).toBe(0);
  } finally {
    await close();
  }
}, 240_000);
