import { isAppUrl, type RendererLocation } from './app-url';

/** The parts of Electron's IpcMainInvokeEvent the check reads (structural, so tests can build one). */
export interface IpcSenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface AppWindowLike {
  isDestroyed(): boolean;
  webContents: { id: number };
}

/**
 * A call is answered only when it comes from the top frame of our own window
 * showing our own page: not from an iframe, another window, or a page the
 * window was somehow navigated to.
 */
export function isTrustedSender(
  event: IpcSenderEvent,
  window: AppWindowLike | null,
  location: RendererLocation,
): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, location);
}
