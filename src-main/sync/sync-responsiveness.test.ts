import { afterEach, expect, it } from 'vitest';
import type { ClientPage } from '../../src-shared/contract';
import { createSandboxedCore, type SandboxedCore } from '../quickbooks/connected-test-core';

let s: SandboxedCore | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

it('answers the Clients list and a search while a 20,000-customer first sync is still running', async () => {
  s = await createSandboxedCore({ sandbox: { customers: 20_000, seed: 8, latency: 40 } });
  const core = s.core;
  let syncEndedAt = Infinity;
  const answers: { at: number; total: number; running: boolean }[] = [];
  const asked: Promise<void>[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'sync.finished') syncEndedAt = performance.now();
    const progress = payload as { applied?: number };
    // Ask once pages are landing, as someone opening the Clients list mid-sync would.
    if (event === 'sync.progress' && (progress.applied ?? 0) > 0 && asked.length < 2) {
      const search = asked.length === 0 ? '' : 'a';
      asked.push(
        core.dispatcher.invoke('clients.list', { search, limit: 50 }).then((result) => {
          if (!result.ok) throw new Error(result.error.message);
          answers.push({
            at: performance.now(),
            total: (result.value as ClientPage).total,
            running: core.sync.isRunning(),
          });
        }),
      );
    }
  });

  await s.connect(); // returns when the initial sync has ended
  await Promise.all(asked);
  const run = (await core.sync.status()).lastRun;
  expect(run?.result).toBe('success');
  expect(run?.counts.created).toBeGreaterThan(19_000);
  expect(answers).toHaveLength(2);
  for (const answer of answers) {
    expect(answer.running).toBe(true);
    expect(answer.at).toBeLessThan(syncEndedAt);
    // Some of the company is already in, not all of it: the answer came mid-sync.
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.total).toBeLessThan(run!.counts.created);
  }
}, 120_000);
