import type { ImportColor } from '../../../src-shared/contract';

/**
 * The preview's legend, in the guide's words (`meaning`), with a few words (`short`) that keep
 * the legend on one line at 1024 wide so the Import button stays on screen.
 */
export const importColors: Record<
  ImportColor,
  { color: string; label: string; short: string; meaning: string }
> = {
  green: {
    color: 'green',
    label: 'Green',
    short: 'will link',
    meaning: 'Email matches a QuickBooks client: will link, no new client',
  },
  blue: {
    color: 'blue',
    label: 'Blue',
    short: 'new client',
    meaning: 'No QuickBooks match: creates a new manual client',
  },
  red: {
    color: 'red',
    label: 'Red',
    short: 'skipped',
    meaning: 'Duplicate or error: skipped, with the reason',
  },
  amber: {
    color: 'orange',
    label: 'To choose',
    short: 'shared email',
    meaning: 'Email shared by several QuickBooks customers: choose one, or a new client',
  },
};
