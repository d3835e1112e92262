import { AppError } from '../../errors';
import { describeTarget, type PostgresTarget } from '../database-target';

/**
 * Turns a failure of the shared PostgreSQL database into words for office
 * staff: what happened, on which server, what to do, and that nothing was
 * changed (every write runs in a transaction the server rolls back when a
 * statement fails, or that ends with the lost connection). The server, the
 * database and the user are named; the password never is.
 *
 * The code is PostgreSQL's SQLSTATE on a server error (pg's DatabaseError),
 * Node's errno or TLS code on a connection error, or pg's own words for a
 * connection that ended. Errors that are not the database's give null.
 */
export function pgFailure(error: unknown, target: PostgresTarget | undefined): AppError | null {
  const found = postgresCode(error);
  if (found === null) return null;
  const failure = classify(found);
  if (failure === null) return null;
  const where = target ? describeTarget(target) : 'the shared database';
  const detail = `${found.code}: ${found.message}`;
  return new AppError(failure.kind, failure.message(where, target, found), {
    detail,
    cause: error,
  });
}

/** A deadlock or a clash between two computers' transactions: running it again once is the cure. */
export function isPostgresConflict(error: unknown): boolean {
  const found = postgresCode(error);
  return found !== null && (found.code === '40001' || found.code === '40P01');
}

/** Marks an error as coming from the shared database's driver (pg-connection.ts marks every one). */
export function markPostgresError(error: unknown): unknown {
  if (error && typeof error === 'object' && !Object.hasOwn(error, POSTGRES_MARK))
    Object.defineProperty(error, POSTGRES_MARK, { value: true, enumerable: false });
  return error;
}

/** Whether the error (or one it wraps) came from the shared database or its driver. */
export function isPostgresError(error: unknown): boolean {
  return postgresCode(error) !== null;
}

const POSTGRES_MARK = Symbol.for('equineops.postgres-error');

/** The database's code and message, to carry an error across threads (worker-errors.ts). */
export function postgresErrorCode(error: unknown): { code: string; message: string } | null {
  const found = postgresCode(error);
  return found && { code: found.code, message: found.message };
}

/** The error on the other side of a thread: it reads as the same failure. */
export function postgresErrorFrom(shape: { code: string; message: string }): Error {
  return Object.assign(new Error(shape.message), { name: 'PostgresError', pgCode: shape.code });
}

interface FoundCode {
  code: string;
  message: string;
  /** The failing error itself (its `detail`/`hint` fields come from the server). */
  source: object;
}

/** SQLSTATE: five digits or capitals (pg's DatabaseError carries `severity` too). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** pg's own words for a connection that broke or never came up. */
const DRIVER_MESSAGES: readonly [RegExp, string][] = [
  [/^Connection terminated/, 'CONNECTION_ENDED'],
  [/^timeout expired$|^timeout exceeded when trying to connect$/, 'ETIMEDOUT'],
  [/^Query read timeout$/, 'ETIMEDOUT'],
  [/is not queryable$/, 'CONNECTION_ENDED'],
  [/^The server does not support SSL connections$/, 'SERVER_WITHOUT_TLS'],
  [/^There was an error establishing an SSL connection$/, 'TLS_FAILED'],
  // The server asked for a password and this computer has none (no keychain entry, none in the URL).
  [/client password must be a string/, 'NO_PASSWORD'],
];

/**
 * The first database code on the error or its causes. A server error is
 * recognized by its shape; a connection error only when pg-connection.ts
 * marked it (or its wrapper), so a QuickBooks request refused by the network
 * is never mistaken for the database.
 */
function postgresCode(error: unknown): FoundCode | null {
  let marked = false;
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const fields = e as {
      code?: unknown;
      severity?: unknown;
      message?: unknown;
      cause?: unknown;
      pgCode?: unknown;
    };
    marked ||= Object.hasOwn(e, POSTGRES_MARK);
    const message = typeof fields.message === 'string' ? fields.message : '';
    // The worker sends `{kind:'pg', code}` across; it comes back as pgCode.
    if (typeof fields.pgCode === 'string') return { code: fields.pgCode, message, source: e };
    if (typeof fields.code === 'string') {
      if (SQLSTATE.test(fields.code) && (typeof fields.severity === 'string' || marked))
        return { code: fields.code, message, source: e };
      if (marked && /^[A-Z_0-9]+$/.test(fields.code) && !SQLSTATE.test(fields.code))
        return { code: fields.code, message, source: e };
    }
    if (marked) {
      const driver = DRIVER_MESSAGES.find(([pattern]) => pattern.test(message));
      if (driver) return { code: driver[1], message, source: e };
      // A host name with several addresses (localhost: ::1 and 127.0.0.1), each refused.
      const inner = (e as { errors?: unknown }).errors;
      if (Array.isArray(inner)) {
        const first = inner.find((x) => x && typeof x === 'object');
        if (first) markPostgresError(first);
        const found = first ? postgresCode(first) : null;
        if (found) return found;
      }
    }
    e = fields.cause;
  }
  return null;
}

type Kind =
  | 'database_full'
  | 'database_read_only'
  | 'database_locked'
  | 'database_damaged'
  | 'database_unavailable';

interface Failure {
  kind: Kind;
  message: (where: string, target: PostgresTarget | undefined, found: FoundCode) => string;
}

const NOTHING = 'nothing was changed';

const TLS_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'CONNECTION_ENDED',
]);

function unreachable(where: string): string {
  return `EquineOps cannot reach ${where}, so ${NOTHING}. Check that the database server is running and that this computer is on the network that reaches it (a VPN, the office Wi-Fi), then try again.`;
}

function classify(found: FoundCode): Failure | null {
  const { code } = found;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return {
      kind: 'database_unavailable',
      message: (_where, target) =>
        `EquineOps cannot find the server ${target?.host ?? 'of the shared database'} on the network, so ${NOTHING}. Check the server's name in Settings → Data, and that this computer is on the network that knows it (a VPN, the office Wi-Fi), then try again.`,
    };
  if (UNREACHABLE_ERRNO.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))
    return { kind: 'database_unavailable', message: unreachable };
  if (code === '53300')
    return {
      kind: 'database_unavailable',
      message: (where) =>
        `${capital(where)} is serving as many connections as it allows, so ${NOTHING}. Try again in a minute; if it keeps happening, ask whoever runs the server to raise max_connections (EquineOps uses up to 8 a computer).`,
    };
  if (code === '28P01')
    return {
      kind: 'database_unavailable',
      message: (where, target) =>
        `${capital(where)} refused the password of the user ${target?.user ?? 'EquineOps signs in as'}, so ${NOTHING}. Enter the right password in Settings → Data (or ask whoever set up the server), then try again.`,
    };
  if (code === 'NO_PASSWORD')
    return {
      kind: 'database_unavailable',
      message: (where, target) =>
        `${capital(where)} asks for the password of the user ${target?.user ?? 'EquineOps signs in as'}, and none is saved on this computer, so ${NOTHING}. Enter it in Settings → Data (it is kept in this computer's keychain), then try again.`,
    };
  if (code === '28000')
    return {
      kind: 'database_unavailable',
      message: (where, target) =>
        `${capital(where)} does not let the user ${target?.user ?? 'EquineOps signs in as'} in from this computer, so ${NOTHING}. The server said: "${found.message}". Ask whoever runs the server to allow this computer (pg_hba.conf) or to create the user.`,
    };
  if (code === '3D000')
    return {
      kind: 'database_unavailable',
      message: (where) =>
        `${capital(where)} does not exist on that server, so ${NOTHING}. Check the database name in Settings → Data.`,
    };
  if (code === 'SERVER_WITHOUT_TLS')
    return {
      kind: 'database_unavailable',
      message: (where) =>
        `${capital(where)} does not offer an encrypted (TLS) connection, and EquineOps does not send client data unencrypted, so ${NOTHING}. Ask whoever runs the server to turn on ssl, then try again.`,
    };
  if (TLS_CERTIFICATE_CODES.has(code) || code === 'TLS_FAILED')
    return {
      kind: 'database_unavailable',
      message: (where, target) =>
        `EquineOps did not trust the certificate of ${where}${target?.caFile ? ` with the CA file ${target.caFile}` : ''} (${tlsReason(code)}), so it did not connect and ${NOTHING}. Choose the CA file that signed the server's certificate in Settings → Data, or ask whoever runs the server for it.`,
    };
  if (code === '53100')
    return {
      kind: 'database_full',
      message: (where) =>
        `The server that holds ${where} has run out of disk space, so ${NOTHING}. Ask whoever runs the server to free space on it, then try again.`,
    };
  if (code === '42501')
    return {
      kind: 'database_read_only',
      message: (where, target) =>
        `The user ${target?.user ?? 'EquineOps signs in as'} is missing a privilege on ${where} (the server said: "${found.message}"), so ${NOTHING}. Ask whoever runs the server to grant it: ${neededPrivilege(found.message)} (README, "One computer or several").`,
    };
  if (code === '25006')
    return {
      kind: 'database_read_only',
      message: (where) =>
        `${capital(where)} accepts no changes right now (it is read-only: a standby server, or set so by its administrator), so ${NOTHING}. Connect to the main server, or ask whoever runs it, then try again.`,
    };
  if (code === '55P03' || code === '40P01' || code === '40001')
    return {
      kind: 'database_locked',
      message: (where) =>
        `Another computer was changing the same records in ${where} at that moment, so ${NOTHING}. Try again.`,
    };
  if (code === 'XX001' || code === 'XX002')
    return {
      kind: 'database_damaged',
      message: (where) =>
        `${capital(where)} reports damaged data, so ${NOTHING}. EquineOps cannot repair a server's database: ask whoever runs the server to check it and, if needed, restore the server's backup.`,
    };
  return null;
}

/** What to ask the administrator for, from the object the server named. */
function neededPrivilege(message: string): string {
  // Only a database's owner may install a trusted extension; for anyone else an administrator does, once.
  if (/permission denied to create extension/i.test(message))
    return "EquineOps's user needs to own the database, or an administrator runs there once: CREATE EXTENSION pg_trgm;";
  if (/permission denied for schema/i.test(message) || /must be owner/i.test(message))
    return "EquineOps's user needs to own the database (or have CREATE on schema public) to set up and update its tables";
  if (/permission denied for sequence/i.test(message))
    return "EquineOps's user needs to own the database, or have USAGE and UPDATE on its sequences";
  return "EquineOps's user needs to own the database, or have SELECT, INSERT, UPDATE and DELETE on its tables";
}

function tlsReason(code: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return "the certificate is for another server's name";
  if (code === 'CERT_HAS_EXPIRED') return 'the certificate has expired';
  if (code === 'CERT_NOT_YET_VALID') return 'the certificate is not valid yet';
  if (code === 'TLS_FAILED') return 'the encrypted connection could not be set up';
  return 'no trusted authority signed it';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
