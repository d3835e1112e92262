/**
 * How an email field is compared, wherever clients are matched by email (the
 * CSV import's green rows, the duplicate finder): case and spaces do not
 * count, and a field may hold several addresses separated by commas or
 * semicolons, as QuickBooks and spreadsheet exports allow.
 */

/** "Jane@Example.com " and " jane@example.com" are one address. */
export function normalizeEmail(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** The addresses in an email field, each normalized; empty parts dropped. */
export function splitEmails(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/[,;]/)
    .map(normalizeEmail)
    .filter((e) => e !== '');
}
