import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, methods, type EventName, type PreloadApi } from '../src-shared/contract';

/*
 * The renderer's only door to the app: one function per contract call and an
 * event subscription, built from the contract's method list. No ipcRenderer,
 * shell, process or channel of the page's choosing crosses the bridge.
 */

const calls = Object.fromEntries(
  methods.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(ipcChannels.call(method), input),
  ]),
);

const api = {
  ...calls,
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, name: EventName, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(ipcChannels.events, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.events, forward);
    };
  },
} as PreloadApi;

contextBridge.exposeInMainWorld('api', api);
