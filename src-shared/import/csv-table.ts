import Papa from 'papaparse';
import { IMPORT_MAX_ROWS } from '../contract/import';
import {
  CsvRefusal,
  decodeCsvBytes,
  detectEncoding,
  refuseNonCsv,
  type CsvEncoding,
} from './csv-bytes';
import { fieldForHeader } from './column-synonyms';

/**
 * From text to a table: the delimiter, the line endings, whether the first
 * row names the columns, and rows normalized to the header's width with blank
 * lines dropped.
 */

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export type LineEnding = 'CRLF' | 'LF' | 'CR';

export interface CsvTable {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  lineEnding: LineEnding;
  /** False when the first row already held data; columns are then "Column 1", "Column 2", … */
  hasHeader: boolean;
  columns: string[];
  rows: string[][];
}

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/**
 * The delimiter that splits the first lines into the same number of cells,
 * most often; quoted text is ignored so "Smith, Anna" does not count.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = firstLines(text, 20);
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 100 + Math.min(first, 50);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (const line of text.slice(0, 64 * 1024).split(/\r\n|\n|\r/)) {
    if (line.trim() !== '') lines.push(line);
    if (lines.length >= count) break;
  }
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

export function detectLineEnding(text: string): LineEnding {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1) return 'LF';
  if (lf === cr + 1) return 'CRLF';
  return lf === -1 || cr < lf ? 'CR' : 'LF';
}

const newlineOf: Record<LineEnding, '\r\n' | '\n' | '\r'> = { CRLF: '\r\n', LF: '\n', CR: '\r' };

/**
 * The first row names the columns when one of its cells is a known header,
 * or when it looks like labels: no email addresses, no long numbers, no
 * repeats.
 */
export function looksLikeHeader(row: readonly string[]): boolean {
  const cells = row.map((c) => c.trim()).filter((c) => c !== '');
  if (cells.length === 0) return false;
  if (cells.some((c) => fieldForHeader(c) !== null)) return true;
  const labelLike = cells.every((c) => !c.includes('@') && !/\d{3}/.test(c) && c.length <= 60);
  return labelLike && new Set(cells.map((c) => c.toLowerCase())).size === cells.length;
}

export interface ParseProgress {
  rows: number;
  /** 0–1 of the text read. */
  fraction: number;
}

/** Parses CSV text in chunks (papaparse), reporting progress between them. */
export function parseCsvText(
  text: string,
  encoding: CsvEncoding,
  onProgress?: (progress: ParseProgress) => void,
): CsvTable {
  const delimiter = detectDelimiter(text);
  const lineEnding = detectLineEnding(text);
  const raw: string[][] = [];
  Papa.parse<string[]>(text, {
    delimiter,
    newline: newlineOf[lineEnding],
    skipEmptyLines: 'greedy',
    chunkSize: 4 * 1024 * 1024,
    chunk: (results: Papa.ParseResult<string[]>) => {
      for (const row of results.data) raw.push(row);
      if (raw.length > IMPORT_MAX_ROWS + 1) {
        throw new CsvRefusal(
          `This file has more than ${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows; split it into smaller files.`,
        );
      }
      onProgress?.({ rows: raw.length, fraction: Math.min(1, results.meta.cursor / text.length) });
    },
    // Strings are parsed synchronously: every chunk has arrived when parse returns.
    complete: () => undefined,
  });
  return normalizeTable(raw, { encoding, delimiter, lineEnding });
}

/**
 * Header names made unique and never blank; trailing empty columns (from
 * trailing delimiters) dropped; every row cut or padded to the header's width.
 */
export function normalizeTable(
  raw: string[][],
  meta: Pick<CsvTable, 'encoding' | 'delimiter' | 'lineEnding'>,
): CsvTable {
  const rows = raw.filter((row) => row.some((cell) => cell.trim() !== ''));
  const first = rows[0];
  if (!first) throw new CsvRefusal('This file is empty. Choose a CSV file with a row per client.');
  const hasHeader = looksLikeHeader(first);
  const dataRows = hasHeader ? rows.slice(1) : rows;
  if (dataRows.length === 0) {
    throw new CsvRefusal(
      'This file has column names but no clients under them. Choose the file with the client rows.',
    );
  }
  let width = hasHeader ? first.length : dataRows.reduce((max, r) => Math.max(max, r.length), 0);
  // Trailing delimiters leave columns with no name and no value: drop them.
  while (
    width > 1 &&
    (!hasHeader || (first[width - 1] ?? '').trim() === '') &&
    isEmptyColumn(dataRows, width - 1)
  ) {
    width--;
  }
  const columns = uniqueNames(
    Array.from(
      { length: width },
      (_, i) => (hasHeader ? (first[i] ?? '').trim() : '') || `Column ${i + 1}`,
    ),
  );
  const normalized = dataRows.map((row) =>
    row.length === width ? row : Array.from({ length: width }, (_, i) => row[i] ?? ''),
  );
  return { ...meta, hasHeader, columns, rows: normalized };
}

function isEmptyColumn(rows: readonly string[][], index: number): boolean {
  return rows.every((row) => (row[index] ?? '').trim() === '');
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/** Everything from the file's bytes to the table, refusing what cannot be imported. */
export function readCsvBytes(
  bytes: Uint8Array,
  onProgress?: (progress: ParseProgress) => void,
): CsvTable {
  refuseNonCsv(bytes);
  const encoding = detectEncoding(bytes);
  const text = decodeCsvBytes(bytes, encoding);
  if (text.trim() === '') {
    throw new CsvRefusal('This file is empty. Choose a CSV file with a row per client.');
  }
  return parseCsvText(text, encoding, onProgress);
}
