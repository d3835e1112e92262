import { testDatabaseTarget } from '../db/testing/test-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallResult, Method, MethodInput, MethodOutput } from '../../src-shared/contract';
import { createCore, type Core, type CoreOptions } from '../core';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts, type NodePorts } from '../platform/node/node-ports';
import type { Clock } from '../platform/ports';
import { saveStaffName, writeSettings } from '../settings/settings-repository';

/** A clock tests move by hand, so activity is ordered and nothing depends on the real time. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function createTestClock(start = '2026-03-02T14:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface TestCore extends Core {
  clock: TestClock;
  ports: NodePorts;
  dataDir: string;
  /** Calls through the dispatcher, as a host would, and returns the raw result. */
  invoke<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
  /** Calls through the dispatcher and fails the test with the readable error if the call is refused. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  dispose(): Promise<void>;
}

export const TEST_STAFF_NAME = 'Dana at the front desk';

/**
 * A whole core on a real SQLite file in its own temp folder, with node ports:
 * a hand-moved clock, recording browser and notifier, secrets in memory.
 */
export async function createTestCore(
  options: {
    dataDir?: string;
    dailyBackups?: CoreOptions['dailyBackups'];
    /** A clock shared with a fake timer (FakeScheduleTimer is both). */
    clock?: TestClock;
  } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'equineops-test-'));
  const clock = options.clock ?? createTestClock();
  const ports = createNodePorts({
    clock,
    secrets: createMemorySecretStoreForTests(),
    launchBrowser: false,
  });
  const core = await createCore({
    dataDir,
    ports,
    host: 'browser',
    database: await testDatabaseTarget(dataDir),
    // Off unless a test brings the fake timer: node-schedule keeps real time, and a check
    // planned an hour after this hand-moved clock is already past, so it would fire at once, forever.
    dailyBackups: options.dailyBackups ?? false,
  });
  await writeSettings(core.db, { staffName: TEST_STAFF_NAME });
  await saveStaffName(core.db, core.context.computer.id, TEST_STAFF_NAME);
  const invoke = <M extends Method>(method: M, input: MethodInput<M>) =>
    core.dispatcher.invoke(method, input) as Promise<CallResult<MethodOutput<M>>>;
  return {
    ...core,
    clock,
    ports,
    dataDir,
    invoke,
    async call(method, input) {
      const result = await invoke(method, input);
      if (!result.ok)
        throw new Error(`${method} was refused: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async dispose() {
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
