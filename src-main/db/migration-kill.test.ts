import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrationNames, runMigrations } from './migration-runner';
import { migrations } from './migrations';
import { openDatabase, type Db } from './open-database';
import { matchClientIds, rebuildClientSearchIndex } from './search-index';

/*
 * The migration kill test: a child process runs the whole migration chain and
 * SIGKILLs itself right after statement N, for every N from the first
 * statement to the last; each time the file is then opened again and must end
 * at the newest step with all its data.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD_SOURCE = fileURLToPath(new URL('./testing/migration-kill-child.ts', import.meta.url));
const steps = Object.keys(migrations).sort();

let work: string;
let child: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'equineops-migration-kill-'));
  // Bundled once, so each of the ~150 children starts in well under 100 ms
  // (through tsx each takes ~300 ms). Inside node_modules so that the bundle
  // still finds better-sqlite3's native module.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const bundleDir = mkdtempSync(join(cache, 'equineops-migration-kill-'));
  child = join(bundleDir, 'child.mjs');
  await build({
    entryPoints: [CHILD_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // pg too: bundled, its optional pg-native import fails to load.
    external: ['better-sqlite3', 'pg'],
    outfile: child,
    logLevel: 'warning',
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (child) rmSync(join(child, '..'), { recursive: true, force: true });
});

interface ChildOutcome {
  killed: boolean;
  statements: number | null;
  output: string;
}

function runChild(file: string, killAfter: number | null): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KILL_CHILD_FILE: file };
    if (killAfter !== null) env.KILL_AFTER_STATEMENT = String(killAfter);
    const proc = spawn(process.execPath, [child], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      const match = /\{"statements":(\d+)\}/.exec(output);
      resolve({
        killed: signal === 'SIGKILL',
        statements: match ? Number(match[1]) : null,
        output,
      });
    });
  });
}

/** A file as an older version left it: `upTo` steps applied, and some clients with notes. */
async function fileOfVersion(file: string, upTo: number): Promise<void> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const older = Object.fromEntries(steps.slice(0, upTo).map((name) => [name, migrations[name]!]));
  await runMigrations(db, older);
  const at = '2025-06-01T09:00:00.000Z';
  for (const [name, email, phone] of clientsBefore) {
    const sortName = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    await sql`insert into clients (source, display_name, sort_name, email, phone, active, created_at, updated_at)
      values ('manual', ${name}, ${sortName}, ${email}, ${phone}, 1, ${at}, ${at})`.execute(db);
  }
  // From the step that made the search index on, the app kept it in step with every write.
  if (upTo >= steps.indexOf('0002-client-search') + 1)
    await rebuildClientSearchIndex(db as unknown as Db);
  await sql`insert into staff_notes (client_id, author, body, created_at)
    values (1, 'Dana', 'Prefers morning calls', ${at}), (2, 'Dana', 'Gate code 4411', ${at})`.execute(
    db,
  );
  await db.destroy(); // closes the WAL into the file: the template is one file
}

const clientsBefore = [
  ['Renée Lefèvre', 'renee@example.com', '(555) 010-0142'],
  ['Marcus Hill', 'marcus@example.com', null],
  ['Willow Creek Farm', null, '555-0199'],
] as const;

/** Opens the file as the app would after the crash and checks it is whole and current. */
async function expectWholeAndCurrent(file: string, withData: boolean, label: string) {
  const opened = await openDatabase(file);
  try {
    expect(await appliedMigrationNames(opened.db as Kysely<unknown>), label).toEqual(steps);
    const clients = await opened.db
      .selectFrom('clients')
      .select(['display_name', 'email', 'phone'])
      .orderBy('id')
      .execute();
    const notes = await opened.db.selectFrom('staff_notes').select('body').orderBy('id').execute();
    if (!withData) {
      expect(clients, label).toEqual([]);
      return;
    }
    expect(
      clients.map((c) => [c.display_name, c.email, c.phone]),
      label,
    ).toEqual(clientsBefore.map((c) => [...c]));
    expect(
      notes.map((n) => n.body),
      label,
    ).toEqual(['Prefers morning calls', 'Gate code 4411']);
    // The search index a step built is there too: by name, accent-free, and by phone.
    expect(await matchClientIds(opened.db, 'renee'), label).toEqual([1]);
    expect(await matchClientIds(opened.db, '5550199'), label).toEqual([3]);
  } finally {
    await opened.close();
  }
}

/** Runs `task` for every item, two at a time (the machine has two cores). */
async function inPairs<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all([lane(), lane()]);
}

const scenarios = [
  { name: 'a new, empty file', upTo: null },
  { name: `a file of the first version (${steps[0]}) with clients and notes`, upTo: 1 },
  {
    name: `a file of the previous version (${steps.at(-2)}) with clients and notes`,
    upTo: steps.length - 1,
  },
] as const;

describe('a crash at any statement of an upgrade', () => {
  for (const scenario of scenarios) {
    it(`leaves ${scenario.name} that opens at the newest step with its data, whichever statement the crash follows`, async () => {
      const dir = mkdtempSync(join(work, 'case-'));
      const template = join(dir, 'template.sqlite');
      if (scenario.upTo !== null) await fileOfVersion(template, scenario.upTo);
      const freshCopy = (tag: string) => {
        const caseDir = join(dir, tag);
        mkdirSync(caseDir);
        const file = join(caseDir, 'equineops.sqlite');
        if (scenario.upTo !== null) copyFileSync(template, file);
        return file;
      };

      // An uninterrupted run says how many statements the upgrade takes.
      const whole = await runChild(freshCopy('whole'), null);
      expect(whole.killed, whole.output).toBe(false);
      const total = whole.statements!;
      expect(total, whole.output).toBeGreaterThan(0);

      const killPoints = Array.from({ length: total }, (_, i) => i + 1);
      const survived: number[] = [];
      await inPairs(killPoints, async (n) => {
        const file = freshCopy(`kill-${n}`);
        const outcome = await runChild(file, n);
        expect(outcome.killed, `killed after statement ${n}: ${outcome.output}`).toBe(true);
        await expectWholeAndCurrent(
          file,
          scenario.upTo !== null,
          `after a kill at statement ${n} of ${total}`,
        );
        survived.push(n);
      });
      expect(survived.sort((a, b) => a - b)).toEqual(killPoints);
    }, 120_000);
  }
});
