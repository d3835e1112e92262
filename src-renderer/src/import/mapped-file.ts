import type { ColumnMapping } from '../../../src-shared/contract';
import { applyMapping } from '../../../src-shared/import/mapped-rows';

const mapped = new WeakMap<
  readonly string[][],
  { mapping: string; file: ReturnType<typeof applyMapping> }
>();

/**
 * The file's rows in the chosen columns, worked out once per file and mapping:
 * the preview, each re-preview and the commit get the very same rows, so a
 * big file is sent to the app once (api/import-upload.ts).
 */
export function mappedFile(
  rows: readonly string[][],
  mapping: ColumnMapping,
): ReturnType<typeof applyMapping> {
  const key = JSON.stringify(mapping);
  const known = mapped.get(rows);
  if (known && known.mapping === key) return known.file;
  const file = applyMapping(rows, mapping);
  mapped.set(rows, { mapping: key, file });
  return file;
}
