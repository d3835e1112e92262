import {
  connectWithAutoApprove,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from './index.js';
import type { SandboxTokens } from './oauth/connect.js';

/** A sandbox on a random port with a connected app, for the sandbox's own tests. */
export interface ConnectedSandbox {
  sandbox: RunningSandbox;
  tokens: SandboxTokens;
  /** GET (or any method) on /v3/company/{realm}/{path} with the bearer token. */
  api(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  query(sql: string): Promise<Response>;
  admin(path: string, method?: string, body?: unknown): Promise<Response>;
}

export async function startConnected(options: SandboxOptions = {}): Promise<ConnectedSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    customers: 50,
    seed: 3,
    ...options,
    autoApprove: true,
  });
  const tokens = await connectWithAutoApprove(sandbox);
  if (options.autoApprove === false) sandbox.admin.setAutoApprove(false);
  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${sandbox.url}/v3/company/${sandbox.realmId}/${path}`, {
      ...init,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${init.token ?? tokens.access_token}`,
        ...init.headers,
      },
    });
  return {
    sandbox,
    tokens,
    api,
    query: (sql) => api(`query?query=${encodeURIComponent(sql)}&minorversion=75`),
    admin: (path, method = 'GET', body) =>
      fetch(`${sandbox.url}/admin${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
