import { describe, expect, it } from 'vitest';
import { ipcChannels, type CallResult } from '../../../src-shared/contract';
import { EventBus } from '../../events';
import { forwardCoreEvents, registerContractIpc, type IpcHandleRegistry } from './ipc';
import type { IpcSenderEvent } from './sender-check';

function fakeIpcMain() {
  const handlers = new Map<
    string,
    (event: IpcSenderEvent, input: unknown) => Promise<CallResult<unknown>>
  >();
  const ipcMain: IpcHandleRegistry = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const fromWindow: IpcSenderEvent = {
  sender: { id: 1 },
  senderFrame: { url: 'file:///app/index.html', parent: null },
};

describe('Electron IPC wiring', () => {
  it('hands a call from the app window to the dispatcher with its payload', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const calls: [string, unknown][] = [];
    registerContractIpc({
      ipcMain,
      dispatcher: {
        invoke: async (method, input) => {
          calls.push([method, input]);
          return { ok: true, value: 'answered' };
        },
      },
      isTrustedSender: () => true,
    });
    const result = await handlers.get(ipcChannels.call('clients.get'))?.(fromWindow, { id: 7 });
    expect(result).toEqual({ ok: true, value: 'answered' });
    expect(calls).toEqual([['clients.get', { id: 7 }]]);
  });

  it('refuses a call from any other sender before the dispatcher sees it', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    let invoked = false;
    registerContractIpc({
      ipcMain,
      dispatcher: {
        invoke: async () => {
          invoked = true;
          return { ok: true, value: null };
        },
      },
      isTrustedSender: () => false,
    });
    await expect(
      handlers.get(ipcChannels.call('settings.update'))?.(fromWindow, {}),
    ).rejects.toThrow(/did not come from the EquineOps window/);
    expect(invoked).toBe(false);
  });

  it('forwards core events to the window on the events channel', () => {
    const events = new EventBus();
    const sent: unknown[][] = [];
    const stop = forwardCoreEvents(events, (...args) => sent.push(args));
    events.emit('data.changed', { tables: ['clients'] });
    stop();
    events.emit('data.changed', { tables: ['horses'] });
    expect(sent).toEqual([[ipcChannels.events, 'data.changed', { tables: ['clients'] }]]);
  });
});
