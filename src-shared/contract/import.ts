import { z } from 'zod';
import { call } from './define';
import { ClientId, Empty, IsoDateTime, KeptChange, Ok } from './common';

/** What a CSV column can be imported as. */
export const ImportField = z.enum([
  'name',
  'firstName',
  'lastName',
  'company',
  'email',
  'phone',
  'mobile',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'horses',
  'notes',
]);
export type ImportField = z.infer<typeof ImportField>;
export const importFields = ImportField.options;

/** The largest file the wizard reads; said in the UI too. */
export const IMPORT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;

/**
 * Rows travel as the mapped values only, one array per row in the order of
 * `fields`: 50,000 rows stay a few megabytes of JSON and validate quickly.
 */
const importFieldList = z.array(ImportField).min(1).max(importFields.length);
const importRows = (max: number) => z.array(z.array(z.string().max(20_000))).max(max);
/**
 * The rows' numbers in the file, as Excel shows them, for messages that name
 * a row: [index, number] runs (src-shared/import/row-numbers.ts). None: 1, 2, 3…
 */
const rowNumbering = z
  .array(z.tuple([z.number().int().min(0), z.number().int().positive()]))
  .max(IMPORT_MAX_ROWS)
  .default([]);
const mappedRowsShape = z.object({
  fields: importFieldList,
  /** The rows themselves, or none when they were sent ahead with import.stageRows. */
  rows: importRows(IMPORT_MAX_ROWS).default([]),
  /** Rows sent ahead in chunks (import.stageRows) stand in for `rows`. */
  uploadId: z.string().min(1).max(64).optional(),
  numbering: rowNumbering,
});

/**
 * Rows a file's upload sends a call. A 200,000-row file travels in 20 calls,
 * so no one call keeps the app's main thread busy long enough to be noticed.
 */
export const IMPORT_UPLOAD_CHUNK_ROWS = 10_000;

export const StageImportRowsInput = z.object({
  /** null for a file's first chunk; then the id the first chunk returned. */
  uploadId: z.string().min(1).max(64).nullable(),
  fields: importFieldList,
  rows: importRows(IMPORT_UPLOAD_CHUNK_ROWS),
});
export const StagedImportRows = z.object({
  uploadId: z.string(),
  /** Rows held for this upload so far. */
  rows: z.number().int(),
});
const fieldsAreUnique = (v: { fields: ImportField[] }) =>
  new Set(v.fields).size === v.fields.length;
const fieldsRepeated = {
  message: 'Each field can be taken from one column only',
  path: ['fields'],
};
/** Row indexes the person unticked in the preview: they are classified as if absent from the file. */
const excludedRows = z.array(z.number().int().min(0)).max(IMPORT_MAX_ROWS).default([]);

/**
 * The bookkeeper's answer for a row whose email (or name) belongs to several
 * QuickBooks customers: link it to this one, or (null) import it as a new client.
 */
export const ImportResolution = z.object({
  index: z.number().int().min(0),
  clientId: ClientId.nullable(),
});
export type ImportResolution = z.infer<typeof ImportResolution>;
const resolutions = z.array(ImportResolution).max(IMPORT_MAX_ROWS).default([]);

export const MappedRows = mappedRowsShape
  .extend({ excluded: excludedRows, resolutions })
  .refine(fieldsAreUnique, fieldsRepeated);
export type MappedRows = z.infer<typeof MappedRows>;

export const CommitImportInput = mappedRowsShape
  .extend({ fileName: z.string().trim().min(1).max(500), excluded: excludedRows, resolutions })
  .refine(fieldsAreUnique, fieldsRepeated);

/**
 * green: links to a QuickBooks client · blue: a new manual client · red:
 * skipped, with the reason · amber: several QuickBooks customers share the
 * row's email, and the bookkeeper chooses one (or a new client) before importing.
 */
export const ImportColor = z.enum(['green', 'blue', 'red', 'amber']);
export type ImportColor = z.infer<typeof ImportColor>;

/** One of the QuickBooks customers an amber row can be linked to. */
export const ImportChoice = z.object({
  clientId: ClientId,
  name: z.string(),
  /** What tells it apart: "same name", "sub-customer", "inactive in QuickBooks". */
  note: z.string().nullable(),
});
export type ImportChoice = z.infer<typeof ImportChoice>;

export const ClassifiedRow = z.object({
  index: z.number().int(),
  color: ImportColor,
  /** Why a row is red, or how a green row was matched when it is not the obvious way. */
  reason: z.string().nullable(),
  matchClientId: ClientId.nullable(),
  matchName: z.string().nullable(),
  /** The name the client will have (Name, or First + Last, or Company). */
  displayName: z.string(),
  /**
   * The QuickBooks customers sharing the row's email, when there are several:
   * still listed once the row is resolved, so the choice can be changed.
   */
  choices: z.array(ImportChoice),
  /**
   * Among `choices`, the one customer with the row's very name: the picker
   * offers it first as "suggested (same name)", yet the row waits for a click.
   */
  suggestedClientId: ClientId.nullable(),
});
export type ClassifiedRow = z.infer<typeof ClassifiedRow>;

export const ImportCounts = z.object({
  green: z.number().int(),
  blue: z.number().int(),
  red: z.number().int(),
  /** Rows waiting for the bookkeeper's choice: the import waits for them. */
  amber: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({ rows: z.array(ClassifiedRow), counts: ImportCounts });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportSummary = z.object({
  batchId: z.number().int().positive(),
  linked: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  excluded: z.number().int(),
  horsesLinked: z.number().int(),
  horsesCreated: z.number().int(),
  notesAdded: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportBatch = ImportSummary.omit({ batchId: true }).extend({
  id: z.number().int().positive(),
  fileName: z.string(),
  actor: z.string(),
  importedAt: IsoDateTime,
  undoneAt: IsoDateTime.nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

/** A client the import created that the undo kept: `reason` says what staff did since. */
export const KeptClient = z.object({ clientId: ClientId, name: z.string(), reason: z.string() });
export type KeptClient = z.infer<typeof KeptClient>;

export const ImportUndoResult = z.object({
  removed: z.number().int(),
  kept: z.array(KeptClient),
  /** Horse links the import added to existing clients that staff changed since: they stay. */
  keptLinks: z.array(KeptChange),
  linksRemoved: z.number().int(),
  notesRemoved: z.number().int(),
  horsesRemoved: z.number().int(),
});
export type ImportUndoResult = z.infer<typeof ImportUndoResult>;

const Headers = z.array(z.string().max(500)).max(500);
/** One entry per CSV column, in the file's order: the field it feeds, or null for "Don't import". */
export const ColumnMapping = z.array(ImportField.nullable()).max(500);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const importContract = {
  'import.stageRows': call(StageImportRowsInput, StagedImportRows),
  'import.preview': call(MappedRows, ImportPreview),
  'import.commit': call(CommitImportInput, ImportSummary),
  'import.history': call(Empty, z.array(ImportBatch)),
  'import.undo': call(z.object({ batchId: z.number().int().positive() }), ImportUndoResult),
  'import.savedMapping': call(
    z.object({ headers: Headers }),
    z.object({ mapping: ColumnMapping.nullable() }),
  ),
  'import.saveMapping': call(z.object({ headers: Headers, mapping: ColumnMapping }), Ok),
} as const;
