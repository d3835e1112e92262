/**
 * The app needs no browser permission (camera, microphone, location,
 * notifications from the page, clipboard reads, USB, …): every request and
 * every check is answered "no". Notifications come from the main process.
 * Plain functions in Electron's handler shapes, so they are tested without it.
 */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
