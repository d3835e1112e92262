/**
 * Which addresses the Electron app hands to the system browser: https only
 * (DESIGN.md, Security), plus plain http on this computer's loopback address,
 * which is where the local QuickBooks sandbox's consent page lives in
 * `npm run demo`. Everything else (file:, javascript:, http to the network) is refused.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
