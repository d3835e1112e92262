/**
 * A file's row numbers, as Excel and a text editor show them (blank lines and
 * the lines above the header count), sent with the mapped rows so the app's
 * messages name the row people see ("same email as row 9"). Sent as runs, not
 * one number per row: a 200,000-row file with no blank lines is one pair.
 */

/** [index, number]: row `index` and the rows after it, up to the next run, are numbered on from `number`. */
export type RowNumbering = [index: number, number: number][];

export function rowNumbering(rowNumbers: readonly number[]): RowNumbering {
  const runs: RowNumbering = [];
  rowNumbers.forEach((number, index) => {
    const last = runs[runs.length - 1];
    if (!last || last[1] + (index - last[0]) !== number) runs.push([index, number]);
  });
  return runs;
}

/** Row `index`'s number in the file; without runs, rows count from 1. */
export function rowNumberOf(runs: RowNumbering, index: number): number {
  let low = 0;
  let high = runs.length - 1;
  let found: [number, number] | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const run = runs[middle]!;
    if (run[0] <= index) {
      found = run;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found ? found[1] + (index - found[0]) : index + 1;
}
