import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * SQL that only one of the two databases understands lives in src-main/db/
 * (and db/postgres/), so a feature folder written against SQLite cannot break
 * the shared PostgreSQL database, or the other way round, unseen. Feature code
 * uses db/dialect.ts's fragments (idsIn, jsonInt, textPosition) instead.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));

const DIALECT_ONLY = [
  // SQLite
  /\bjson_each\s*\(/i,
  /\bjson_extract\s*\(/i,
  /[`'"]\s*pragma\b/i,
  /\binstr\s*\(/i,
  /\bfts5\b/i,
  /\bsqlite_master\b/i,
  /\b\w+_search\s+match\b/i,
  /\b(strftime|datetime|julianday|unixepoch|ifnull|group_concat|total_changes|last_insert_rowid)\s*\(/i,
  /\binsert\s+or\s+(ignore|replace)\b/i,
  /\bglob\s+[$'"]/i,
  // PostgreSQL
  /::jsonb\b/i,
  /::(int|text|bigint)\[\]/i,
  /\bjsonb_\w+\s*\(/i,
  /\bto_tsvector\b|\btsquery\b|::tsvector/i,
  /\bpg_(notify|advisory\w*|try_advisory\w*|current_snapshot|snapshot_xmax|stat_\w+|listening_channels)\b/i,
  /\bhashtextextended\b/i,
  /[`'"]\s*(listen|unlisten)\s/i,
  /\bilike\b/i,
  /\b(string_agg|array_agg|unnest|generate_series|to_char|regexp_replace|regexp_matches|setval|nextval)\s*\(/i,
  /\binterval\s+'/i,
];

/** Folders and files that are about the SQLite file itself, so SQLite's own statements belong there. */
const FILE_TOOLS = [
  'backup/', // online backup and the copy's check
  'recovery/', // the start-up check of the file
  'diagnostics/diagnostics-repository.ts', // the support bundle's integrity check, per database
];

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(dir, name));
}

describe('dialect-only SQL', () => {
  it('appears only under src-main/db/ (and the local file’s own tools)', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const path = relative(SRC, file).replaceAll('\\', '/');
      if (path.startsWith('db/') || FILE_TOOLS.some((allowed) => path.startsWith(allowed)))
        continue;
      if (/test-support|testing\//.test(path)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.trim();
          // Comments and user-facing words may name these; statements may not.
          if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
          // The worker's raw better-sqlite3 handle (`c.sqlite`) is the local file by construction.
          if (/\bc\.sqlite\./.test(code)) return;
          if (DIALECT_ONLY.some((pattern) => pattern.test(code)))
            found.push(`${path}:${index + 1}: ${code}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('is recognised by the guard (a planted statement is caught)', () => {
    const planted = 'await sql`select value from json_each(${ids})`.execute(db);';
    expect(DIALECT_ONLY.some((pattern) => pattern.test(planted))).toBe(true);
    const plantedPg = 'await sql`select pg_notify(${channel}, ${payload})`.execute(db);';
    expect(DIALECT_ONLY.some((pattern) => pattern.test(plantedPg))).toBe(true);
    // The usual slips: a SQLite date function, a PostgreSQL-only operator or aggregate.
    for (const slip of [
      "sql`select strftime('%Y', created_at) from clients`",
      'sql`insert or ignore into horses (name) values (${name})`',
      'sql`select id from clients where email ilike ${pattern}`',
      "sql`select string_agg(name, ', ') from horses`",
    ])
      expect(
        DIALECT_ONLY.some((pattern) => pattern.test(slip)),
        slip,
      ).toBe(true);
    // Portable SQL passes.
    const portable =
      "sql`select count(*) from clients where lower(email) like ${pattern} escape '\\\\'`";
    expect(DIALECT_ONLY.some((pattern) => pattern.test(portable))).toBe(false);
  });
});
