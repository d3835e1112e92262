import { FOLD_RUNS, TOKEN_CONTINUE_RANGES, TOKEN_START_RANGES } from './fts5-token-table';

/**
 * The words SQLite's FTS5 tokenizer "unicode61 remove_diacritics 2" makes of a
 * text, in TypeScript, so PostgreSQL can be given the very same lexemes
 * (db/postgres/tsvector-search.ts) and a search finds the same clients on
 * both. PostgreSQL's own parser would not do: it keeps
 * "mary.smith@example.com" as one token where FTS5 makes four.
 *
 * The tokenizer's loop, as in SQLite's fts5_tokenize.c: skip characters that
 * are not token characters (diacritics included), then take token characters
 * and diacritics, each folded (lower case, accents removed; a diacritic folds
 * to nothing), until a separator. The tables come from SQLite itself
 * (scripts/generate-fts5-tables.ts); search-tokens.test.ts compares the two.
 */

const SEPARATOR = 0;
const START = 1;
const CONTINUE = 2;

/** Kind of every BMP code point; the rest are looked up in the ranges. */
const bmpKind = new Uint8Array(0x10000);
/** BMP folds, 0 = unchanged (none folds to U+0000: a dropped diacritic is -1). */
const bmpFold = new Int32Array(0x10000);
const astralFolds = new Map<number, number>();
const astralStart: number[] = [];

for (let i = 0; i < TOKEN_START_RANGES.length; i += 2)
  markKind(TOKEN_START_RANGES[i]!, TOKEN_START_RANGES[i + 1]!, START);
for (let i = 0; i < TOKEN_CONTINUE_RANGES.length; i += 2)
  markKind(TOKEN_CONTINUE_RANGES[i]!, TOKEN_CONTINUE_RANGES[i + 1]!, CONTINUE);
// Lone surrogates reach SQLite as U+FFFD, a separator: they stay SEPARATOR here.
for (let i = 0; i < FOLD_RUNS.length; i += 4) {
  const [from, count, stride, value] = FOLD_RUNS.slice(i, i + 4) as [
    number,
    number,
    number,
    number,
  ];
  for (let k = 0; k < count; k++) {
    const c = stride === 0 ? from + k : from + k * stride;
    const folded = stride === 0 ? value : c + value;
    if (c < 0x10000) bmpFold[c] = folded === 0 ? -1 : folded;
    else astralFolds.set(c, folded);
  }
}

function markKind(from: number, to: number, kind: number): void {
  for (let c = from; c <= Math.min(to, 0xffff); c++) bmpKind[c] = kind;
  if (to > 0xffff) {
    if (kind !== START) throw new Error('fts5-token-table: astral diacritics are not expected');
    astralStart.push(Math.max(from, 0x10000), to);
  }
}

function kindOf(c: number): number {
  if (c < 0x10000) return bmpKind[c]!;
  // Binary search of the inclusive [from, to] pairs above the BMP.
  let lo = 0;
  let hi = astralStart.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < astralStart[2 * mid]!) hi = mid - 1;
    else if (c > astralStart[2 * mid + 1]!) lo = mid + 1;
    else return START;
  }
  return SEPARATOR;
}

function folded(c: number): string {
  if (c < 0x10000) {
    const f = bmpFold[c]!;
    if (f === 0) return String.fromCharCode(c);
    return f === -1 ? '' : String.fromCodePoint(f);
  }
  const f = astralFolds.get(c);
  if (f === undefined) return String.fromCodePoint(c);
  return f === 0 ? '' : String.fromCodePoint(f);
}

/** The tokens FTS5 indexes for `text`, in order (repeats kept: positions matter for phrases). */
export function ftsTokens(text: string): string[] {
  const tokens: string[] = [];
  let token: string | null = null;
  for (let i = 0; i < text.length;) {
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    const kind = kindOf(c);
    if (token === null) {
      if (kind === START) token = folded(c);
    } else if (kind === SEPARATOR) {
      tokens.push(token);
      token = null;
    } else {
      token += folded(c);
    }
  }
  if (token !== null) tokens.push(token);
  return tokens;
}

/**
 * What someone typed into a search, read once for both databases: all of
 * these words (each a prefix of a word in the index; a word with punctuation
 * inside, "o'brien", is a phrase of its tokens), or a phone number's digits
 * (a prefix of a stored phone form). FTS5 gets it as a MATCH string
 * (search-index.ts), PostgreSQL as a tsquery (postgres/tsvector-search.ts).
 */
export type SearchQuery = { kind: 'words'; words: string[] } | { kind: 'phone'; digits: string };
