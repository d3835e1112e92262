import { existsSync, readFileSync } from 'node:fs';

/**
 * Where installed copies look for updates: a generic electron-updater feed
 * (a web folder holding latest.yml and the installers). From the environment
 * (EQUINEOPS_UPDATE_URL) or `update.json` ({"url": "https://…"}) in the data
 * folder, like the QuickBooks keys. Unset means no update checks at all.
 * Only https, except a loopback address for testing a feed on this computer.
 */
export function readUpdateFeedUrl(env: NodeJS.ProcessEnv, configFile: string): string | null {
  const fromEnv = env.EQUINEOPS_UPDATE_URL?.trim();
  const raw = fromEnv || readConfigUrl(configFile);
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The update address "${raw}" is not a web address; updates stay off.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(
      `The update address must start with https:// (got ${url.protocol}); updates stay off.`,
    );
  }
  return url.toString();
}

function readConfigUrl(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown };
    return typeof parsed.url === 'string' && parsed.url.trim() ? parsed.url.trim() : null;
  } catch {
    throw new Error(`${file} is not valid JSON like {"url": "https://…"}; updates stay off.`);
  }
}
