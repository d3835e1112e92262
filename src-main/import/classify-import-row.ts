import type { ClassifiedRow, ImportChoice, ImportCounts } from '../../src-shared/contract';
import { rowNumberOf, type RowNumbering } from '../../src-shared/import/row-numbers';
import type { ClientDirectory, DirectoryClient } from './client-directory';
import type { ImportRow } from './import-row';

/**
 * The preview's colors. Green: the row's email belongs to a QuickBooks client,
 * which it links to (no new client). Blue: no QuickBooks client to link to, a
 * new manual client. Red: skipped, with the reason. Amber: several QuickBooks
 * customers share the row's email (a household, a parent and a sub-customer);
 * the bookkeeper chooses which one, or a new client. Never a silent pick.
 */

/** What the file has shown so far, for "repeated earlier in this file". */
export interface SeenInFile {
  byEmail: Map<string, number>;
  byNameWithoutEmail: Map<string, number>;
  byQuickBooksClient: Map<number, number>;
  /** The file's row numbers, as Excel shows them, for "row N" in messages. */
  numbering: RowNumbering;
}

export function emptySeen(numbering: RowNumbering = []): SeenInFile {
  return {
    byEmail: new Map(),
    byNameWithoutEmail: new Map(),
    byQuickBooksClient: new Map(),
    numbering,
  };
}

/**
 * The bookkeeper's answers for amber rows, by row index: the QuickBooks
 * client chosen, or null for "import as new".
 */
export type Resolutions = ReadonlyMap<number, number | null>;

/**
 * Who a row may link to among the QuickBooks clients sharing its email (or
 * name): never one deleted or merged; the active ones when there are any.
 */
export function linkCandidates(candidates: readonly DirectoryClient[]): {
  pool: DirectoryClient[];
  gone: DirectoryClient[];
} {
  const live = candidates.filter((c) => c.gone === null);
  const active = live.filter((c) => c.active);
  return {
    pool: active.length > 0 ? active : live,
    gone: candidates.filter((c) => c.gone !== null),
  };
}

function choiceOf(
  client: DirectoryClient,
  nameKey: string,
  suggested: DirectoryClient | null,
): ImportChoice {
  const sameName = client.nameKey === nameKey;
  const notes = [
    client === suggested ? 'suggested (same name)' : sameName ? 'same name' : null,
    client.topLevel ? null : 'sub-customer',
    client.active ? null : 'inactive in QuickBooks',
  ].filter(Boolean);
  return { clientId: client.id, name: client.name, note: notes.join(', ') || null };
}

export function classifyImportRow(
  row: ImportRow,
  index: number,
  directory: ClientDirectory,
  seen: SeenInFile,
  resolution?: number | null,
): ClassifiedRow {
  let choices: ImportChoice[] = [];
  let suggested: DirectoryClient | null = null;
  const rowLabel = (other: number) => `row ${rowNumberOf(seen.numbering, other)}`;
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
    choices,
    suggestedClientId: suggested?.id ?? null,
  });

  /** Links the row to `client` unless an earlier row already did. */
  const link = (client: DirectoryClient, reason: string | null): ClassifiedRow => {
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
    const inactive = client.active ? null : 'inactive in QuickBooks';
    const said = [inactive, reason].filter(Boolean).join('; ');
    return result('green', said === '' ? null : said[0]!.toUpperCase() + said.slice(1), client);
  };

  /**
   * Several QuickBooks clients it could link to: the bookkeeper's choice, or
   * amber until there is one. Undefined when the choice was "a new client".
   */
  const chooseAmong = (
    pool: DirectoryClient[],
    shared: 'email' | 'name',
  ): ClassifiedRow | undefined => {
    // The one customer with the row's very name is offered first, for a one-click confirm; never taken unasked.
    const namesakes = pool.filter((c) => c.nameKey === row.nameKey);
    suggested = namesakes.length === 1 ? namesakes[0]! : null;
    const ordered = suggested ? [suggested, ...pool.filter((c) => c !== suggested)] : pool;
    choices = ordered.map((c) => choiceOf(c, row.nameKey, suggested));
    if (resolution === null) return undefined;
    const chosen = pool.find((c) => c.id === resolution);
    const sharing = `${pool.length} QuickBooks customers sharing this ${shared}`;
    if (chosen) return link(chosen, `your choice of ${sharing}`);
    if (suggested) {
      return result(
        'amber',
        `${sharing}: ${suggested.name} has the same name. Confirm it, choose another, or import as a new client`,
      );
    }
    return result('amber', `${sharing}: choose which one, or import as a new client`);
  };

  if (row.displayName === '') return result('red', 'Missing name');
  if (row.emailProblem !== null) {
    // QuickBooks' own export of a couple's customer: every address of the cell is that customer's.
    const holders = row.emails.length > 1 ? quickBooksHoldingAll(row.emails, directory) : [];
    const { pool } = linkCandidates(holders);
    if (pool.length === 1) return link(pool[0]!, 'the same addresses as in QuickBooks');
    if (pool.length > 1) {
      const outcome = chooseAmong(pool, 'email');
      if (outcome) return outcome;
    }
    return result('red', row.emailProblem);
  }
  if (row.tooLong !== null) return result('red', row.tooLong);

  if (row.emails.length > 0) {
    const { pool, gone } = linkCandidates(quickBooksSharing(row.emails, directory));
    let chosenNew = false;
    if (pool.length === 1) return link(pool[0]!, null);
    if (pool.length > 1) {
      const outcome = chooseAmong(pool, 'email');
      if (outcome) return outcome;
      chosenNew = true;
    }
    const manual = row.emails
      .map((e) => directory.manualByEmail.get(e))
      .find((c) => c !== undefined);
    if (manual)
      return result('red', `Already a manual client: ${manual.name} (same email)`, manual);
    const earlier = row.emails.map((e) => seen.byEmail.get(e)).find((i) => i !== undefined);
    if (earlier !== undefined) return result('red', `Repeated: same email as ${rowLabel(earlier)}`);
    for (const email of row.emails) seen.byEmail.set(email, index);
    if (chosenNew) return result('blue', 'A new client, as you chose');
    const dead = gone[0];
    if (dead) {
      return result('blue', `Not linked to ${dead.name} (${dead.gone}): imported as a new client`);
    }
    const namesake = linkCandidates(directory.quickBooksByName.get(row.nameKey) ?? []).pool[0];
    return result(
      'blue',
      namesake ? `Same name as QuickBooks client ${namesake.name}, but a different email` : null,
    );
  }

  // No email: the name is all there is to compare.
  const { pool, gone } = linkCandidates(directory.quickBooksByName.get(row.nameKey) ?? []);
  let chosenNew = false;
  if (pool.length === 1) return link(pool[0]!, 'matched by name (this row has no email)');
  if (pool.length > 1) {
    const outcome = chooseAmong(pool, 'name');
    if (outcome) return outcome;
    chosenNew = true;
  }
  const manual = directory.manualByName.get(row.nameKey);
  if (manual)
    return result('red', `Already a manual client: ${manual.name} (same name, no email)`, manual);
  const earlier = seen.byNameWithoutEmail.get(row.nameKey);
  if (earlier !== undefined)
    return result('red', `Repeated: same name as ${rowLabel(earlier)} (no email)`);
  seen.byNameWithoutEmail.set(row.nameKey, index);
  if (chosenNew) return result('blue', 'A new client, as you chose');
  const dead = gone[0];
  return result(
    'blue',
    dead ? `Not linked to ${dead.name} (${dead.gone}): imported as a new client` : null,
  );
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

/** The QuickBooks clients that have every one of these addresses. */
function quickBooksHoldingAll(
  emails: readonly string[],
  directory: ClientDirectory,
): DirectoryClient[] {
  const [first, ...rest] = emails;
  return (directory.quickBooksByEmail.get(first!) ?? []).filter((client) =>
    rest.every((email) => directory.quickBooksByEmail.get(email)?.includes(client)),
  );
}

export function countColors(
  rows: readonly ClassifiedRow[],
  skip?: ReadonlySet<number>,
): ImportCounts {
  const counts: ImportCounts = { green: 0, blue: 0, red: 0, amber: 0 };
  for (const row of rows) if (!skip?.has(row.index)) counts[row.color]++;
  return counts;
}

export function classifyImportRows(
  rows: readonly ImportRow[],
  directory: ClientDirectory,
  excluded: ReadonlySet<number> = new Set(),
  resolutions: Resolutions = new Map(),
  numbering: RowNumbering = [],
): ClassifiedRow[] {
  const seen = emptySeen(numbering);
  // An unticked row is judged on its own and does not make a later row a repeat.
  return rows.map((row, index) =>
    classifyImportRow(
      row,
      index,
      directory,
      excluded.has(index) ? emptySeen(numbering) : seen,
      resolutions.get(index),
    ),
  );
}
