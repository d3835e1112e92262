import type { ImportColor } from '../../../src-shared/contract';

/** The preview's legend, in the guide's words. */
export const importColors: Record<ImportColor, { color: string; label: string; meaning: string }> =
  {
    green: {
      color: 'green',
      label: 'Green',
      meaning: 'Email matches a QuickBooks client: will link, no new client',
    },
    blue: {
      color: 'blue',
      label: 'Blue',
      meaning: 'No QuickBooks match: creates a new manual client',
    },
    red: { color: 'red', label: 'Red', meaning: 'Duplicate or error: skipped, with the reason' },
    amber: {
      color: 'orange',
      label: 'To choose',
      meaning: 'Email shared by several QuickBooks customers: choose one, or a new client',
    },
  };
