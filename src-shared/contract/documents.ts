import { z } from 'zod';
import { call } from './define';
import { ClientId, IsoDateTime } from './common';

/** The largest file a client document may be; anything larger is refused before it is stored. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** How long a removed document can be brought back before its row (and, if unshared, its file) goes. */
export const DOCUMENT_UNDO_DAYS = 30;

export const DocumentId = z.number().int().positive();

const DocumentName = z
  .string()
  .trim()
  .min(1, 'A document needs a name')
  .max(255, 'A document name can be at most 255 characters')
  .refine((name) => !/[/\\\0]/.test(name), 'A document name cannot contain / or \\');

export const ClientDocument = z.object({
  id: DocumentId,
  clientId: ClientId,
  name: z.string(),
  /** The file's media type as the browser named it (application/pdf, image/jpeg…). */
  type: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  addedAt: IsoDateTime,
  addedBy: z.string(),
  visibleInPortal: z.boolean(),
});
export type ClientDocument = z.infer<typeof ClientDocument>;

export const ClientDocuments = z.object({
  documents: z.array(ClientDocument),
  /** "Visible in portal" can be turned on only while this is true. */
  portalEnabled: z.boolean(),
});
export type ClientDocuments = z.infer<typeof ClientDocuments>;

/**
 * How a file reaches staff: Electron opens it with the system's app (or saves
 * it where staff chose); the browser host gives an address to download it from.
 */
export const FileHandoffResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('opened') }),
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('download'), url: z.string() }),
]);
export type FileHandoffResult = z.infer<typeof FileHandoffResult>;

/**
 * Addresses of the browser host's file routes: bytes travel as bytes, not as
 * JSON. Electron sends an upload's bytes through `documents.add` over IPC.
 */
export const filePaths = {
  /** POST the file's bytes; `?clientId=&name=&type=`. Answers a CallResult<ClientDocument>. */
  documentUpload: '/api/files/documents',
  documentDownload: (id: number) => `/api/files/documents/${id}`,
  clientExport: (clientId: number) => `/api/files/export/${clientId}`,
} as const;

export const documentsContract = {
  'documents.list': call(z.object({ clientId: ClientId }), ClientDocuments),
  /** The Electron host's upload: the bytes cross IPC as a Uint8Array (never as JSON). */
  'documents.add': call(
    z.object({
      clientId: ClientId,
      name: DocumentName,
      type: z.string().max(255).default(''),
      content: z.instanceof(Uint8Array, {
        message: 'Send the file through the upload, not inside a call',
      }),
    }),
    ClientDocument,
  ),
  'documents.rename': call(z.object({ id: DocumentId, name: DocumentName }), ClientDocument),
  'documents.remove': call(z.object({ id: DocumentId }), ClientDocument),
  /** Undo of a remove, within DOCUMENT_UNDO_DAYS. */
  'documents.restore': call(z.object({ id: DocumentId }), ClientDocument),
  'documents.setVisibleInPortal': call(
    z.object({ id: DocumentId, visible: z.boolean() }),
    ClientDocument,
  ),
  /** Opens it with the system's app, or answers where to download it; either is in the access log. */
  'documents.open': call(z.object({ id: DocumentId }), FileHandoffResult),
} as const;
