import type { DatabaseHealth } from '../../src-shared/contract';
import { pgFailure } from '../db/postgres/pg-failures';
import { AppError } from '../errors';
import type { Clock } from '../platform/ports';

/** Waits between tries of a lost connection: soon at first, then every 10 s. */
export const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000] as const;

/**
 * Whether an error means "the shared database cannot be reached" (the kind
 * that turns the banner on). Only the database driver's own errors count
 * (pg-connection.ts marks them; pg-failures.ts reads them): a QuickBooks
 * request refused by the network is not the database going away.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'database_unavailable';
  return pgFailure(error, undefined)?.code === 'database_unavailable';
}

/**
 * What the shared database's own background connections report to the banner:
 * the LISTEN connection dropping or coming back, a heartbeat failing. Idle
 * screens make no calls, so without these the banner waits for the next one.
 */
export interface ConnectionSignals {
  /** A background statement failed: turns the banner on if the server is out of reach. */
  notice(error: unknown): boolean;
  /** The LISTEN connection dropped (the server went away or cut it): the banner, at once. */
  lostConnection(): void;
  /** The LISTEN connection is back: try now, so the banner clears without waiting for the next retry. */
  resumed(): void;
}

export interface ConnectionHealthOptions {
  clock: Clock;
  /** One cheap round trip (`select 1`), or opening the database when it never opened. */
  probe(): Promise<void>;
  /** The shared database's name for people ("equineops on db.barn.local:5432"). */
  server(): string | null;
  /** Every change of state (the event database.status). */
  onChange(health: DatabaseHealth): void;
  /** The connection is back: refresh every screen, start what waited for it. */
  onBack(): Promise<void> | void;
  delaysMs?: readonly number[];
}

/**
 * The shared database's connection as staff see it: `ok`, or `lost` since a
 * time, with `select 1` tried at 1, 2, 5, then every 10 s until it answers.
 * Calls meanwhile fail in words and change nothing; forms keep their text.
 */
export class ConnectionHealth implements ConnectionSignals {
  private lostSince: Date | null = null;
  private neverOpened = false;
  private timer: NodeJS.Timeout | null = null;
  private tries = 0;
  private probing: Promise<boolean> | null = null;
  private stopped = false;

  constructor(private readonly options: ConnectionHealthOptions) {}

  get health(): DatabaseHealth {
    return {
      state: this.lostSince ? 'lost' : 'ok',
      since: this.lostSince?.toISOString() ?? null,
      server: this.options.server(),
      neverOpened: this.lostSince !== null && this.neverOpened,
    };
  }

  get isLost(): boolean {
    return this.lostSince !== null;
  }

  /** A call failed: if the server is out of reach, say so and start trying. Returns whether it was that. */
  notice(error: unknown): boolean {
    if (!isConnectionLoss(error)) return false;
    this.flipToLost(false);
    return true;
  }

  lostConnection(): void {
    this.flipToLost(false);
  }

  resumed(): void {
    if (this.lostSince) void this.retryNow();
  }

  /** Start-up could not reach the server: nothing is open yet (the waiting screen). */
  lostAtStart(): void {
    this.flipToLost(true);
  }

  /** Try now (the waiting screen's Retry, the banner's "Try again"). */
  async retryNow(): Promise<DatabaseHealth> {
    if (this.lostSince) {
      this.clearTimer();
      const back = await this.tryOnce();
      if (!back) this.schedule();
    }
    return this.health;
  }

  /** Another database is in use now (moved, joined, back to the file): forget the lost one. */
  reset(): void {
    this.clearTimer();
    const wasLost = this.lostSince !== null;
    this.lostSince = null;
    this.neverOpened = false;
    this.tries = 0;
    if (wasLost) this.options.onChange(this.health);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private flipToLost(neverOpened: boolean): void {
    if (this.lostSince || this.stopped) return;
    this.lostSince = this.options.clock.now();
    this.neverOpened = neverOpened;
    this.tries = 0;
    this.options.onChange(this.health);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const delays = this.options.delaysMs ?? RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.tries, delays.length - 1)]!;
    this.tries += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tryOnce().then((back) => {
        if (!back) this.schedule();
      });
    }, delay);
    // A lost database must not keep a closing process alive.
    this.timer.unref();
  }

  private tryOnce(): Promise<boolean> {
    this.probing ??= (async () => {
      try {
        await this.options.probe();
      } catch {
        return false;
      }
      if (!this.lostSince) return true;
      this.lostSince = null;
      this.neverOpened = false;
      this.tries = 0;
      this.options.onChange(this.health);
      await Promise.resolve(this.options.onBack()).catch(() => undefined);
      return true;
    })().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
