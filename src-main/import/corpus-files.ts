import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoMapColumns } from '../../src-shared/import/column-synonyms';
import { readCsvBytes } from '../../src-shared/import/csv-table';
import { applyMapping } from '../../src-shared/import/mapped-rows';
import { rowNumbering } from '../../src-shared/import/row-numbers';

/** For tests: the awkward CSV files of tests/unit/import-corpus. */
const corpus = join(__dirname, '../../tests/unit/import-corpus');

/**
 * A corpus file as the wizard sends it: read, header found, columns
 * auto-mapped, rows numbered as the file numbers them; `table` is what was read.
 */
export function corpusFile(name: string) {
  const table = readCsvBytes(new Uint8Array(readFileSync(join(corpus, name))));
  return {
    table,
    ...applyMapping(table.rows, autoMapColumns(table.columns)),
    numbering: rowNumbering(table.rowNumbers),
  };
}
