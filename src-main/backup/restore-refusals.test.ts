import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';

let current: SandboxedCore | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

describe('a restore waits for long work to end', () => {
  it('is refused while a QuickBooks sync runs, changing nothing, and works once it has finished', async () => {
    current = await createSandboxedCore({ sandbox: { customers: 30, seed: 5 } });
    const { core, sandbox } = current;
    await current.connect();
    const backup = await core.dispatcher.invoke('backups.create', {});
    if (!backup.ok) throw new Error(backup.error.message);

    // Every QuickBooks answer is slow, so the sync is still running when the restore is asked for.
    sandbox.admin.setFaults({ latency: { kind: 'uniform', minMs: 300, maxMs: 400 } });
    const run = core.sync.run('manual', { mode: 'full' });
    expect(core.sync.isRunning()).toBe(true);

    const refused = await core.dispatcher.invoke('backups.restore', { name: backup.value.name });

    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toMatch(/sync is running.*nothing was changed/i);
    }
    const overview = await core.dispatcher.invoke('backups.overview', {});
    if (!overview.ok) throw new Error(overview.error.message);
    expect(overview.value.backups.map((b) => b.kind)).not.toContain('set-aside');

    expect((await run).result).toBe('success');
    const restored = await core.dispatcher.invoke('backups.restore', { name: backup.value.name });
    expect(restored.ok).toBe(true);
  });
});
