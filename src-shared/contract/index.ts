import type { z } from 'zod';
import type { CallSpec } from './define';
import { clientsContract } from './clients';
import { settingsContract } from './settings';
import { quickbooksContract } from './quickbooks';
import { syncContract } from './sync';
import { duplicatesContract } from './duplicates';
import { importContract } from './import';
import { backupsContract } from './backups';
import { diagnosticsContract } from './diagnostics';
import { layoutContract } from './layout';
import { documentsContract } from './documents';
import { privacyContract } from './privacy';
import { eventsContract } from './events';
import { databaseContract, databaseEvents } from './database';
import type { CallResult } from './common';

export * from './common';
export * from './clients';
export * from './settings';
export * from './quickbooks';
export * from './sync';
export * from './duplicates';
export * from './import';
export * from './backups';
export * from './diagnostics';
export * from './layout';
export * from './documents';
export * from './privacy';
export * from './events';
export * from './database';
export { call, type CallSpec } from './define';

/** Every call the renderer can make, by name. Hosts and the renderer derive from this. */
export const contract = {
  ...clientsContract,
  ...settingsContract,
  ...quickbooksContract,
  ...syncContract,
  ...duplicatesContract,
  ...importContract,
  ...backupsContract,
  ...diagnosticsContract,
  ...layoutContract,
  ...documentsContract,
  ...privacyContract,
  ...databaseContract,
} as const satisfies Record<string, CallSpec>;

export const events = { ...eventsContract, ...databaseEvents };

export type Contract = typeof contract;
export type Method = keyof Contract;
export const methods = Object.keys(contract) as Method[];

export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** The API the renderer sees, whichever host serves it. */
export type Api = {
  [M in Method]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
};

/** What a transport carries: one call by name, answered as a value or a readable error. */
export interface Transport {
  invoke(method: Method, input: unknown): Promise<CallResult<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

/**
 * The one object the preload exposes as `window.api`: a function per contract
 * call (answered as a value or a readable error) and an event subscription.
 */
export type PreloadApi = {
  [M in Method]: (input: MethodInput<M>) => Promise<CallResult<MethodOutput<M>>>;
} & {
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
};

/** HTTP routes of the browser host, derived from method names. */
export const httpPaths = {
  call: (method: Method) => `/api/call/${method}`,
  events: '/api/events',
} as const;

/** IPC channel names of the Electron host, derived the same way. */
export const ipcChannels = {
  call: (method: Method) => `api:${method}`,
  events: 'api:event',
} as const;
