/**
 * How stored email fields are compared, wherever clients are matched by
 * email (the CSV import's green rows, the duplicate finder): case does not
 * count, and a field may hold several addresses (a QuickBooks customer's
 * email box, its other addresses in `other_emails`). Nothing inside an
 * address is removed: "mary smith@example.com" is not mary.smith's address.
 */

/** "Jane@Example.com " and " jane@example.com" are one address. */
export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase();
}

/** The addresses in stored email fields, each normalized; empty parts dropped. */
export function splitEmails(...texts: (string | null | undefined)[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const part of text.split(/[,;\s]+/)) {
      const email = normalizeEmail(part);
      if (email !== '' && !found.includes(email)) found.push(email);
    }
  }
  return found;
}
