import type { Method } from '../../src-shared/contract';
import { AppError } from '../errors';
import type { Handlers } from './handlers';

/**
 * Counts the calls in progress so a database swap (a restore) runs alone: it
 * waits for the calls already running to finish, and calls that arrive
 * meanwhile wait for the swap, then run on the new file.
 */
export class CallGate {
  /** Calls in progress by name: a method, or a browser host file route ('files.…'). */
  private readonly running = new Map<string, number>();
  private exclusive: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  /** Wraps every handler except `exempt` (the swaps themselves, which take the gate). */
  wrap(handlers: Handlers, exempt: readonly Method[]): Handlers {
    const wrapped: Record<string, unknown> = {};
    for (const [method, handler] of Object.entries(handlers) as [
      Method,
      (input: unknown) => unknown,
    ][]) {
      wrapped[method] = exempt.includes(method)
        ? handler
        : (input: unknown) => this.pass(method, () => handler(input));
    }
    return wrapped as Handlers;
  }

  /**
   * Runs work that is not a handler (the browser host's file routes: an
   * upload, a download, an export) through the gate like a call: it waits for
   * a swap in progress, and a swap waits for it.
   */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.pass(name, work);
  }

  /** True from the moment a swap asks for the gate until it has ended: new calls wait. */
  get swapping(): boolean {
    return this.exclusive !== null;
  }

  /** True while one of these calls is in progress (an import commit, a merge). */
  isRunning(methods: readonly string[]): boolean {
    return methods.some((m) => (this.running.get(m) ?? 0) > 0);
  }

  /**
   * Runs `work` once no call is in progress, holding new calls until it ends.
   * Gives up, changing nothing, if calls are still running after `waitMs`.
   */
  async alone<T>(work: () => Promise<T>, waitMs = 10_000): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise<void>((resolve) => (release = resolve));
    try {
      await this.untilIdle(waitMs);
      return await work();
    } finally {
      this.exclusive = null;
      release();
    }
  }

  private async pass<T>(method: string, call: () => T): Promise<Awaited<T>> {
    while (this.exclusive) await this.exclusive;
    this.running.set(method, (this.running.get(method) ?? 0) + 1);
    try {
      return await call();
    } finally {
      this.running.set(method, (this.running.get(method) ?? 1) - 1);
      if (this.total() === 0) this.drained?.();
    }
  }

  private total(): number {
    let n = 0;
    for (const count of this.running.values()) n += count;
    return n;
  }

  private async untilIdle(waitMs: number): Promise<void> {
    if (this.total() === 0) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new AppError(
                  'conflict',
                  'EquineOps is still busy with another task. Nothing was changed; wait a moment and try again.',
                ),
              ),
            waitMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.drained = null;
    }
  }
}
