import { IMPORT_MAX_FILE_BYTES } from '../contract/import';

/**
 * The first look at a file's bytes: refuse what is not a CSV (spreadsheets
 * renamed .csv, binaries, empty or oversized files) and find the encoding.
 * Plain TypeScript on Uint8Array and TextDecoder, so it runs in the renderer's
 * parse worker and in Node tests alike.
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file the wizard will not read; `message` is for office staff. Nothing was changed. */
export class CsvRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvRefusal';
  }
}

const MB = 1024 * 1024;

export function describeSizeLimit(): string {
  return `${Math.round(IMPORT_MAX_FILE_BYTES / MB)} MB`;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const GZIP = [0x1f, 0x8b];

/** Refuses, with the reason, a file that cannot be a CSV of clients. */
export function refuseNonCsv(bytes: Uint8Array, size = bytes.length): void {
  if (size > IMPORT_MAX_FILE_BYTES) {
    throw new CsvRefusal(
      `This file is ${(size / MB).toFixed(1)} MB; the import reads files up to ${describeSizeLimit()}. Split it into smaller files.`,
    );
  }
  if (size === 0)
    throw new CsvRefusal('This file is empty. Choose a CSV file with a row per client.');
  if (startsWith(bytes, ZIP)) {
    throw new CsvRefusal(
      'This is an Excel workbook (.xlsx), not a CSV file. In Excel choose File → Save As → "CSV UTF-8", then import that file.',
    );
  }
  if (startsWith(bytes, OLE)) {
    throw new CsvRefusal(
      'This is an older Excel workbook (.xls), not a CSV file. In Excel choose File → Save As → "CSV UTF-8", then import that file.',
    );
  }
  if (startsWith(bytes, PDF) || startsWith(bytes, GZIP)) {
    throw new CsvRefusal('This is not a CSV file (it looks like a PDF or a compressed file).');
  }
}

/** Reads the byte order mark, else tells UTF-8 from Windows-1252 by whether the bytes are valid UTF-8. */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  const nulls = countNulls(sample);
  if (nulls > 0) {
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    const evenZeros = countNulls(sample, 0);
    const oddZeros = countNulls(sample, 1);
    const half = sample.length / 2;
    if (oddZeros > half * 0.6 && evenZeros === 0) return 'utf-16le';
    if (evenZeros > half * 0.6 && oddZeros === 0) return 'utf-16be';
    throw new CsvRefusal(
      'This file holds binary data, not text. Export your client list as CSV and import that file.',
    );
  }
  return isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

function countNulls(bytes: Uint8Array, parity?: 0 | 1): number {
  let n = 0;
  for (let i = parity ?? 0; i < bytes.length; i += parity === undefined ? 1 : 2) {
    if (bytes[i] === 0) n++;
  }
  return n;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The file as text, without its byte order mark. */
export function decodeCsvBytes(bytes: Uint8Array, encoding: CsvEncoding): string {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // TextDecoder drops a leading BOM by default (ignoreBOM: false).
  const text = new TextDecoder(label).decode(bytes);
  if (text.includes('\u0000')) {
    throw new CsvRefusal(
      'This file holds binary data, not text. Export your client list as CSV and import that file.',
    );
  }
  return text;
}

export function describeEncoding(encoding: CsvEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 with BOM';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1252':
      return 'Windows-1252 (Western)';
  }
}
