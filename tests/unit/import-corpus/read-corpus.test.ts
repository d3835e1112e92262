import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_FILE_BYTES } from '../../../src-shared/contract';
import { autoMapColumns } from '../../../src-shared/import/column-synonyms';
import { CsvRefusal, refuseNonCsv } from '../../../src-shared/import/csv-bytes';
import { readCsvBytes, tableWithHeaderAt } from '../../../src-shared/import/csv-table';

const here = dirname(fileURLToPath(import.meta.url));
const read = (name: string) => readCsvBytes(new Uint8Array(readFileSync(join(here, name))));
const refusal = (name: string) => {
  try {
    read(name);
  } catch (error) {
    if (error instanceof CsvRefusal) return error.message;
    throw error;
  }
  throw new Error(`${name} was read, not refused`);
};

const renee = ['Renée Dubois', 'renee@example.com'];

describe('reading the CSV files barns actually send', () => {
  it('reads UTF-8 with a BOM and CRLF line endings, without the BOM in the first header', () => {
    const table = read('utf8-bom-crlf.csv');
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.lineEnding).toBe('CRLF');
    expect(table.columns).toEqual(['Name', 'Email', 'Phone']);
    expect(table.rows).toEqual([
      [...renee, '555-0101'],
      ['Tom Baker', 'tom@example.com', '555-0102'],
    ]);
  });

  it('reads plain UTF-8 with LF line endings', () => {
    const table = read('lf.csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.lineEnding).toBe('LF');
    expect(table.rows[0]).toEqual([...renee, '555-0101']);
  });

  it('finds semicolons and tabs as delimiters', () => {
    const semi = read('semicolons.csv');
    expect(semi.delimiter).toBe(';');
    expect(semi.columns).toEqual(['Nom', 'E-mail Address', 'Phone #']);
    expect(semi.rows[0]).toEqual([...renee, '555 0101']);
    const tabs = read('tabs.csv');
    expect(tabs.delimiter).toBe('\t');
    expect(tabs.rows[1]).toEqual(['Tom Baker', 'tom@example.com', 'Ocala']);
  });

  it('reads Windows-1252 accents when the bytes are not valid UTF-8 ("Renée", "José Pérez")', () => {
    const table = read('windows-1252.csv');
    expect(table.encoding).toBe('windows-1252');
    expect(table.rows).toEqual([renee, ['José Pérez', 'jose@example.com']]);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = read('utf16le-bom.csv');
    expect(le.encoding).toBe('utf-16le');
    expect(le.delimiter).toBe('\t');
    expect(le.rows[0]).toEqual(renee);
    const be = read('utf16be-bom.csv');
    expect(be.encoding).toBe('utf-16be');
    expect(be.rows[0]).toEqual([...renee, '555-0101']);
  });

  it('keeps quoted commas, doubled quotes and line breaks inside a field', () => {
    const table = read('quoted-fields.csv');
    expect(table.delimiter).toBe(',');
    expect(table.rows).toEqual([
      ['Smith, Anna', 'anna@example.com', 'Prefers "early" lessons'],
      ["O'Brien, Pat", 'pat@example.com', 'Line one\nLine two, with a comma'],
    ]);
  });

  it('drops the empty columns trailing delimiters leave, and blank lines', () => {
    expect(read('trailing-delimiters.csv').columns).toEqual(['Name', 'Email']);
    expect(read('trailing-delimiters.csv').rows[1]).toEqual(['Pat Lee', 'pat@example.com']);
    const blank = read('blank-lines.csv');
    expect(blank.columns).toEqual(['Name', 'Email']);
    expect(blank.rows).toEqual([
      ['Anna Smith', 'anna@example.com'],
      ['Pat Lee', 'pat@example.com'],
    ]);
  });

  it('treats a first row of data as data and names the columns itself', () => {
    const table = read('no-header.csv');
    expect(table.hasHeader).toBe(false);
    expect(table.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(table.rows).toHaveLength(2);
  });

  it("maps QuickBooks' own customer-list export by its headers", () => {
    const table = read('quickbooks-export.csv');
    expect(autoMapColumns(table.columns)).toEqual([
      'name',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'city',
      'region',
      'postalCode',
      'country',
      null,
    ]);
  });

  it("finds the header of QuickBooks Online's Customer Contact List under its title lines, and leaves the footer out", () => {
    const table = read('quickbooks-contact-list.csv');
    expect(table.headerRow).toBe(2);
    expect(table.columns).toEqual([
      'Customer',
      'Phone Numbers',
      'Email',
      'Full Name',
      'Billing Address',
      'Shipping Address',
    ]);
    // Company name, report title and the timestamp footer are not clients.
    expect(table.rows.map((r) => r[0])).toEqual([
      'Hollis Family',
      'Pemberton Stables',
      'Renée Dubois',
    ]);
    expect(table.skippedLines).toBe(3);
    expect(autoMapColumns(table.columns)).toEqual(['name', 'phone', 'email', null, 'street', null]);
  });

  it('numbers rows as Excel does: blank lines above the header and between clients count, a line break inside a cell does not', () => {
    const table = read('blank-lines-above-header.csv');
    // Excel shows the barn's name on row 1, two blank rows, the header on row 4.
    expect(table.lineNumbers[table.headerRow]).toBe(4);
    expect(table.columns).toEqual(['Name', 'Email', 'Phone', 'Notes']);
    expect(table.rows.map((r) => r[0])).toEqual(['Anna Smith', 'Pat Lee', 'A. Smith']);
    expect(table.rowNumbers).toEqual([5, 7, 8]);
    expect(table.rows[1]![3]).toBe('Pays by check\r\nevery month');
    // The picker offers each non-blank row under its own number; "Total" on row 10 is not a client.
    expect(table.lineNumbers).toEqual([1, 4, 5, 7, 8, 10]);
    expect(table.skippedLines).toBe(2);
    // Choosing another header keeps the file's numbers.
    const fromRow5 = tableWithHeaderAt(table, 2);
    expect(fromRow5.lineNumbers[fromRow5.headerRow]).toBe(5);
    expect(fromRow5.rowNumbers).toEqual([7, 8]);
    expect(tableWithHeaderAt(table, -1).rowNumbers).toEqual([1, 4, 5, 7, 8]);
  });

  it('reads another header row when the person picks one, and no header at all', () => {
    const found = read('quickbooks-contact-list.csv');
    const asData = tableWithHeaderAt(found, -1);
    expect(asData.hasHeader).toBe(false);
    expect(asData.rows[0]![0]).toBe('Willow Creek Equestrian LLC');
    const title = tableWithHeaderAt(found, 1);
    expect(title.columns[0]).toBe('Customer Contact List');
    expect(title.rows[0]![0]).toBe('Customer');
    expect(() => tableWithHeaderAt(found, found.lines.length - 1)).toThrow(CsvRefusal);
  });

  it('reads a German Excel export: semicolons, Windows-1252, German headers mapped', () => {
    const table = read('german-excel.csv');
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
    expect(table.columns[6]).toBe('Straße');
    expect(table.rows[0]!.slice(0, 2)).toEqual(['Jürgen', 'Müller']);
    expect(autoMapColumns(table.columns)).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'postalCode',
      'city',
      'country',
      'horses',
      'notes',
    ]);
  });

  it('leaves a lone "Total" row and a report date out, and a repeated header too', () => {
    const text =
      'Name,Email,Balance\n' +
      'Anna Smith,anna@example.com,10.00\n' +
      'Name,Email,Balance\n' +
      'Pat Lee,pat@example.com,5.00\n' +
      'TOTAL,,15.00\n' +
      '"Friday, November 27, 2026 07:43 AM GMT-08:00",,\n';
    const table = readCsvBytes(new TextEncoder().encode(text));
    expect(table.rows.map((r) => r[0])).toEqual(['Anna Smith', 'Pat Lee']);
    expect(table.skippedLines).toBe(3);
  });

  it('keeps a client whose row holds only a name: only report lines are left out', () => {
    const table = readCsvBytes(
      new TextEncoder().encode('Name,Email\nAnna Smith,\nSunday Silence,\n'),
    );
    expect(table.rows.map((r) => r[0])).toEqual(['Anna Smith', 'Sunday Silence']);
    // Names that only start like a report's total or date are clients too.
    const lookalikes = readCsvBytes(
      new TextEncoder().encode(
        'Name,Email,Street\nTotal Equine Services,,\nFriday Farms,,1999 Oak Rd\nTOTAL,,\n',
      ),
    );
    expect(lookalikes.rows.map((r) => r[0])).toEqual(['Total Equine Services', 'Friday Farms']);
  });

  it('names the rows whose cells run past the last column instead of cutting them silently', () => {
    const table = readCsvBytes(
      new TextEncoder().encode(
        'Name,Email\n\nSmith, Anna,anna@x.example\nPat Lee,pat@x.example,\nCy Park,cy@x.example\n',
      ),
    );
    // Row 3's unquoted comma pushes the email past the header; row 4's trailing comma is empty.
    expect(table.rows[0]).toEqual(['Smith', ' Anna']);
    expect(table.overlongRows).toEqual([3]);
    expect(read('quickbooks-contact-list.csv').overlongRows).toEqual([]);
  });

  it('keeps the awkward rows of a file for classification to judge', () => {
    const table = read('duplicates-and-errors.csv');
    expect(table.rows).toHaveLength(6);
    expect(table.rows[1]).toEqual(['Anna Smith (again)', '  ANNA@Example.COM ']);
  });
});

describe('refusing files that are not a CSV of clients, changing nothing', () => {
  it('refuses an empty file and one with only blank lines', () => {
    expect(refusal('empty.csv')).toMatch(/empty/);
    expect(refusal('whitespace-only.csv')).toMatch(/empty/);
  });

  it('refuses a file with column names and no rows', () => {
    expect(refusal('header-only.csv')).toMatch(/column names on row 1 but no clients/);
    // A report with its lines only (a title and a date) is refused too, and says why.
    const footerOnly = new TextEncoder().encode(
      'Customer Contact List,,\r\n\r\n"Friday, Nov 27, 2026 07:43:30 AM GMT-08:00",,\r\n',
    );
    expect(() => readCsvBytes(footerOnly)).toThrow(/no client rows, only report lines/);
  });

  it('refuses a quote that is never closed, naming its row, instead of reading the rest as one name', () => {
    const broken = new TextEncoder().encode(
      'Name,Email\n\nAnna Smith,anna@x.example\n"Bob Lee,bob@x.example\nCy Park,cy@x.example\n',
    );
    expect(() => readCsvBytes(broken)).toThrow(
      'Row 4 opens a quote (") that is never closed, so the rest of the file would be read as one cell. Close the quote in that row and choose the file again.',
    );
  });

  it('refuses binary data', () => {
    expect(refusal('binary.csv')).toMatch(/binary data/);
  });

  it('refuses Excel workbooks renamed .csv and says how to save a CSV', () => {
    expect(refusal('xlsx-renamed.csv')).toMatch(/Excel workbook \(\.xlsx\).*CSV UTF-8/);
    expect(refusal('xls-renamed.csv')).toMatch(/Excel workbook \(\.xls\)/);
  });

  it('refuses a file over the size limit and states the limit', () => {
    expect(() => refuseNonCsv(new Uint8Array(4), IMPORT_MAX_FILE_BYTES + 1)).toThrow(/up to 50 MB/);
  });
});
