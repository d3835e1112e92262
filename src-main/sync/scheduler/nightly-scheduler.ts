import type { Clock, PowerEvents } from '../../platform/ports';
import { nextDailyRun, previousDailyRun, type DailyTime } from './daily-run-time';
import type { ScheduledCall, ScheduleTimer } from './schedule-timer';

/** What the schedule depends on, read fresh each time it plans or fires. */
export interface SchedulePlan {
  timeZone: string;
  /** The Customer Sync switch on Settings → Integrations. */
  customerSyncEnabled: boolean;
  connection: 'not_connected' | 'connecting' | 'connected' | 'reconnect_required';
}

export interface NightlySchedulerOptions {
  clock: Clock;
  timer: ScheduleTimer;
  power: PowerEvents;
  readPlan(): Promise<SchedulePlan>;
  lastSuccessfulSyncAt(): Promise<Date | null>;
  /**
   * Starts a sync or joins the running one (SyncService.run). `slot` is the
   * 2:00 AM it stands for: on a shared database the sync re-checks it under the
   * company's lock, and on a computer that is not the sync computer the firing
   * becomes a request for that slot, so the night runs once.
   */
  runSync(trigger: 'schedule' | 'catch-up', slot: Date): Promise<unknown>;
  /** Told whenever the next run time changes (the Integrations page shows it). */
  onNextRunChanged?(next: Date | null): void;
  time?: DailyTime;
  /** How long after launch or resume a missed run starts: the window paints and the network comes back first. */
  catchUpDelayMs?: number;
}

export const DEFAULT_CATCH_UP_DELAY_MS = 20_000;

/**
 * The nightly customer sync (DESIGN rule 8): one one-shot timer for the next
 * 2:00 AM in the organization's time zone, planned again after each run, on a
 * time-zone change, on the Customer Sync switch and after the computer wakes.
 * A run missed while asleep or closed is made up once, shortly after launch or
 * resume. Runs happen only while Customer Sync is on and QuickBooks is
 * connected; an expired connection still runs, so the failure is logged and
 * the notification offers "Reconnect" (see docs/schedule-tray-notifications.md).
 */
export class NightlyScheduler {
  private nightly: ScheduledCall | null = null;
  private catchUpCheck: ScheduledCall | null = null;
  private next: Date | null = null;
  /** The slot (a past 2:00 AM) already run or made up, so it is never run twice. */
  private handledSlot: number | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopResumeListener: (() => void) | null = null;
  private stopped = false;
  private readonly time: DailyTime;
  private readonly catchUpDelayMs: number;

  constructor(private readonly options: NightlySchedulerOptions) {
    this.time = options.time ?? '02:00';
    this.catchUpDelayMs = options.catchUpDelayMs ?? DEFAULT_CATCH_UP_DELAY_MS;
  }

  /** Plans tonight's run and checks, shortly after, for one missed while the app was closed. */
  start(): Promise<void> {
    this.stopResumeListener = this.options.power.onResume(() => this.afterWake());
    this.checkForMissedRunSoon();
    return this.track(this.plan());
  }

  /** The time of the next scheduled run, or null while Customer Sync is off. */
  nextRunAt(): Date | null {
    return this.next;
  }

  /** Plans again from the current settings: the time zone or the Customer Sync switch changed. */
  reschedule(): Promise<void> {
    return this.track(this.plan());
  }

  /** Cancels every timer; work already started finishes (await settled()). */
  stop(): void {
    this.stopped = true;
    this.stopResumeListener?.();
    this.nightly?.cancel();
    this.catchUpCheck?.cancel();
    this.nightly = this.catchUpCheck = null;
  }

  /** Resolves when everything the scheduler started (planning, runs) has ended. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private afterWake(): void {
    // Timers count running time, not sleeping time: re-arm tonight's from the wall clock.
    void this.track(this.plan());
    this.checkForMissedRunSoon();
  }

  private async plan(): Promise<void> {
    if (this.stopped) return;
    const plan = await this.options.readPlan();
    if (this.stopped) return;
    this.nightly?.cancel();
    this.nightly = null;
    let next: Date | null = null;
    if (plan.customerSyncEnabled) {
      // Never plan the slot that just fired again, even if the timer woke a moment early.
      const from = new Date(Math.max(this.options.clock.now().getTime(), this.handledSlot ?? 0));
      next = nextDailyRun(from, this.time, plan.timeZone);
      const slot = next;
      this.nightly = this.options.timer.at(slot, () => void this.track(this.runScheduled(slot)));
    }
    const changed = next?.getTime() !== this.next?.getTime();
    this.next = next;
    if (changed) this.options.onNextRunChanged?.(next);
  }

  private async runScheduled(slot: Date): Promise<void> {
    if (this.stopped) return;
    this.nightly = null;
    const claimed = this.claim(slot);
    // Plan tomorrow's first, so a long run cannot push the schedule.
    await this.plan();
    if (claimed) await this.runIfDue('schedule', slot);
  }

  private checkForMissedRunSoon(): void {
    if (this.stopped) return;
    this.catchUpCheck?.cancel();
    const when = new Date(this.options.clock.now().getTime() + this.catchUpDelayMs);
    this.catchUpCheck = this.options.timer.at(when, () => {
      this.catchUpCheck = null;
      void this.track(this.catchUp());
    });
  }

  private async catchUp(): Promise<void> {
    if (this.stopped) return;
    const plan = await this.options.readPlan();
    const slot = previousDailyRun(this.options.clock.now(), this.time, plan.timeZone);
    // Only the most recent missed night counts: three nights asleep make one run.
    if (this.handledSlot !== null && this.handledSlot >= slot.getTime()) return;
    // Checked before claiming: if Customer Sync is off now, a later resume may still make the night up.
    if (!mayRun(plan)) return;
    const lastSuccess = await this.options.lastSuccessfulSyncAt();
    if (lastSuccess && lastSuccess.getTime() >= slot.getTime()) return;
    if (!this.claim(slot)) return;
    await this.runIfDue('catch-up', slot, plan);
  }

  /** Marks a slot as handled; false when it already was (a run or a catch-up got there first). */
  private claim(slot: Date): boolean {
    if (this.handledSlot !== null && this.handledSlot >= slot.getTime()) return false;
    this.handledSlot = slot.getTime();
    return true;
  }

  private async runIfDue(
    trigger: 'schedule' | 'catch-up',
    slot: Date,
    known?: SchedulePlan,
  ): Promise<void> {
    const plan = known ?? (await this.options.readPlan());
    if (this.stopped || !mayRun(plan)) return;
    const lastSuccess = await this.options.lastSuccessfulSyncAt();
    // A sync already finished after this slot (say, a catch-up raced the late timer): nothing to do.
    if (lastSuccess && lastSuccess.getTime() >= slot.getTime()) return;
    // The sync service logs failures in the Sync Log and the notifier tells staff; nothing to add here.
    await this.options.runSync(trigger, slot).catch(() => undefined);
  }

  /**
   * Remembers work until it ends (settled()) and never lets it reject: a plan
   * that cannot read the database (say, while closing) is retried at the next
   * trigger, and a failed run is already in the Sync Log.
   */
  private track(work: Promise<void>): Promise<void> {
    const guarded = work.catch(() => undefined);
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
    return guarded;
  }
}

/**
 * Scheduled and catch-up runs need Customer Sync on and a QuickBooks company. An
 * expired connection (reconnect_required) still runs: the sync service logs the
 * failed run and the notification offers "Reconnect", so a barn learns the
 * nightly sync has stopped instead of finding out days later.
 */
function mayRun(plan: SchedulePlan): boolean {
  return (
    plan.customerSyncEnabled &&
    (plan.connection === 'connected' || plan.connection === 'reconnect_required')
  );
}
