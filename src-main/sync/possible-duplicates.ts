import type { DuplicatePair } from '../../src-shared/contract';
import type { NewSyncItem } from './sync-log-repository';

const REASON_WORDS = {
  email: 'same email',
  phone: 'same phone number',
  name: 'same name',
} as const;

/**
 * A QuickBooks customer a run created or changed that matches a custom client
 * becomes a Sync Log line, so staff can merge the two (Clients → Possible duplicates).
 */
export function possibleDuplicateItems(pairs: readonly DuplicatePair[]): NewSyncItem[] {
  return pairs.map((pair) => ({
    qbId: null,
    clientId: pair.quickbooks.id,
    clientName: pair.quickbooks.displayName,
    action: 'possible_duplicate' as const,
    message: `QuickBooks customer ${pair.quickbooks.displayName} may be the same person as custom client ${pair.manual.displayName} (${pair.reasons.map((r) => REASON_WORDS[r]).join(', ')}). Review it under Clients → Possible duplicates.`,
  }));
}
