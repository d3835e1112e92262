import type { Clock } from '../../platform/ports';
import type { ScheduledCall, ScheduleTimer } from './schedule-timer';

/**
 * TEST DOUBLE. A clock that only moves when the test says so, and a timer that
 * fires what is due as the clock passes it, in order. `sleepUntil` moves the
 * clock without firing anything, like a laptop lid closed over 2:00 AM.
 */
export class FakeScheduleTimer implements ScheduleTimer, Clock {
  private pending: { when: number; run: () => void; id: number }[] = [];
  private nextId = 1;
  private current: number;
  /** Awaited after each fired call so its async work ends before the clock moves on. */
  settle: () => Promise<void> = async () => undefined;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  at(when: Date, run: () => void): ScheduledCall {
    const id = this.nextId++;
    this.pending.push({ when: when.getTime(), run, id });
    return { cancel: () => (this.pending = this.pending.filter((p) => p.id !== id)) };
  }

  /** When the pending calls are due, earliest first. */
  scheduled(): Date[] {
    return this.pending.map((p) => new Date(p.when)).sort((a, b) => a.getTime() - b.getTime());
  }

  /** Moves the clock to `target`, firing every call due on the way at its own time. */
  async advanceTo(target: Date): Promise<void> {
    await this.settle();
    for (;;) {
      const due = [...this.pending].sort((a, b) => a.when - b.when || a.id - b.id)[0];
      if (!due || due.when > target.getTime()) break;
      this.pending = this.pending.filter((p) => p.id !== due.id);
      this.current = Math.max(this.current, due.when);
      due.run();
      await this.settle();
    }
    this.current = Math.max(this.current, target.getTime());
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(new Date(this.current + ms));
  }

  /** The computer sleeps: time passes and nothing fires (timers are checked again after resume). */
  sleepUntil(target: Date): void {
    this.current = target.getTime();
  }
}
