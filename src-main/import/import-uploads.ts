import { randomUUID } from 'node:crypto';
import {
  IMPORT_MAX_ROWS,
  type ImportField,
  type ImportResolution,
} from '../../src-shared/contract';
import { AppError } from '../errors';
import type { ClassifiedImport } from './import-commit';

/** Uploads kept at once: the file being imported and one left by an abandoned wizard. */
const KEPT_UPLOADS = 2;
/** An upload nobody used for this long was left by a closed wizard: its rows are let go. */
export const UPLOAD_IDLE_MS = 30 * 60 * 1000;

interface Upload {
  fields: ImportField[];
  rows: string[][];
  usedAt: number;
  /** The last preview, with the rows' choices (unticked, resolved) and the database state it was made for. */
  preview?: { choices: string; databaseState: string; result: ClassifiedImport };
}

/**
 * A file's rows, sent ahead in chunks (import.stageRows) and held on the
 * database worker until the preview and the commit use them. Receiving
 * 200,000 rows in one call would hold the main thread for most of a second;
 * in chunks of 10,000 it is never held for more than a few milliseconds.
 */
export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();

  stage(
    uploadId: string | null,
    fields: ImportField[],
    rows: string[][],
  ): {
    uploadId: string;
    rows: number;
  } {
    if (uploadId === null) {
      requireRowWidth(fields.length, rows);
      const id = randomUUID();
      this.uploads.set(id, { fields, rows: [...rows], usedAt: Date.now() });
      for (const old of [...this.uploads.keys()].slice(0, -KEPT_UPLOADS)) this.uploads.delete(old);
      return { uploadId: id, rows: rows.length };
    }
    const upload = this.get(uploadId, fields);
    if (upload.length + rows.length > IMPORT_MAX_ROWS) {
      throw new AppError(
        'validation',
        `The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows. Split it into smaller files and import them one after another.`,
      );
    }
    requireRowWidth(fields.length, rows, upload.length + 1);
    for (const row of rows) upload.push(row);
    // Rows added after a preview make that preview stale.
    delete this.uploads.get(uploadId)!.preview;
    return { uploadId, rows: upload.length };
  }

  /** The rows of an upload, which must have been sent with the same columns. */
  get(uploadId: string, fields: readonly ImportField[]): string[][] {
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      throw new AppError(
        'not_found',
        'The file’s rows are no longer held (EquineOps may have restarted). Choose the file again.',
        { detail: `import upload ${uploadId} not found` },
      );
    }
    upload.usedAt = Date.now();
    if (upload.fields.join(',') !== fields.join(',')) {
      throw new AppError(
        'validation',
        'The columns changed since the file was sent. Go back to the preview and try again.',
      );
    }
    return upload.rows;
  }

  /** Remembers a preview, so a commit with nothing changed since can reuse it. */
  rememberPreview(
    uploadId: string,
    choices: RowChoices,
    databaseState: string,
    result: ClassifiedImport,
  ): void {
    const upload = this.uploads.get(uploadId);
    if (upload) upload.preview = { choices: choicesKey(choices), databaseState, result };
  }

  /** The remembered preview, if it was made for these rows' choices and this database state. */
  unchangedPreview(
    uploadId: string,
    choices: RowChoices,
    databaseState: string,
  ): ClassifiedImport | null {
    const preview = this.uploads.get(uploadId)?.preview;
    if (!preview) return null;
    if (preview.choices !== choicesKey(choices) || preview.databaseState !== databaseState)
      return null;
    return preview.result;
  }

  drop(uploadId: string): void {
    this.uploads.delete(uploadId);
  }

  /** Lets go of uploads idle longer than UPLOAD_IDLE_MS (the worker asks every few minutes). */
  dropIdle(now = Date.now()): void {
    for (const [id, upload] of this.uploads)
      if (now - upload.usedAt > UPLOAD_IDLE_MS) this.uploads.delete(id);
  }
}

/** What the person chose in the preview: the rows unticked and the shared emails resolved. */
export interface RowChoices {
  excluded: readonly number[];
  resolutions: readonly ImportResolution[];
}

function choicesKey({ excluded, resolutions }: RowChoices): string {
  const resolved = [...resolutions]
    .sort((a, b) => a.index - b.index)
    .map((r) => `${r.index}=${r.clientId ?? 'new'}`);
  return `${[...excluded].sort((a, b) => a - b).join(',')}|${resolved.join(',')}`;
}

/** Every row must have one value per chosen column; the message names the row. */
export function requireRowWidth(width: number, rows: readonly string[][], firstRow = 1): void {
  const bad = rows.findIndex((row) => row.length !== width);
  if (bad !== -1) {
    throw new AppError(
      'validation',
      `Row ${bad + firstRow} of the file has ${rows[bad]!.length} columns, but the file has ${width}. Check the file and choose it again.`,
    );
  }
}
