import { afterEach, describe, expect, it } from 'vitest';
import { storageKind } from '../db/dialect';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';

let env: SandboxedCore | null = null;

afterEach(async () => {
  await env?.dispose();
  env = null;
});

describe('a single computer', () => {
  it('syncs by itself: on its own file no sync computer is named, on a shared database it is the sync computer', async () => {
    env = await createSandboxedCore();
    const run = await env.connectAndSync();
    expect(run.result).toBe('success');

    const status = await env.core.dispatcher.invoke('quickbooks.status', {});
    expect(status.ok && status.value.syncComputer).toEqual(
      storageKind(env.core.db) === 'sqlite'
        ? null
        : {
            name: env.core.context.computer.name,
            isThisComputer: true,
            online: true,
            lastSeenAt: null,
          },
    );
    const again = await env.core.dispatcher.invoke('sync.run', { trigger: 'manual' });
    expect(again).toMatchObject({ ok: true, value: { result: 'success', trigger: 'manual' } });
  });
});
