import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopHost } from './platform/electron/desktop-host';

/*
 * The Electron app's entry point. Everything the host does is in
 * platform/electron/desktop-host.ts, so tests can start it against a double
 * of the electron module; everything the app does is in the core (core.ts).
 */
startDesktopHost({ outDir: dirname(fileURLToPath(import.meta.url)), env: process.env });
