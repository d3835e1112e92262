import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsTokens } from './search-tokens';

/**
 * ftsTokens() against SQLite itself: the same texts go into an FTS5 table with
 * the app's tokenizer, and fts5vocab('instance') lists the tokens it indexed,
 * in order. PostgreSQL finds what SQLite finds only while these agree.
 */

let sqlite: Database.Database;
beforeAll(() => {
  sqlite = new Database(':memory:');
});
afterAll(() => sqlite.close());

/** The tokens SQLite indexes for each text, in order. */
function sqliteTokens(texts: readonly string[]): string[][] {
  // A fresh table each time: deleting rows from FTS5 would tokenize them again.
  sqlite.exec('drop table if exists t; drop table if exists t_vocab');
  sqlite.exec(
    `create virtual table t using fts5(body, tokenize = "unicode61 remove_diacritics 2")`,
  );
  sqlite.exec(`create virtual table t_vocab using fts5vocab(t, 'instance')`);
  const insert = sqlite.prepare<[number, string]>('insert into t (rowid, body) values (?, ?)');
  sqlite.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
  const out: string[][] = texts.map(() => []);
  const rows = sqlite.prepare('select term, doc from t_vocab order by doc, offset').all() as {
    term: string;
    doc: number;
  }[];
  for (const row of rows) out[row.doc - 1]!.push(row.term);
  return out;
}

function expectSameTokens(texts: readonly string[]): void {
  const expected = sqliteTokens(texts);
  const mismatches = texts
    .map((text, i) => ({ text, sqlite: expected[i], ours: ftsTokens(text) }))
    .filter((m) => JSON.stringify(m.sqlite) !== JSON.stringify(m.ours));
  expect(mismatches.slice(0, 5)).toEqual([]);
}

const nasty = [
  'Renée Lefèvre',
  'ÉMILE émile Emile',
  'Zoë Ashford zoe',
  'Müller MÜLLER Muller',
  'Straße STRASSE ß ẞ',
  'ﬁnch oﬃce Æsop æ Œuvre œ ĳssel',
  'Łódź Ørsted Ðað Þór',
  'e\u0301mile (decomposed) Ame\u0301lie a\u0308\u0308b \u0301start',
  '東京都 渋谷区 とうきょう トウキョウ 서울',
  '🐴 horse🐴barn 🏇🏽 👩‍👩‍👧 ✓ ★ ❤️',
  'مريم العبدالله ١٢٣ مَرْيَم',
  'שָׁלוֹם עברית',
  'Ελληνικά ΣΊΣΥΦΟΣ ς',
  'Москва МОСКВА Ёлка',
  "O'Brien O’Brien o‘brien `backtick`",
  'Smith-Jones smith–jones smith—jones',
  'mary.smith@example.com MARY+barn@x.com first_last@ex-ample.co.uk',
  '555-0142 (212) 555-0142 +1 212 555 0142 12125550142 ½ ² ⅓ ①',
  'St. J.R. Ph.D. 4B unit 4b #12',
  'Hollis Family:Jo Jo Hollis',
  'tab\there\nnewline\r\nnbsp\u00a0zwsp\u200bzwj\u200dnnbsp\u202fideographic\u3000space',
  'ＦＵＬＬＷＩＤＴＨ ｆｕｌｌ １２３',
  '𝐌𝐚𝐭𝐡 𝔉𝔯𝔞𝔨 𠜎𠜱 𐐀𐐨 Deseret',
  'lone \ud800 surrogate \udfff here',
  'ǅemal ǈubljana ǋ',
  'İstanbul ıi I',
  'ǰ ẖ ẘ ŉ',
  'Ⅻ Ⅷ ⅻ',
  'x'.repeat(300),
  'AND OR NOT NEAR "quoted" * ^ ( ) -x phones: name:mary',
  '',
  '   ',
];

describe('ftsTokens, the FTS5 tokenizer in TypeScript', () => {
  it('makes the tokens SQLite makes of accents, ligatures, scripts, emoji, punctuation and digits', () => {
    expectSameTokens(nasty);
  });

  it('folds case and removes accents like SQLite', () => {
    expect(ftsTokens('Renée ÉMILE Zoë Müller')).toEqual(['renee', 'emile', 'zoe', 'muller']);
    expect(ftsTokens("O'Brien O’Brien")).toEqual(['o', 'brien', 'o', 'brien']);
    expect(ftsTokens('mary.smith@example.com')).toEqual(['mary', 'smith', 'example', 'com']);
  });

  it('agrees with SQLite on every code point, alone and inside a word', () => {
    // Every code point of planes 0–3 (the scripts in use), every 61st above:
    // there the tables are a few long runs, and the generator saw every one.
    const texts: string[] = [];
    for (let from = 1; from <= 0x10ffff; from += 256) {
      let text = '';
      for (let c = from; c < from + 256 && c <= 0x10ffff; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        if (c >= 0x40000 && c % 61 !== 0) continue;
        const ch = String.fromCodePoint(c);
        text += `${ch}x a${ch}b ${ch} `;
      }
      texts.push(text);
    }
    expectSameTokens(texts);
  });

  it('agrees with SQLite on random mixes of letters, marks, digits and punctuation', () => {
    // A fixed seed: the same strings every run.
    let seed = 17;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = [
      ...'aZ09 .-_@\'’"',
      ...'éÉßüÜøÆœﬁ',
      '\u0301',
      '\u0308',
      '\u0327',
      ...'東京ёЁσΣمريم',
      '🐴',
      '𝐌',
      '\u00a0',
      '\u200b',
    ];
    const texts = Array.from({ length: 2000 }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 24) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(''),
    );
    expectSameTokens(texts);
  });
});
