import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-protocol';

/** Where the window's page comes from: electron-vite's dev server, or the built renderer on app://. */
export type RendererLocation =
  { kind: 'dev-server'; url: string } | { kind: 'app'; root: string; url: string };

export function rendererLocation(
  devServerUrl: string | undefined,
  builtRendererRoot: string,
): RendererLocation {
  return devServerUrl
    ? { kind: 'dev-server', url: devServerUrl }
    : { kind: 'app', root: builtRendererRoot, url: `${APP_ORIGIN}/index.html` };
}

/**
 * Whether an address is the app's own page (any hash route of it). Used to
 * allow navigation and to trust IPC senders, so it compares exactly: the same
 * origin for the dev server, the app:// host for the built app.
 */
export function isAppUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === new URL(location.url).origin;
  // Node gives custom schemes an opaque origin ("null"), so scheme and host are compared instead.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}
