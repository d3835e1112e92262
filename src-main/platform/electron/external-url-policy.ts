/**
 * Which addresses the Electron app hands to the system browser: only the
 * https Intuit pages the app links to (the sign-in on the app center, a
 * customer in the QuickBooks app, Intuit's developer docs), and the configured
 * QuickBooks base when it is not Intuit's (the local sandbox of `npm run demo`).
 * Anything else, whatever its scheme, stays closed: a link in a client's notes
 * or a compromised page cannot use the app to open arbitrary sites or files.
 */
export const INTUIT_HOSTS: readonly string[] = [
  'appcenter.intuit.com',
  'app.qbo.intuit.com',
  'app.sandbox.qbo.intuit.com',
  'developer.intuit.com',
];

export type ExternalUrlPolicy = (url: string) => boolean;

/** `configuredBase`: the origin of the configured QuickBooks sign-in, e.g. http://127.0.0.1:8765. */
export function createExternalUrlPolicy(configuredBase: string | null): ExternalUrlPolicy {
  const extraOrigin = originOf(configuredBase);
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username || parsed.password) return false;
    if (
      parsed.protocol === 'https:' &&
      parsed.port === '' &&
      INTUIT_HOSTS.includes(parsed.hostname)
    )
      return true;
    return extraOrigin !== null && parsed.origin === extraOrigin;
  };
}

function originOf(base: string | null): string | null {
  if (!base) return null;
  try {
    const url = new URL(base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
