import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Where the app finds its Intuit app keys: the environment first, then a JSON
 * config file outside the repo (EQUINEOPS_CONFIG, or quickbooks.json in the
 * data folder). Never from source.
 */
export interface QuickBooksConfig {
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'production';
  /** A fixed redirect (an HTTPS relay for production keys); null = loopback on a random port. */
  redirectUri: string | null;
  /** The loopback port a relay forwards to; only used with a fixed redirectUri. */
  loopbackPort?: number;
  endpoints: QuickBooksEndpoints;
}

export interface QuickBooksEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  /** Base of the Accounting API, without /v3. */
  api: string;
}

const intuitEndpoints = (environment: 'sandbox' | 'production'): QuickBooksEndpoints => ({
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  api:
    environment === 'sandbox'
      ? 'https://sandbox-quickbooks.api.intuit.com'
      : 'https://quickbooks.api.intuit.com',
});

/** The qbo-sandbox serves every endpoint from one base address. */
export const sandboxEndpoints = (baseUrl: string): QuickBooksEndpoints => ({
  authorize: `${baseUrl}/connect/oauth2`,
  token: `${baseUrl}/oauth2/v1/tokens/bearer`,
  revoke: `${baseUrl}/v2/oauth2/tokens/revoke`,
  api: baseUrl,
});

/** The app configured for a local qbo-sandbox (tests, the demo, the README screenshot). */
export function sandboxQuickBooksConfig(sandbox: {
  url: string;
  clientId: string;
  clientSecret: string;
}): QuickBooksConfig {
  return {
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    environment: 'sandbox',
    redirectUri: null,
    endpoints: sandboxEndpoints(sandbox.url),
  };
}

/** Where an HTTPS relay for production keys sends the browser back to. */
export const DEFAULT_RELAY_PORT = 53682;

const FileConfig = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  environment: z.enum(['sandbox', 'production']).optional(),
  redirectUri: z.string().url().optional(),
  loopbackPort: z.number().int().min(1024).max(65535).optional(),
  baseUrl: z.string().url().optional(),
});

/**
 * The file's JSON. A syntax error is reported by file, line and column only:
 * JSON.parse quotes the text around the fault, which may be the client secret,
 * and Electron shows start-up errors in a dialog.
 */
function readConfigJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = syntaxErrorPosition(text, error);
    throw new AppError(
      'validation',
      `The QuickBooks configuration file ${path} is not valid JSON (line ${line}, column ${column}). Fix it in a text editor, then start EquineOps again.`,
    );
  }
}

/**
 * V8 gives no position for an unexpected token, only the text around it
 * (ten characters each side, "..." where cut): find that text in the file.
 */
function unexpectedTokenOffset(text: string, message: string): number | null {
  const m = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  if (!m) return null;
  const [, token = '', cut, around = ''] = m;
  const start = text.indexOf(around);
  if (start < 0) return null;
  return cut ? start + 10 : start + Math.max(0, around.indexOf(token));
}

function syntaxErrorPosition(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const stated = /\(line (\d+) column (\d+)\)/.exec(message);
  if (stated) return { line: Number(stated[1]), column: Number(stated[2]) };
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : (unexpectedTokenOffset(text, message) ?? text.length);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export function loadQuickBooksConfig(
  env: NodeJS.ProcessEnv,
  configFile: string | null,
): QuickBooksConfig | null {
  let file: z.infer<typeof FileConfig> = {};
  const path = env.EQUINEOPS_CONFIG ?? configFile;
  if (path && existsSync(path)) {
    const parsed = FileConfig.safeParse(readConfigJson(path));
    if (!parsed.success) {
      // Name the fields only: zod's messages can quote the value, and the value may be the client secret.
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      throw new AppError(
        'validation',
        `The QuickBooks configuration file ${path} is not valid: check ${fields.map((f) => `"${f}"`).join(', ')} (see "Connecting QuickBooks" in the README).`,
      );
    }
    file = parsed.data;
  }
  const clientId = env.QBO_CLIENT_ID ?? file.clientId;
  const clientSecret = env.QBO_CLIENT_SECRET ?? file.clientSecret;
  if (!clientId || !clientSecret) return null;
  const environment =
    (env.QBO_ENVIRONMENT ?? file.environment ?? 'sandbox') === 'production'
      ? 'production'
      : 'sandbox';
  const baseUrl = env.QBO_BASE_URL ?? file.baseUrl;
  return {
    clientId,
    clientSecret,
    environment,
    redirectUri: env.QBO_REDIRECT_URI ?? file.redirectUri ?? null,
    loopbackPort: Number(env.QBO_LOOPBACK_PORT ?? file.loopbackPort ?? DEFAULT_RELAY_PORT),
    endpoints: baseUrl
      ? sandboxEndpoints(baseUrl.replace(/\/$/, ''))
      : intuitEndpoints(environment),
  };
}
