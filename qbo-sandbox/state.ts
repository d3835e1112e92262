import { createClock, type SandboxClock } from './clock.js';
import { createCompanyStore, type CompanyStore } from './company/store.js';
import { createFaults, type Faults, type Latency } from './faults.js';
import { createClientRegistry, LOOPBACK_REDIRECTS, type ClientRegistry } from './oauth/clients.js';
import { createTokenStore, type TokenStore } from './oauth/tokens.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { createTraffic, type Traffic } from './traffic.js';

export interface SandboxOptions {
  /** 0 picks a free port. Default 8765. */
  port?: number;
  host?: string;
  customers?: number;
  seed?: number;
  /** Milliseconds, or a distribution. */
  latency?: Latency | null;
  autoApprove?: boolean;
  companyName?: string;
  realmId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Exact URIs, `*` standing for a port. Default: any loopback /callback. */
  redirectUris?: string[];
  /** Start time of the sandbox clock; seeded data lies before it. */
  now?: Date | string | number;
}

export const DEFAULTS = {
  port: 8765,
  host: '127.0.0.1',
  customers: 250,
  seed: 1,
  companyName: 'Sunny Acres Stables',
  realmId: '9341455130122187',
  clientId: 'ABsandboxClientId0000000000000000000000000000000000',
  clientSecret: 'sandboxClientSecret00000000000000000000',
} as const;

/** Everything the sandbox knows, shared by the HTTP server and the in-process admin API. */
export interface SandboxState {
  clock: SandboxClock;
  company: CompanyStore;
  clients: ClientRegistry;
  tokens: TokenStore;
  faults: Faults;
  traffic: Traffic;
  log: RequestLog;
  autoApprove: boolean;
  /** The address it listens on; the admin API answers only requests addressed to it or to loopback. */
  host: string;
  seed: number;
  customers: number;
  startedMs: number;
  defaultClient: { clientId: string; clientSecret: string; redirectUris: string[] };
}

export function createSandboxState(options: SandboxOptions = {}): SandboxState {
  const startMs = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Number.isNaN(startMs)) throw new Error('invalid "now"');
  const clock = createClock(startMs);
  const seed = options.seed ?? DEFAULTS.seed;
  const customers = options.customers ?? DEFAULTS.customers;
  if (!Number.isInteger(customers) || customers < 0 || customers > 100_000) {
    throw new RangeError('customers must be an integer from 0 to 100000');
  }
  const defaultClient = {
    clientId: options.clientId ?? DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
    redirectUris: options.redirectUris ?? [...LOOPBACK_REDIRECTS],
  };
  const faults = createFaults(seed);
  if (options.latency !== undefined) faults.set({ latency: options.latency });
  return {
    clock,
    company: createCompanyStore({
      realmId: options.realmId ?? DEFAULTS.realmId,
      companyName: options.companyName ?? DEFAULTS.companyName,
      customers,
      seed,
      clock,
    }),
    clients: createClientRegistry([defaultClient]),
    tokens: createTokenStore(clock),
    faults,
    traffic: createTraffic(clock),
    log: createRequestLog(),
    autoApprove: options.autoApprove ?? false,
    host: options.host ?? DEFAULTS.host,
    seed,
    customers,
    startedMs: startMs,
    defaultClient,
  };
}
