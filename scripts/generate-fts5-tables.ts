// Regenerates src-main/db/fts5-token-table.ts, the character tables behind
// ftsTokens() (src-main/db/search-tokens.ts), from the SQLite the app ships:
// `npx tsx scripts/generate-fts5-tables.ts`. Rerun it after an upgrade of
// better-sqlite3 when search-tokens.test.ts says SQLite tokenizes differently.
//
// Why from SQLite and not from JavaScript's \p{L}: FTS5's unicode61 tables are
// frozen at an older Unicode version, and its folding (case + diacritics) is
// its own. Each code point is indexed between ASCII letters in an in-memory
// FTS5 table, and fts5vocab tells what the tokenizer made of it:
//   "<c>x a<c>b" → [x, a, b]            c separates words
//                → [<f>x, a<f>b]        c starts (and continues) a word, folded to <f>
//                → [x, a<f>b]           c only continues a word (a diacritic), folded to <f>
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { format, resolveConfig } from 'prettier';

const TOKENIZER = 'unicode61 remove_diacritics 2';
const LAST_CODE_POINT = 0x10ffff;

type Kind = 'separator' | 'start' | 'continue';

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function probe(): { kinds: Map<number, Kind>; folds: Map<number, number>; version: string } {
  const db = new Database(':memory:');
  db.exec(`create virtual table probe using fts5(t, tokenize = "${TOKENIZER}")`);
  db.exec(`create virtual table probe_vocab using fts5vocab(probe, 'instance')`);
  const insert = db.prepare<[number, string]>('insert into probe (rowid, t) values (?, ?)');
  db.transaction(() => {
    for (let c = 1; c <= LAST_CODE_POINT; c++) {
      if (isSurrogate(c)) continue;
      const ch = String.fromCodePoint(c);
      insert.run(c, `${ch}x a${ch}b`);
    }
  })();
  const tokens = new Map<number, string[]>();
  for (const row of db
    .prepare('select term, doc from probe_vocab order by doc, offset')
    .iterate() as Iterable<{ term: string; doc: number }>) {
    const list = tokens.get(row.doc);
    if (list === undefined) tokens.set(row.doc, [row.term]);
    else list.push(row.term);
  }
  const version = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  db.close();

  const kinds = new Map<number, Kind>();
  const folds = new Map<number, number>();
  for (let c = 1; c <= LAST_CODE_POINT; c++) {
    if (isSurrogate(c)) continue;
    const t = tokens.get(c) ?? [];
    const described = `U+${c.toString(16)} → ${JSON.stringify(t)}`;
    if (t.length === 3 && t[0] === 'x' && t[1] === 'a' && t[2] === 'b') {
      kinds.set(c, 'separator');
      continue;
    }
    if (t.length !== 2 || !t[1]!.startsWith('a') || !t[1]!.endsWith('b'))
      throw new Error(`unexpected tokens for ${described}`);
    const folded = t[1]!.slice(1, -1);
    if ([...folded].length > 1) throw new Error(`folds to more than one character: ${described}`);
    const fold = folded === '' ? 0 : folded.codePointAt(0)!;
    if (t[0] === `${folded}x` && folded !== '') kinds.set(c, 'start');
    else if (t[0] === 'x') kinds.set(c, 'continue');
    else throw new Error(`unexpected tokens for ${described}`);
    if (fold !== c) folds.set(c, fold);
  }
  return { kinds, folds, version };
}

/** Inclusive [from, to] pairs of the code points of one kind, flattened. */
function ranges(kinds: Map<number, Kind>, kind: Kind): number[] {
  const out: number[] = [];
  let from = -1;
  for (let c = 0; c <= LAST_CODE_POINT + 1; c++) {
    const match = kinds.get(c) === kind;
    if (match && from < 0) from = c;
    if (!match && from >= 0) {
      out.push(from, c - 1);
      from = -1;
    }
  }
  return out;
}

/**
 * Runs of folded code points, flattened as [from, count, stride, value]:
 * stride 0: from…from+count-1 all fold to `value` (Ā ā Ă ă → a);
 * stride s > 0: from + k·s folds to from + k·s + value (А…Я → а…я, Ѡ Ѣ Ѥ → ѡ ѣ ѥ).
 * A fold to 0 drops the character (a diacritic with remove_diacritics).
 */
function foldRuns(folds: Map<number, number>): number[] {
  const points = [...folds.keys()].sort((a, b) => a - b);
  const covered = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const from = points[i]!;
    if (covered.has(from)) continue;
    const target = folds.get(from)!;
    const free = (c: number) => folds.has(c) && !covered.has(c);
    // Longest run of consecutive code points folding to one target.
    let constant = 1;
    while (free(from + constant) && folds.get(from + constant) === target) constant++;
    // Longest run at stride 1 or 2 keeping the same distance to the fold.
    let best = { count: 1, stride: 1 };
    for (const stride of [1, 2]) {
      let count = 1;
      while (
        free(from + count * stride) &&
        folds.get(from + count * stride) === target + count * stride
      )
        count++;
      if (count > best.count) best = { count, stride };
    }
    if (best.count > constant) {
      out.push(from, best.count, best.stride, target - from);
      for (let k = 0; k < best.count; k++) covered.add(from + k * best.stride);
    } else {
      out.push(from, constant, 0, target);
      for (let k = 0; k < constant; k++) covered.add(from + k);
    }
  }
  return out;
}

function lines(values: number[], perLine: number): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += perLine)
    out.push(
      '  ' +
        values
          .slice(i, i + perLine)
          .map((v) => (v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`))
          .join(', ') +
        ',',
    );
  return out.join('\n');
}

const { kinds, folds, version } = probe();
const start = ranges(kinds, 'start');
const cont = ranges(kinds, 'continue');
const runs = foldRuns(folds);
const file = `// Generated by scripts/generate-fts5-tables.ts from SQLite ${version}
// (FTS5 tokenizer "${TOKENIZER}"). Do not edit: rerun the script.
// Read by search-tokens.ts; search-tokens.test.ts checks them against SQLite.

/** Inclusive [from, to] pairs: code points that start (and continue) a token. */
export const TOKEN_START_RANGES: readonly number[] = [
${lines(start, 8)}
];

/** Inclusive [from, to] pairs: code points that only continue a token (diacritics). */
export const TOKEN_CONTINUE_RANGES: readonly number[] = [
${lines(cont, 8)}
];

/**
 * Folding of token characters, [from, count, stride, value] a run:
 * stride 0: from…from+count-1 fold to \`value\` (0 = dropped);
 * stride s: from + k·s folds to from + k·s + value, for k < count.
 * Code points not listed fold to themselves.
 */
export const FOLD_RUNS: readonly number[] = [
${lines(runs, 8)}
];
`;
const target = resolve(import.meta.dirname, '../src-main/db/fts5-token-table.ts');
// Formatted as the repository formats it, so a rerun without changes changes nothing.
writeFileSync(target, await format(file, { ...(await resolveConfig(target)), filepath: target }));
console.log(
  `${target}: ${start.length / 2} start ranges, ${cont.length / 2} continue ranges, ${runs.length / 4} fold runs (${folds.size} folded code points)`,
);
