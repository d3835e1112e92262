// Writes the awkward CSV files the import tests read: `npx tsx tests/unit/import-corpus/generate-corpus.ts`.
// Encodings other than UTF-8 are written as bytes, so what is on disk is exactly what a barn's PC would send.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(here, name), bytes);

/** Windows-1252 for the Latin-1 range (é = 0xE9); enough for these names. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    bytes.set(order === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return bytes;
}

const basic =
  'Name,Email,Phone\r\nRenée Dubois,renee@example.com,555-0101\r\nTom Baker,tom@example.com,555-0102\r\n';

write('utf8-bom-crlf.csv', '\uFEFF' + basic);
write('lf.csv', basic.replace(/\r\n/g, '\n'));
write(
  'semicolons.csv',
  'Nom;E-mail Address;Phone #\nRenée Dubois;renee@example.com;555 0101\nTom Baker;tom@example.com;555 0102\n',
);
write(
  'tabs.csv',
  'Client Name\tEmail\tCity\nRenée Dubois\trenee@example.com\tLexington\nTom Baker\ttom@example.com\tOcala\n',
);
write(
  'windows-1252.csv',
  windows1252('Name,Email\r\nRenée Dubois,renee@example.com\r\nJosé Pérez,jose@example.com\r\n'),
);
write(
  'utf16le-bom.csv',
  utf16('Name\tEmail\r\nRenée Dubois\trenee@example.com\r\nTom Baker\ttom@example.com\r\n', 'le'),
);
write('utf16be-bom.csv', utf16(basic, 'be'));
write(
  'quoted-fields.csv',
  'Name,Email,Notes\n' +
    '"Smith, Anna",anna@example.com,"Prefers ""early"" lessons"\n' +
    '"O\'Brien, Pat",pat@example.com,"Line one\nLine two, with a comma"\n',
);
write(
  'trailing-delimiters.csv',
  'Name,Email,,\nAnna Smith,anna@example.com,,\nPat Lee,pat@example.com,,\n',
);
write(
  'blank-lines.csv',
  '\n\nName,Email\n\nAnna Smith,anna@example.com\n,\n\nPat Lee,pat@example.com\n\n\n',
);
write(
  'duplicates-and-errors.csv',
  'Name,Email\n' +
    'Anna Smith,anna@example.com\n' +
    'Anna Smith (again),  ANNA@Example.COM \n' +
    'Pat Lee,pat@@example\n' +
    ',nobody@example.com\n' +
    'Sam Green,\n' +
    'sam  green,\n',
);
write(
  'quickbooks-export.csv',
  'Customer,Company name,Main Email,Main Phone,Mobile,Billing Street,Billing City,Billing State,Billing ZIP,Billing Country,Open Balance\n' +
    'Willow Creek Farm,Willow Creek Farm LLC,office@willowcreek.example,(859) 555-0100,859-555-0199,12 Pike Rd,Lexington,KY,40511,USA,0.00\n',
);
write('no-header.csv', 'Anna Smith,anna@example.com,555-0101\nPat Lee,pat@example.com,555-0102\n');
write('empty.csv', '');
write('whitespace-only.csv', '\r\n  \r\n');
write('header-only.csv', 'Name,Email,Phone\r\n');
write(
  'binary.csv',
  Uint8Array.from([0x4e, 0x61, 0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x41, 0x00, 0x00, 0x7f]),
);
write(
  'xlsx-renamed.csv',
  Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]),
);
write(
  'xls-renamed.csv',
  Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00, 0x00, 0x00]),
);

// QuickBooks Online's "Customer Contact List" report exported to CSV: the company's name and the
// report's title above the header (padded with blank cells), a blank line, and a timestamp footer.
write(
  'quickbooks-contact-list.csv',
  'Willow Creek Equestrian LLC,,,,,\r\n' +
    'Customer Contact List,,,,,\r\n' +
    ',,,,,\r\n' +
    'Customer,Phone Numbers,Email,Full Name,Billing Address,Shipping Address\r\n' +
    'Hollis Family,Phone: (859) 555-0101,"ann@hollis.example, bob@hollis.example",Ann Hollis,"12 Pike Rd, Lexington, KY 40511",\r\n' +
    'Pemberton Stables,Phone: (859) 555-0102,barn@pemberton.example,Jane Pemberton,"4 Fox Ln, Paris, KY 40361",\r\n' +
    'Renée Dubois,Mobile: 859-555-0103,renee@example.com,Renée Dubois,,\r\n' +
    ',,,,,\r\n' +
    ',,,,,\r\n' +
    'Friday, Nov 27, 2026 07:43:30 AM GMT-08:00,,,,,\r\n',
);
// A German Excel "CSV (Trennzeichen-getrennt)": semicolons, Windows-1252, German headers.
write(
  'german-excel.csv',
  windows1252(
    'Vorname;Nachname;Firma;E-Mail-Adresse;Telefon;Handy;Straße;PLZ;Ort;Land;Pferde;Bemerkungen\r\n' +
      'Jürgen;Müller;Gestüt Müller;juergen@gestuet-mueller.example;06221 12345;0171 2345678;Hauptstraße 5;69117;Heidelberg;Deutschland;Blitz, Stern;Zahlt bar\r\n' +
      'Anna;Weiß;;anna.weiss@example.de;030 555 0101;;Lindenallee 2;10115;Berlin;Deutschland;Luna;\r\n',
  ),
);
// An Excel sheet saved as CSV with the barn's name and blank rows above the header, a blank row
// between clients, a note spanning two lines, a repeated email and a "Total" row: Excel numbers
// its rows 1–10 (the note's line break is inside row 7), and so must the wizard.
write(
  'blank-lines-above-header.csv',
  'Sunny Acres Barn,,,\r\n' +
    '\r\n' +
    '\r\n' +
    'Name,Email,Phone,Notes\r\n' +
    'Anna Smith,anna@example.com,555-0101,\r\n' +
    '\r\n' +
    'Pat Lee,pat@example.com,555-0102,"Pays by check\r\nevery month"\r\n' +
    'A. Smith,anna@example.com,,\r\n' +
    '\r\n' +
    'Total,3,,\r\n',
);
write(
  'two-addresses.csv',
  'Name,Email\n' +
    'Ann and Bob Hollis,"ann@hollis.example, bob@hollis.example"\n' +
    'Carla Diaz,carla@diaz.example; carla.work@diaz.example\n',
);
write(
  'inner-space-email.csv',
  'Name,Email\n' + 'Mary Smith,mary smith@example.com\n' + 'Jo Park,  jo@park.example  \n',
);
