import type { ColumnMapping, ImportField, MappedRows } from '../contract/import';

/**
 * Keeps only the mapped columns, in the order of the fields they feed: what
 * `import.preview` and `import.commit` are sent.
 */
export function applyMapping(
  rows: readonly string[][],
  mapping: ColumnMapping,
): Omit<MappedRows, 'excluded' | 'resolutions' | 'numbering'> {
  const picked: { field: ImportField; column: number }[] = [];
  const seen = new Set<ImportField>();
  mapping.forEach((field, column) => {
    if (field !== null && !seen.has(field)) {
      seen.add(field);
      picked.push({ field, column });
    }
  });
  return {
    fields: picked.map((p) => p.field),
    rows: rows.map((row) => picked.map((p) => row[p.column] ?? '')),
  };
}
