import { extname } from 'node:path';
import { contentTypeFor, fileInside, RENDERER_CSP } from '../../server/static-files';

/**
 * The built renderer is served from `app://equineops/` instead of `file://`:
 * a page on file:// can read other local files and shares one origin with
 * every file on the disk; a custom standard scheme is its own origin, gets the
 * CSP as a header, and serves nothing outside the renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'equineops';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export type AppRequestAnswer =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 404 | 405; headers: Record<string, string> };

/** What `app://…` answers for a request: a file of the renderer with its headers, or a refusal. */
export function answerAppRequest(
  url: string,
  method: string,
  rendererRoot: string,
): AppRequestAnswer {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: plain };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 404, headers: plain };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST)
    return { status: 404, headers: plain };
  // Hash routes never reach here; a path without an extension is the app itself.
  const path = extname(parsed.pathname) === '' ? '/index.html' : parsed.pathname;
  const file = fileInside(rendererRoot, path);
  if (!file) return { status: 404, headers: plain };
  return {
    status: 200,
    file,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}
