import type { SyncProgress } from '../../src-shared/contract';
import type { EventBus } from '../events';
import type { TrayState } from './tray-status';

/**
 * Keeps the tray's state current from the core's events: progress as it comes,
 * and a fresh read of the sync and connection when a run ends or settings change.
 */
export class TrayStatusSource {
  private state: TrayState | null = null;
  private readonly listeners = new Set<(state: TrayState) => void>();
  private readonly stopEvents: () => void;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    events: EventBus,
    private readonly load: () => Promise<
      Omit<TrayState, 'progress'> & { progress: SyncProgress | null }
    >,
  ) {
    this.stopEvents = events.subscribe((event, payload) => {
      if (event === 'sync.progress') {
        if (this.state) this.publish({ ...this.state, progress: payload as SyncProgress });
      } else if (event === 'sync.finished') {
        // The run just ended, whatever the service's slot says this instant.
        void this.refresh({ ended: true });
      } else if (
        event === 'quickbooks.changed' ||
        (event === 'data.changed' && touchesSettings(payload))
      ) {
        void this.refresh();
      }
    });
  }

  current(): TrayState | null {
    return this.state;
  }

  onChange(listener: (state: TrayState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the state again (also the first read); resolves when listeners have it. */
  refresh(options: { ended?: boolean } = {}): Promise<void> {
    this.loading = this.loading
      .then(async () => {
        const state = await this.load();
        this.publish(options.ended ? { ...state, progress: null } : state);
      })
      .catch(() => undefined);
    return this.loading;
  }

  stop(): void {
    this.stopEvents();
    this.listeners.clear();
  }

  private publish(state: TrayState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** Client edits arrive by the thousand during a sync; only settings (the time zone) change the tray. */
function touchesSettings(payload: unknown): boolean {
  const tables = (payload as { tables?: unknown }).tables;
  return Array.isArray(tables) && tables.includes('settings');
}
