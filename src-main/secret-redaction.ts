/**
 * The last line of defence for text that leaves the process as a log line or
 * is stored as support detail: an error from a library (axios, fetch,
 * intuit-oauth) may quote a request or a response it was given, with its
 * Authorization header or the tokens in it. Known shapes are masked; what is
 * around them stays readable for support.
 */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const TOKEN_FIELD =
  /(["']?\b(?:access_token|refresh_token|id_token|client_secret|accessToken|refreshToken|clientSecret|authorization)\b["']?\s*[:=]\s*["']?)[^"'&,\s}]+/gi;

export function redactSecrets(text: string): string {
  return text.replace(AUTH_SCHEME, '$1 [redacted]').replace(TOKEN_FIELD, '$1[redacted]');
}

/** An error (or anything thrown) as one line for a log: stack when there is one, secrets masked. */
export function describeForLog(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return redactSecrets(text);
}
