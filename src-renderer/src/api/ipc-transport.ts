import type { CallResult, PreloadApi, Transport } from '../../../src-shared/contract';

/** The Electron host: the preload's `window.api` already speaks the contract. */
export function createIpcTransport(preload: PreloadApi): Transport {
  return {
    invoke(method, input) {
      const call = preload[method] as (input: unknown) => Promise<CallResult<unknown>>;
      return call(input);
    },
    subscribe(listener) {
      return preload.onEvent(listener);
    },
  };
}
