import { describe, expect, it } from 'vitest';
import { methods } from '../../src-shared/contract';
import { CallGate } from './call-gate';
import type { Handlers } from './handlers';

/** Handlers that record the order things happen in; `clients.list` waits until released. */
function recordingHandlers(log: string[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handlers = Object.fromEntries(
    methods.map((m) => [
      m,
      async () => {
        log.push(`start ${m}`);
        if (m === 'clients.list') await released;
        log.push(`end ${m}`);
        return m;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, release };
}

describe('a database swap runs alone', () => {
  it('waits for the calls in progress, and holds new calls until it is done', async () => {
    const log: string[] = [];
    const gate = new CallGate();
    const { handlers, release } = recordingHandlers(log);
    const wrapped = gate.wrap(handlers, ['backups.restore']);

    const slowCall = wrapped['clients.list']({} as never);
    await Promise.resolve();
    const swap = gate.alone(async () => {
      log.push('swap');
    });
    const lateCall = wrapped['settings.get']({} as never);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['start clients.list']);

    release();
    await Promise.all([slowCall, swap, lateCall]);
    expect(log).toEqual([
      'start clients.list',
      'end clients.list',
      'swap',
      'start settings.get',
      'end settings.get',
    ]);
  });

  it('gives up, changing nothing, when a call does not finish in time', async () => {
    const log: string[] = [];
    const gate = new CallGate();
    const { handlers, release } = recordingHandlers(log);
    const wrapped = gate.wrap(handlers, []);
    const slowCall = wrapped['clients.list']({} as never);

    await expect(gate.alone(async () => log.push('swap'), 20)).rejects.toThrow(
      /still busy.*Nothing was changed/,
    );
    expect(log).not.toContain('swap');
    // Calls are no longer held once it gave up.
    await wrapped['settings.get']({} as never);
    release();
    await slowCall;
  });

  it('knows which long writes are running', async () => {
    const gate = new CallGate();
    const { handlers, release } = recordingHandlers([]);
    const wrapped = gate.wrap(handlers, []);
    const call = wrapped['clients.list']({} as never);
    expect(gate.isRunning(['clients.list'])).toBe(true);
    expect(gate.isRunning(['import.commit'])).toBe(false);
    release();
    await call;
    expect(gate.isRunning(['clients.list'])).toBe(false);
  });
});
