import { adminClient } from '../db/postgres/pg-test-admin';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CallResult, Method, MethodInput, MethodOutput } from '../../src-shared/contract';
import { createCore, DATA_FILE_NAME, type Core } from '../core';
import { parsePostgresUrl, type PostgresTarget } from '../db/database-target';
import {
  createMemorySecretStoreForTests,
  type MemorySecretStoreForTests,
} from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import type { Clock } from '../platform/ports';
import { saveStaffName, writeSettings } from '../settings/settings-repository';

/**
 * TEST SUPPORT. An empty database on the throwaway cluster (scripts/with-postgres.sh),
 * owned by the app's least-privileged role and not migrated: what an
 * administrator hands over before "Move my data there".
 */
export async function emptySharedDatabase(): Promise<PostgresTarget> {
  const appUrl = process.env.EQUINEOPS_TEST_POSTGRES_URL;
  if (!appUrl || !process.env.EQUINEOPS_TEST_POSTGRES_ADMIN_URL)
    throw new Error(
      'No PostgreSQL for tests: run them through `bash scripts/with-postgres.sh …` (Debian package postgresql).',
    );
  const app = parsePostgresUrl(appUrl, 'settings');
  const name = `eo_move_${process.pid}_${++made}_${Date.now().toString(36)}`;
  await asAdmin('postgres', `create database ${name} owner ${app.user}`);
  const ca = process.env.EQUINEOPS_TEST_POSTGRES_CA;
  return {
    ...app,
    database: name,
    ...(ca ? { sslmode: 'verify-full' as const, caFile: ca } : { sslmode: 'require' as const }),
  };
}

let made = 0;

/** Runs SQL as the cluster's superuser in `database` (a test's own tables, a broken grant). */
export async function asAdmin(database: string, text: string): Promise<pg.QueryResult> {
  const client = await adminClient(database);
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export interface ComputerWithFile {
  core: Core;
  dataDir: string;
  dataFile: string;
  databaseSecrets: MemorySecretStoreForTests;
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
  dispose(): Promise<void>;
}

/** One office computer on its own SQLite file (whatever the test run's database), with a keychain in memory. */
export async function computerWithFile(options: { clock?: Clock } = {}): Promise<ComputerWithFile> {
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-move-'));
  const databaseSecrets = createMemorySecretStoreForTests();
  const dataFile = join(dataDir, DATA_FILE_NAME);
  const core = await createCore({
    dataDir,
    ports: createNodePorts({
      clock: options.clock,
      secrets: createMemorySecretStoreForTests(),
      databaseSecrets,
      launchBrowser: false,
    }),
    host: 'browser',
    database: { kind: 'sqlite', file: dataFile },
    dailyBackups: false,
    scheduler: false,
  });
  await writeSettings(core.db, { organizationName: 'Sunny Acres Barn' });
  await saveStaffName(core.db, core.context.computer.id, 'Dana at the front desk');
  return {
    core,
    dataDir,
    dataFile,
    databaseSecrets,
    call: <M extends Method>(method: M, input: MethodInput<M>) =>
      core.dispatcher.invoke(method, input),
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
