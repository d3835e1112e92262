import { redactDatabaseUrls } from './db/database-target';
/**
 * The last line of defence for text that leaves the process as a log line, an
 * error message or a CSV, or is stored as support detail. Intuit quotes the
 * token it refused ("Token expired: eyJ…"), libraries quote the request they
 * sent, and field names vary (`x_refresh_token`, `refreshToken`, `token`), so
 * secrets are found by their shape as well as by their name. What is around
 * them (codes, intuit_tid, messages) stays readable for support.
 */
const MASK = '[redacted]';

const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** A field that holds a secret, in any spelling: snake, camel, kebab, spaced; JSON, form or header. */
const SECRET_FIELD =
  /((?:["']|\b)(?:(?:x[_-]?)?(?:access|refresh|id|bearer|auth)[ _-]?token|client[ _-]?secret|authorization|password|token)["']?\s*[:=]\s*["']?|(?:^|[?&\s])(?:code|state)=)([^"'&,;\s}<>]+)/gi;

/** A JSON Web Token or JWE (Intuit's access tokens: five dot-separated parts), whole or cut short. */
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){0,4}/g;

/** A long run of base64 or hex: refresh tokens, authorization codes, client secrets, keys. */
const LONG_RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;

/** V8's JSON.parse error quotes the text around the fault, which may be part of a secret. */
const JSON_PARSE_SNIPPET =
  /(Unexpected [^,\n]*?, )(?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)? (is not valid JSON)/g;

/** Field values that are never secrets even under a secret-looking name (Intuit's fault codes). */
const HARMLESS_VALUE = /^(?:\d{1,6}|null|undefined|true|false|\[redacted\])$/i;

export function redactSecrets(text: string): string {
  return redactDatabaseUrls(text)
    .replace(JSON_PARSE_SNIPPET, `$1${MASK} $2`)
    .replace(AUTH_SCHEME, `$1 ${MASK}`)
    .replace(JWT_LIKE, MASK)
    .replace(SECRET_FIELD, (whole, name: string, value: string) =>
      HARMLESS_VALUE.test(value) ? whole : `${name}${MASK}`,
    )
    .replace(LONG_RUN, maskRun);
}

function maskRun(run: string): string {
  // `+` or `=` padding only occur in base64; otherwise a `/` is more likely a path, judged segment by segment.
  if (!run.includes('/') || /[+]|=$/.test(run)) return looksSecret(run) ? MASK : run;
  return run
    .split('/')
    .map((part) => (part.length >= 24 && looksSecret(part) ? MASK : part))
    .join('/');
}

/**
 * Random keys mix upper and lower case with digits, or are long hex. A path
 * (`/home/barn/equineops`) or a UUID-shaped intuit_tid (lowercase hex in short
 * dash-separated groups) is neither.
 */
function looksSecret(run: string): boolean {
  if (/^[0-9a-fA-F]{32,}$/.test(run)) return true;
  if (run.length < 32 && !/\d/.test(run)) return false;
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run);
}

/** Redacts every string inside a value meant for JSON (audit detail). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : redactDeep(v)]),
    ) as T;
  }
  return value;
}

const SECRET_KEY =
  /^(?:x[_-]?)?(?:access|refresh|id|bearer)[ _-]?token$|^client[ _-]?secret$|^authorization$|^password$|^token$/i;

/** An error (or anything thrown) as one line for a log: stack when there is one, secrets masked. */
export function describeForLog(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return redactSecrets(text);
}
