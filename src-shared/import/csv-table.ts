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
 * From text to a table: the delimiter, the line endings, which row names the
 * columns, and rows normalized to the header's width with blank lines, the
 * lines above the header and report footers dropped.
 */

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export type LineEnding = 'CRLF' | 'LF' | 'CR';

export interface CsvTable {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  lineEnding: LineEnding;
  /** False when no row names the columns; they are then "Column 1", "Column 2", … */
  hasHeader: boolean;
  /** The header's index among `lines`, or -1 for none (its row in the file: lineNumbers[headerRow]). */
  headerRow: number;
  /**
   * Lines never imported: the ones above the header (a QuickBooks report's
   * company name and title), report footers and the header repeated.
   */
  skippedLines: number;
  columns: string[];
  rows: string[][];
  /** Each of `rows`' row in the file, as Excel numbers it (blank lines count). */
  rowNumbers: number[];
  /**
   * Rows (by their number in the file) with filled cells past the header's
   * last column, which are not read: often a comma typed inside a name.
   */
  overlongRows: number[];
  /** Every non-blank line as read, so another header row can be chosen (tableWithHeaderAt). */
  lines: string[][];
  /** Each of `lines`' row in the file, as Excel and a text editor number it: blank lines count. */
  lineNumbers: number[];
}

/** How far down a file the header is looked for, and the rows the picker offers. */
export const HEADER_SEARCH_LINES = 15;

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

const filled = (row: readonly string[]) => row.map((c) => c.trim()).filter((c) => c !== '');

/**
 * A row looks like labels: no email addresses, no long numbers, no repeats,
 * or one of its cells is a known header.
 */
export function looksLikeHeader(row: readonly string[]): boolean {
  const cells = filled(row);
  if (cells.length === 0) return false;
  if (cells.some((c) => fieldForHeader(c) !== null)) return true;
  const labelLike = cells.every((c) => !c.includes('@') && !/\d{3}/.test(c) && c.length <= 60);
  return labelLike && new Set(cells.map((c) => c.toLowerCase())).size === cells.length;
}

/**
 * A row that names columns: two cells or more known column names ("Email",
 * "Telefon"), or a known name among labels. A lone cell is a title ("Customer
 * Contact List", the company's name), unless the file has one column.
 */
function namesColumns(row: readonly string[]): boolean {
  const cells = filled(row);
  const known = cells.filter((c) => fieldForHeader(c) !== null).length;
  if (cells.length === 1) return known === 1 && row.length === 1;
  return known >= 2 || (known === 1 && looksLikeHeader(row));
}

/**
 * The header: the first of the first lines that names columns (so a
 * QuickBooks report's title lines above it are passed over); failing that,
 * the first line when it looks like labels and is not a lone title; else none.
 */
export function detectHeaderRow(lines: readonly string[][]): number {
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let i = 0; i < limit; i++) if (namesColumns(lines[i]!)) return i;
  const first = lines[0];
  if (first && looksLikeHeader(first) && (filled(first).length > 1 || first.length === 1)) return 0;
  return -1;
}

const WEEKDAY = /^(mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
const TIME = /\b\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\b/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;

/**
 * A report's footer line, never a client: a lone timestamp ("Friday, Nov 27,
 * 2026 07:43 AM GMT-08:00"), the basis line, or a row whose first cell is
 * "Total" (or "Grand total") alone.
 */
export function isFooterLine(row: readonly string[]): boolean {
  // Most rows are clients: they leave at the first check, without copying their cells.
  let count = 0;
  let first = '';
  for (const cell of row) {
    if (cell.trim() === '') continue;
    if (count++ === 0) first = cell.trim();
    if (count > 3) break;
  }
  if (count === 0) return false;
  // "TOTAL" alone in its cell: "Total Equine Services" is a client.
  if (/^(grand\s+)?totals?:?$/i.test(first) && !row.some((c) => c.includes('@'))) return true;
  // An unquoted timestamp is split at its commas: "Friday", " Nov 27", " 2026 07:43 AM".
  if (count > 3) return false;
  const cells = filled(row);
  const text = cells.join(', ');
  const year = /\b\d{4}\b/.test(text);
  return (
    // A time too: "Friday Farms, 1999 Oak Rd" is a client, not a report's date.
    (WEEKDAY.test(text) && year && TIME.test(text)) ||
    ISO_TIME.test(text) ||
    /^(accrual|cash)\s+basis\b/i.test(text) ||
    (cells.length === 1 && TIME.test(text) && year)
  );
}

/** A lone label padded with blank cells ("Customer Contact List,,,,"): a report's title. */
function isTitleLine(row: readonly string[]): boolean {
  const cells = filled(row);
  return row.length > 1 && cells.length === 1 && !cells[0]!.includes('@');
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
  const numbers: number[] = [];
  // Blank lines are read, not skipped, so every row keeps the number Excel shows for it.
  let record = 0;
  let unclosedQuote = false;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: newlineOf[lineEnding],
    skipEmptyLines: false,
    chunkSize: 4 * 1024 * 1024,
    chunk: (results: Papa.ParseResult<string[]>) => {
      if (results.errors.some((e) => e.code === 'MissingQuotes')) unclosedQuote = true;
      for (const row of results.data) {
        record++;
        if (!isBlank(row)) {
          raw.push(row);
          numbers.push(record);
        }
      }
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
  // An unclosed quote swallows every line after it into one cell: clients would vanish into a name.
  if (unclosedQuote) {
    throw new CsvRefusal(
      `Row ${numbers[numbers.length - 1] ?? 1} opens a quote (") that is never closed, so the rest of the file would be read as one cell. Close the quote in that row and choose the file again.`,
    );
  }
  return normalizeTable(raw, { encoding, delimiter, lineEnding }, numbers);
}

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

/**
 * Blank lines dropped, the header found (detectHeaderRow), then the table
 * read from it: header names made unique and never blank; trailing empty
 * columns (from trailing delimiters) dropped; every row cut or padded to the
 * header's width; lines above the header, footers and repeated headers left out.
 * `numbers` are the rows' numbers in the file (1, 2, 3… when not given).
 */
export function normalizeTable(
  raw: string[][],
  meta: Pick<CsvTable, 'encoding' | 'delimiter' | 'lineEnding'>,
  numbers: readonly number[] = raw.map((_, i) => i + 1),
): CsvTable {
  const lines: string[][] = [];
  const lineNumbers: number[] = [];
  raw.forEach((row, i) => {
    if (isBlank(row)) return;
    lines.push(row);
    lineNumbers.push(numbers[i]!);
  });
  if (lines.length === 0)
    throw new CsvRefusal('This file is empty. Choose a CSV file with a row per client.');
  const headerRow = detectHeaderRow(lines);
  return tableWithHeaderAt({ ...meta, lines, lineNumbers }, headerRow, { titlesAbove: true });
}

/**
 * The table read with `headerRow` (an index into `lines`, or -1) as its
 * header: the wizard's "Header on row N". `titlesAbove`: found by itself with
 * no header, a report's title lines at the top are left out; when the person
 * says "the first row is a client", it is one.
 */
export function tableWithHeaderAt(
  source: Pick<CsvTable, 'encoding' | 'delimiter' | 'lineEnding' | 'lines' | 'lineNumbers'>,
  headerRow: number,
  { titlesAbove = false } = {},
): CsvTable {
  const { lines, lineNumbers } = source;
  const hasHeader = headerRow >= 0 && headerRow < lines.length;
  const first = hasHeader ? lines[headerRow]! : [];
  const headerKey = filled(first).join('\u0000').toLowerCase();
  const headerStart = (first[0] ?? '').trim().toLowerCase();
  // A report repeats its header on each page; a client row rarely starts like it, so few are compared whole.
  const sameAsHeader = (row: readonly string[]) =>
    hasHeader &&
    (row[0] ?? '').trim().toLowerCase() === headerStart &&
    filled(row).join('\u0000').toLowerCase() === headerKey;
  const dataRows: string[][] = [];
  const rowNumbers: number[] = [];
  let start = hasHeader ? headerRow + 1 : 0;
  if (!hasHeader && titlesAbove)
    while (start < lines.length - 1 && isTitleLine(lines[start]!)) start++;
  for (let i = start; i < lines.length; i++) {
    const row = lines[i]!;
    if (isFooterLine(row) || sameAsHeader(row)) continue;
    dataRows.push(row);
    rowNumbers.push(lineNumbers[i]!);
  }
  if (dataRows.length === 0) {
    throw new CsvRefusal(
      hasHeader
        ? `This file has column names on row ${lineNumbers[headerRow]} but no clients under them. Choose the file with the client rows.`
        : 'This file has no client rows, only report lines (a title, a total, a date). Choose the file with the client rows.',
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
  // Cells past the header's last column have nowhere to go: the rows are named, never cut silently.
  const overlong: number[] = [];
  const normalized = dataRows.map((row, r) => {
    if (row.length === width) return row;
    if (row.length > width && row.slice(width).some((cell) => cell.trim() !== ''))
      overlong.push(rowNumbers[r]!);
    return Array.from({ length: width }, (_, i) => row[i] ?? '');
  });
  return {
    encoding: source.encoding,
    delimiter: source.delimiter,
    lineEnding: source.lineEnding,
    hasHeader,
    headerRow: hasHeader ? headerRow : -1,
    skippedLines: lines.length - dataRows.length - (hasHeader ? 1 : 0),
    columns,
    rows: normalized,
    rowNumbers,
    overlongRows: overlong,
    lines,
    lineNumbers,
  };
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
