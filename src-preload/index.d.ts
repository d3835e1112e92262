import type { PreloadApi } from '../src-shared/contract';

declare global {
  interface Window {
    /** Present in the Electron app (the preload); absent in the browser host, which uses HTTP. */
    api?: PreloadApi;
  }
}

export {};
