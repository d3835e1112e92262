import {
  ipcChannels,
  methods,
  type CallResult,
  type EventName,
} from '../../../src-shared/contract';
import type { RawDispatcher } from '../../api/dispatcher';
import type { EventBus } from '../../events';
import type { IpcSenderEvent } from './sender-check';

/** The part of Electron's ipcMain used here; tests pass a spy. */
export interface IpcHandleRegistry<E extends IpcSenderEvent = IpcSenderEvent> {
  handle(
    channel: string,
    listener: (event: E, input: unknown) => Promise<CallResult<unknown>>,
  ): void;
  removeHandler(channel: string): void;
}

export interface ContractIpcOptions<E extends IpcSenderEvent> {
  ipcMain: IpcHandleRegistry<E>;
  dispatcher: RawDispatcher;
  isTrustedSender(event: E): boolean;
}

/**
 * One `ipcMain.handle` per contract method, derived from the contract so no
 * file lists the methods by hand. Each checks the sender before the
 * dispatcher validates the payload. Returns a function that removes them.
 */
export function registerContractIpc<E extends IpcSenderEvent>(
  options: ContractIpcOptions<E>,
): () => void {
  for (const method of methods) {
    options.ipcMain.handle(ipcChannels.call(method), async (event, input) => {
      if (!options.isTrustedSender(event)) {
        throw new Error(`Refused "${method}": the request did not come from the EquineOps window.`);
      }
      return options.dispatcher.invoke(method, input);
    });
  }
  return () => {
    for (const method of methods) options.ipcMain.removeHandler(ipcChannels.call(method));
  };
}

/** Pushes the core's events to the window (the preload's `onEvent`). */
export function forwardCoreEvents(
  events: EventBus,
  send: (channel: string, event: EventName, payload: unknown) => void,
): () => void {
  return events.subscribe((event, payload) => send(ipcChannels.events, event, payload));
}
