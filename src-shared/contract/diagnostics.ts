import { z } from 'zod';
import { call } from './define';
import { Empty } from './common';

/** The support bundle: a zip staff save and send to support. */
export const DiagnosticsBundle = z.object({
  /** e.g. equineops-diagnostics-2026-03-02-1015.zip */
  fileName: z.string(),
  /** The zip itself; calls carry JSON, so it travels as base64. */
  zipBase64: z.string(),
});
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundle>;

export const LibraryLicense = z.object({
  name: z.string(),
  version: z.string(),
  /** The SPDX expression from the library's package.json, or "Unknown". */
  license: z.string(),
});
export type LibraryLicense = z.infer<typeof LibraryLicense>;

export const AboutInfo = z.object({
  host: z.enum(['electron', 'browser']),
  version: z.string(),
  dataFolder: z.string(),
  logFolder: z.string(),
  versions: z.object({
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    node: z.string(),
    os: z.string(),
  }),
  /** The libraries shipped with the app (production dependencies and theirs). */
  licenses: z.array(LibraryLicense),
});
export type AboutInfo = z.infer<typeof AboutInfo>;

export const diagnosticsContract = {
  'diagnostics.bundle': call(Empty, DiagnosticsBundle),
  /**
   * The desktop app only: asks where to save the bundle (a save dialog) and
   * writes it there; `path` is null when staff cancelled. The browser host
   * refuses it: the page downloads diagnostics.bundle instead.
   */
  'diagnostics.save': call(Empty, z.object({ path: z.string().nullable() })),
  'app.about': call(Empty, AboutInfo),
} as const;
