export type WindowOpen = (url: string, target: string, features: string) => unknown;

/**
 * The browser host's "system browser" is a new tab. It opens without a handle
 * back to the app (noopener) and without telling the page where it came from
 * (noreferrer); only web addresses are opened, never javascript: or file:.
 */
export function openInNewTab(url: string, open: WindowOpen): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  open(url, '_blank', 'noopener,noreferrer');
  return true;
}
