import type { Transport } from '../../../src-shared/contract';
import { createApi } from './api-client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/**
 * Chosen once at start-up: inside Electron the preload exposes `window.api`;
 * anywhere else the page was served by the browser host over HTTP.
 */
export const transport: Transport = window.api
  ? createIpcTransport(window.api)
  : createHttpTransport();

export const api = createApi(transport);
export { ApiError, readableMessage } from './api-error';
