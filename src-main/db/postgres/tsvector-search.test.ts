import { describe, expect, it } from 'vitest';
import { clientSearchQuery } from '../search-index';
import { clientSearchDoc, documentSearchDoc, toTsquery, tsvectorLiteral } from './tsvector-search';

function tsquery(text: string): string | null {
  const query = clientSearchQuery(text);
  return query === null ? null : toTsquery(query);
}

describe('the tsvector PostgreSQL stores for a client', () => {
  it('holds the FTS5 words of each column, weighted A–D, each column at its own positions', () => {
    expect(
      clientSearchDoc({
        name: 'Mary O’Brien Mary',
        company: 'Brien & Co',
        email: 'mary.smith@example.com',
        phones: '5550142',
      }),
    ).toBe(
      "'mary':1A,4A,8001C 'o':2A 'brien':3A,4001B 'co':4002B 'smith':8002C 'example':8003C 'com':8004C '5550142':12001D",
    );
  });

  it('folds case and accents as FTS5 does, and keeps quotes and backslashes literal', () => {
    expect(documentSearchDoc('Émile’s COGGINS 2026.pdf')).toBe(
      "'emile':1A 's':2A 'coggins':3A '2026':4A 'pdf':5A",
    );
    expect(tsvectorLiteral(['', '  '])).toBe('');
  });

  it('cuts a word to PostgreSQL’s 2047-byte limit at a character boundary', () => {
    const doc = tsvectorLiteral(['é'.repeat(1500)]);
    expect(doc).toBe(`'${'e'.repeat(1500)}':1A`);
    const long = tsvectorLiteral(['ж'.repeat(1500)]);
    expect(long).toBe(`'${'ж'.repeat(1023)}':1A`);
  });

  it('keeps at most 60 positions of one word in a column, so every column keeps its own', () => {
    const doc = tsvectorLiteral([Array(100).fill('horse').join(' '), '', '', 'horse']);
    expect(doc.split(',')).toHaveLength(61);
    expect(doc.endsWith(',12001D')).toBe(true);
  });
});

describe('the tsquery PostgreSQL matches a search with', () => {
  it('needs every word, each as a prefix', () => {
    expect(tsquery('  Renée  Lef ')).toBe("'renee':* & 'lef':*");
  });

  it('makes a word with punctuation inside a phrase whose last token is the prefix', () => {
    expect(tsquery("o'brien")).toBe("'o' <-> 'brien':*");
    expect(tsquery('mary.smith@example.com')).toBe("'mary' <-> 'smith' <-> 'example' <-> 'com':*");
    expect(tsquery('j.r.')).toBe("'j' <-> 'r':*");
  });

  it('reads a phone number as a prefix of a stored phone form', () => {
    expect(tsquery('(555) 010-0142')).toBe("'5550100142':*D");
  });

  it('keeps FTS-looking input literal and finds nothing when a word has no token', () => {
    expect(tsquery('say "hi" OR NOT')).toBe("'say':* & 'hi':* & 'or':* & 'not':*");
    expect(tsquery('*')).toBeNull();
    // U+19B0 is a letter to JavaScript but not to FTS5's older Unicode tables:
    // a word without a token makes FTS5 match nothing at all, and so must PostgreSQL.
    expect(clientSearchQuery('mary \u19b0')).toEqual({ kind: 'words', words: ['mary', '\u19b0'] });
    expect(tsquery('mary \u19b0')).toBeNull();
  });
});
