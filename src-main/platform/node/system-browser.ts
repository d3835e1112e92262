import { spawn } from 'node:child_process';
import { AppError } from '../../errors';
import type { OpenExternal } from '../ports';

/** An OpenExternal that also remembers what it opened, so tests and e2e can check it. */
export interface RecordingOpenExternal extends OpenExternal {
  /** Addresses opened so far, oldest first (the last 50). */
  readonly opened: readonly string[];
}

export interface SystemBrowserOptions {
  /** false: only record the address (tests, e2e); true (default): also launch the system browser when there is a desktop. */
  launch?: boolean;
  platform?: NodeJS.Platform;
}

const REMEMBERED = 50;

/**
 * Opens http(s) addresses in the system browser with the platform's opener
 * (xdg-open, open, start). A missing opener is not an error: the browser host
 * may run on a machine with no desktop, and the address is still recorded.
 */
export function createSystemBrowser(options: SystemBrowserOptions = {}): RecordingOpenExternal {
  const opened: string[] = [];
  const launch = options.launch ?? true;
  const platform = options.platform ?? process.platform;
  return {
    opened,
    async open(url) {
      if (!isWebAddress(url)) {
        throw new AppError('validation', 'Only web addresses (http or https) can be opened.');
      }
      opened.push(url);
      if (opened.length > REMEMBERED) opened.shift();
      if (launch && hasDesktop(platform)) launchOpener(platform, url);
    },
  };
}

export function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Without a display (a server, CI, headless e2e) xdg-open has nothing to open a browser on. */
function hasDesktop(platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function launchOpener(platform: NodeJS.Platform, url: string): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? // Not `cmd /c start`: cmd would re-parse the & in query strings.
          ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the address stays recorded.
  }
}
