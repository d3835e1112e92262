import type { CarryOver, DuplicateReason } from '../../../src-shared/contract';

/** How each reason reads on a pair. */
export const reasonLabels: Record<DuplicateReason, string> = {
  email: 'Same email',
  phone: 'Same phone',
  name: 'Same name',
};

/** The sentence for what happens to portal access, or null when there is nothing to say. */
export function portalSentence(outcome: CarryOver, kept: string, archived: string): string | null {
  switch (outcome) {
    case 'carried':
      return `Portal access carries over to ${kept}.`;
    case 'kept_has_own':
      return `Both have portal access: ${kept}'s is kept, ${archived}'s is not carried over.`;
    case 'needs_email':
      return `Portal access is not carried over: ${kept} has no email address to sign in with.`;
    case 'nothing_to_carry':
      return null;
  }
}

export function preferencesSentence(outcome: CarryOver, kept: string): string | null {
  switch (outcome) {
    case 'carried':
      return `Preferences carry over to ${kept}.`;
    case 'kept_has_own':
      return `Both have preferences: ${kept}'s are kept.`;
    case 'needs_email':
    case 'nothing_to_carry':
      return null;
  }
}
