import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The browser host's per-launch key. Anyone on the computer can reach
 * 127.0.0.1, so a call must prove it comes from a tab opened with the address
 * the host printed: that address carries the key (`/?key=…`), the host answers
 * it with an HttpOnly, SameSite=Strict cookie and sends the tab on to `/`.
 * A cookie rather than a header because EventSource cannot send headers; the
 * key never reaches the page's scripts, and a new launch makes a new key.
 */
export interface LaunchKey {
  /** The key itself, for the address the host prints. */
  readonly value: string;
  /** `name=value`, for tools in this process that call the host (tests, scripts). */
  readonly cookie: string;
  /** Whether the request carries the key in its cookie. */
  carries(req: IncomingMessage): boolean;
  /** Whether `candidate` (e.g. the `key` query parameter) is the key. */
  matches(candidate: string | null): boolean;
  /** The Set-Cookie header that hands the key to the tab. */
  setCookieHeader(): string;
}

export const LAUNCH_KEY_PARAM = 'key';

export function createLaunchKey(
  port: number,
  value = randomBytes(32).toString('base64url'),
): LaunchKey {
  // Cookies are not kept apart by port: a name per port lets two hosts on one computer coexist.
  const name = `equineops_key_${port}`;
  const matches = (candidate: string | null): boolean => {
    if (candidate === null) return false;
    const left = Buffer.from(candidate);
    const right = Buffer.from(value);
    return left.length === right.length && timingSafeEqual(left, right);
  };
  return {
    value,
    cookie: `${name}=${value}`,
    matches,
    carries: (req) => matches(cookieValue(req.headers.cookie, name)),
    setCookieHeader: () => `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`,
  };
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
