import type { AddressInfo } from 'node:net';
import type { SandboxAdmin } from './admin/api.js';
import type { RequestLogEntry } from './request-log.js';
import { createSandboxServer } from './server.js';
import { createSandboxState, DEFAULTS, type SandboxOptions } from './state.js';

export type { SandboxAdmin, SandboxStats } from './admin/api.js';
export type { QboCustomer, DeletedCustomer, QboAddress } from './company/customer.js';
export type { CustomerFields } from './company/store.js';
export type { FaultKnobs, FaultPatch, Latency } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { SandboxOptions } from './state.js';
export { connectWithAutoApprove, type SandboxTokens } from './oauth/connect.js';

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:8765 (no trailing slash). */
  url: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Endpoint URLs to point a client at. */
  endpoints: {
    authorize: string;
    token: string;
    revoke: string;
    accountingBase: string;
    admin: string;
  };
  admin: SandboxAdmin;
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = createSandboxState(options);
  const { server, admin } = createSandboxServer(state);
  const host = options.host ?? DEFAULTS.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    realmId: state.company.realmId,
    clientId: state.defaultClient.clientId,
    clientSecret: state.defaultClient.clientSecret,
    redirectUris: [...state.defaultClient.redirectUris],
    endpoints: {
      authorize: `${url}/connect/oauth2`,
      token: `${url}/oauth2/v1/tokens/bearer`,
      revoke: `${url}/v2/oauth2/tokens/revoke`,
      accountingBase: `${url}/v3/company/`,
      admin: `${url}/admin`,
    },
    admin,
    requests: () => admin.requests(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
