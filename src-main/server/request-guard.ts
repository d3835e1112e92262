import type { IncomingMessage } from 'node:http';

/**
 * Which requests the browser host answers. It listens on 127.0.0.1 only, but a
 * page from another site can still reach it through the user's browser: by
 * DNS rebinding (a foreign name resolving to 127.0.0.1, caught by the Host
 * check) or by a cross-site request (caught by the Origin check).
 */
export interface RequestGuard {
  /** Why the request is refused, or null when it may proceed. */
  refusal(req: IncomingMessage): string | null;
}

export function createRequestGuard(
  port: number,
  extraOrigins: readonly string[] = [],
): RequestGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([
    ...[...hosts].map((host) => `http://${host}`),
    ...extraOrigins.map(normalizeOrigin),
  ]);
  return {
    refusal(req) {
      const host = req.headers.host?.toLowerCase();
      if (!host || !hosts.has(host))
        return 'This address only answers the EquineOps app on this computer.';
      const origin = req.headers.origin;
      // Browsers omit Origin on same-origin GETs; when it is present it must be ours ("null" is not).
      if (origin !== undefined && !origins.has(normalizeOrigin(origin))) {
        return 'Requests from other web sites are not accepted.';
      }
      // A `no-cors` request (an <img>, a <script>, a bare EventSource from another site) sends no Origin,
      // but the browser still says where it came from.
      const fetchSite = req.headers['sec-fetch-site'];
      if (fetchSite === 'cross-site') {
        return req.headers['sec-fetch-mode'] === 'navigate'
          ? 'For your clients’ privacy, EquineOps does not open from links on other web sites. Paste the address EquineOps printed into the address bar instead.'
          : 'Requests from other web sites are not accepted.';
      }
      // Another port on this computer is "same-site" and gets SameSite cookies: only a named, allowed origin may call.
      const isApi = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.startsWith('/api/');
      if (isApi && fetchSite === 'same-site' && origin === undefined) {
        return 'Requests from other web sites are not accepted.';
      }
      return null;
    },
  };
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
