import type { ClassifiedRow, ImportCounts } from '../../src-shared/contract';
import type { ClientDirectory, DirectoryClient } from './client-directory';
import type { ImportRow } from './import-row';

/**
 * The preview's colors. Green: the row's email belongs to a QuickBooks client,
 * which it links to (no new client). Blue: no QuickBooks match, a new manual
 * client. Red: skipped, with the reason.
 */

/** What the file has shown so far, for "repeated earlier in this file". */
export interface SeenInFile {
  byEmail: Map<string, number>;
  byNameWithoutEmail: Map<string, number>;
  byQuickBooksClient: Map<number, number>;
}

export function emptySeen(): SeenInFile {
  return { byEmail: new Map(), byNameWithoutEmail: new Map(), byQuickBooksClient: new Map() };
}

/** Rows are numbered for people from 1, as the preview shows them. */
const rowLabel = (index: number) => `row ${index + 1}`;

export function classifyImportRow(
  row: ImportRow,
  index: number,
  directory: ClientDirectory,
  seen: SeenInFile,
): ClassifiedRow {
  const result = (
    color: ClassifiedRow['color'],
    reason: string | null,
    match: DirectoryClient | null = null,
  ): ClassifiedRow => ({
    index,
    color,
    reason,
    matchClientId: match?.id ?? null,
    matchName: match?.name ?? null,
    displayName: row.displayName,
  });

  if (row.displayName === '') return result('red', 'Missing name');
  if (row.invalidEmail !== null) return result('red', `Invalid email "${row.invalidEmail}"`);
  if (row.tooLong !== null) return result('red', row.tooLong);

  if (row.emails.length > 0) {
    const sharing = quickBooksSharing(row.emails, directory);
    if (sharing.length > 0) {
      const { client, why } = chooseQuickBooksClient(sharing, row.nameKey);
      const earlier = seen.byQuickBooksClient.get(client.id);
      if (earlier !== undefined) {
        return result(
          'red',
          `Repeated: links to the same QuickBooks client as ${rowLabel(earlier)}`,
          client,
        );
      }
      seen.byQuickBooksClient.set(client.id, index);
      for (const email of row.emails) if (!seen.byEmail.has(email)) seen.byEmail.set(email, index);
      const reason =
        sharing.length > 1
          ? `Email shared by ${sharing.length} QuickBooks clients; links to ${client.name} (${why})`
          : null;
      return result('green', reason, client);
    }
    const manual = row.emails
      .map((e) => directory.manualByEmail.get(e))
      .find((c) => c !== undefined);
    if (manual)
      return result('red', `Already a manual client: ${manual.name} (same email)`, manual);
    const earlier = row.emails.map((e) => seen.byEmail.get(e)).find((i) => i !== undefined);
    if (earlier !== undefined) return result('red', `Repeated: same email as ${rowLabel(earlier)}`);
    for (const email of row.emails) seen.byEmail.set(email, index);
    const namesake = directory.quickBooksByName.get(row.nameKey)?.[0];
    return result(
      'blue',
      namesake ? `Same name as QuickBooks client ${namesake.name}, but a different email` : null,
    );
  }

  // No email: the name is all there is to compare.
  const byName = directory.quickBooksByName.get(row.nameKey);
  if (byName && byName.length > 0) {
    const { client } = chooseQuickBooksClient(byName, row.nameKey);
    const earlier = seen.byQuickBooksClient.get(client.id);
    if (earlier !== undefined) {
      return result(
        'red',
        `Repeated: links to the same QuickBooks client as ${rowLabel(earlier)}`,
        client,
      );
    }
    seen.byQuickBooksClient.set(client.id, index);
    return result('green', 'Matched by name (this row has no email)', client);
  }
  const manual = directory.manualByName.get(row.nameKey);
  if (manual)
    return result('red', `Already a manual client: ${manual.name} (same name, no email)`, manual);
  const earlier = seen.byNameWithoutEmail.get(row.nameKey);
  if (earlier !== undefined)
    return result('red', `Repeated: same name as ${rowLabel(earlier)} (no email)`);
  seen.byNameWithoutEmail.set(row.nameKey, index);
  return result('blue', null);
}

function quickBooksSharing(
  emails: readonly string[],
  directory: ClientDirectory,
): DirectoryClient[] {
  if (emails.length === 1) return directory.quickBooksByEmail.get(emails[0]!) ?? [];
  const found = new Set<DirectoryClient>();
  for (const email of emails)
    for (const c of directory.quickBooksByEmail.get(email) ?? []) found.add(c);
  return [...found];
}

/**
 * When a household or a parent and its sub-customers share one email, the row
 * links to the one with its name; otherwise to an active top-level customer
 * (the parent), then the oldest.
 */
export function chooseQuickBooksClient(
  candidates: readonly DirectoryClient[],
  nameKey: string,
): { client: DirectoryClient; why: string } {
  const sameName = candidates.find((c) => c.nameKey === nameKey);
  if (sameName) return { client: sameName, why: 'same name' };
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(b.usable) - Number(a.usable) || Number(b.topLevel) - Number(a.topLevel) || a.id - b.id,
  );
  const client = ranked[0]!;
  const isParent = client.topLevel && candidates.some((c) => !c.topLevel);
  return { client, why: isParent ? 'the parent customer' : 'the first active one' };
}

export function countColors(
  rows: readonly ClassifiedRow[],
  skip?: ReadonlySet<number>,
): ImportCounts {
  const counts: ImportCounts = { green: 0, blue: 0, red: 0 };
  for (const row of rows) if (!skip?.has(row.index)) counts[row.color]++;
  return counts;
}

export function classifyImportRows(
  rows: readonly ImportRow[],
  directory: ClientDirectory,
  excluded: ReadonlySet<number> = new Set(),
): ClassifiedRow[] {
  const seen = emptySeen();
  // An unticked row is judged on its own and does not make a later row a repeat.
  return rows.map((row, index) =>
    classifyImportRow(row, index, directory, excluded.has(index) ? emptySeen() : seen),
  );
}
