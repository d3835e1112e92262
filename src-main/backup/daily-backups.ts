import type { Clock } from '../platform/ports';
import type { ScheduledCall, ScheduleTimer } from '../sync/scheduler/schedule-timer';
import { dayKey } from './backup-retention';

/** How often the running app looks whether today's copy exists: hourly is cheap and survives sleep. */
export const DAILY_CHECK_EVERY_MS = 60 * 60 * 1000;

export interface DailyBackupsOptions {
  clock: Clock;
  timer: ScheduleTimer;
  /** The organization's time zone: "today" is the office's day. */
  timeZone(): Promise<string>;
  /** When the daily copies were taken. */
  dailyTimes(): Date[];
  takeDaily(): Promise<unknown>;
  /** A failed copy (disk full) is reported, and tried again at the next check. */
  onError(error: unknown): void;
}

/**
 * One backup a day: at start if there is none for today yet, and then, while
 * the app keeps running, at the first hourly check of each new day.
 */
export class DailyBackups {
  private next: ScheduledCall | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: DailyBackupsOptions) {}

  start(): Promise<void> {
    this.stopped = false;
    return this.checkAndPlan();
  }

  /** Takes today's copy if none exists yet. Resolves once it is written. */
  async ensureToday(): Promise<void> {
    const zone = await this.options.timeZone();
    const today = dayKey(this.options.clock.now(), zone);
    if (this.options.dailyTimes().some((at) => dayKey(at, zone) === today)) return;
    await this.options.takeDaily();
  }

  /** The check in progress, if any, has ended. */
  idle(): Promise<void> {
    return this.running;
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.next?.cancel();
    this.next = null;
    return this.running;
  }

  private checkAndPlan(): Promise<void> {
    this.running = this.ensureToday()
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        if (this.stopped) return;
        const when = new Date(this.options.clock.now().getTime() + DAILY_CHECK_EVERY_MS);
        this.next = this.options.timer.at(when, () => void this.checkAndPlan());
      });
    return this.running;
  }
}
