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

export function loadQuickBooksConfig(
  env: NodeJS.ProcessEnv,
  configFile: string | null,
): QuickBooksConfig | null {
  let file: z.infer<typeof FileConfig> = {};
  const path = env.EQUINEOPS_CONFIG ?? configFile;
  if (path && existsSync(path)) {
    const parsed = FileConfig.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      throw new AppError('validation', `The QuickBooks configuration file ${path} is not valid.`, {
        detail: parsed.error.message,
      });
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
