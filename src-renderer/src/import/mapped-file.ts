import type { ColumnMapping } from '../../../src-shared/contract';
import type { CsvTable } from '../../../src-shared/import/csv-table';
import { applyMapping } from '../../../src-shared/import/mapped-rows';
import { rowNumbering, type RowNumbering } from '../../../src-shared/import/row-numbers';

type MappedFile = ReturnType<typeof applyMapping> & { numbering: RowNumbering };

const mapped = new WeakMap<readonly string[][], { mapping: string; file: MappedFile }>();

/**
 * The file's rows in the chosen columns, worked out once per file and mapping:
 * the preview, each re-preview and the commit get the very same rows, so a
 * big file is sent to the app once (api/import-upload.ts).
 */
export function mappedFile(
  table: Pick<CsvTable, 'rows' | 'rowNumbers'>,
  mapping: ColumnMapping,
): MappedFile {
  const key = JSON.stringify(mapping);
  const known = mapped.get(table.rows);
  if (known && known.mapping === key) return known.file;
  // Messages that name a row ("same email as row 9") use the file's own row numbers.
  const file = { ...applyMapping(table.rows, mapping), numbering: rowNumbering(table.rowNumbers) };
  mapped.set(table.rows, { mapping: key, file });
  return file;
}
