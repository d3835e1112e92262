import type { SyncRun } from '../../../src-shared/contract';

type NoticeAction = 'open-sync-log' | 'reconnect' | undefined;

/**
 * Which sync run a host notice is about, so its toast can open that run. The
 * host pushes `sync.finished` with the run, then announces it; a notice asking
 * for a reconnect is about a run only when that run failed. A "Reconnect
 * QuickBooks" raised while a run is going stands in for that run's own notice
 * (the host says it once), so it is remembered and gains the run when it ends.
 */
export class SyncNoticeMatcher<Raised> {
  private finished: SyncRun | null = null;
  private running: number | null = null;
  private raisedDuring = new Map<number, Raised>();

  /** A run is under way: a notice still owed for an older one was left out. */
  progress(runId: number): void {
    this.finished = null;
    if (runId > 0) this.running = runId;
  }

  /** A run ended; returns what was raised during it, to link to it now. */
  finish(run: SyncRun): Raised | null {
    this.finished = run;
    this.running = null;
    const raised = this.raisedDuring.get(run.id) ?? null;
    this.raisedDuring.clear();
    return raised;
  }

  /** A notice arrived: the run it reports, or null when it is about no run. */
  notice(action: NoticeAction): SyncRun | null {
    const run = this.finished;
    this.finished = null;
    if (!run) return null;
    return action === 'open-sync-log' || (action === 'reconnect' && run.result === 'failed')
      ? run
      : null;
  }

  /** A reconnect notice about no finished run: kept for the run going on, if any. */
  raised(what: Raised): void {
    if (this.running !== null) this.raisedDuring.set(this.running, what);
  }
}
