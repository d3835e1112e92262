import { fileURLToPath } from 'node:url';

/** Where the window's page comes from: electron-vite's dev server, or the built file. */
export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; file: string };

export function rendererLocation(
  devServerUrl: string | undefined,
  builtIndexHtml: string,
): RendererLocation {
  return devServerUrl
    ? { kind: 'dev-server', url: devServerUrl }
    : { kind: 'file', file: builtIndexHtml };
}

/**
 * Whether an address is the app's own page (any hash route of it). Used to
 * allow navigation and to trust IPC senders, so it compares exactly: the same
 * origin for the dev server, the same file for the built app.
 */
export function isAppUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === new URL(location.url).origin;
  if (url.protocol !== 'file:' || url.host !== '') return false;
  try {
    return fileURLToPath(url) === location.file;
  } catch {
    return false;
  }
}
