import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The admin API rewrites the company, so it answers only tools on this
 * computer, with the same checks as the app's browser host: the Host must be
 * this server's loopback address and port (a DNS-rebinding page has its own
 * name there), an Origin must be the sandbox's own, and the browser's
 * Sec-Fetch-Site must not say another site sent it. Tools such as curl and the
 * tests send neither Origin nor Sec-Fetch-Site.
 */
export function adminRefusal(req: IncomingMessage, listenHost: string): string | null {
  const port = req.socket.localPort;
  const names = new Set([...LOOPBACK_NAMES, listenHost.toLowerCase()]);
  const hosts = new Set([...names].map((name) => `${name}:${port}`));
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return 'The admin API only answers requests to this computer.';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(originHost(origin)))
    return 'The admin API does not accept requests from web pages.';
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return 'The admin API does not accept requests from web pages.';
  return null;
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}
