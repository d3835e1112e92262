import type { QboCustomer } from '../company/customer.js';
import { createCompanyStore, type CustomerFields } from '../company/store.js';
import type { FaultKnobs, FaultPatch } from '../faults.js';
import type { OAuthApp } from '../oauth/clients.js';
import type { RequestLogEntry } from '../request-log.js';
import type { SandboxState } from '../state.js';
import { formatQboTime } from '../time-format.js';

export interface SandboxStats {
  total: number;
  byStatus: Record<string, number>;
  /** Most accounting requests one company had in flight at once. */
  maxInFlight: number;
  /** Most accounting requests one company sent within any 60 s of sandbox time. */
  maxPerMinute: number;
}

/** The admin operations, typed, for tests that run the sandbox in-process. */
export interface SandboxAdmin {
  listCustomers(): QboCustomer[];
  getCustomer(id: string): QboCustomer | undefined;
  createCustomer(fields: CustomerFields): QboCustomer;
  updateCustomer(id: string, fields: CustomerFields): QboCustomer;
  deactivateCustomer(id: string): QboCustomer;
  reactivateCustomer(id: string): QboCustomer;
  deleteCustomer(id: string): void;
  /** `fromId` disappears (reported Deleted by CDC); `intoId` survives. */
  mergeCustomers(fromId: string, intoId: string): QboCustomer;
  now(): string;
  advanceClock(ms: number): string;
  /** Reseeds the company; tokens, clients and faults stay so a connected app keeps working. */
  reset(options?: { customers?: number; seed?: number }): void;
  getFaults(): FaultKnobs;
  setFaults(patch: FaultPatch): FaultKnobs;
  clearFaults(): FaultKnobs;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  stats(): SandboxStats;
  setAutoApprove(enabled: boolean): void;
  registerClient(app: OAuthApp): void;
  registerRedirectUri(uri: string, clientId?: string): void;
  expireAccessTokens(): void;
  expireRefreshTokens(): void;
  revokeAllTokens(): void;
}

// Copies keep callers from mutating the store behind its back.
const copy = <T>(value: T): T => structuredClone(value);

export function createAdminApi(state: SandboxState): SandboxAdmin {
  return {
    listCustomers: () => state.company.live().map((row) => copy(row.data)),
    getCustomer: (id) => {
      const row = state.company.get(id);
      return row ? copy(row.data) : undefined;
    },
    createCustomer: (fields) => copy(state.company.create(fields)),
    updateCustomer: (id, fields) => copy(state.company.update(id, fields)),
    deactivateCustomer: (id) => copy(state.company.deactivate(id)),
    reactivateCustomer: (id) => copy(state.company.reactivate(id)),
    deleteCustomer: (id) => state.company.remove(id),
    mergeCustomers: (fromId, intoId) => copy(state.company.merge(fromId, intoId)),
    now: () => formatQboTime(state.clock.now()),
    advanceClock(ms) {
      state.clock.advance(ms);
      return formatQboTime(state.clock.now());
    },
    reset(options = {}) {
      state.customers = options.customers ?? state.customers;
      state.seed = options.seed ?? state.seed;
      state.company = createCompanyStore({
        realmId: state.company.realmId,
        companyName: state.company.companyName,
        customers: state.customers,
        seed: state.seed,
        clock: state.clock,
      });
    },
    getFaults: () => state.faults.get(),
    setFaults: (patch) => state.faults.set(patch),
    clearFaults: () => state.faults.reset(),
    requests: () => state.log.all(),
    clearRequests() {
      state.log.clear();
      state.traffic.resetPeaks();
    },
    stats() {
      const entries = state.log.all();
      const byStatus: Record<string, number> = {};
      for (const e of entries) byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
      return { total: entries.length, byStatus, ...state.traffic.peaks() };
    },
    setAutoApprove(enabled) {
      state.autoApprove = enabled;
    },
    registerClient: (app) => state.clients.register(app),
    registerRedirectUri: (uri, clientId = state.defaultClient.clientId) =>
      state.clients.addRedirectUri(clientId, uri),
    expireAccessTokens: () => void state.tokens.expireAllAccessTokens(),
    expireRefreshTokens: () => void state.tokens.expireAllRefreshTokens(),
    revokeAllTokens: () => state.tokens.revokeAll(),
  };
}
