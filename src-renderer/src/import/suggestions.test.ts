import { describe, expect, it } from 'vitest';
import type { ClassifiedRow } from '../../../src-shared/contract';
import { suggestedAnswers } from './suggestions';

const row = (index: number, color: ClassifiedRow['color'], suggested: number | null) =>
  ({
    index,
    color,
    reason: null,
    matchClientId: color === 'green' ? suggested : null,
    matchName: null,
    displayName: `Row ${index}`,
    choices: [],
    suggestedClientId: suggested,
  }) satisfies ClassifiedRow;

describe('Use suggestions for all N rows', () => {
  it('answers only the rows still to choose that have a same-name customer, and never an unticked one', () => {
    const rows = [
      row(0, 'amber', 11), // to choose, suggested: answered
      row(1, 'amber', null), // to choose, no namesake: the bookkeeper picks
      row(2, 'green', 12), // already answered: left as chosen
      row(3, 'amber', 13), // unticked: left out
      row(4, 'amber', 14),
    ];
    expect(suggestedAnswers(rows, new Set([3]))).toEqual([
      [0, 11],
      [4, 14],
    ]);
    expect(suggestedAnswers([row(0, 'blue', null), row(1, 'red', null)], new Set())).toEqual([]);
  });
});
