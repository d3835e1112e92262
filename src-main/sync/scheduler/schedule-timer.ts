import { scheduleJob } from 'node-schedule';

/** A pending one-shot timer. */
export interface ScheduledCall {
  cancel(): void;
}

/**
 * Runs a function once at a wall-clock instant. node-schedule in the app; tests
 * pass a fake that fires when the test moves its clock (fake-schedule-timer.ts).
 */
export interface ScheduleTimer {
  at(when: Date, run: () => void): ScheduledCall;
}

/** node-schedule's one-shot jobs (`scheduleJob(date, fn)`). */
export const nodeScheduleTimer: ScheduleTimer = {
  at(when, run) {
    const job = scheduleJob(when, run);
    if (job) return { cancel: () => void job.cancel() };
    // node-schedule refuses a date already past (e.g. "shortly after launch" computed a moment ago): run it now.
    const immediate = setImmediate(run);
    return { cancel: () => clearImmediate(immediate) };
  },
};
