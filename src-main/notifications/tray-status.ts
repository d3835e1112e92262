import { timeInZone } from '../format/time-in-zone';
import {
  describeSyncChanges,
  type ConnectionState,
  type SyncProgress,
  type SyncRun,
} from '../../src-shared/contract';

/** What the tray shows, gathered from the sync and the connection. */
export interface TrayState {
  connection: ConnectionState;
  customerSyncEnabled: boolean;
  /** The running sync's progress, or null. */
  progress: SyncProgress | null;
  lastRun: SyncRun | null;
  timeZone: string;
}

/** What a tray menu item does; the Electron glue maps these to handlers. */
export type TrayAction = 'sync-now' | 'reconnect' | 'open' | 'quit';

export type TrayMenuItem =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean };

/** Fraction done, for a progress bar; null until the total is known. */
export function progressFraction(progress: SyncProgress): number | null {
  if (progress.total === null || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.applied / progress.total));
}

/**
 * The value for BrowserWindow.setProgressBar: 0–1 while counting up, 2
 * (Electron's "indeterminate") before the total is known, -1 to clear it.
 */
export function taskbarProgress(progress: SyncProgress | null): number {
  if (!progress) return -1;
  return progressFraction(progress) ?? 2;
}

/** "Last sync 2:00 AM · 3 updated" / "Sync failed — Reconnect" / "Syncing… 40%". */
export function trayStatusLine(state: TrayState, now: Date): string {
  if (state.progress) {
    const fraction = progressFraction(state.progress);
    return fraction === null ? 'Syncing…' : `Syncing… ${Math.floor(fraction * 100)}%`;
  }
  if (state.connection === 'reconnect_required') return 'Sync failed — Reconnect';
  if (state.connection === 'not_connected' || state.connection === 'connecting')
    return 'QuickBooks not connected';
  if (!state.customerSyncEnabled) return 'Customer Sync is off';
  const run = state.lastRun;
  if (!run || run.result === 'running') return 'Not synced yet';
  const when = shortTime(new Date(run.finishedAt ?? run.startedAt), now, state.timeZone);
  if (run.result === 'failed') return `Sync failed ${when} — see the Sync Log`;
  const errors =
    run.result === 'partial'
      ? ` · ${run.counts.errors} ${run.counts.errors === 1 ? 'error' : 'errors'}`
      : '';
  return `Last sync ${when} · ${describeSyncChanges(run.counts)}${errors}`;
}

/** The tray menu, top to bottom: status, Sync Customers Now, (Reconnect), Open EquineOps, Quit. */
export function trayMenu(state: TrayState, now: Date): TrayMenuItem[] {
  const canSync =
    state.customerSyncEnabled &&
    (state.connection === 'connected' || state.connection === 'reconnect_required');
  return [
    { kind: 'status', label: trayStatusLine(state, now) },
    { kind: 'separator' },
    // Enabled while a sync runs: clicking joins it (DESIGN rule 6).
    { kind: 'action', action: 'sync-now', label: 'Sync Customers Now', enabled: canSync },
    ...(state.connection === 'reconnect_required'
      ? [
          {
            kind: 'action',
            action: 'reconnect',
            label: 'Reconnect QuickBooks…',
            enabled: true,
          } as const,
        ]
      : []),
    { kind: 'action', action: 'open', label: 'Open EquineOps', enabled: true },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quit', enabled: true },
  ];
}

/** "2:00 AM" today, "Jun 12, 2:00 AM" another day, in the organization's time zone. */
function shortTime(at: Date, now: Date, timeZone: string): string {
  const { time, date } = timeInZone(at, now, timeZone);
  return date ? `${date}, ${time}` : time;
}
