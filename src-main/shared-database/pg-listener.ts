import type { PostgresTarget } from '../db/database-target';
import { listen, type ListenConnection } from '../db/postgres/notify';
import { log } from '../logging/core-log';

export interface PgListenerOptions {
  target: PostgresTarget;
  applicationName: string;
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /**
   * Called after a lost connection came back: notifications sent meanwhile are
   * gone (PostgreSQL does not replay them), so the caller refreshes everything.
   */
  onReconnected(): void;
  /** The connection dropped (or never came up): the banner shows at once, not at the next call. */
  onLost?(): void;
}

/** Waits between attempts after the connection is lost: 1, 2, 5, then every 10 s. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** One LISTEN connection per computer, reconnected for as long as the app runs. */
export class PgListener {
  private connection: ListenConnection | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: PgListenerOptions) {}

  /** Resolves once listening, or once the first attempt failed and retries are under way. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      log.warn('storage', `live updates not started yet, retrying: ${String(error)}`);
      this.options.onLost?.();
      void this.reconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.wake?.();
    await this.connection?.close();
    this.connection = null;
  }

  private async connect(): Promise<void> {
    const { target, applicationName, channels, onNotification } = this.options;
    const connection = await listen(target, applicationName, channels, onNotification);
    if (this.stopped) {
      await connection.close();
      return;
    }
    this.connection = connection;
    void connection.ended.then(() => {
      if (this.stopped) return;
      this.options.onLost?.();
      return this.reconnect();
    });
  }

  private async reconnect(): Promise<void> {
    this.connection = null;
    for (let attempt = 0; !this.stopped; attempt++) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.retry = setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
      });
      if (this.stopped) return;
      try {
        await this.connect();
        log.info('storage', 'live updates from the other computers resumed');
        this.options.onReconnected();
        return;
      } catch (error) {
        if (attempt === 0) log.warn('storage', `live updates lost, retrying: ${String(error)}`);
      }
    }
  }
}
