import type { PowerEvents } from '../ports';

/**
 * A server process is not told when the computer wakes; missed scheduled syncs
 * are caught up at start-up instead.
 */
export const noPowerEvents: PowerEvents = {
  onResume: () => () => undefined,
};
