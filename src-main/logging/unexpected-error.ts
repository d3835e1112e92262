import { redactSecrets } from '../secret-redaction';

/** Enough frames to find the failing code; the rest is the same call path every time. */
const FRAMES = 4;

/**
 * An error nobody expected, as one log line without its message: a message
 * can quote what it failed on (a document's file path, a JSON body, a value
 * SQLite refused), which may be a client's name or note. The class, the
 * system or SQLite code and where in the code it was thrown are what support
 * needs, and none of them carries client data.
 */
export function describeUnexpected(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const { code, syscall } = error as NodeJS.ErrnoException;
  const facts = [typeof code === 'string' ? code : null, syscall ?? null].filter(Boolean);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, FRAMES)
    .map((l) => l.trim().slice(3));
  const where = frames.length > 0 ? ` at ${frames.join(' < ')}` : '';
  return redactSecrets(`${error.name}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${where}`);
}
