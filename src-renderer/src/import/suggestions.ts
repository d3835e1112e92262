import type { ClassifiedRow } from '../../../src-shared/contract';

/** A bookkeeper's answer for a row: the QuickBooks client chosen, or null for a new client. */
export type RowAnswer = readonly [index: number, clientId: number | null];

/**
 * "Use suggestions for all N rows": each row still to choose whose name is
 * one sharer's very name, answered with that customer. Unticked rows and
 * rows already answered are left as they are.
 */
export function suggestedAnswers(
  rows: readonly ClassifiedRow[],
  excluded: ReadonlySet<number>,
): RowAnswer[] {
  const answers: RowAnswer[] = [];
  for (const row of rows) {
    if (row.color === 'amber' && row.suggestedClientId !== null && !excluded.has(row.index))
      answers.push([row.index, row.suggestedClientId]);
  }
  return answers;
}
