import type { QuickBooksStatus } from '../../../../src-shared/contract';

/**
 * What a QuickBooks client's profile says about where changes come from: only
 * while QuickBooks is connected and Customer Sync is on do they "arrive with
 * the next sync"; otherwise the details are as of the last sync.
 */
export function quickBooksChangesWording(status: QuickBooksStatus | undefined): string {
  if (!status) return 'Contact details come from QuickBooks and are read-only here.';
  if (status.state === 'connected' && status.customerSyncEnabled)
    return 'Contact details come from QuickBooks and are read-only here. Edit them in QuickBooks; the changes arrive here with the next sync.';
  if (status.state === 'connected')
    return 'Contact details come from QuickBooks and are read-only here. Customer Sync is off, so changes made in QuickBooks do not arrive until it is turned back on under Settings → Integrations.';
  if (status.state === 'reconnect_required')
    return 'QuickBooks needs to be reconnected: these details are as of the last sync. Reconnect under Settings → Integrations to bring in changes made since.';
  return 'QuickBooks is disconnected: these details are as of the last sync. Connect QuickBooks under Settings → Integrations to bring in changes made since.';
}
