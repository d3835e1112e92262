import { SandboxError } from '../errors.js';

/** The slice of QBO's query language that name-list clients use. */
export type QueryValue = string | number | boolean;

export type Condition =
  | { field: string; op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE'; value: QueryValue }
  | { field: string; op: 'IN'; values: QueryValue[] };

export interface ParsedQuery {
  entity: string;
  count: boolean;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  /** 1-based, as QBO counts. */
  startPosition: number;
  maxResults: number;
}

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_CAP = 1000;

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'symbol'; text: string };

function parseError(detail: string): SandboxError {
  return new SandboxError(400, '4000', 'Error parsing query', `QueryParserError: ${detail}`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      // QBO escapes a quote inside a literal with a backslash.
      let text = '';
      i++;
      for (;;) {
        const c = source[i];
        if (c === undefined) throw parseError('Encountered "<EOF>": unterminated string literal');
        if (c === '\\' && source[i + 1] !== undefined) {
          text += source[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if (/[0-9-]/.test(ch) && /[0-9]/.test(source[i + (ch === '-' ? 1 : 0)] ?? '')) {
      const m = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'number', text });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'word', text });
      i += text.length;
    } else {
      const two = source.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
        tokens.push({ kind: 'symbol', text: two === '<>' ? '!=' : two });
        i += 2;
      } else if ('=<>(),*'.includes(ch)) {
        tokens.push({ kind: 'symbol', text: ch });
        i++;
      } else {
        throw parseError(`Lexical error at column ${i + 1}. Encountered: "${ch}"`);
      }
    }
  }
  return tokens;
}

/**
 * Parses `select * | count(*) from Customer [where …] [orderby …]
 * [startposition n] [maxresults n]`, keywords in any case.
 */
export function parseQuery(source: string): ParsedQuery {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string, t = peek()) => t?.kind === 'word' && t.text.toUpperCase() === word;
  const describe = (t: Token | undefined) => (t ? `"${t.text}"` : '"<EOF>"');
  const expectWord = (word: string) => {
    if (!isWord(word)) throw parseError(`Encountered ${describe(peek())}, expected "${word}"`);
    pos++;
  };
  const expectSymbol = (symbol: string) => {
    const t = peek();
    if (t?.kind !== 'symbol' || t.text !== symbol) {
      throw parseError(`Encountered ${describe(t)}, expected "${symbol}"`);
    }
    pos++;
  };
  const field = (): string => {
    const t = peek();
    if (t?.kind !== 'word') throw parseError(`Encountered ${describe(t)}, expected a field name`);
    pos++;
    return t.text;
  };
  const value = (): QueryValue => {
    const t = peek();
    pos++;
    if (t?.kind === 'string') return t.text;
    if (t?.kind === 'number') return Number(t.text);
    if (t?.kind === 'word' && /^(true|false)$/i.test(t.text))
      return t.text.toLowerCase() === 'true';
    throw parseError(`Encountered ${describe(t)}, expected a value`);
  };
  const integer = (): number => {
    const t = peek();
    pos++;
    if (t?.kind !== 'number' || !/^-?\d+$/.test(t.text)) {
      throw parseError(`Encountered ${describe(t)}, expected an integer`);
    }
    return Number(t.text);
  };

  expectWord('SELECT');
  let count = false;
  if (peek()?.kind === 'symbol' && peek()?.text === '*') {
    pos++;
  } else if (isWord('COUNT')) {
    pos++;
    expectSymbol('(');
    expectSymbol('*');
    expectSymbol(')');
    count = true;
  } else {
    // Column lists are legal in QBO but return whole objects anyway; accept them.
    field();
    while (peek()?.kind === 'symbol' && peek()?.text === ',') {
      pos++;
      field();
    }
  }
  expectWord('FROM');
  const entity = field();

  const where: Condition[] = [];
  if (isWord('WHERE')) {
    pos++;
    for (;;) {
      const name = field();
      const t = peek();
      if (isWord('IN')) {
        pos++;
        expectSymbol('(');
        const values = [value()];
        while (peek()?.kind === 'symbol' && peek()?.text === ',') {
          pos++;
          values.push(value());
        }
        expectSymbol(')');
        where.push({ field: name, op: 'IN', values });
      } else if (isWord('LIKE')) {
        pos++;
        where.push({ field: name, op: 'LIKE', value: value() });
      } else if (t?.kind === 'symbol' && ['=', '!=', '<', '>', '<=', '>='].includes(t.text)) {
        pos++;
        const op = t.text as '=' | '!=' | '<' | '>' | '<=' | '>=';
        where.push({ field: name, op, value: value() });
      } else {
        throw parseError(`Encountered ${describe(t)}, expected an operator`);
      }
      // QBO has no OR; only AND joins conditions.
      if (!isWord('AND')) break;
      pos++;
    }
  }

  const orderBy: ParsedQuery['orderBy'] = [];
  if (isWord('ORDERBY') || (isWord('ORDER') && isWord('BY', tokens[pos + 1]))) {
    pos += isWord('ORDER') ? 2 : 1;
    for (;;) {
      const name = field();
      let desc = false;
      if (isWord('DESC')) {
        desc = true;
        pos++;
      } else if (isWord('ASC')) {
        pos++;
      }
      orderBy.push({ field: name, desc });
      if (!(peek()?.kind === 'symbol' && peek()?.text === ',')) break;
      pos++;
    }
  }

  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  for (;;) {
    if (isWord('STARTPOSITION')) {
      pos++;
      startPosition = Math.max(1, integer());
    } else if (isWord('MAXRESULTS')) {
      pos++;
      // Intuit silently caps a page at 1000 rows.
      maxResults = Math.min(MAX_RESULTS_CAP, Math.max(0, integer()));
    } else {
      break;
    }
  }
  if (pos < tokens.length)
    throw parseError(`Encountered ${describe(peek())} at the end of the query`);
  return { entity, count, where, orderBy, startPosition, maxResults };
}
