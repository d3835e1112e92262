import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { PostgresTarget } from './database-target';
import { migrations } from './migrations';
import { appliedMigrationNames } from './migration-runner';
import type { OpenedDatabase } from './open-database';
import { openPostgres } from './postgres/open-postgres';
import { emptyPostgresTarget } from './postgres/pg-test-admin';

/*
 * Several computers on one shared database: they may start EquineOps at the
 * same moment, and they may not all have the same version installed.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'postgres', 'pg-migrate-child.ts');

const opened: OpenedDatabase[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  for (const db of opened.splice(0)) await db.close();
});

function urlOf(target: PostgresTarget): string {
  const password = encodeURIComponent(target.password ?? '');
  return `postgres://${encodeURIComponent(target.user)}:${password}@${target.host}:${target.port}/${target.database}`;
}

interface Computer {
  ready: Promise<void>;
  ran: Promise<string[]>;
  go(): void;
}

/** Another computer starting EquineOps: its own process, its own connections. */
function startComputer(target: PostgresTarget): Computer {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, MIGRATE_CHILD_URL: urlOf(target) },
  });
  children.push(child);
  let output = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ran = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      const match = /\{"ran":.*\}/.exec(output);
      if (code === 0 && match) resolve((JSON.parse(match[0]) as { ran: string[] }).ran);
      else reject(new Error(`the computer's start failed (${code}): ${output}`));
    });
  });
  return { ready, ran, go: () => child.stdin.write('go\n') };
}

async function open(target: PostgresTarget): Promise<OpenedDatabase> {
  const db = await openPostgres(target, { max: 1, applicationName: 'EquineOps migrate test' });
  opened.push(db);
  return db;
}

describe('computers starting on one shared database', () => {
  it('migrates an empty database once when two computers start at the same moment', async () => {
    const target = await emptyPostgresTarget();
    const front = startComputer(target);
    const barn = startComputer(target);
    await Promise.all([front.ready, barn.ready]);
    front.go();
    barn.go();
    const [fromFront, fromBarn] = await Promise.all([front.ran, barn.ran]);

    const every = Object.keys(migrations).sort();
    // Each step ran on exactly one of them; together, all of them.
    expect([...fromFront, ...fromBarn].sort()).toEqual(every);
    expect(fromFront.filter((name) => fromBarn.includes(name))).toEqual([]);
    const db = await open(target);
    expect(await appliedMigrationNames(db.db as never)).toEqual(every);
    const clients = await sql<{ n: number }>`select count(*) as n from clients`.execute(db.db);
    expect(clients.rows[0]!.n).toBe(0);
  });

  it('refuses, saying to install the newer version here, when another computer updated the database', async () => {
    const target = await emptyPostgresTarget();
    const db = await open(target);
    // Another computer, on a newer version, added a step this one does not know.
    await sql`insert into kysely_migration (name, timestamp) values ('0099-from-a-newer-version', '2026-11-27T10:00:00.000Z')`.execute(
      db.db,
    );

    const refusal = await openPostgres(target, { max: 1, applicationName: 'older computer' }).then(
      (older) => {
        opened.push(older);
        throw new Error('expected the older version to refuse');
      },
      (error: unknown) => error,
    );

    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('database_too_new');
    expect((refusal as AppError).message).toBe(
      "Another computer updated EquineOps Client Sync to a newer version, and the shared database now holds that version's changes. Install the same version (or newer) on this computer too; nothing was changed.",
    );
    expect(await appliedMigrationNames(db.db as never)).toEqual(
      [...Object.keys(migrations), '0099-from-a-newer-version'].sort(),
    );
  });
});
